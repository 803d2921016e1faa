// Given: not part of the exercise. Read it in src/waldump-backend.ts.
export * from '../src/waldump-backend.ts';
