/**
 * Broken on purpose: compares Debezium with a bridge that shapes one field wrongly — lab 4's
 * program with source.txId written as a string. The compare stage must catch the difference
 * in Kafka, whatever this program's own diff says.
 */
import { fileURLToPath } from 'node:url';
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const bridge = fileURLToPath(new URL('./bridge/txid-as-string.ts', import.meta.url));

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, bridgeCommand: ['node', '--import', 'tsx', bridge] }));
process.exit();
