"""From events to Kafka records.

The key decides the partition, so every change of one row lands in one partition, in order.
After a delete comes a tombstone (the same key and headers, a null value), which tells a
compacted topic it may forget the key entirely (Debezium's tombstones.on.delete, on by
default). Debezium sends it after every delete, even one without a key; a truncate gets none.
"""

from __future__ import annotations

import re  # noqa: F401 - yours to use
from dataclasses import dataclass, field, replace  # noqa: F401 - replace is yours to use

from cdc_lab import todo

from envelope import ChangeEvent, Row
from json_text import write_json


@dataclass(slots=True, frozen=True)
class TopicRouting:
    prefix: str
    """topic.prefix: events go to <prefix>.<schema>.<table>."""
    single_topic: str | None = None
    """Send every event to this one topic instead (the "one big topic" strategy)."""


@dataclass(slots=True, frozen=True)
class KafkaRecordDraft:
    topic: str
    key: Row | None
    value: dict[str, object] | None
    """None: a tombstone."""
    headers: dict[str, Row] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class SerializedRecord:
    """A record as Kafka stores it: key, value and headers as JSON text (UTF-8 bytes)."""

    topic: str
    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]


# Where Debezium's topic router (ByLogicalTableRouter, key.enforce.uniqueness=true) keeps the
# table a key came from when several tables share one topic.
TABLE_IDENTIFIER_KEY_FIELD = "__dbz__physicalTableIdentifier"

MAX_TOPIC_NAME = 249


@dataclass(slots=True, frozen=True)
class Route:
    """Where one event goes: the topic, and the key that picks its partition there."""

    topic: str
    key: Row | None


def route_event(event: ChangeEvent, routing: TopicRouting) -> Route:
    """The topic and key of an event. With one topic for all tables, the key must also name the
    table: {"id":1} of users and {"id":1} of orders would otherwise be one key, and compaction
    would let one table's tombstone erase the other table's row."""
    # TODO: pick the topic and the key. By default: the table's own topic, and the event's key as
    #   it is. With routing.single_topic: that one topic for every table, and then what must the
    #   key carry, so that two tables' rows with the same id stay two keys? (TABLE_IDENTIFIER_KEY_FIELD)
    todo("routing an event to its topic and key", "docs/04-kafka-bridge.md#keys-topics-and-tombstones")


def kafka_records_for(event: ChangeEvent, routing: TopicRouting) -> list[KafkaRecordDraft]:
    """The records one event becomes: itself, and a tombstone if it is a delete."""
    # TODO: the records of one event, routed by route_event. Most events are one record. What must
    #   follow a delete, so that a compacted topic can forget the key, and where must it land?
    #   Which operation looks like a delete but gets nothing after it?
    todo("emitting a tombstone after a delete", "docs/04-kafka-bridge.md#keys-topics-and-tombstones")


def topic_for(prefix: str, schema: str, table: str) -> str:
    """Debezium's default topic name, <prefix>.<schema>.<table>, with every character Kafka does
    not allow in a topic name replaced by '_', and at most 249 characters."""
    # TODO: <prefix>.<schema>.<table>, made into a name Kafka accepts. Which characters may a
    #   topic name hold, and how long may it be? A schema called "Sales Data" still needs a topic.
    todo("naming the topic of a table", "docs/04-kafka-bridge.md#keys-topics-and-tombstones")


def serialize_record(record: KafkaRecordDraft) -> SerializedRecord:
    """Key, value and headers as JSON text, ints with all their digits."""
    return SerializedRecord(
        topic=record.topic,
        key=None if record.key is None else write_json(record.key).encode(),
        value=None if record.value is None else write_json(record.value).encode(),
        headers={name: write_json(value).encode() for name, value in record.headers.items()},
    )
