import { CdcLabError, type CdcLabErrorOptions } from '@cdc-lab/common';

/**
 * The error families of this lab. They extend the shared CdcLabError, so `runMain` prints the
 * message and its hint; the split matters to the program itself: `--backend auto` falls back to
 * pg_walinspect on a WaldumpUnavailableError and on nothing else.
 */

/**
 * pg_waldump cannot work on this machine: the program is missing, comes from another major
 * version, or the server's pg_wal cannot be read from here. pg_walinspect can stand in.
 */
export class WaldumpUnavailableError extends CdcLabError {}

/** The WAL of the requested range cannot be read: already recycled, or not written yet. */
export class WalRangeError extends CdcLabError {}

/** pg_waldump exited with an error; `explainWaldumpFailure` turns it into something clearer. */
export class WaldumpExitError extends CdcLabError {
  constructor(readonly exitCode: number | null, readonly stderr: string, readonly command: readonly string[]) {
    const last = stderr.trim().split('\n').at(-1) ?? '';
    super(`pg_waldump failed (${exitCode === null ? 'killed' : `exit code ${exitCode}`}): ${last || 'no message'}`, {
      hint: `run it yourself to see everything it says: ${command.join(' ')}`,
    });
  }
}

/** pg_waldump printed something the parser does not recognise as a record line. */
export class WaldumpOutputError extends CdcLabError {}

/** A statement handed to the inspector failed. It ran in a transaction that was rolled back. */
export class StatementError extends CdcLabError {
  readonly code: string | undefined;
  constructor(message: string, options: CdcLabErrorOptions & { code?: string } = {}) {
    super(message, options);
    this.code = options.code;
  }
}
