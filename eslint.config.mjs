// ESLint flat config: TypeScript + Vue 3 recommended rules; formatting is Prettier's job.
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from '@vue/eslint-config-prettier/skip-formatting'
import globals from 'globals'

export default defineConfigWithVueTs(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'coverage/**',
    ],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}', 'tests/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The renderer's bundle stays small: no zod, and from the zod-bearing shared modules (the
    // contract's schemas, the wire schemas) types only. Roles and constants are in shared/roles.
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: 'Validation happens in main; keep zod out of the renderer bundle.' },
          ],
          patterns: [
            {
              regex: 'shared/(contract|dqops)$',
              allowTypeImports: true,
              message:
                'Import types only from here (its zod schemas would enter the renderer bundle); values are in shared/roles.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts, the emulator's CLI, test harnesses and the logger's console sink may print.
    files: ['scripts/**', 'tests/**', 'electron/main/log.ts'],
    rules: { 'no-console': 'off' },
  },
  skipFormatting,
)
