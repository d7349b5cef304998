import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'tests/main/**/*.test.ts',
            'tests/shared/**/*.test.ts',
            'tests/dqops-emulator/**/*.test.ts',
          ],
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['tests/renderer/**/*.test.ts'],
          setupFiles: ['tests/renderer/setup.ts'],
        },
      },
      {
        // Runs inside scripts/with-keyring.sh: a throwaway D-Bus session with gnome-keyring.
        test: {
          name: 'keychain',
          environment: 'node',
          include: ['tests/keychain/**/*.test.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
})
