import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: index.html at the repo root, entry src/web/main.tsx, built into dist/web (served by Fastify). */
export default defineConfig({
  root: '.',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // zod (bundled for the forms' rules) carries comments Rollup cannot place: harmless, but noise at every build
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (id.includes('@mantine/')) return 'mantine';
          if (id.includes('@tanstack/')) return 'tanstack';
          if (id.includes('@tabler/')) return 'icons';
          return 'vendor';
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.COHERENCE_API ?? 'http://localhost:3100', changeOrigin: false } },
  },
});
