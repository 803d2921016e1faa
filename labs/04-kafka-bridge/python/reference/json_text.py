"""JSON for change events: compact, keys in insertion order, every digit of an int64.

Python's json module already keeps ints exact (they have no size limit) and dicts ordered, so
the writer is json.dumps with no spaces. NaN and Infinity are refused: JSON has no such
numbers, and the value converters turn them into strings first. Non-ASCII text is written as
it is (UTF-8), as Debezium's Jackson writes it.
"""

from __future__ import annotations

import json

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def write_json(value: object) -> str:
    return _ENCODER.encode(value)


def read_json(text: str) -> object:
    """json.loads keeps 9007199254740993 as that int, where JavaScript's JSON.parse would not."""
    return json.loads(text)
