"""What a NULL becomes in Debezium's JSON. Not always null:

1. A column with a DEFAULT gets that default as its schema's default value, and Kafka's
   JsonConverter (replace.null.with.default=true) writes the default in place of any null.
2. A NOT NULL column is a required field, which cannot hold null: Debezium's converters put a
   zero of the type there (ValueConverter.fallback). Where does a NOT NULL column get a null? In
   the old key of an UPDATE or DELETE under REPLICA IDENTITY DEFAULT: only the key has values.

The default expression is read as Debezium's PostgresDefaultValueConverter reads pg_get_expr()
text: a function call (nextval(…), now()) or CURRENT_TIMESTAMP stands for a fixed placeholder;
otherwise the first '…' literal, or the bare text (5, true); NULL::type means no default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from value_convert import ValueConverter
import value_parsers as p

_GENERATED_PLACEHOLDER = {
    "bit": "00", "varbit": "0", "bool": "false", "bpchar": "", "varchar": "", "text": "", "json": "{}", "jsonb": "{}", "xml": "",
    "numeric": "0.0", "float4": "0.0", "float8": "0.0", "int2": "0", "int4": "0", "int8": "0",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "date": "1970-01-01", "time": "00:00", "timestamp": "1970-01-01", "timestamptz": "1970-01-01", "interval": "epoch",
}
_FUNCTION_CALL = re.compile(r"^[(]?[A-Za-z0-9_.]+\((?:.+(?:, ?.+)*)?\)")
_CURRENT_DATE_TIMES = {"current_timestamp", "current_time", "current_date", "localtime", "localtimestamp"}
_QUOTED_LITERAL = re.compile(r"'(.*?)'")
_NO_DEFAULT = object()


@dataclass(slots=True)
class ColumnFacts:
    type_name: str
    """The column's own type name ('int4', an enum's name, a domain's name)."""
    is_enum: bool
    typmod: int
    not_null: bool
    default_expression: str | None


def null_value_for(converter: ValueConverter, column: ColumnFacts) -> object:
    """The JSON a null of this column turns into."""
    if column.default_expression is not None:
        value = default_value(converter, column, column.default_expression)
        if value is not _NO_DEFAULT:
            return value
    return converter.fallback if column.not_null else None


def default_value(converter: ValueConverter, column: ColumnFacts, expression: str) -> object:
    """The column default as Debezium would emit it, or _NO_DEFAULT when Debezium keeps none."""
    if column.is_enum:
        return _enum_default(column.type_name, expression)
    placeholder = _GENERATED_PLACEHOLDER.get(column.type_name)
    if placeholder is None:
        return _NO_DEFAULT
    literal = _literal_of(expression.strip(), placeholder)
    if literal is None:
        return _NO_DEFAULT
    try:
        return _convert_literal(converter, column, literal)
    except Exception:  # noqa: BLE001 - Debezium logs "Cannot parse column default value" and carries on
        return _NO_DEFAULT


def _literal_of(expression: str, placeholder: str) -> str | None:
    if _FUNCTION_CALL.match(expression) or expression.lower() in _CURRENT_DATE_TIMES:
        return placeholder
    if "'" not in expression:
        return None if expression.startswith("NULL::") else expression
    match = _QUOTED_LITERAL.search(expression)
    return match.group(1) if match else None


def _convert_literal(converter: ValueConverter, column: ColumnFacts, literal: str) -> object:
    name = column.type_name
    if name == "bool":
        return literal.lower() == "true"
    if name in ("int2", "int4", "int8"):
        return p.integer_value(literal)
    if name in ("float4", "float8"):
        return p.float_value(literal)
    if name == "numeric":
        value = p.decimal_literal(literal, column.typmod)
        return _NO_DEFAULT if value is None else value
    if name in ("bpchar", "varchar", "text", "json", "jsonb", "xml", "uuid"):
        return literal
    if name == "interval":
        # The JDBC driver reads the placeholder "epoch" as a zero interval.
        return 0 if literal == "epoch" else converter.from_text(literal)
    if name == "time":
        return converter.from_text(f"{literal}:00" if re.fullmatch(r"\d{2}:\d{2}", literal) else literal)
    if name == "timestamp":
        return converter.from_text(f"{literal} 00:00:00" if len(literal) == 10 else literal)
    if name == "timestamptz":
        # A date alone is midnight in the connection's zone, which is UTC for Debezium.
        return converter.from_text(f"{literal} 00:00:00+00" if len(literal) == 10 else literal)
    return converter.from_text(literal)


def _enum_default(type_name: str, expression: str) -> object:
    """'happy'::mood → "happy"; only when the cast names the enum exactly as its type name."""
    suffix = f"::{type_name}"
    if not expression.endswith(suffix):
        return _NO_DEFAULT
    quoted = expression[: -len(suffix)]
    return quoted[1:-1] if len(quoted) >= 2 and quoted.startswith("'") and quoted.endswith("'") else _NO_DEFAULT
