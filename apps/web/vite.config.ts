import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.ts';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Dev server settings come from the environment because port 3000 (or 5173) may be taken:
 * LANTIAN_WEB_PORT   port of the Vite dev server (default 5173)
 * LANTIAN_API_URL    where /api is proxied in development (default http://127.0.0.1:8080, the server's default)
 */
const webPort = Number(process.env.LANTIAN_WEB_PORT ?? 5173);
const apiUrl = process.env.LANTIAN_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      '@lantian/core': src('../../packages/core/src/index.ts'),
      // Names only (no zod): what the first page load may import from the contract.
      '@lantian/contract/names': src('../../packages/contract/src/names.ts'),
      '@lantian/contract/plan-filters': src('../../packages/contract/src/plan-filters.ts'),
      '@lantian/contract': src('../../packages/contract/src/index.ts'),
    },
  },
  server: {
    port: webPort,
    strictPort: true,
    // Keep the browser's Host header so the server's Origin check sees the same origin it was called from.
    proxy: { '/api': { target: apiUrl, changeOrigin: false } },
  },
  preview: { port: webPort, strictPort: true, proxy: { '/api': { target: apiUrl, changeOrigin: false } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // scripts/check-bundle.mjs reads the manifest to measure what the first page load ships.
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
