// Lint config. The import-direction rules below enforce ARCHITECTURE.md "Layout and import direction".
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ rules: { 'no-restricted-imports': ['error', { patterns }] } });
const serverOnly = {
  group: ['@open-ekyc/server', '@open-ekyc/server/*', '**/server/src/**'],
  message: 'this package must not import server code',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**', 'coverage/**', 'packages/*/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/contract/src/**'],
    ...restrict([
      {
        group: ['@open-ekyc/*', '**/engine/src/**', '**/server/src/**'],
        message: 'contract imports nothing internal',
      },
    ]),
  },
  { files: ['packages/engine/src/**'], ...restrict([serverOnly]) },
  {
    files: ['packages/web-sdk/src/**', 'packages/verify-page/src/**', 'packages/console/src/**'],
    ...restrict([
      serverOnly,
      { group: ['@open-ekyc/engine'], message: 'browser packages never import the engine' },
    ]),
  },
  // Only bin/ reads the environment (ARCHITECTURE.md "Style").
  {
    files: ['packages/*/src/**'],
    ignores: ['packages/server/src/bin/**', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'read config in bin/ and pass it down' },
      ],
    },
  },
  // Actions never touch the store directly.
  {
    files: ['packages/server/src/actions/**'],
    ...restrict([{ group: ['**/store/**', 'kysely'], message: 'actions call services, never the store' }]),
  },
);
