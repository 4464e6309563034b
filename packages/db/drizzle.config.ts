import { existsSync } from 'node:fs';
import { defineConfig } from 'drizzle-kit';

// scripts/db-generate.sh sets DRIZZLE_SCHEMAS to the pg schemas this migration may touch:
// only their table files are read, so another service's unfinished tables stay out.
const schemas = (process.env.DRIZZLE_SCHEMAS ?? 'platform,resourcing,referrals,planning,notifications')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s && existsSync(`./packages/db/src/schema/${s}/index.ts`));

export default defineConfig({
  dialect: 'postgresql',
  schema: schemas.map((s) => `./packages/db/src/schema/${s}/index.ts`),
  out: './migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tym' },
  strict: true,
  verbose: true,
});
