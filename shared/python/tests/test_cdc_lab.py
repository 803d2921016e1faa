"""The shared module every Python lab program uses: its errors, todo() and StopRequest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import unittest

from cdc_lab import CdcLabError, NotImplementedYet, StopRequest, todo

PROGRAM = """
from cdc_lab import run_main, todo, CdcLabError
import sys
def main():
    if sys.argv[1] == "todo":
        todo("the keyset query", "docs/01-poller.md#the-keyset-query")
    raise CdcLabError("the bookmark file is damaged", hint="delete it")
run_main(main)
"""


class TodoTest(unittest.TestCase):
    def test_todo_names_the_step_and_the_section(self) -> None:
        with self.assertRaises(NotImplementedYet) as raised:
            todo("the keyset query", "docs/01-poller.md#the-keyset-query")
        self.assertEqual(raised.exception.message, "TODO: the keyset query is not implemented yet")
        self.assertEqual(raised.exception.hint, "read docs/01-poller.md#the-keyset-query, then write it in this function")

    def test_run_main_prints_error_and_hint_and_exits_1(self) -> None:
        for argument, error, hint in [
            ("todo", "error: TODO: the keyset query is not implemented yet", "hint: read docs/01-poller.md#the-keyset-query, then write it in this function"),
            ("other", "error: the bookmark file is damaged", "hint: delete it"),
        ]:
            result = subprocess.run([sys.executable, "-c", PROGRAM, argument], capture_output=True, text=True, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stderr.splitlines(), [error, hint])
            self.assertNotIn("Traceback", result.stderr)

    def test_errors_carry_their_hint(self) -> None:
        self.assertEqual(CdcLabError("x", hint="y").hint, "y")


class RunStarterTest(unittest.TestCase):
    def test_the_starters_modules_shadow_the_references(self) -> None:
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as root:
            for folder, text in [("starter", "WHO = 'starter'"), ("reference", "WHO = 'reference'")]:
                Path(root, folder).mkdir()
                Path(root, folder, "part.py").write_text(text + "\n")
            Path(root, "reference", "given.py").write_text("WHO = 'given'\n")
            Path(root, "reference", "main.py").write_text("import part, given\nprint(part.WHO, given.WHO)\n")
            Path(root, "starter", "main.py").write_text("from cdc_lab.starter import run_starter\nrun_starter(__file__)\n")
            result = subprocess.run([sys.executable, str(Path(root, "starter", "main.py"))], capture_output=True, text=True, check=True)
            self.assertEqual(result.stdout.strip(), "starter given")


class StopRequestTest(unittest.TestCase):
    def setUp(self) -> None:
        self.previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}

    def tearDown(self) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    def test_wait_sleeps_until_the_time_is_up(self) -> None:
        stop = StopRequest()
        started = time.monotonic()
        self.assertFalse(stop.wait(0.2))
        self.assertGreaterEqual(time.monotonic() - started, 0.19)
        self.assertFalse(stop.requested)

    def test_a_signal_ends_the_wait_at_once(self) -> None:
        stop = StopRequest()
        threading.Timer(0.1, lambda: os.kill(os.getpid(), signal.SIGTERM)).start()
        started = time.monotonic()
        self.assertTrue(stop.wait(10))
        self.assertLess(time.monotonic() - started, 2)
        self.assertTrue(stop.requested)

    def test_a_second_signal_gives_up(self) -> None:
        stop = StopRequest()
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        with self.assertRaises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)
        self.assertTrue(stop.requested)


if __name__ == "__main__":
    unittest.main()
