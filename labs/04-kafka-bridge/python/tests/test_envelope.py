import unittest

from tests.support import PROCESSED_AT_US, events_of, load_capture, shape_capture

from json_text import write_json
from records import TABLE_IDENTIFIER_KEY_FIELD, TopicRouting, kafka_records_for, route_event, serialize_record, topic_for
from shape import NEW_KEY_HEADER, OLD_KEY_HEADER
from value_parsers import UNAVAILABLE_VALUE

CAPTURE = load_capture()
EVENTS = shape_capture(CAPTURE)


def one(table: str, op: str, index: int = 0):  # type: ignore[no-untyped-def]
    return events_of(EVENTS, table, op)[index]


class EnvelopeTest(unittest.TestCase):
    def test_debezium_field_order(self) -> None:
        event = one("numbers", "c")
        self.assertEqual(list(event.value), ["before", "after", "source", "transaction", "op", "ts_ms", "ts_us", "ts_ns"])
        self.assertEqual(list(event.value["source"]), ["version", "connector", "name", "ts_ms", "snapshot", "db", "sequence",
                                                       "ts_us", "ts_ns", "schema", "table", "txId", "lsn", "xmin"])
        self.assertEqual((event.value["ts_ms"], event.value["ts_us"], event.value["ts_ns"]),
                         (PROCESSED_AT_US // 1000, PROCESSED_AT_US, PROCESSED_AT_US * 1000))

    def test_the_source_block(self) -> None:
        source = one("numbers", "c").value["source"]
        self.assertEqual((source["name"], source["db"], source["schema"], source["table"], source["snapshot"]),
                         ("fixture", CAPTURE["database"], "public", "numbers", "false"))
        self.assertTrue(source["sequence"].startswith("[null,"))
        self.assertEqual(source["ts_ms"], source["ts_us"] // 1000)

    def test_an_int64_keeps_every_digit(self) -> None:
        after = one("numbers", "c").value["after"]
        self.assertIn('"c_int8":9007199254740993', write_json(after))
        self.assertEqual((after["c_numeric"], after["c_numeric_nan"], after["c_double_inf"]), ("12.50", "NAN", "-Infinity"))

    def test_a_delete_under_the_default_identity_fills_not_null_columns(self) -> None:
        before = one("defaults", "d").value["before"]
        self.assertEqual((before["id"], before["label"], before["amount"], before["qty"]), (1, "", 0, 7))

    def test_unchanged_toast_is_the_placeholder_or_the_old_value(self) -> None:
        default = one("toasty", "u").value["after"]
        self.assertEqual(default["c_text"], UNAVAILABLE_VALUE)
        full = one("toasty_full", "u").value
        self.assertEqual(full["after"]["c_text"], full["before"]["c_text"])

    def test_a_key_change_is_a_delete_and_a_create(self) -> None:
        removed = [event for event in events_of(EVENTS, "toasty", "d") if NEW_KEY_HEADER in event.headers][0]
        created = [event for event in events_of(EVENTS, "toasty", "c") if OLD_KEY_HEADER in event.headers][0]
        self.assertEqual((removed.key, removed.headers[NEW_KEY_HEADER]), ({"id": 1}, {"id": 10}))
        self.assertEqual((created.key, created.headers[OLD_KEY_HEADER]), ({"id": 10}, {"id": 1}))

    def test_truncate_is_keyless(self) -> None:
        truncates = [event for event in EVENTS if event.value["op"] == "t"]
        self.assertEqual({event.table for event in truncates}, {"numbers", "texts"})
        self.assertTrue(all(event.key is None and event.value["before"] is None for event in truncates))


class RecordsTest(unittest.TestCase):
    def test_topic_names(self) -> None:
        self.assertEqual(topic_for("cdc", "Sales Data", "örders"), "cdc.Sales_Data._rders")
        self.assertEqual(len(topic_for("cdc", "s", "t" * 300)), 249)

    def test_a_delete_brings_a_tombstone_and_a_truncate_none(self) -> None:
        routing = TopicRouting("cdc")
        delete = one("defaults", "d")
        records = kafka_records_for(delete, routing)
        self.assertEqual([record.value is None for record in records], [False, True])
        self.assertEqual(records[0].key, records[1].key)
        truncate = [event for event in EVENTS if event.value["op"] == "t"][0]
        self.assertEqual(len(kafka_records_for(truncate, routing)), 1)

    def test_one_topic_for_all_names_the_table_in_the_key(self) -> None:
        route = route_event(one("numbers", "c"), TopicRouting("cdc", "cdc.all"))
        self.assertEqual(route.topic, "cdc.all")
        self.assertEqual(route.key, {"id": 1, TABLE_IDENTIFIER_KEY_FIELD: "cdc.public.numbers"})

    def test_serialized_as_compact_json(self) -> None:
        record = serialize_record(kafka_records_for(one("numbers", "c"), TopicRouting("cdc"))[0])
        self.assertEqual(record.key, b'{"id":1}')


if __name__ == "__main__":
    unittest.main()
