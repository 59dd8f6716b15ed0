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
        // The shell's libraries in a few long-cached chunks; the charts' (recharts, d3, lodash) in their
        // own, loaded by the pages that draw; everything else goes where Rollup finds it used, so a
        // first page does not parse libraries only other pages need.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          if (/node_modules\/(@mantine\/charts|recharts|d3-[a-z]+|lodash|decimal\.js-light|react-smooth|victory-vendor|fast-equals|recharts-scale|internmap)\//.test(id)) return 'charts';
          if (id.includes('@mantine/')) return 'mantine';
          if (id.includes('@tanstack/')) return 'tanstack';
          if (id.includes('@tabler/')) return 'icons';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.COHERENCE_API ?? 'http://localhost:3100', changeOrigin: false } },
  },
});
