"""The text of each Postgres type, as pgoutput sends it, parsed into what Debezium writes.

pgoutput prints values with the walsender session's settings, so the replication connection
sets DateStyle ISO, IntervalStyle postgres, bytea_output hex, extra_float_digits 3 and TimeZone
UTC (replication_settings.py). Every parser reads that one spelling and says so when the text
is something else. Python ints have no size limit: an int64 keeps every digit by itself.
"""

from __future__ import annotations

import base64 as _base64
import hashlib
import re
import struct

from errors import ReplicationError


def unreadable(type_name: str, text: str, expected: str) -> ReplicationError:
    shown = f"{text[:60]}…" if len(text) > 60 else text
    return ReplicationError(
        f"cannot read a {type_name} value from {shown!r}: expected {expected}",
        hint="values are parsed as printed under DateStyle=ISO, IntervalStyle=postgres and bytea_output=hex: "
        "pass the output settings (replication_settings.py) as the replication connection's options",
    )


# --- Booleans and numbers --------------------------------------------------------------------

_INTEGER = re.compile(r"^-?\d+$")
_FLOAT_SPECIALS = {"NaN": "NaN", "Infinity": "Infinity", "-Infinity": "-Infinity"}
_NUMERIC_SPECIALS = {"NaN": "NAN", "Infinity": "POSITIVE_INFINITY", "-Infinity": "NEGATIVE_INFINITY"}


def boolean_value(text: str) -> bool:
    return text.lower() == "t"


def integer_value(text: str) -> int:
    if not _INTEGER.match(text):
        raise unreadable("integer", text, "decimal digits")
    return int(text)


def float_value(text: str) -> float | str:
    special = _FLOAT_SPECIALS.get(text)
    if special is not None:
        return special
    try:
        return float(text)
    except ValueError:
        raise unreadable("floating-point", text, "a decimal number, NaN or ±Infinity") from None


def numeric_value(text: str) -> str:
    """decimal.handling.mode=string: the digits and scale exactly as Postgres printed them."""
    return _NUMERIC_SPECIALS.get(text, text)


def money_value(text: str) -> str:
    negative = text.startswith("-") or text.startswith("(")
    digits = re.sub(r"[^0-9.]", "", text)
    if digits == "":
        raise unreadable("money", text, "an amount such as $1,234.56")
    return f"-{digits}" if negative else digits


def numeric_scale(typmod: int) -> int | None:
    return (typmod - 4) & 0xFFFF if typmod >= 4 else None


def numeric_zero(typmod: int) -> str:
    scale = numeric_scale(typmod) or 0
    return "0" if scale == 0 else f"0.{'0' * scale}"


def decimal_literal(literal: str, typmod: int) -> str | None:
    """A decimal column default as Debezium prints it (BigDecimal at the column's scale)."""
    match = re.match(r"^([+-]?)(\d*)(?:\.(\d*))?$", literal)
    if not match or (match.group(2) == "" and (match.group(3) or "") == ""):
        return None
    integer = re.sub(r"^0+(?=\d)", "", match.group(2)) or "0"
    fraction = match.group(3) or ""
    scale = numeric_scale(typmod)
    if scale is not None:
        if len(fraction) > scale and re.search(r"[1-9]", fraction[scale:]):
            return None
        fraction = fraction[:scale].ljust(scale, "0")
    is_zero = re.fullmatch(r"0*", integer + fraction) is not None
    sign = "-" if match.group(1) == "-" and not is_zero else ""
    return f"{sign}{integer}" if fraction == "" else f"{sign}{integer}.{fraction}"


# --- Bytes ------------------------------------------------------------------------------------

_HEX_BYTEA = re.compile(r"^\\x([0-9a-fA-F]*)$")


def bytea_to_bytes(text: str) -> bytes:
    match = _HEX_BYTEA.match(text)
    if not match or len(match.group(1)) % 2 != 0:
        raise unreadable("bytea", text, "\\x followed by hex digits (bytea_output hex)")
    return bytes.fromhex(match.group(1))


def base64(data: bytes) -> str:
    return _base64.b64encode(data).decode("ascii")


def bit_value(text: str) -> bool:
    if text not in ("0", "1"):
        raise unreadable("bit", text, "0 or 1")
    return text == "1"


def bits_to_bytes(text: str) -> bytes:
    """The rightmost character is bit 0; little-endian bytes, as few as needed (java.util.BitSet)."""
    if not re.fullmatch(r"[01]*", text):
        raise unreadable("bit varying", text, "a string of 0 and 1")
    first_one = text.find("1")
    if first_one < 0:
        return b""
    highest = len(text) - 1 - first_one
    out = bytearray(highest // 8 + 1)
    for bit in range(highest + 1):
        if text[len(text) - 1 - bit] == "1":
            out[bit >> 3] |= 1 << (bit & 7)
    return bytes(out)


def point_value(text: str) -> dict[str, object]:
    match = re.match(r"^\(([^,]+),([^)]+)\)$", text)
    try:
        x, y = float(match.group(1)), float(match.group(2))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        raise unreadable("point", text, "(x,y)") from None
    wkb = struct.pack("<BIdd", 1, 1, x, y)
    return {"x": _number(x), "y": _number(y), "wkb": base64(wkb), "srid": None}


def _number(value: float) -> int | float:
    # JavaScript prints 2.0 as 2; keep the TypeScript reference's bytes.
    return int(value) if value.is_integer() else value


# --- Calendar ---------------------------------------------------------------------------------

MICROS_PER_SECOND = 1_000_000
MICROS_PER_DAY = 86_400_000_000


def days_from_civil(year: int, month: int, day: int) -> int:
    y = year - 1 if month <= 2 else year
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month - 3 if month > 2 else month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    z = days + 719_468
    era = z // 146_097
    day_of_era = z - era * 146_097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    mp = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return year_of_era + era * 400 + (1 if month <= 2 else 0), month, day


def format_iso_date(year: int, month: int, day: int) -> str:
    sign = "-" if year < 0 else "+" if year > 9999 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}"


def format_iso_time(micros_of_day: int, fraction_digits: int | None) -> str:
    """``fraction_digits`` None: the fraction with trailing zeros trimmed (and no dot if none)."""
    seconds, micros = divmod(micros_of_day, MICROS_PER_SECOND)
    clock = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    six = f"{micros:06d}"
    if fraction_digits is None:
        trimmed = six.rstrip("0")
        return clock if trimmed == "" else f"{clock}.{trimmed}"
    return f"{clock}.{six.ljust(fraction_digits, '0')[:fraction_digits]}"


# --- Dates and times --------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4,})-(\d{2})-(\d{2})( BC)?$")
_TIME = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$")
_OFFSET = r"([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?"
_TIME_WITH_ZONE = re.compile(rf"^(\d{{2}}):(\d{{2}}):(\d{{2}})(?:\.(\d{{1,6}}))?{_OFFSET}$")
_TIMESTAMP = re.compile(r"^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?( BC)?$")
_TIMESTAMP_WITH_ZONE = re.compile(rf"^(\d{{4,}})-(\d{{2}})-(\d{{2}}) (\d{{2}}):(\d{{2}}):(\d{{2}})(?:\.(\d{{1,6}}))?{_OFFSET}( BC)?$")

# What Debezium's JDBC driver makes of ±infinity.
TIMESTAMP_INFINITY_MICROS = 9_223_372_036_825_200_000
TIMESTAMP_MINUS_INFINITY_MICROS = -9_223_372_036_832_400_000
DATE_INFINITY_DAYS = days_from_civil(-5_877_611, 6, 21)
DATE_MINUS_INFINITY_DAYS = days_from_civil(-5_877_611, 6, 22)


def _civil_days(year: str, month: str, day: str, before_christ: bool) -> int:
    y = int(year)
    return days_from_civil(1 - y if before_christ else y, int(month), int(day))


def _clock_micros(hours: str, minutes: str, seconds: str, fraction: str | None) -> int:
    whole = (int(hours) * 60 + int(minutes)) * 60 + int(seconds)
    return whole * MICROS_PER_SECOND + int((fraction or "").ljust(6, "0"))


def _offset_micros(sign: str, hours: str, minutes: str | None, seconds: str | None) -> int:
    total = (int(hours) * 60 + int(minutes or 0)) * 60 + int(seconds or 0)
    return (-total if sign == "-" else total) * MICROS_PER_SECOND


def date_to_epoch_days(text: str) -> int:
    if text == "infinity":
        return DATE_INFINITY_DAYS
    if text == "-infinity":
        return DATE_MINUS_INFINITY_DAYS
    match = _DATE.match(text)
    if not match:
        raise unreadable("date", text, "YYYY-MM-DD (DateStyle ISO)")
    return _civil_days(match.group(1), match.group(2), match.group(3), match.group(4) is not None)


def time_to_micros(text: str) -> int:
    match = _TIME.match(text)
    if not match:
        raise unreadable("time", text, "HH:MM:SS[.ffffff]")
    return _clock_micros(*match.groups())


def time_to_millis(text: str) -> int:
    return time_to_micros(text) // 1000


def timestamp_to_micros(text: str) -> int:
    if text == "infinity":
        return TIMESTAMP_INFINITY_MICROS
    if text == "-infinity":
        return TIMESTAMP_MINUS_INFINITY_MICROS
    match = _TIMESTAMP.match(text)
    if not match:
        raise unreadable("timestamp", text, "YYYY-MM-DD HH:MM:SS[.ffffff][ BC] (DateStyle ISO)")
    g = match.groups()
    days = _civil_days(g[0], g[1], g[2], g[7] is not None)
    return days * MICROS_PER_DAY + _clock_micros(g[3], g[4], g[5], g[6])


def timestamp_to_millis(text: str) -> int:
    return timestamp_to_micros(text) // 1000


def timestamptz_to_iso(text: str, precision: int) -> str:
    if text in ("infinity", "-infinity"):
        return text
    match = _TIMESTAMP_WITH_ZONE.match(text)
    if not match:
        raise unreadable("timestamptz", text, "YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]][ BC] (DateStyle ISO)")
    g = match.groups()
    days = _civil_days(g[0], g[1], g[2], g[11] is not None)
    local = days * MICROS_PER_DAY + _clock_micros(g[3], g[4], g[5], g[6])
    utc = local - _offset_micros(g[7], g[8], g[9], g[10])
    year, month, day = civil_from_days(utc // MICROS_PER_DAY)
    fraction = precision if 1 <= precision <= 9 else None
    return f"{format_iso_date(year, month, day)}T{format_iso_time(utc % MICROS_PER_DAY, fraction)}Z"


def timetz_to_iso(text: str) -> str:
    match = _TIME_WITH_ZONE.match(text)
    if not match:
        raise unreadable("timetz", text, "HH:MM:SS[.ffffff]±HH[:MM]")
    g = match.groups()
    local = _clock_micros(g[0], g[1], g[2], g[3])
    utc = (local - _offset_micros(g[4], g[5], g[6], g[7])) % MICROS_PER_DAY
    return f"{format_iso_time(utc, None)}Z"


# --- Intervals: Debezium's MicroDuration, with a month of 365.25 / 12 days ---------------------

_UNIT = re.compile(r"^(-?\d+) (years?|mons?|days?)$")
_CLOCK = re.compile(r"^([+-]?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$")


def interval_to_micros(text: str) -> int:
    years = months = days = 0
    hours = minutes = 0
    seconds = 0.0
    tokens = text.split(" ")
    index = 0
    while index < len(tokens):
        clock = _CLOCK.match(tokens[index])
        if clock:
            sign = -1 if clock.group(1) == "-" else 1
            hours, minutes, seconds = sign * int(clock.group(2)), sign * int(clock.group(3)), sign * float(clock.group(4))
            index += 1
            continue
        unit = _UNIT.match(f"{tokens[index]} {tokens[index + 1] if index + 1 < len(tokens) else ''}")
        if not unit:
            raise unreadable("interval", text, "'1 year 2 mons 3 days 04:05:06.78' (IntervalStyle postgres)")
        amount = int(unit.group(1))
        if unit.group(2).startswith("year"):
            years = amount
        elif unit.group(2).startswith("mon"):
            months = amount
        else:
            days = amount
        index += 2
    whole = int(seconds)
    seconds = whole + round((seconds - whole) * 1_000_000) / 1_000_000
    total_days = (years * 12 + months) * (365.25 / 12) + days
    total_seconds = ((total_days * 24 + hours) * 60 + minutes) * 60 + seconds
    return int(total_seconds * 1e6)


# --- Arrays: '{1,2,NULL}', '{"a b","c"}', '{{1,2},{3,4}}' --------------------------------------

def parse_array_literal(text: str) -> list[object]:
    position = text.index("=") + 1 if text.startswith("[") else 0

    def take() -> str:
        nonlocal position
        if position >= len(text):
            raise unreadable("array", text, "a closing brace or quote before the end")
        char = text[position]
        position += 1
        return char

    def array() -> list[object]:
        nonlocal position
        if take() != "{":
            raise unreadable("array", text, f"'{{' at position {position}")
        elements: list[object] = []
        if position < len(text) and text[position] == "}":
            position += 1
            return elements
        while True:
            elements.append(element())
            following = take()
            if following == "}":
                return elements
            if following != ",":
                raise unreadable("array", text, f"',' or '}}' at position {position}, found {following!r}")

    def element() -> object:
        nonlocal position
        first = text[position] if position < len(text) else ""
        if first == "{":
            return array()
        if first == '"':
            position += 1
            value = []
            while True:
                char = take()
                if char == '"':
                    return "".join(value)
                value.append(take() if char == "\\" else char)
        end = position
        while end < len(text) and text[end] not in ",}":
            end += 1
        raw = text[position:end]
        position = end
        return None if raw == "NULL" else raw

    elements = array()
    if position != len(text):
        raise unreadable("array", text, "nothing after the closing brace")
    return elements


# --- hstore: a JSON object text, in java.util.HashMap order, as Debezium's Jackson writes it ---


def parse_hstore(text: str) -> list[tuple[str, str | None]]:
    entries: list[tuple[str, str | None]] = []
    position = 0

    def quoted() -> str:
        nonlocal position
        if position >= len(text) or text[position] != '"':
            raise unreadable("hstore", text, f"a quoted string at position {position}")
        value = []
        position += 1
        while position < len(text):
            char = text[position]
            if char == '"':
                position += 1
                return "".join(value)
            if char == "\\":
                position += 1
                char = text[position] if position < len(text) else ""
            value.append(char)
            position += 1
        raise unreadable("hstore", text, "a closing quote")

    while position < len(text):
        key = quoted()
        if not text.startswith("=>", position):
            raise unreadable("hstore", text, f"=> at position {position}")
        position += 2
        value: str | None
        if text.startswith("NULL", position):
            value = None
            position += 4
        else:
            value = quoted()
        entries.append((key, value))
        if text.startswith(", ", position):
            position += 2
        elif position < len(text):
            raise unreadable("hstore", text, f"', ' at position {position}")
    return entries


def _java_string_hash(text: str) -> int:
    """String.hashCode(): over UTF-16 code units, kept to 32 bits (unsigned here; the low bits agree)."""
    units = text.encode("utf-16-be")
    value = 0
    for index in range(0, len(units), 2):
        value = (value * 31 + int.from_bytes(units[index:index + 2], "big")) & 0xFFFFFFFF
    return value


def _java_hash_map_order(entries: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    capacity = 16
    while len(entries) > capacity * 0.75:
        capacity *= 2

    def bucket(key: str) -> int:
        h = _java_string_hash(key)
        return (h ^ (h >> 16)) & (capacity - 1)

    return [entry for _, _, entry in sorted((bucket(entry[0]), index, entry) for index, entry in enumerate(entries))]


_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _jackson_string(value: str) -> str:
    out = ['"']
    for char in value:
        short = _SHORT_ESCAPES.get(char)
        if short is not None:
            out.append(short)
        elif char < " ":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def hstore_to_json(text: str) -> str:
    members = [f"{_jackson_string(k)}:{'null' if v is None else _jackson_string(v)}" for k, v in _java_hash_map_order(parse_hstore(text))]
    return "{" + ",".join(members) + "}"


# --- Unchanged TOASTed values: Debezium's placeholder, shaped to fit the column ----------------

UNAVAILABLE_VALUE = "__debezium_unavailable_value"
_PLACEHOLDER_BYTES = UNAVAILABLE_VALUE.encode("utf-8")


def name_based_uuid(data: bytes) -> str:
    """java.util.UUID.nameUUIDFromBytes: MD5 with the version (3) and variant bits set."""
    digest = bytearray(hashlib.md5(data).digest())
    digest[6] = (digest[6] & 0x0F) | 0x30
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def unavailable_value(shape: str) -> object:
    if shape == "bytes":
        return base64(_PLACEHOLDER_BYTES)
    if shape == "string-array":
        return [UNAVAILABLE_VALUE]
    if shape == "bytes-array":
        return [base64(_PLACEHOLDER_BYTES)]
    if shape in ("int-array", "int64-array"):
        return list(_PLACEHOLDER_BYTES)
    if shape == "uuid-array":
        return [name_based_uuid(_PLACEHOLDER_BYTES)]
    if shape == "hstore":
        return "{" + f'"{UNAVAILABLE_VALUE}":"{UNAVAILABLE_VALUE}"' + "}"
    return UNAVAILABLE_VALUE
