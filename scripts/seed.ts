// Loads the reference data (municipalities, counties, organisations, employment areas,
// default cooperation areas). Idempotent: running it again changes nothing.
import { createDb } from '@tym/db';
import { seedReferenceData } from '@tym/resourcing';

const handle = createDb({
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tym',
  max: 2,
});
try {
  const summary = await seedReferenceData(handle.db);
  process.stderr.write(`reference data: ${JSON.stringify(summary)}\n`);
} finally {
  await handle.close();
}
