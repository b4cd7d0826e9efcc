// Lint rules: the recommended sets of ESLint and typescript-eslint, plus the dependency direction of STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const channelAndDriverImports = {
  patterns: [
    { group: ['grammy', '@grammyjs/*', '@slack/*', 'redis', '@redis/*', 'bullmq', 'ioredis', 'fastify', 'pino'], message: 'core, nlu, booking and content stay free of platforms and drivers: take what you need as a parameter.' },
    { group: ['**/channels/**', '**/store/**', '**/main', '**/main.ts'], message: 'core, nlu, booking and content never import a channel, a store implementation or main.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The web chat's page scripts run in browsers, as plain scripts (no build step, no modules).
    files: ['src/channels/web/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/core/**', 'src/nlu/**', 'src/booking/**', 'src/content/**', 'src/reminders/**'],
    rules: { 'no-restricted-imports': ['error', channelAndDriverImports] },
  },
  {
    // What core builds on never reaches back into core.
    files: ['src/nlu/**', 'src/booking/**', 'src/content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...channelAndDriverImports.patterns, { group: ['**/core/**', '**/core/index.ts'], message: 'nlu, booking and content sit below core: import shared errors from src/errors.ts.' }] },
      ],
    },
  },
);
