// Type-aware checks that the compiler does not make: every promise is awaited or handled. Since
// the domain went async, a forgotten await is a write escaping its transaction, or a check that
// is always true (`if (promise)`). Run by npm test (scripts/run-tests.mjs) and `npm run lint`.
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'db/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise passed where a void callback is expected (an event listener) is fine: it handles its own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
];
