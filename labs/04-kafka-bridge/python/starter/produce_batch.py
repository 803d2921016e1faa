"""One batch to Kafka, acknowledged through delivery callbacks.

confluent-kafka's produce() only queues a record: librdkafka groups queued records into one
produce request per partition leader (batching by itself, within linger.ms), sends them, and
later reports each record's fate to its ``on_delivery`` callback, from inside producer.poll().
A delivery report without an error means the broker wrote the record, with acks=all on every
in-sync replica. That callback is the acknowledgement the confirmation to Postgres hangs on.
"""

from __future__ import annotations

from typing import Any, Callable

from cdc_lab import todo

from record_batch import RecordBatch

Settled = Callable[[Exception | None], None]


class DeliveryFailed(Exception):
    """Kafka refused a record of the batch: the error librdkafka reported for it."""

    def __init__(self, error: Any, topic: str) -> None:
        super().__init__(error.str() if hasattr(error, "str") else str(error))
        self.kafka_error = error
        self.topic = topic


def produce_batch(producer: Any, batch: RecordBatch, settled: Settled) -> None:
    """Queue every record of ``batch`` and call ``settled`` once Kafka has answered for all of
    them: with None if every one was written, with the first refusal otherwise."""
    # TODO: produce the whole batch, in order (batch.in_order()), each record with a delivery
    #   callback (producer.produce(topic, value=…, key=…, headers=…, on_delivery=…)). When may
    #   settled be called: when the records are queued, or when Kafka has answered for every one
    #   of them? How do you know the last answer has come, and what if one of them is a refusal
    #   (wrap it in DeliveryFailed)? Does a batch that carries only a commit need a request?
    todo("producing a batch to Kafka", "docs/04-kafka-bridge.md#batching")
