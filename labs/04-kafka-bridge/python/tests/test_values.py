import unittest

import value_parsers as p
from tail import digest


class ValuesTest(unittest.TestCase):
    def test_temporal(self) -> None:
        self.assertEqual(p.date_to_epoch_days("2024-02-29"), 19782)
        self.assertEqual(p.timestamptz_to_iso("2024-02-29 19:21:30.12+05:30", 6), "2024-02-29T13:51:30.120000Z")
        self.assertEqual(p.timetz_to_iso("13:51:30.1+02:00"), "11:51:30.1Z")
        self.assertEqual(p.time_to_micros("13:51:30.123456"), 49_890_123_456)

    def test_numbers_and_bytes(self) -> None:
        self.assertEqual(p.money_value("-$1,234.11"), "-1234.11")
        self.assertEqual(p.numeric_zero((10 << 16 | 2) + 4), "0.00")
        self.assertEqual(p.base64(p.bytea_to_bytes("\\x000102")), "AAEC")
        self.assertEqual(p.base64(p.bits_to_bytes("1000000001")), "AQI=")

    def test_arrays(self) -> None:
        self.assertEqual(p.parse_array_literal('{"a b",NULL,"with \\"quote\\""}'), ["a b", None, 'with "quote"'])
        self.assertEqual(p.parse_array_literal("{{1,2},{3,4}}"), [["1", "2"], ["3", "4"]])


class DigestTest(unittest.TestCase):
    def test_keeps_int64_digits_and_the_field_order(self) -> None:
        value = '{"before":null,"after":{"id":9007199254740993},"source":{},"transaction":null,"op":"c","ts_ms":1}'
        self.assertEqual(digest(value), '{"op":"c","ts_ms":1,"before":null,"after":{"id":9007199254740993},"source":{}}')


if __name__ == "__main__":
    unittest.main()
