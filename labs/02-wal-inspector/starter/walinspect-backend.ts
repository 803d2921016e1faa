// Given: not part of the exercise. Read it in src/walinspect-backend.ts.
export * from '../src/walinspect-backend.ts';
