import { fail, type StageContext } from '@cdc-lab/grading';
import { CONSUMER_READY_TEXT, lineFormats, relayReadyText } from './contract.ts';
import { ProgramRun, type Variant } from './program-run.ts';

// ——— the service ———

/** An event the service says it committed, or wrote and then rolled back. */
export interface ServiceEvent {
  orderId: string;
  type: string;
  id: string;
  /** Only for OrderCreated lines. */
  customer?: string;
  amount?: string;
}

export interface ServiceOutcome {
  committed: ServiceEvent[];
  rolledBack: ServiceEvent[];
  run: ProgramRun;
}

const PLACED = lineFormats.placed.pattern;
const CANCELLED = lineFormats.cancelled.pattern;
const ROLLED_BACK = lineFormats.rolledBack.pattern;

/** Run a service command (order, cancel, demo) to its end and read what it says it wrote. */
export async function runService(ctx: StageContext, args: readonly string[], label = 'the service'): Promise<ServiceOutcome> {
  const run = ProgramRun.launch(ctx, args, `${label} (${args.join(' ')})`);
  const lines = await run.succeeded('write its orders and events', 'write the order and its event in one transaction: see the service\'s TODOs');
  const committed: ServiceEvent[] = [];
  const rolledBack: ServiceEvent[] = [];
  for (const line of lines) {
    let match = PLACED.exec(line);
    if (match) {
      committed.push({ orderId: match[1]!, customer: match[2]!, amount: match[3]!, type: match[4]!, id: match[5]! });
      continue;
    }
    match = CANCELLED.exec(line);
    if (match) {
      committed.push({ orderId: match[1]!, type: match[2]!, id: match[3]! });
      continue;
    }
    match = ROLLED_BACK.exec(line);
    if (match) rolledBack.push({ orderId: match[1]!, type: match[2]!, id: match[3]! });
  }
  if (committed.length === 0 && rolledBack.length === 0) {
    fail({
      expected: `${run.label} to report each order as "order <id> placed for <customer>: <amount> (event <type> <event id>)" (or cancelled / rolled back)`,
      got: 'no such line',
      docs: 'docs/07-outbox.md#expected-output',
      transcript: run.transcript(),
    });
  }
  return { committed, rolledBack, run };
}

export function serviceArgs(command: string[], variant: Variant, extra: string[] = []): string[] {
  return [...command, '--variant', variant, ...extra];
}

// ——— the relay ———

const RELAYED = lineFormats.relayed.pattern;

export class Relay {
  private constructor(readonly run: ProgramRun, readonly slot: string) {}

  static async start(ctx: StageContext, variant: Variant, { args = [], label = 'the relay' }: { args?: string[]; label?: string } = {}): Promise<Relay> {
    const run = ProgramRun.launch(ctx, ['relay', '--variant', variant, ...args], label);
    const relay = new Relay(run, ctx.names.slot);
    await run.waitForReadyLine(
      relayReadyText(ctx.names.slot),
      'once it streams from its slot',
      variant === 'table'
        ? 'create the publication for the outbox table (CDC_PUBLICATION), then open the slot (CDC_SLOT) with pgoutput and print the line'
        : "create a publication (CDC_PUBLICATION), open the slot (CDC_SLOT) with pgoutput and messages 'true', then print the line",
      'docs/07-outbox.md#the-relay',
    );
    return relay;
  }

  /** Event ids this run has said Kafka acknowledged ("relayed <type> <id> key <key> to <topic>"). */
  relayedIds(from = 0): string[] {
    return this.run.matching(RELAYED, from).map((match) => match[2]!);
  }

  /** Wait until every event in `events` has been relayed by this run. */
  async waitForRelayed(events: readonly ServiceEvent[] | readonly string[], { from = 0, hint, timeoutMs = 15_000 }: { from?: number; hint?: string; timeoutMs?: number } = {}): Promise<void> {
    const wanted = events.map((event) => (typeof event === 'string' ? { id: event, what: event } : { id: event.id, what: `${event.type} ${event.id} of order ${event.orderId}` }));
    let missing = wanted;
    await this.run.waitUntil(() => {
      const seen = new Set(this.relayedIds(from));
      missing = wanted.filter((event) => !seen.has(event.id));
      return missing.length === 0 ? true : undefined;
    }, {
      expected: `${this.run.label} to relay every committed event: a line "relayed <type> <event id> key <aggregate id> to <topic>" once Kafka has acknowledged it`,
      got: () => `nothing for ${missing.length} of ${wanted.length}, e.g. ${missing[0]?.what ?? '?'}: never relayed, so lost`,
      hint: hint ?? 'relay the outbox INSERT (or transactional message) of every committed transaction; print the line after the send is acknowledged',
      timeoutMs,
    });
  }
}

// ——— the consumer ———

const HANDLED = lineFormats.handled.pattern;

export class Consumer {
  private constructor(readonly run: ProgramRun) {}

  static async start(ctx: StageContext, { label = 'the consumer', args = [] }: { label?: string; args?: string[] } = {}): Promise<Consumer> {
    const run = ProgramRun.launch(ctx, ['consume', ...args], label);
    await run.waitForReadyLine(
      CONSUMER_READY_TEXT,
      '(Consuming <topic> as group \'<group>\'...) once it has subscribed',
      'subscribe to <prefix>.outbox.event.order, then print the line',
      'docs/07-outbox.md#the-consumer',
    );
    return new Consumer(run);
  }

  handled(from = 0): { outcome: 'applied' | 'skipped duplicate'; type: string; id: string }[] {
    return this.run.matching(HANDLED, from).map((match) => ({ outcome: match[1] as 'applied' | 'skipped duplicate', type: match[2]!, id: match[3]! }));
  }

  /** Wait until the consumer has printed `count` applied / skipped lines since `from`. */
  async waitForHandled(count: number, { from = 0 }: { from?: number } = {}): Promise<ReturnType<Consumer['handled']>> {
    return this.run.waitUntil(() => {
      const handled = this.handled(from);
      return handled.length >= count ? handled : undefined;
    }, {
      expected: `${this.run.label} to handle ${count} record(s): a line "applied <type> <event id> …" or "skipped duplicate <type> <event id> …" for each`,
      got: () => `${this.handled(from).length} such line(s)`,
      hint: 'read every record of the topic; apply a new event id, skip one the inbox has already',
    });
  }
}
