import re
import unittest
from datetime import datetime

from bookmark import BEGINNING
from load_stats import LoadStats, PollLoad
from poll import ChangedRow, PollResult
from report import format_row, load_summary, poll_report

# The grader's patterns (labs/01-poller/test/contract.ts), to check the lines are read back as printed.
POLL_LINE = re.compile(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] Polling\.\.\. (?:No changes\.|Found (\d+) changes?\b)")
POLL_COST = re.compile(r"\((\d+) quer(?:y|ies), (\d+) rows? read\)")
ROW = re.compile(r"User\(id=(-?\d+), name='((?:[^'\\]|\\.)*)'")
LOAD_SUMMARY = re.compile(r"^load: (\d+) quer(?:y|ies), (\d+) rows? read in (\d+) polls?\b")

STARTED_AT = datetime(2026, 1, 5, 10, 0, 5)
BOB = ChangedRow(id=5, name="Bob", updated_at="2026-01-05T09:00:03.512345Z")


class ReportTest(unittest.TestCase):
    def test_prints_an_empty_poll_with_its_cost(self) -> None:
        self.assertEqual(
            poll_report(STARTED_AT, PollResult(rows=[], bookmark=BEGINNING, queries=1)),
            "[2026-01-05 10:00:05] Polling... No changes. (1 query, 0 rows read)",
        )

    def test_prints_the_rows_found_under_the_poll_line(self) -> None:
        self.assertEqual(
            poll_report(STARTED_AT, PollResult(rows=[BOB], bookmark=BEGINNING, queries=1)).split("\n"),
            [
                "[2026-01-05 10:00:05] Polling... Found 1 change (1 query, 1 row read):",
                "  User(id=5, name='Bob', updated_at=2026-01-05T09:00:03.512345Z)",
            ],
        )

    def test_escapes_names_by_the_contract_not_by_repr(self) -> None:
        row = ChangedRow(id=5, name="O'Neil \\ co\nnext\ttab", updated_at=BOB.updated_at)
        self.assertEqual(format_row(row), "User(id=5, name='O\\'Neil \\\\ co\\nnext\ttab', updated_at=2026-01-05T09:00:03.512345Z)")

    def test_is_read_back_by_the_grader_as_printed(self) -> None:
        eve = ChangedRow(id=6, name="O'Neil", updated_at="2026-01-05T09:00:04.000001Z")
        lines = poll_report(STARTED_AT, PollResult(rows=[BOB, eve], bookmark=BEGINNING, queries=2)).split("\n")
        head = POLL_LINE.match(lines[0])
        cost = POLL_COST.search(lines[0])
        assert head is not None and cost is not None
        self.assertEqual((head[1], cost[1], cost[2]), ("2", "2", "2"))
        names = []
        for line in lines[1:]:
            row = ROW.search(line)
            assert row is not None
            names.append((row[1], re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], row[2])))
        self.assertEqual(names, [("5", "Bob"), ("6", "O'Neil")])

    def test_sums_up_the_load_at_the_end(self) -> None:
        stats = LoadStats()
        stats.record(PollLoad(queries=1, rows_read=0))
        stats.record(PollLoad(queries=3, rows_read=5))
        summary = load_summary(stats)
        self.assertEqual(summary, "load: 4 queries, 5 rows read in 2 polls (1 found nothing)")
        match = LOAD_SUMMARY.match(summary)
        assert match is not None
        self.assertEqual(match.groups(), ("4", "5", "2"))
        self.assertEqual(load_summary(LoadStats()), "load: 0 queries, 0 rows read in 0 polls (0 found nothing)")


if __name__ == "__main__":
    unittest.main()
