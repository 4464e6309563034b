// The migration Job (image target `migrate`): creates the database when missing, applies
// every committed migration (migrations/ beside packages/db, as in the repository), then
// loads the reference data (idempotent). Exits non-zero on any failure, so the rollout
// that waits for it does not start.
import { createDb, ensureDatabase, runMigrations } from './packages/db/dist/index.js';
import { seedReferenceData } from './services/resourcing/dist/index.js';

// biome-ignore lint/style/noProcessEnv: the Job's only setting, read where the Job starts
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(1);
}
try {
  if (await ensureDatabase(url)) process.stderr.write('created the database\n');
  await runMigrations(url);
  const handle = createDb({ url, max: 1, applicationName: 'tym-migrate' });
  try {
    const summary = await seedReferenceData(handle.db);
    process.stdout.write(`migrated; reference data: ${JSON.stringify(summary)}\n`);
  } finally {
    await handle.close();
  }
} catch (err) {
  process.stderr.write(`migration failed: ${err.message}\n`);
  process.exit(1);
}
