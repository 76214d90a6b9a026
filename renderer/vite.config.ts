import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build is served from delineate://app/ (Electron) and http://127.0.0.1:<port>/.
  base: './',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Inline assets would need data: in more CSP directives; keep every asset a file.
    assetsInlineLimit: 0,
    // Two pages: the app, and the codec check page that e2e/codecs.spec.ts drives (docs/IMPORT.md).
    rolldownOptions: {
      input: { index: `${here}index.html`, 'codec-check': `${here}codec-check.html` },
      onLog(level, log, handler) {
        // The codecs' Emscripten glue requires fs and path only in its Node branch, never taken in a browser.
        if (/externalized for browser compatibility, imported by .*@cornerstonejs\/codec-/.test(log.message)) return;
        handler(level, log);
      },
    },
  },
  // Module workers: the decode worker loads each codec's glue with a dynamic import (a code-split chunk).
  worker: { format: 'es' },
});
