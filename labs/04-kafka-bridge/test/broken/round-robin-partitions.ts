/**
 * Broken on purpose: spreads records over a topic's partitions in turn, "for throughput",
 * instead of letting the key choose. Changes of one row land in different partitions, and a
 * consumer can see them out of order. The order stage must reject it.
 */
import type { ICustomPartitioner } from 'kafkajs';
import { runMain } from '@cdc-lab/common';
import { referenceParts } from '../../src/parts.ts';
import { runProgram } from '../../src/program.ts';

const roundRobin: ICustomPartitioner = () => {
  let next = 0;
  return ({ partitionMetadata }) => next++ % partitionMetadata.length;
};

await runMain(() => runProgram(process.argv.slice(2), process.env, { ...referenceParts, partitioner: roundRobin }));
