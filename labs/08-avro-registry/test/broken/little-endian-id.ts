/**
 * Broken on purpose: the schema id in the header is written little-endian. The magic byte is
 * right, so a quick look passes; every reader then asks the registry for an id that does not
 * exist (17 becomes 285212672). The wire-format stage must reject it.
 */
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';
import { HEADER_LENGTH, MAGIC_BYTE, type frame } from '../../src/wire-format.ts';

const littleEndian: typeof frame = (schemaId, body) => {
  const header = Buffer.alloc(HEADER_LENGTH);
  header.writeUInt8(MAGIC_BYTE, 0);
  header.writeUInt32LE(schemaId, 1);
  return Buffer.concat([header, body]);
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, frame: littleEndian }));
