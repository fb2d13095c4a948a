// Build of the browser app: Vite + React, output in web/dist (served by src/server/web).
// Map (MapLibre) and chart (ECharts) code are dynamic imports, so they land in lazy chunks;
// assets get brotli and gzip copies at build time (precompress.ts).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.AGORA_API ?? 'http://localhost:8080' },
  },
});
