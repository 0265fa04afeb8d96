import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built client (client/dist) on its own port; `pnpm --filter @wangge/client dev`
// runs Vite with /api proxied to a local API on port 3000.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
