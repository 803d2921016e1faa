import struct
import unittest

from tests.support import decode_capture, load_capture

from buffer_reader import BufferReader
from decode import POSTGRES_EPOCH_UNIX_MICROS, decode_pgoutput
from errors import ReplicationError
from messages import NullValue, TextValue, UnchangedToast
from tuple_data import read_tuple_data


def tuple_bytes(*columns: bytes) -> bytes:
    return struct.pack(">h", len(columns)) + b"".join(columns)


def text(value: str) -> bytes:
    data = value.encode()
    return b"t" + struct.pack(">i", len(data)) + data


class TupleDataTest(unittest.TestCase):
    def test_reads_text_null_and_unchanged_toast_apart(self) -> None:
        values = read_tuple_data(BufferReader(tuple_bytes(text("42"), b"n", b"u", text("✓")), "Insert message"))
        self.assertEqual(values, [TextValue("42"), NullValue(), UnchangedToast(), TextValue("✓")])

    def test_refuses_an_unknown_kind(self) -> None:
        with self.assertRaises(ReplicationError) as raised:
            read_tuple_data(BufferReader(tuple_bytes(b"x"), "Insert message"))
        self.assertIn("column 1 of 1", raised.exception.message)

    def test_refuses_a_value_cut_short(self) -> None:
        with self.assertRaises(ReplicationError):
            read_tuple_data(BufferReader(struct.pack(">h", 1) + b"t" + struct.pack(">i", 10) + b"abc", "Insert message"))


class DecodeTest(unittest.TestCase):
    def test_begin_and_commit(self) -> None:
        begin = decode_pgoutput(b"B" + struct.pack(">QqI", 0x16B3748, 1_000_000, 4242))
        self.assertEqual((begin.tag, begin.final_lsn, begin.commit_time_us, begin.xid), ("begin", 0x16B3748, POSTGRES_EPOCH_UNIX_MICROS + 1_000_000, 4242))
        commit = decode_pgoutput(b"C" + struct.pack(">bQQq", 0, 10, 20, 0))
        self.assertEqual((commit.commit_lsn, commit.end_lsn), (10, 20))

    def test_an_update_with_the_old_key(self) -> None:
        update = decode_pgoutput(b"U" + struct.pack(">I", 7) + b"K" + tuple_bytes(text("2"), b"n") + b"N" + tuple_bytes(text("20"), text("Ada")))
        self.assertEqual(update.old.identity, "key")
        self.assertEqual(update.new_tuple, [TextValue("20"), TextValue("Ada")])

    def test_refuses_bytes_left_over_and_unknown_tags(self) -> None:
        with self.assertRaises(ReplicationError):
            decode_pgoutput(b"B" + struct.pack(">QqI", 1, 1, 1) + b"\x00")
        with self.assertRaises(ReplicationError):
            decode_pgoutput(b"Z")

    def test_decodes_every_message_of_the_capture(self) -> None:
        decoded = decode_capture(load_capture())
        tags = {item.message.tag for item in decoded}
        self.assertTrue({"begin", "commit", "relation", "type", "insert", "update", "delete", "truncate", "message", "origin"} <= tags)


if __name__ == "__main__":
    unittest.main()
