import type { Lsn } from '@cdc-lab/common';

/**
 * A transaction whose commit has arrived, as the relay sees it. Two positions belong to it:
 * where its commit record starts (announced by Begin) and where it ends (the Commit message's
 * end LSN). Confirming a position tells Postgres that every transaction whose commit record
 * starts before it is done: after a restart it skips them.
 */
export interface CommittedTransaction {
  xid: number;
  /** Where the commit record starts (Begin's "final LSN"): it names the transaction. */
  commitLsn: Lsn;
  /** Where the commit record ends (the Commit message's end LSN). */
  endLsn: Lsn;
}
