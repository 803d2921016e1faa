// Given: not part of the exercise. Read it in src/lesson.ts.
export * from '../src/lesson.ts';
