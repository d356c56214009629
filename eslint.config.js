// @ts-check
// A small, explained rule set (README, "Linting"). tsc does the rest: strict types, and
// noUnusedLocals/noUnusedParameters instead of no-unused-vars.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'test-artifacts/', 'test-results/', 'data/', '.artifacts/'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      // Type information (the nearest tsconfig.json per file) for the promise rules below.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection) and its ordering; `void p` says it is meant.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected (forEach, event handlers, setTimeout) drops its rejection.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: true, attributes: false } }],
      // `await` on something that is not a promise is a mistake about the callee's type.
      '@typescript-eslint/await-thenable': 'error',
      // Throw Error subclasses (DomainError) only: a thrown string has no stack and no typed code.
      '@typescript-eslint/only-throw-error': 'error',
      // `import { type A }` keeps an empty side-effect import under verbatimModuleSyntax; write `import type { A }`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // == coerces ('' == 0); `== null` stays allowed as the one idiom for null-or-undefined.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // tsc's noUnusedLocals/noUnusedParameters report these already (one report, one place).
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      // A binding never reassigned is a const: the reader knows it without reading on.
      'prefer-const': 'error',
    },
  },
  {
    // The pages' own browser script (no build step, no types, written with `var`): the rules that need no type information.
    files: ['server/pages/assets/**/*.js'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
    },
  },
);
