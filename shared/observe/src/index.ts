export { observeCommand, OBSERVE_USAGE, parseObserveArgs } from './main.ts';
export { startObserveServer, type ObserveServer, type ServeOptions } from './server.ts';
export { Observer } from './observer.ts';
export { observedStackEnv } from './stack-env.ts';
export type { Snapshot } from './snapshot.ts';
