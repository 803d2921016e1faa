"""How one column's values become JSON: a converter chosen once per column from its type OID and
type modifier, then applied to every value's text (Debezium's type table, docs#types)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from type_catalog import PgType, TypeCatalog
import value_parsers as p


@dataclass(slots=True, frozen=True)
class ValueConverter:
    semantic: str
    """What Debezium calls the field's schema (for docs and errors)."""
    from_text: Callable[[str], object]
    unavailable: object
    """Debezium's stand-in for an unchanged TOASTed value of this column."""
    fallback: object
    """The zero Debezium writes for a NOT NULL column without a value (absent_value.py)."""


_STRING_TYPES = {
    "text", "varchar", "bpchar", "char", "name", "xml", "uuid", "json", "jsonb",
    "inet", "cidr", "macaddr", "macaddr8",
    "int4range", "numrange", "int8range", "tsrange", "tstzrange", "daterange",
}
_STRING_SEMANTICS = {"uuid": "io.debezium.data.Uuid", "json": "io.debezium.data.Json", "jsonb": "io.debezium.data.Json", "xml": "io.debezium.data.Xml"}
_EXTENSION_STRING_TYPES = {"citext": "string", "ltree": "io.debezium.data.Ltree", "isbn": "string"}
_ARRAY_ELEMENTS = {
    "int2", "int4", "int8", "oid", "char", "varchar", "text", "bpchar", "numeric", "float4", "float8", "bool",
    "date", "time", "timetz", "timestamp", "timestamptz", "uuid", "json", "jsonb", "bytea",
    "inet", "cidr", "macaddr", "macaddr8", "int4range", "numrange", "int8range", "tsrange", "tstzrange", "daterange",
    "citext", "ltree", "hstore",
}
_ARRAY_UNAVAILABLE = {
    "text": "string-array", "varchar": "string-array", "bpchar": "string-array", "json": "string-array", "jsonb": "string-array",
    "bytea": "bytes-array", "int4": "int-array", "date": "int-array", "int8": "int64-array", "uuid": "uuid-array",
}


def _as_text(value: str) -> str:
    return value


def _make(semantic: str, from_text: Callable[[str], object], fallback: object, unavailable: str = "string") -> ValueConverter:
    return ValueConverter(semantic, from_text, p.unavailable_value(unavailable), fallback)


def converter_for(type_oid: int, typmod: int, types: TypeCatalog, unknown_types: str = "omit") -> ValueConverter | None:
    """None: Debezium does not map the type (include.unknown.datatypes=false) and leaves the column out."""
    resolved = _resolve(type_oid, typmod, types)
    converter = None
    if resolved is not None:
        type_, modifier = resolved
        if type_.kind == "array" or (type_.kind == "named" and type_.name.startswith("_")):
            converter = _array_converter(type_, modifier, types)
        else:
            converter = _scalar_converter(type_, modifier)
    if converter is not None:
        return converter
    return _make("string (unmapped type, as text)", _as_text, "") if unknown_types == "text" else None


def _resolve(type_oid: int, typmod: int, types: TypeCatalog) -> tuple[PgType, int] | None:
    """Follow domains down to the type they constrain; a domain's own modifier applies when the column has none."""
    type_ = types.get(type_oid)
    modifier = typmod
    for _ in range(16):
        if type_ is None:
            return None
        if type_.kind == "domain" and type_.base_oid is not None:
            if modifier < 0:
                modifier = type_.base_typmod if type_.base_typmod is not None else -1
            type_ = types.get(type_.base_oid)
        elif type_.kind == "named" and type_.namespace == "":
            # A Type message names a domain by its base type in pg_catalog.
            return (types.built_in(type_.name) or type_), modifier
        else:
            return type_, modifier
    return None


def _scalar_converter(type_: PgType, typmod: int) -> ValueConverter | None:
    if type_.kind in ("enum", "named") or type_.namespace != "":
        return _user_type_converter(type_)
    precision = 6 if typmod < 0 else typmod
    name = type_.name
    if name in _STRING_TYPES:
        return _make(_STRING_SEMANTICS.get(name, "string"), _as_text, "")
    if name == "bool":
        return _make("boolean", p.boolean_value, False)
    if name in ("int2", "int4"):
        return _make("int16" if name == "int2" else "int32", p.integer_value, 0)
    if name in ("int8", "oid"):
        return _make("int64", p.integer_value, 0)
    if name in ("float4", "float8"):
        return _make("float32" if name == "float4" else "float64", p.float_value, 0)
    if name == "numeric":
        return _make("string (decimal.handling.mode=string)", p.numeric_value, p.numeric_zero(typmod))
    if name == "money":
        return _make("string (decimal.handling.mode=string)", p.money_value, "0.00")
    if name == "bytea":
        return _make("bytes (base64)", lambda value: p.base64(p.bytea_to_bytes(value)), "", "bytes")
    if name in ("bit", "varbit"):
        if typmod == 1:
            return _make("boolean", p.bit_value, False)
        return _make("io.debezium.data.Bits", lambda value: p.base64(p.bits_to_bytes(value)), "")
    if name == "date":
        return _make("io.debezium.time.Date", p.date_to_epoch_days, 0)
    if name == "time":
        if precision <= 3:
            return _make("io.debezium.time.Time", p.time_to_millis, 0)
        return _make("io.debezium.time.MicroTime", p.time_to_micros, 0)
    if name == "timetz":
        return _make("io.debezium.time.ZonedTime", p.timetz_to_iso, "00:00:00Z")
    if name == "timestamp":
        if precision <= 3:
            return _make("io.debezium.time.Timestamp", p.timestamp_to_millis, 0)
        return _make("io.debezium.time.MicroTimestamp", p.timestamp_to_micros, 0)
    if name == "timestamptz":
        return _make("io.debezium.time.ZonedTimestamp", lambda value: p.timestamptz_to_iso(value, precision), "1970-01-01T00:00:00Z")
    if name == "interval":
        return _make("io.debezium.time.MicroDuration", p.interval_to_micros, 0)
    if name == "point":
        return _make("io.debezium.data.geometry.Point", p.point_value, p.point_value("(0,0)"))
    return None


def _user_type_converter(type_: PgType) -> ValueConverter | None:
    if type_.kind == "enum":
        return _make("io.debezium.data.Enum", _as_text, "")
    if type_.name == "hstore":
        return _make("io.debezium.data.Json (hstore)", p.hstore_to_json, "{}", "hstore")
    extension = _EXTENSION_STRING_TYPES.get(type_.name)
    if extension is not None:
        return _make(extension, _as_text, "")
    return _make("string (type named by pgoutput only)", _as_text, "") if type_.kind == "named" else None


def _array_converter(type_: PgType, typmod: int, types: TypeCatalog) -> ValueConverter | None:
    element = types.get(type_.element_oid) if type_.element_oid is not None else None
    supported = element is not None and (element.kind in ("enum", "named") or element.name in _ARRAY_ELEMENTS)
    if type_.element_oid is not None and not supported:
        return None
    # An array type known only by name (`_mood`): its elements are kept as text.
    elements = _scalar_converter(element, typmod) if element is not None else _make("string", _as_text, "")
    if elements is None:
        return None
    convert_one = elements.from_text

    def convert(values: list[object]) -> list[object]:
        return [None if value is None else convert(value) if isinstance(value, list) else convert_one(value) for value in values]  # type: ignore[arg-type]

    return _make(f"array of {elements.semantic}", lambda text: convert(p.parse_array_literal(text)), [],
                 _ARRAY_UNAVAILABLE.get(element.name if element is not None else "", "string"))
