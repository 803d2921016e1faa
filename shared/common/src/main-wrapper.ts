import { CdcLabError } from './errors.ts';
import { colour } from './output.ts';

/**
 * Run a program's main function and turn a CdcLabError into a short message with its hint and
 * exit code 1, instead of a stack trace. Unexpected errors keep their stack: they are bugs.
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof CdcLabError) {
      console.error(`${colour.red('error:')} ${error.message}`);
      if (error.hint) console.error(`${colour.yellow('hint:')} ${error.hint}`);
    } else {
      console.error(error);
    }
  }
}
