"""Batching with backpressure, and order by construction. Two batches exist at any time:

  in flight   the one batch Kafka is writing: never more than one
  filling     the batch new records go into

When nothing is in flight, whatever has been added goes out at once: an idle bridge sends each
change as it comes, a busy one sends big batches, because everything that arrives while a batch
is in flight waits for the next. When the filling batch is full and one is in flight, add()
does not return until Kafka has answered: the loop that reads the replication stream stops, the
socket is not read, and Postgres waits. Memory holds two batches, whatever Kafka's speed and
however large a transaction.

One batch in flight means batches are acknowledged in the order they were added, so the
acknowledgement of a batch covers every record added before its last one.

Python has no promises here: ``send(batch, settled)`` hands a batch to Kafka and calls
``settled(error)`` later, from a delivery callback. Callbacks run only inside producer.poll(),
which ``service(seconds)`` calls (it also keeps the replication connection alive and runs
timers): waiting for Kafka is calling service until the batch in flight has settled.
"""

from __future__ import annotations

import time
from typing import Callable

from cdc_lab import todo

from errors import CdcLabError, SinkError
from record_batch import DEFAULT_BATCH_LIMITS, BatchLimits, CommitPoint, RecordBatch
from records import SerializedRecord

Settled = Callable[[Exception | None], None]
SendBatch = Callable[[RecordBatch, Settled], None]
OnAcknowledged = Callable[[RecordBatch], None]
Service = Callable[[float], None]

# How long one wait for Kafka lasts before the loop looks again (stop requests, status updates).
_WAIT_STEP_S = 0.05


class ProducePipeline:
    def __init__(self, send: SendBatch, on_acknowledged: OnAcknowledged, service: Service,
                 limits: BatchLimits = DEFAULT_BATCH_LIMITS) -> None:
        self._send = send
        self._on_acknowledged = on_acknowledged
        self._service = service
        self._limits = limits
        self._filling = RecordBatch(limits)
        self._in_flight: RecordBatch | None = None
        self._in_flight_records = 0
        self._failure: Exception | None = None
        self._stopping = False
        self._settlements = 0

    def add(self, records: list[SerializedRecord]) -> None:
        """Add the records of one change. Returns when there is room for the next change; this
        is where the bridge waits for a slow Kafka. Raises if Kafka refused an earlier batch."""
        self.throw_if_failed()
        for record in records:
            self._filling.add(record)
        self._send_if_idle()
        # TODO: backpressure. The records are in and a send has been tried. When may add() return,
        #   and what does it wait for while it may not? Return at once and the stream runs ahead of
        #   Kafka without bound; wait for ever and Ctrl-C cannot end the loop. And if the batch you
        #   waited for was refused?
        todo("waiting for room in the pipeline", "docs/04-kafka-bridge.md#backpressure")

    def commit(self, point: CommitPoint) -> None:
        """A transaction ended: its commit travels with the batch that holds its last record (or after it)."""
        self.throw_if_failed()
        self._filling.commit(point)
        self._send_if_idle()

    @property
    def unacknowledged(self) -> int:
        """Records Kafka has not acknowledged yet (in flight or waiting)."""
        return self._in_flight_records + self._filling.records

    @property
    def in_flight(self) -> RecordBatch | None:
        return self._in_flight

    @property
    def failed(self) -> bool:
        return self._failure is not None

    def stop(self) -> None:
        """Stop waiting for room (Ctrl-C): add() returns at once from now on. flush() still sends."""
        self._stopping = True

    def flush(self, timeout_s: float = float("inf")) -> bool:
        """Send everything added so far and wait until Kafka has acknowledged it, for at most
        ``timeout_s``. False if time ran out: the rest stays unacknowledged (and unconfirmed)."""
        deadline = time.monotonic() + timeout_s
        while True:
            self.throw_if_failed()
            self._send_if_idle()
            if self._in_flight is None:
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self._service(min(left, _WAIT_STEP_S))

    def _send_if_idle(self) -> None:
        """The one place a batch leaves: only when none is in flight, so that Kafka sees batches in order."""
        if self._in_flight is not None or self._failure is not None or self._filling.is_empty:
            return
        # TODO: the filling batch goes out and becomes the one in flight: self._send(batch, settled)
        #   hands it to Kafka, and Kafka's answer comes later, as a call of settled(error) that you
        #   define here. What must the pipeline remember while the batch is in flight? When Kafka
        #   acknowledges it (error None): who must hear of it, what happens to what filled up
        #   meanwhile? When Kafka refuses it: how do the next add() and flush() learn of it, and
        #   why must nothing be sent after it? (_settlements counts answers: _next_settlement waits for the next.)
        todo("sending the next batch when none is in flight", "docs/04-kafka-bridge.md#batching")

    def _next_settlement(self) -> None:
        """Serve Kafka's callbacks until the batch in flight settles (or a stop is asked for)."""
        seen = self._settlements
        while self._in_flight is not None and self._settlements == seen and not self._stopping:
            self._service(_WAIT_STEP_S)

    def throw_if_failed(self) -> None:
        if self._failure is None:
            return
        if isinstance(self._failure, CdcLabError):
            raise self._failure
        raise SinkError(f"Kafka did not take a batch: {self._failure}")
