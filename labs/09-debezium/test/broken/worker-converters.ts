/**
 * Broken on purpose: leaves the converters out of the connector's settings, trusting the
 * worker's defaults. On this stack's worker the bytes happen to be the same; on a worker whose
 * JsonConverter wraps values in a schema envelope every consumer breaks. The register stage
 * must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { connectorConfig } from '../../src/connector/config.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const withoutConverters: typeof connectorConfig = (options) =>
  connectorConfig({
    ...options,
    overrides: { 'key.converter': null, 'key.converter.schemas.enable': null, 'value.converter': null, 'value.converter.schemas.enable': null, ...options.overrides },
  });

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, connectorConfig: withoutConverters }));
process.exit();
