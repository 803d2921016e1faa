import { runMain } from '@cdc-lab/common';
import { inspect } from '../src/inspect.ts';
import { lessonSteps } from './parts.ts';

// Lab 2, the WAL inspector: pnpm lab 2 -- "INSERT INTO …" (see docs/02-wal-inspector.md).
await runMain(() => inspect(process.argv.slice(2), lessonSteps));
