import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema/index.ts',
  out: './migrations',
  schemaFilter: ['platform', 'resourcing', 'referrals', 'planning', 'notifications'],
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tym' },
  strict: true,
  verbose: true,
});
