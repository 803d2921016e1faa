// The reference program, run with your exercise files in place of its own: every file in
// starter/ replaces its twin in src/, and every file not here is the reference's own
// (see docs/grading.md#the-starter).
export * from '../src/main.ts';
