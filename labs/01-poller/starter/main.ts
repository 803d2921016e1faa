// The reference program, run with your exercise files in place of its own: every file in
// starter/ that holds a TODO replaces its twin in src/ (see docs/grading.md#the-starter).
export * from '../src/main.ts';
