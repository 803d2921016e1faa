import type { Lsn } from '@cdc-lab/common';

/**
 * A transaction whose commit has arrived, as the relay confirms it: its xid (for the log) and
 * the END of its commit record. Confirming that position tells Postgres the transaction is
 * done; after a restart it skips every transaction whose commit record starts before it. The
 * position Begin announces (the commit record's start) would not do: the transaction would
 * come again.
 */
export interface CommittedTransaction {
  xid: number;
  endLsn: Lsn;
}
