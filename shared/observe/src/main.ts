import { colour, ConfigurationError } from '@cdc-lab/common';
import { startObserveServer } from './server.ts';
import { observedStackEnv } from './stack-env.ts';

export const OBSERVE_USAGE = `usage: pnpm observe [--port <n>] [--lab <n>] [--only <text>]

Starts a read-only web page for the running stack, on 127.0.0.1: the WAL as a line with each
replication slot's markers, the topics' offsets and latest records, consumer groups and their
lag, Kafka Connect's connectors. It updates about once a second. Ctrl-C stops it.

  --port <n>       listen on this port (default: a free one)
  --lab <n>        open with that lab's "what to watch" panel (the page's ?lab=<n>)
  --only <text>    show only the slots, topics and connectors whose name contains <text>`;

export interface ObserveArgs {
  port: number;
  lab?: number;
  only?: string;
}

export function parseObserveArgs(argv: readonly string[]): ObserveArgs | 'help' {
  const args: ObserveArgs = { port: 0 };
  const rest = argv.filter((arg) => arg !== '--');
  for (let index = 0; index < rest.length; index += 1) {
    const flag = rest[index]!;
    const value = (): string => {
      const next = rest[index + 1];
      if (next === undefined) throw new ConfigurationError(`${flag} needs a value`, { hint: OBSERVE_USAGE });
      index += 1;
      return next;
    };
    const number = (text: string, max: number): number => {
      if (!/^\d+$/.test(text) || Number(text) > max) throw new ConfigurationError(`${flag} wants a number, got ${JSON.stringify(text)}`, { hint: OBSERVE_USAGE });
      return Number(text);
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--port') args.port = number(value(), 65_535);
    else if (flag === '--lab') args.lab = number(value(), 99);
    else if (flag === '--only') args.only = value();
    else throw new ConfigurationError(`unknown option ${flag}`, { hint: OBSERVE_USAGE });
  }
  return args;
}

export async function observeCommand(argv: readonly string[]): Promise<void> {
  const args = parseObserveArgs(argv);
  if (args === 'help') {
    console.log(OBSERVE_USAGE);
    return;
  }
  const env = observedStackEnv();
  const server = await startObserveServer(env, { port: args.port, ...(args.only ? { only: args.only } : {}) });
  const address = args.lab === undefined ? server.url : `${server.url}?lab=${args.lab}`;
  console.log(`${colour.bold('Observing the stack')} at ${colour.cyan(address)}  (read-only; Ctrl-C stops it)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}
