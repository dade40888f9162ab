import { defineConfig } from 'vite';

// The console is built into dist/web, which `jugwon serve` serves at /.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 600 },
  esbuild: { jsx: 'automatic' },
  logLevel: 'warn',
});
