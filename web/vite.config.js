// Vite build of the dashboard: everything (code, country geometry) is
// bundled into dist/ so `pactwatch serve` needs no network at run time.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: {
    // `npm run dev` next to `pactwatch serve --port 8080`
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
