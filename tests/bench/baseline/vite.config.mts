import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The benchmark's baseline page (a plain table); built by tests/bench/renderer.ts.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  plugins: [vue()],
  build: { outDir: '../../../out/bench-baseline', emptyOutDir: true },
})
