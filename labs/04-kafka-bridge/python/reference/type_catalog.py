"""Which Postgres type a column's type OID is.

Built-in types have fixed OIDs (below 16384) and are listed here; every other type (enums,
domains, extension types such as hstore) gets its OID when it is created. Those come from the
Type message pgoutput sends before a Relation that uses one (a name only) and from the catalog
query of catalog.py, which also says what kind of type it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog import UserTypeRow
from messages import TypeMessage

# [name, OID, OID of its array type] for the built-in types the envelope knows about.
_BUILT_IN: list[tuple[str, int, int]] = [
    ("bool", 16, 1000), ("bytea", 17, 1001), ("char", 18, 1002), ("name", 19, 1003),
    ("int8", 20, 1016), ("int2", 21, 1005), ("int4", 23, 1007), ("text", 25, 1009), ("oid", 26, 1028),
    ("json", 114, 199), ("xml", 142, 143),
    ("point", 600, 1017), ("lseg", 601, 1018), ("path", 602, 1019), ("box", 603, 1020), ("polygon", 604, 1027),
    ("line", 628, 629), ("circle", 718, 719),
    ("float4", 700, 1021), ("float8", 701, 1022), ("money", 790, 791),
    ("macaddr8", 774, 775), ("macaddr", 829, 1040), ("inet", 869, 1041), ("cidr", 650, 651),
    ("bpchar", 1042, 1014), ("varchar", 1043, 1015),
    ("date", 1082, 1182), ("time", 1083, 1183), ("timestamp", 1114, 1115), ("timestamptz", 1184, 1185),
    ("interval", 1186, 1187), ("timetz", 1266, 1270),
    ("bit", 1560, 1561), ("varbit", 1562, 1563), ("numeric", 1700, 1231),
    ("uuid", 2950, 2951), ("pg_lsn", 3220, 3221), ("tsvector", 3614, 3643), ("tsquery", 3615, 3645), ("jsonb", 3802, 3807),
    ("int4range", 3904, 3905), ("numrange", 3906, 3907), ("tsrange", 3908, 3909), ("tstzrange", 3910, 3911),
    ("daterange", 3912, 3913), ("int8range", 3926, 3927),
]

_ROW_KINDS = {"b": "base", "e": "enum", "d": "domain", "r": "range", "m": "multirange", "c": "composite", "p": "pseudo"}


@dataclass(slots=True)
class PgType:
    oid: int
    namespace: str
    """'' for pg_catalog, as pgoutput's Type message spells it."""
    name: str
    kind: str
    """base, array, enum, domain, range, multirange, composite, pseudo, or named (a Type message only)."""
    element_oid: int | None = None
    base_oid: int | None = None
    base_typmod: int | None = None


class TypeCatalog:
    def __init__(self) -> None:
        self._by_oid: dict[int, PgType] = {}
        self._built_in_by_name: dict[str, PgType] = {}
        for name, oid, array_oid in _BUILT_IN:
            for each in (PgType(oid, "", name, "base"), PgType(array_oid, "", f"_{name}", "array", element_oid=oid)):
                self._by_oid[each.oid] = each
                self._built_in_by_name[each.name] = each

    def get(self, oid: int) -> PgType | None:
        return self._by_oid.get(oid)

    def built_in(self, name: str) -> PgType | None:
        return self._built_in_by_name.get(name)

    def add_user_types(self, rows: list[UserTypeRow]) -> None:
        """What the catalog query found: it knows the kind of each type, so it wins over Type messages."""
        for row in rows:
            is_array = row.category == "A" and row.element_oid != 0
            kind = "array" if is_array else _ROW_KINDS.get(row.kind, "pseudo")
            type_ = PgType(row.oid, row.namespace, row.name, kind)
            if is_array:
                type_.element_oid = row.element_oid
            if kind == "domain":
                type_.base_oid = row.base_oid
                type_.base_typmod = row.base_typmod
            self._by_oid[row.oid] = type_

    def learn(self, message: TypeMessage) -> None:
        """A Type message: remember the name unless the catalog already told us more."""
        known = self._by_oid.get(message.type_oid)
        if known is not None and known.kind != "named":
            return
        self._by_oid[message.type_oid] = PgType(message.type_oid, message.namespace, message.name, "named")
