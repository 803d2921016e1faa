"""The stream command, top to bottom: check the source, connect to Kafka, open the slot's
stream, forward changes until Ctrl-C, and stop without confirming anything Kafka has not
acknowledged.

One thread does everything. The loop reads a message from the replication connection, turns it
into records and adds them to the pipeline; while Kafka is behind, add() waits, and the socket
is not read: Postgres waits too. Every wait calls ``service``, which serves Kafka's delivery
callbacks (producer.poll), runs timers (--confirm-delay, progress lines) and sends a status
update when one is due, so that the walsender never hears nothing for wal_sender_timeout.
"""

from __future__ import annotations

import time
from typing import Any, Callable

import psycopg

from acknowledger import Acknowledger
from catalog import read_catalog
from cdc_lab import StopRequest
from decode import decode_pgoutput
from errors import CdcLabError, ReplicationError, SinkError
from event_builder import ChangeEventBuilder
from kafka_client import KafkaConnection, TopicCreator, connect_kafka, explain_delivery_failure
from lsn import format_lsn
from pg_errors import explain_postgres_error
from pipeline import ProducePipeline, Settled
from produce_batch import produce_batch
from publication import ensure_publication, tables_without_replica_identity
from record_batch import CommitPoint, RecordBatch
from records import TopicRouting, kafka_records_for, serialize_record
from replication import ReplicationStream
from replication_settings import replication_params, status_interval_for
from settings import StreamCommand
from timers import Timers

PGOUTPUT = "pgoutput"
# On Ctrl-C, how long to wait for Kafka to acknowledge what is in flight.
FLUSH_TIMEOUT_S = 10.0
# While a batch waits for Kafka, say so this often: a bridge that prints nothing looks hung.
NOTICE_EVERY_S = 5.0
# How long the loop sleeps on a quiet socket before it serves Kafka's callbacks and timers again.
IDLE_WAIT_S = 0.02


def say(line: str) -> None:
    print(line, flush=True)


def run_bridge(command: StreamCommand) -> None:
    # Installed before the Listening line: the grader may press Ctrl-C as soon as it sees it.
    stop = StopRequest()
    sql = _open_sql_connection(command)
    try:
        database, status_interval_ms = _prepare_source(sql, command)
        # Kafka before the slot: a broker that is down should stop us before Postgres keeps WAL for us.
        kafka = connect_kafka(command.brokers)
        try:
            _stream_to_kafka(command, sql, database, status_interval_ms, kafka, stop)
        except ReplicationError as error:
            raise _if_slot_dropped(sql, command.slot, error) or error
        finally:
            kafka.close()
    finally:
        sql.close()


def _open_sql_connection(command: StreamCommand) -> Any:
    """An ordinary connection beside the replication one, for what the stream does not say."""
    try:
        # UTF8 whatever the database says: a SQL_ASCII database would hand names over as bytes.
        return psycopg.connect(command.database_url, autocommit=True, client_encoding="UTF8")
    except psycopg.Error as error:
        raise explain_postgres_error(error, "connect", command.slot) from error


def _prepare_source(sql: Any, command: StreamCommand) -> tuple[str, int]:
    """The publication (created or checked), warnings about tables Postgres cannot publish, settings."""
    try:
        outcome = ensure_publication(sql, command.publication, command.tables)
        what = f"tables {', '.join(command.tables)}" if command.tables else "all tables"
        say(f"Created publication '{command.publication}' for {what}" if outcome == "created" else f"Using publication '{command.publication}'")
        for table in tables_without_replica_identity(sql, command.publication):
            say(f"warning: {table} has no replica identity: Postgres will refuse its UPDATEs and DELETEs while the publication "
                f"publishes them; give it a primary key or run ALTER TABLE {table} REPLICA IDENTITY FULL")
        with sql.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            database = cursor.fetchone()[0]
        interval = command.status_interval_ms if command.status_interval_ms is not None else status_interval_for(sql)
        return database, interval
    except psycopg.Error as error:
        raise explain_postgres_error(error, "query", command.slot) from error


def _if_slot_dropped(sql: Any, slot: str, error: ReplicationError) -> ReplicationError | None:
    """The stream failed and the slot is gone: someone dropped it. The next run would make a new
    slot that starts now; what changed in between is in no slot."""
    try:
        with sql.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_replication_slots WHERE slot_name = %s", (slot,))
            if cursor.fetchone() is not None:
                return None
    except psycopg.Error:
        return None
    return ReplicationError(
        f"slot '{slot}' was dropped while the bridge was reading it ({error.message})",
        hint="the changes after its last confirmed position are in no slot any more: a new run makes a new slot that starts "
        "from now, and Kafka will miss what happened in between. To fill the gap, snapshot the captured tables again (lab 6) "
        "after starting the new slot; to stop it happening, drop only slots whose pg_replication_slots.active is false and "
        "that nothing will read again",
    )


class KafkaSender:
    """One batch to Kafka: its topics first if they are new, then its records; the refusal explained."""

    def __init__(self, kafka: KafkaConnection) -> None:
        self._kafka = kafka
        self._topics = TopicCreator(kafka.admin, say)
        self.batch: RecordBatch | None = None
        self._since = 0.0
        self._next_notice = 0.0

    def send(self, batch: RecordBatch, settled: Settled) -> None:
        self.batch, self._since = batch, time.monotonic()
        self._next_notice = self._since + NOTICE_EVERY_S

        def explained(error: Exception | None) -> None:
            self.batch = None
            if error is not None and not isinstance(error, CdcLabError):
                error = explain_delivery_failure(error, batch.largest(), self._kafka.admin, self._kafka.brokers)
            settled(error)

        self._topics.ensure(batch.topics())
        produce_batch(self._kafka.producer, batch, explained)

    def notice_if_slow(self) -> None:
        if self.batch is None or time.monotonic() < self._next_notice:
            return
        waited = round(time.monotonic() - self._since)
        records = self.batch.records
        say(f"waiting for Kafka: a batch of {records} record{'' if records == 1 else 's'} unacknowledged for {waited} s; "
            "nothing more is confirmed to Postgres until it answers")
        self._next_notice += NOTICE_EVERY_S


def _stream_to_kafka(command: StreamCommand, sql: Any, database: str, status_interval_ms: int, kafka: KafkaConnection, stop: StopRequest) -> None:
    builder = ChangeEventBuilder(command.topic_prefix, database, read_catalog(sql))
    routing = TopicRouting(command.topic_prefix, command.single_topic)
    stream = ReplicationStream.open(
        replication_params(command.database_url), command.slot, PGOUTPUT,
        {"proto_version": "1", "publication_names": command.publication}, status_interval_ms,
    )
    timers = Timers()
    acknowledger = Acknowledger(stream, command.confirm_delay_ms, say, timers)
    sender = KafkaSender(kafka)
    stopping = False
    pipeline: ProducePipeline

    def service(seconds: float) -> None:
        """Let time pass while keeping every promise: Kafka's callbacks, timers, status updates, Ctrl-C."""
        nonlocal stopping
        if stop.requested and not stopping:
            stopping = True
            say("Stopping: reading no more changes; waiting for Kafka to acknowledge what it has")
            pipeline.stop()
        kafka.producer.poll(seconds)
        timers.run_due()
        stream.keep_alive()
        sender.notice_if_slow()

    pipeline = ProducePipeline(sender.send, acknowledger.kafka_acknowledged, service)

    if stream.slot.created:
        say(f"Created slot '{stream.slot.name}' ({PGOUTPUT}) at {format_lsn(stream.slot.confirmed_flush_lsn)}")
    target = f"every table to topic {command.single_topic}" if command.single_topic else f"one topic per table, {command.topic_prefix}.<schema>.<table>"
    say(f"Producing to Kafka at {','.join(command.brokers)}: {target}")
    if command.confirm_delay_ms > 0:
        say(f"--confirm-delay {command.confirm_delay_ms}: confirming to Postgres {command.confirm_delay_ms} ms after Kafka acknowledges (a teaching aid)")
    say(f"Listening on slot '{stream.slot.name}'...")

    failure: BaseException | None = None
    unacknowledged = 0
    try:
        _forward_changes(stream, builder, routing, pipeline, sql, service, lambda: stopping)
        pipeline.stop()
        if not pipeline.flush(FLUSH_TIMEOUT_S):
            unacknowledged = pipeline.unacknowledged
    except BaseException as error:  # noqa: BLE001 - confirm what is safe and close, then raise it
        failure = error
    finally:
        acknowledger.confirm_acknowledged_now()
        stream.close()
    if failure is not None:
        raise failure
    if unacknowledged > 0:
        raise SinkError(
            f"Kafka did not acknowledge {unacknowledged} records within {FLUSH_TIMEOUT_S:.0f} s of Ctrl-C",
            hint=f"they were not confirmed to Postgres, so the next run sends them again; confirmed up to {format_lsn(stream.confirmed_lsn)}",
        )
    say(f"Stopped. Confirmed up to {format_lsn(stream.confirmed_lsn)}: the next run starts after it.")


def _forward_changes(stream: ReplicationStream, builder: ChangeEventBuilder, routing: TopicRouting,
                     pipeline: ProducePipeline, sql: Any, service: Callable[[float], None],
                     stopping: Callable[[], bool]) -> None:
    """The path of one change: receive, decode, shape, records, produce. Nothing here confirms:
    a commit only marks where its transaction ends among the records; the Acknowledger confirms
    once Kafka has acknowledged the batch that carries the mark."""
    xid = 0
    while not stopping():
        if pipeline.failed:
            pipeline.throw_if_failed()
        message = stream.read()
        if message is None:
            service(0)
            stream.wait_readable(IDLE_WAIT_S)
            continue
        decoded = decode_pgoutput(message.payload)
        if decoded.tag == "relation":
            # A new table, or an ALTER TABLE: keys and defaults may have changed.
            builder.update_catalog(read_catalog(sql))
        events = builder.accept(decoded, message.data_start)
        if decoded.tag == "begin":
            xid = decoded.xid
        elif decoded.tag == "commit":
            pipeline.commit(CommitPoint(xid, decoded.end_lsn))
        else:
            for event in events:
                # Waits here while Kafka is behind: this is where backpressure reaches the stream.
                pipeline.add([serialize_record(record) for record in kafka_records_for(event, routing)])
        service(0)
