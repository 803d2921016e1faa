// Given: not part of the exercise. Read it in src/relation-names.ts.
export * from '../src/relation-names.ts';
