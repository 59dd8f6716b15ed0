import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/server/platform/db-schema.ts', './src/modules/*/db/schema.ts', './src/modules/*/*/db/schema.ts'],
  out: './drizzle',
  migrations: { prefix: 'timestamp' },
});
