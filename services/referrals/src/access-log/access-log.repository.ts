import { accessLog, type Queryable } from '@tym/db';
import { and, desc, eq, lt } from 'drizzle-orm';

export type AccessLogRow = typeof accessLog.$inferSelect;
export type NewAccessLogRow = typeof accessLog.$inferInsert;

/** Appends rows; the table refuses UPDATE and DELETE (a trigger in the migration). */
export async function insertAccessLogRows(db: Queryable, rows: NewAccessLogRow[]): Promise<void> {
  if (!rows.length) return;
  await db.insert(accessLog).values(rows);
}

/** A client's access log, newest first, by id (keyset). */
export async function findAccessLogPage(
  db: Queryable,
  clientId: string,
  options: { limit: number; beforeId?: number },
): Promise<AccessLogRow[]> {
  return db
    .select()
    .from(accessLog)
    .where(
      and(
        eq(accessLog.clientId, clientId),
        options.beforeId !== undefined ? lt(accessLog.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(accessLog.id))
    .limit(options.limit);
}
