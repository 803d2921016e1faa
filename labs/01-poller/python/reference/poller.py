"""The loop: poll, print, save; stop on Ctrl-C.

Each round reads what changed after the bookmark, prints it, and only then saves the new
bookmark. That order makes the poller at-least-once: a crash between printing and saving
reports those rows again after a restart, but never loses them.
"""

from __future__ import annotations

import sys
from datetime import datetime

import psycopg

from cdc_lab import StopRequest

from bookmark import BEGINNING
from bookmark_store import BookmarkStore
from database import Database, explain_startup_failure, is_connection_error
from demo_table import ensure_demo_table
from load_stats import LoadStats, PollLoad
from poll import poll_once
from report import poll_report, start_report, stop_report, timestamp
from settings import Settings


def run_poller(settings: Settings) -> None:
    """Poll until asked to stop (SIGINT or SIGTERM), then save the bookmark and sum up the load."""
    # First of all: from here on, Ctrl-C and SIGTERM set a flag the loop checks instead of
    # raising KeyboardInterrupt in the middle of a query or a save.
    stop = StopRequest()
    db = Database(settings.database_url)
    store = BookmarkStore(settings.state_file)
    stats = LoadStats()
    try:
        try:
            table = ensure_demo_table(db)
        except psycopg.Error as error:
            raise explain_startup_failure(error, settings.database_url) from error
        saved = store.load()
        print(start_report(settings, saved, table), flush=True)
        bookmark = saved if saved is not None else BEGINNING

        while not stop.requested:
            started_at = datetime.now()
            try:
                poll = poll_once(db, bookmark, settings)
            except psycopg.Error as error:
                if not is_connection_error(error):
                    raise
                # The bookmark did not move, so the next poll asks the same question again, on
                # a new connection.
                db.close()
                print(
                    f"[{timestamp(started_at)}] Polling... failed: {' '.join(str(error).split())}; trying again in {settings.interval_ms} ms",
                    file=sys.stderr,
                    flush=True,
                )
            else:
                stats.record(PollLoad(queries=poll.queries, rows_read=len(poll.rows)))
                # The sink here is stdout: print() with flush=True has handed the lines to the
                # kernel when it returns, so they are delivered before the bookmark moves. A real
                # sink is waited for before the save (lab 4 waits for Kafka's acknowledgement).
                print(poll_report(started_at, poll), flush=True)
                if poll.rows:
                    bookmark = poll.bookmark
                    store.save(bookmark)
            # Between the end of one poll and the start of the next; a stop request cuts it short.
            stop.wait(settings.interval_ms / 1000)

        store.save(bookmark)
        print(stop_report(bookmark, settings, stats), flush=True)
    finally:
        db.close()
