import { sql } from 'drizzle-orm';

/** `'a', 'b'` for a CHECK … IN (…) of a fixed list. Not exported from the schema index. */
export const sqlList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));
