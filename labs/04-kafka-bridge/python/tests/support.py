"""The fixture capture, decoded and shaped (the Python twin of test/support/fixture.ts)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tests import FIXTURE

from catalog import CatalogFacts, ColumnRow, PrimaryKeyRow, UserTypeRow
from decode import decode_pgoutput
from envelope import ChangeEvent
from event_builder import ChangeEventBuilder
from lsn import parse_lsn
from messages import PgoutputMessage

# A fixed processing time, so that events compare equal run after run.
PROCESSED_AT_US = 1_700_000_000_123_456


@dataclass
class Decoded:
    lsn: int
    message: PgoutputMessage


def load_capture() -> dict[str, Any]:
    with open(FIXTURE, encoding="utf-8") as file:
        return json.load(file)


def catalog_of(capture: dict[str, Any]) -> CatalogFacts:
    return CatalogFacts(
        primary_keys=[PrimaryKeyRow(row["schema"], row["table"], row["columns"]) for row in capture["primaryKeys"]],
        user_types=[UserTypeRow(row["oid"], row["namespace"], row["name"], row["kind"], row["category"], row["elementOid"],
                                row["baseOid"], row["baseTypmod"], row["enumLabels"]) for row in capture["userTypes"]],
        columns=[ColumnRow(row["schema"], row["table"], row["column"], row["notNull"], row["defaultExpression"]) for row in capture["columns"]],
    )


def decode_capture(capture: dict[str, Any]) -> list[Decoded]:
    return [Decoded(parse_lsn(row["lsn"]), decode_pgoutput(bytes.fromhex(row["hex"]))) for row in capture["messages"]]


def shape_capture(capture: dict[str, Any]) -> list[ChangeEvent]:
    builder = ChangeEventBuilder("fixture", capture["database"], catalog_of(capture), clock=lambda: PROCESSED_AT_US)
    events: list[ChangeEvent] = []
    for decoded in decode_capture(capture):
        events.extend(builder.accept(decoded.message, decoded.lsn))
    return events


def events_of(events: list[ChangeEvent], table: str, op: str | None = None) -> list[ChangeEvent]:
    return [event for event in events if event.table == table and (op is None or event.value["op"] == op)]
