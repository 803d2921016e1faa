import { fail, type LabProcess, type StageContext } from '@cdc-lab/grading';
import { lineFormats } from '../contract.ts';
import { GraderRegistry } from './registry.ts';

/** Slot creation waits for transactions running anywhere on the server: be patient once. */
const READY_TIMEOUT_MS = 30_000;

/** Start the bridge and wait until it streams. */
export async function startBridge(ctx: StageContext, args: readonly string[] = []): Promise<LabProcess> {
  const bridge = ctx.start({ args, label: 'bridge' });
  await bridge.waitForLine(lineFormats.listening.pattern, { timeoutMs: READY_TIMEOUT_MS, what: "the bridge's line Listening on slot '<slot>'..." });
  return bridge;
}

/** Run one of the program's short commands (tail, sizes, compatibility) and return what it printed. */
export async function runCommand(ctx: StageContext, args: readonly string[], what: string): Promise<string[]> {
  const run = ctx.start({ args, label: args[0] });
  const exit = await run.waitForExit({ timeoutMs: 30_000, what: `${what} to finish` });
  if (exit.code !== 0) fail({ expected: `${what} to succeed`, got: `exit code ${exit.code}`, docs: ctx.stage.docs, transcript: run.transcript() });
  return run.lines;
}

/** The stack's registry, with this stage's subjects deleted afterwards (soft, then permanent). */
export function stageRegistry(ctx: StageContext): GraderRegistry {
  const url = ctx.stack.SCHEMA_REGISTRY_URL;
  if (!url) throw new Error('the stack has no SCHEMA_REGISTRY_URL: lab 8 needs the registry service');
  const registry = new GraderRegistry(url);
  ctx.onCleanup(() => registry.deleteSubjects(ctx.names.topicPrefix));
  return registry;
}

export function topicOf(ctx: StageContext, table: string, schema = 'public'): string {
  return `${ctx.names.topicPrefix}.${schema}.${table}`;
}
