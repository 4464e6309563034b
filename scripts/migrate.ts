// Creates the database when missing and applies every committed migration.
import { ensureDatabase, runMigrations } from '@tym/db';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tym';
if (await ensureDatabase(url)) process.stderr.write(`created database ${new URL(url).pathname.slice(1)}\n`);
await runMigrations(url);
