"""``tail``: a console consumer for change events.

It joins a consumer group of its own (a fresh id each time, committing nothing), so it never
takes records away from another reader and always starts where it is told: at the end, or with
--from-beginning at the first record still in the topic. Records go to stdout, one per line;
what it is doing goes to stderr.
"""

from __future__ import annotations

import sys
import uuid

from confluent_kafka import Consumer, KafkaException
from confluent_kafka.admin import AdminClient

from cdc_lab import StopRequest
from errors import ConfigurationError
from json_text import read_json, write_json
from kafka_client import explain_kafka_error
from settings import TailCommand

# The fields a person reading a change wants first, in this order; the rest is in --full.
DIGEST_FIELDS = ("op", "ts_ms", "before", "after", "source")


def digest(value: str) -> str:
    """op, ts_ms, before, after, source, or the value untouched if it is not a change event.
    json.loads keeps every digit of an int64, so 9007199254740993 stays …993."""
    try:
        event = read_json(value)
    except ValueError:
        return value
    if not isinstance(event, dict) or "op" not in event:
        return value
    return write_json({field: event[field] for field in DIGEST_FIELDS if field in event})


def event_line(topic: str, key: str | None, value: str | None, show_topic: bool, full: bool) -> str:
    shown = "null" if value is None else value if full else digest(value)
    return f"{topic + ' ' if show_topic else ''}key={'null' if key is None else key} {shown}"


def topics_to_tail(command: TailCommand) -> list[str]:
    admin = AdminClient({"bootstrap.servers": ",".join(command.brokers), "socket.connection.setup.timeout.ms": 3000})
    try:
        existing = list(admin.list_topics(timeout=5).topics)
    except KafkaException as error:
        raise explain_kafka_error(error, command.brokers) from error
    under_prefix = sorted(topic for topic in existing if topic.startswith(f"{command.topic_prefix}."))
    if command.topic is not None:
        if command.topic in existing:
            return [command.topic]
        listed = f"; topics under {command.topic_prefix}.: {', '.join(under_prefix)}" if under_prefix else ""
        raise ConfigurationError(f"topic {command.topic} does not exist (yet)", hint=f"the bridge creates a table's topic with its first change{listed}")
    if not under_prefix:
        raise ConfigurationError(f"no topics under {command.topic_prefix}. yet",
                                 hint="start the bridge and change a table: each table gets its topic with its first change")
    return under_prefix


def tail_topics(command: TailCommand) -> None:
    stop = StopRequest()
    topics = topics_to_tail(command)
    consumer = Consumer({
        "bootstrap.servers": ",".join(command.brokers),
        "group.id": f"cdc-lab-04-tail-{uuid.uuid4()}",
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest" if command.from_beginning else "latest",
        "allow.auto.create.topics": False,
    })
    show_topic = command.topic is None
    announced = False

    def on_assign(_consumer: Consumer, _partitions: list[object]) -> None:
        nonlocal announced
        if not announced:
            announced = True
            what = topics[0] if len(topics) == 1 else f"{len(topics)} topics under {command.topic_prefix}."
            print(f"Tailing {what} {'from the beginning' if command.from_beginning else 'from the end'} (Ctrl-C stops)...", file=sys.stderr, flush=True)

    printed = 0
    try:
        consumer.subscribe(topics, on_assign=on_assign)
        while not stop.requested:
            message = consumer.poll(0.25)
            if message is None:
                continue
            if message.error() is not None:
                if message.error().fatal():
                    raise explain_kafka_error(KafkaException(message.error()), command.brokers)
                continue
            key = message.key()
            value = message.value()
            print(event_line(message.topic(), None if key is None else key.decode("utf-8", "replace"),
                             None if value is None else value.decode("utf-8", "replace"), show_topic, command.full), flush=True)
            printed += 1
            if command.max_messages is not None and printed >= command.max_messages:
                break
    finally:
        consumer.close()
