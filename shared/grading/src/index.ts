export { check, fail, formatFailure, GradeFailure, trimmed, type FailureReport } from './failure.ts';
export { LabProcess, describeExit, type Exit, type LinePattern, type StartOptions } from './lab-process.ts';
export { TestDatabase, dropDatabase, quoteIdent, withDatabase } from './database.ts';
export { TestKafka, type SeenRecord, type ReadOptions } from './kafka.ts';
export { testNames, type TestNames } from './names.ts';
export { seededRandom, seedFromEnv, type Random } from './seed.ts';
export { defineGrader, runStage, NAME_VARIABLES, type Grader, type Stage, type StageContext } from './grader.ts';
export { registerGrader, registerBiteTests, expectRejection, stackFromSetup, type Rejection } from './vitest.ts';
export { PrivateStack } from './private-stack.ts';
