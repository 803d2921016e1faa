import { dropSlot } from './drop.ts';
import type { StreamerParts } from './listen.ts';
import { ReplicationStream } from './replication/index.ts';
import { showStatus } from './status.ts';
import { CaughtUpStream } from './test-decoding/caught-up-stream.ts';
import { printTransactions } from './test-decoding/print-transactions.ts';

/**
 * The pieces lab 3's program is assembled from, so that a broken variant of the grader can
 * swap one. The exercises live inside them: the replication connection, the slot and the
 * protocol in ReplicationStream (replication/), printing and confirming in printTransactions,
 * confirming when caught up in CaughtUpStream.
 */
export interface ProgramParts extends StreamerParts {
  showStatus: typeof showStatus;
  dropSlot: typeof dropSlot;
}

export const referenceParts: ProgramParts = { Stream: ReplicationStream, CaughtUpStream, printTransactions, showStatus, dropSlot };
