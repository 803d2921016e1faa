/**
 * Broken on purpose: registers the connector without exactly.once.support=required (and with
 * the default transaction boundary), as a config copied from an older tutorial would. The
 * exactly-once stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { connectorConfig } from '../../src/connector/config.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const withoutExactlyOnce: typeof connectorConfig = (options) =>
  connectorConfig({ ...options, overrides: { ...options.overrides, 'exactly.once.support': null, 'transaction.boundary': null } });

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, connectorConfig: withoutExactlyOnce }));
process.exit();
