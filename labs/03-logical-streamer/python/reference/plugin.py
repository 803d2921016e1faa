"""test_decoding, the output plugin of this lab.

test_decoding ships with Postgres as an example output plugin: it turns each decoded change into
one line of text, which makes it the plugin to learn with. One XLogData message carries one line:

    BEGIN 722
    table public.users: INSERT: id[integer]:1 name[text]:'Douglas'
    COMMIT 722
"""

from __future__ import annotations

from typing import Mapping

TEST_DECODING = "test_decoding"

# include-xids prints the transaction id after BEGIN and COMMIT; skip-empty-xacts leaves out
# transactions with no row changes in this database (DDL, other databases' work), which would
# otherwise show up as BEGIN/COMMIT pairs with nothing between them.
TEST_DECODING_OPTIONS: Mapping[str, str] = {
    "include-xids": "1",
    "skip-empty-xacts": "1",
}


def is_begin_line(line: str) -> bool:
    """The line that opens a transaction: until its COMMIT is printed, the transaction is half printed."""
    return line.startswith("BEGIN")


def is_commit_line(line: str) -> bool:
    """The line that ends a transaction: once it is printed, the transaction may be confirmed."""
    return line.startswith("COMMIT")
