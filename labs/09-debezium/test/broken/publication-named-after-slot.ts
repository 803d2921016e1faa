/**
 * Broken on purpose: fills publication.name with the slot's name — the two settings sit side by
 * side and look alike. Debezium creates a publication of its own under that name, for all
 * tables, and the publication CDC_PUBLICATION names (the one an operator may have narrowed to a
 * few tables) is never used. The register stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { connectorConfig } from '../../src/connector/config.ts';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const publicationFromSlot: typeof connectorConfig = (options) => connectorConfig({ ...options, publication: options.slot });

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, connectorConfig: publicationFromSlot }));
process.exit();
