// The project's linter: correctness rules for TypeScript, plus the rules that keep the layers
// apart. A lab may use an earlier lab only through that lab's package (its declared exports),
// shared packages never reach into a lab (the benchmark, which runs the labs' programs, aside),
// and no module imports itself back through a cycle.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '.cdc-lab/**', '**/*.py', 'python/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.js'], 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-relative-packages': 'error',
      'import-x/no-self-import': 'error',
      // Unused names are allowed when they say so with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // The labs match control characters on purpose: JSON's escapes, terminal colours.
      'no-control-regex': 'off',
    },
  },
  {
    // A starter's exercise is a signature whose body the learner writes, in a file that already
    // imports and declares what the answer will use: unused until the learner writes it.
    files: ['labs/*/starter/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/bench/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@cdc-lab/0*', '**/labs/*/**'], message: 'shared packages do not depend on a lab' }] }],
    },
  },
);
