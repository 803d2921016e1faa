export {
  check, command, crash, defineDemo, exits, line, lookFor, narrate, showSlot, showTopic, slotReleased, sql, start, stop, waitFor,
  type Demo, type Expectation, type Memory, type Pattern, type Step,
} from './steps.ts';
export { demoNames, type DemoContext, type DemoNames } from './context.ts';
export { labCommandLine, recordLine } from './format.ts';
export { Narrator, wrap } from './narrator.ts';
export { runDemo, scenarioFile, type DemoOptions, type DemoOutcome } from './runner.ts';
