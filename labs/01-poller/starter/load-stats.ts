/**
 * What polling costs the database, as numbers. A poller asks even when nothing changed: most
 * of its queries come back empty, and each one is still planned, executed and answered. The
 * totals make that visible next to the work that found something.
 */
export interface PollLoad {
  queries: number;
  rowsRead: number;
}

export class LoadStats {
  polls = 0;
  queries = 0;
  rowsRead = 0;
  /** Polls that found nothing: pure overhead. */
  emptyPolls = 0;

  record({ queries, rowsRead }: PollLoad): void {
    this.polls += 1;
    this.queries += queries;
    this.rowsRead += rowsRead;
    if (rowsRead === 0) this.emptyPolls += 1;
  }
}
