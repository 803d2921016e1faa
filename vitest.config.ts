import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` needs nothing running. `stack` holds everything that talks to real
 * Postgres and Kafka — the graders, the tests that prove graders bite, the harness's own
 * checks — and shares one stack started by the global setup.
 */
export default defineConfig({
  test: {
    reporters: ['default', './shared/grading/src/summary-reporter.ts'],
    // Graders run programs as separate processes, so vitest cannot see that a grade depends on
    // them: in watch mode, saving any lab source file grades again.
    forceRerunTriggers: ['**/labs/*/src/**', '**/labs/*/starter/**'],
    projects: [
      {
        test: {
          name: 'unit',
          // Unit tests run first, then the stack tests with their own worker limit.
          sequence: { groupOrder: 0 },
          include: ['shared/*/test/**/*.test.ts', 'labs/*/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.stack.test.ts', '**/grade.test.ts', '**/bites.test.ts'],
          // Some unit tests import a lab's grader or program, and the first import compiles the
          // whole lab with its clients: seconds on a busy two-core machine, more than the 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'stack',
          sequence: { groupOrder: 1 },
          include: ['shared/*/test/**/*.stack.test.ts', 'labs/*/test/**/grade.test.ts', 'labs/*/test/**/bites.test.ts', 'labs/*/test/**/*.stack.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['shared/grading/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two cores: graders spawn programs and Kafka clients; two files at a time is the limit.
          maxWorkers: 2,
        },
      },
    ],
  },
});
