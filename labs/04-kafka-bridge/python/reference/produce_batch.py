"""One batch to Kafka, acknowledged through delivery callbacks.

confluent-kafka's produce() only queues a record: librdkafka groups queued records into one
produce request per partition leader (batching by itself, within linger.ms), sends them, and
later reports each record's fate to its ``on_delivery`` callback, from inside producer.poll().
A delivery report without an error means the broker wrote the record, with acks=all on every
in-sync replica. That callback is the acknowledgement the confirmation to Postgres hangs on.
"""

from __future__ import annotations

from typing import Any, Callable

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
    if batch.records == 0:
        # A batch that carries only a commit needs no request: it is acknowledged at once.
        settled(None)
        return
    remaining = batch.records
    failure: DeliveryFailed | None = None

    def delivered(error: Any, message: Any) -> None:
        nonlocal remaining, failure
        if error is not None and failure is None:
            failure = DeliveryFailed(error, message.topic())
        remaining -= 1
        if remaining == 0:
            settled(failure)

    for record in batch.in_order():
        producer.produce(record.topic, value=record.value, key=record.key,
                         headers=list(record.headers.items()) or None, on_delivery=delivered)
    # Serve delivery reports already due; the bridge's loop keeps polling after this.
    producer.poll(0)
