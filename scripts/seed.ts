// Loads the reference data (municipalities, counties, organisations, employment areas,
// default cooperation areas). Idempotent: running it again changes nothing.
//
// With `--file <employment_areas.csv> --valid-from YYYY-MM-DD` it then loads a new period of
// employment-area membership from that file (the same as POST /v1/reference-data/employment-areas):
// validated, idempotent, prints what changed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb } from '@tym/db';
import { AppError } from '@tym/platform';
import { loadEmploymentAreaPeriod, seedReferenceData } from '@tym/resourcing';

const { values } = parseArgs({
  options: { file: { type: 'string' }, 'valid-from': { type: 'string' } },
  strict: true,
});
/** A real calendar date YYYY-MM-DD. */
const isLocalDate = (d: string) =>
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const file = values.file;
const validFrom = values['valid-from'];
if (
  (file === undefined) !== (validFrom === undefined) ||
  (validFrom !== undefined && !isLocalDate(validFrom))
) {
  process.stderr.write('usage: pnpm db:seed [--file employment_areas.csv --valid-from YYYY-MM-DD]\n');
  process.exit(2);
}

const handle = createDb({
  url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tym',
  max: 2,
});
try {
  const summary = await seedReferenceData(handle.db);
  process.stderr.write(`reference data: ${JSON.stringify(summary)}\n`);
  if (file && validFrom) {
    const changes = await loadEmploymentAreaPeriod(handle.db, {
      csv: readFileSync(file, 'utf8'),
      validFrom,
      now: new Date(),
      actor: { organisation: 'operator', sub: 'db:seed' },
    });
    process.stdout.write(`${JSON.stringify(changes, null, 2)}\n`);
  }
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  process.stderr.write(`${err.code}: ${err.detail ?? ''}\n${JSON.stringify(err.errors ?? [], null, 2)}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
