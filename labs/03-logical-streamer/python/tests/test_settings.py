from __future__ import annotations

import unittest

from cdc_lab import ConfigurationError
from settings import DropCommand, HelpCommand, StatusCommand, StreamCommand, parse_command

ENV = {"DATABASE_URL": "postgres://u:p@localhost:5432/db", "CDC_SLOT": "my_slot"}


class ParseCommandTest(unittest.TestCase):
    def test_stream_is_the_default(self) -> None:
        self.assertEqual(parse_command([], ENV), StreamCommand(ENV["DATABASE_URL"], "my_slot", 10000, True, 0, False))

    def test_stream_flags(self) -> None:
        command = parse_command(["--status-interval", "250", "--no-confirm", "--print-delay=1500"], ENV)
        assert isinstance(command, StreamCommand)
        self.assertEqual((command.status_interval_ms, command.confirm, command.print_delay_ms), (250, False, 1500))

    def test_status_and_drop(self) -> None:
        self.assertIsInstance(parse_command(["status"], ENV), StatusCommand)
        self.assertIsInstance(parse_command(["drop"], ENV), DropCommand)
        self.assertIsInstance(parse_command(["--help"], {}), HelpCommand)

    def test_the_default_slot(self) -> None:
        command = parse_command(["status"], {"DATABASE_URL": ENV["DATABASE_URL"]})
        assert isinstance(command, StatusCommand)
        self.assertEqual(command.slot, "cdc_lab_03")

    def test_refusals(self) -> None:
        for argv, env in [
            (["--confirm-idle", "--no-confirm"], ENV),
            (["status", "--no-confirm"], ENV),
            (["--status-interval", "0"], ENV),
            (["--status-interval", "1.5"], ENV),
            (["--bogus"], ENV),
            (["stream", "status"], ENV),
            (["listen"], ENV),
            ([], {"CDC_SLOT": "s"}),
            ([], {**ENV, "CDC_SLOT": "Not-A-Slot"}),
            ([], {**ENV, "DATABASE_URL": "mysql://x"}),
        ]:
            with self.subTest(argv=argv), self.assertRaises(ConfigurationError):
                parse_command(argv, env)


if __name__ == "__main__":
    unittest.main()
