// Given: not part of the exercise. Read it in src/waldump-runner.ts.
export * from '../src/waldump-runner.ts';
