"""The producer the bridge needs, its topics, and what Kafka's errors mean.

Producer settings, and why each:

  enable.idempotence  the broker drops a retried batch it has already written (producer id and
                      sequence numbers), so a retry after a lost answer adds no duplicate and
                      cannot reorder a partition; it implies acks=all
  acks=all            a record counts as written only once every in-sync replica has it: the
                      only acknowledgement worth confirming to Postgres
  message.timeout.ms=0  never give up on a record: a slow or unreachable broker makes the bridge
                      wait, never skip (the changes are safe in the slot until Kafka takes them)
  partitioner=murmur2_random  murmur2 of the key bytes, as Java clients (and so Debezium) pick
                      partitions: the same key lands in the same partition either way
  linger.ms=5         records produced within 5 ms share a request: batching without delay

Connecting, by contrast, gives up after a few seconds, so that a wrong KAFKA_BROKERS is
reported at once rather than retried for ever.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from confluent_kafka import KafkaError, KafkaException, Producer
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic, ResourceType

from errors import CdcLabError, SinkError
from produce_batch import DeliveryFailed
from record_batch import LargestRecord

BRIDGE_CLIENT_ID = "cdc-lab-04-bridge"
_CONNECT_TIMEOUT_S = 5.0
_DESCRIBE_TIMEOUT_S = 3.0

UNREACHABLE_HINT = ('is the broker running? `pnpm stack status` shows it; KAFKA_BROKERS must name host:port of a broker listener '
                    '(eval "$(pnpm -s stack env)" sets the stack\'s)')


class _QuietUntilConnected(logging.Handler):
    """librdkafka's own complaints, one plain line each on stderr, once connected (before, they
    would only repeat the one error we raise)."""

    def __init__(self) -> None:
        super().__init__()
        self.connected = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.connected and record.levelno >= logging.WARNING:
            level = "error" if record.levelno >= logging.ERROR else "warning"
            print(f"kafka {level}: {record.getMessage()}", file=sys.stderr, flush=True)


class KafkaConnection:
    def __init__(self, brokers: list[str], client_id: str = BRIDGE_CLIENT_ID) -> None:
        self.brokers = brokers
        self._handler = _QuietUntilConnected()
        logger = logging.getLogger(f"{client_id}.librdkafka")
        logger.propagate = False
        logger.addHandler(self._handler)
        logger.setLevel(logging.WARNING)
        common = {"bootstrap.servers": ",".join(brokers), "client.id": client_id, "logger": logger,
                  "socket.connection.setup.timeout.ms": 3000}
        self.admin = AdminClient(common)
        self.producer = Producer({
            **common,
            "enable.idempotence": True,
            "acks": "all",
            "message.timeout.ms": 0,
            "partitioner": "murmur2_random",
            "linger.ms": 5,
        })

    def check_reachable(self) -> None:
        """Ask for the cluster's metadata: the first request that needs a broker to answer."""
        try:
            self.admin.list_topics(timeout=_CONNECT_TIMEOUT_S)
        except KafkaException as error:
            raise explain_kafka_error(error, self.brokers) from error
        self._handler.connected = True

    def close(self) -> None:
        # Records not delivered by now stay unconfirmed; a broker that never answers must not hold us here.
        self.producer.flush(2.0)


def connect_kafka(brokers: list[str]) -> KafkaConnection:
    connection = KafkaConnection(brokers)
    connection.check_reachable()
    return connection


def explain_kafka_error(error: BaseException, brokers: list[str]) -> CdcLabError:
    if isinstance(error, CdcLabError):
        return error
    kafka_error = error.args[0] if isinstance(error, KafkaException) and error.args and isinstance(error.args[0], KafkaError) else None
    message = kafka_error.str() if kafka_error is not None else str(error)
    code = kafka_error.code() if kafka_error is not None else None
    if code in (KafkaError._TRANSPORT, KafkaError._TIMED_OUT, KafkaError._ALL_BROKERS_DOWN, KafkaError._RESOLVE) or "transport" in message.lower():
        return SinkError(f"cannot reach Kafka at {','.join(brokers)}: {message}", hint=UNREACHABLE_HINT)
    if code in (KafkaError.TOPIC_AUTHORIZATION_FAILED, KafkaError.CLUSTER_AUTHORIZATION_FAILED):
        return SinkError(
            f"Kafka refused the bridge: {message}",
            hint="the bridge needs to describe and create topics, write to them, and (as an idempotent producer) IdempotentWrite on the cluster",
        )
    return SinkError(f"Kafka failed: {message}")


class TopicCreator:
    """Topics are made the first time a table has a change, with the broker's defaults, or
    found, if an operator created them first with the partitions and settings they want."""

    def __init__(self, admin: AdminClient, report: Any) -> None:
        self._admin = admin
        self._report = report
        self._known: set[str] | None = None

    def ensure(self, topics: list[str]) -> None:
        if self._known is None:
            self._known = set(self._admin.list_topics(timeout=30).topics)
        missing = [topic for topic in topics if topic not in self._known]
        if not missing:
            return
        futures = self._admin.create_topics([NewTopic(topic) for topic in missing], operation_timeout=30)
        for topic, future in futures.items():
            try:
                future.result()
                self._report(f"Created topic {topic}")
            except KafkaException as error:
                # Another client created it meanwhile: just as good.
                if error.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                    raise
            self._known.add(topic)


# --- A record Kafka will not take --------------------------------------------------------------

_TOO_LARGE = {KafkaError.MSG_SIZE_TOO_LARGE, KafkaError.RECORD_LIST_TOO_LARGE}


def format_bytes(count: int) -> str:
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} kB"
    return f"{count / 1024 / 1024:.1f} MB"


def explain_delivery_failure(error: Exception, largest: LargestRecord | None, admin: AdminClient, brokers: list[str]) -> CdcLabError:
    """Kafka refuses a record above the topic's max.message.bytes, and no retry will change that:
    say which record it is, how big, what the limit is and what to do. Nothing past it has been
    confirmed, so once the limit is raised the next run sends it again."""
    kafka_error = error.kafka_error if isinstance(error, DeliveryFailed) else None
    if kafka_error is None or kafka_error.code() not in _TOO_LARGE or largest is None:
        message = kafka_error.str() if kafka_error is not None else str(error)
        return SinkError(f"Kafka did not take a batch: {message}")
    table, key = _table_of(largest), (largest.key or b"(none)").decode("utf-8", "replace")
    what = f"a change event of table {table}, key {key}"
    limit = _topic_message_limit(admin, largest.topic)
    if limit is not None and largest.bytes <= limit:
        return SinkError(
            f"Kafka refused a request to topic {largest.topic} as too large, although its largest record ({what}, "
            f"{format_bytes(largest.bytes)}) fits the topic's limit of {format_bytes(limit)} (max.message.bytes = {limit})",
            hint="the batch as a whole grew past what the broker takes in one request: keep each batch below max.message.bytes. "
            "Nothing from it on was confirmed to Postgres, so the next run sends it again",
        )
    suggested = -(-(largest.bytes + 64 * 1024) // (1024 * 1024)) * 1024 * 1024
    ways = [
        f"raise the topic's limit: kafka-configs.sh --bootstrap-server {brokers[0] if brokers else '<broker>'} --alter --entity-type topics "
        f"--entity-name {largest.topic} --add-config max.message.bytes={suggested}",
        "(a producer with its own maximum request size, such as a Java client's max.request.size, must be raised with it)",
        "compress on the producer, which shrinks what the broker checks (large text values compress well)",
        f"or, if {table} has REPLICA IDENTITY FULL, ALTER TABLE {table} REPLICA IDENTITY DEFAULT, so that updates and deletes "
        "carry the key, not a second copy of the whole row",
    ]
    accepts = "less" if limit is None else f"{format_bytes(limit)} (max.message.bytes = {limit})"
    return SinkError(
        f"Kafka refused {what}: it is {format_bytes(largest.bytes)} ({largest.bytes} bytes) and topic {largest.topic} accepts at most {accepts}",
        hint="\n".join(["nothing from it on was confirmed to Postgres: once Kafka can take it, the next run sends it. Either",
                        *(f"  {way}" for way in ways)]),
    )


def _topic_message_limit(admin: AdminClient, topic: str) -> int | None:
    try:
        futures = admin.describe_configs([ConfigResource(ResourceType.TOPIC, topic)], request_timeout=_DESCRIBE_TIMEOUT_S)
        entries = next(iter(futures.values())).result(timeout=_DESCRIBE_TIMEOUT_S)
        return int(entries["max.message.bytes"].value)
    except Exception:  # noqa: BLE001 - the limit is a detail of the message; say "less" without it
        return None


def _table_of(record: LargestRecord) -> str:
    try:
        source = json.loads(record.value or b"null").get("source", {})
        return f"{source['schema']}.{source['table']}"
    except Exception:  # noqa: BLE001 - not a change event: the topic says it
        return ".".join(record.topic.split(".")[-2:])
