export * from './errors.ts';
export { Lsn } from './lsn.ts';
export { colour, colourWanted, formatBytes, redactUrl, timestamp } from './output.ts';
export { runMain } from './main-wrapper.ts';
export { NotImplementedError, todo } from './todo.ts';
export { databaseUrl, kafkaBrokers, positiveInteger, requiredEnv, slotName } from './config.ts';
