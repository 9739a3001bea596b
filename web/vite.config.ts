import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Built into dist/web, which the service serves at /dashboard/ (src/infrastructure/http/dashboard). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline module-preload polyfill: the page's policy allows scripts from the service only.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 400,
  },
});
