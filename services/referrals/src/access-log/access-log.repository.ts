import { accessLog, type Queryable } from '@tym/db';
import { and, desc, eq, lt, sql } from 'drizzle-orm';

export type AccessLogRow = typeof accessLog.$inferSelect;
export type NewAccessLogRow = typeof accessLog.$inferInsert;

/**
 * Appends rows; the table refuses UPDATE and DELETE (a trigger in the migration). The rows
 * travel as one JSON parameter: a caseload page logs 50 rows, and drizzle's multi-row
 * insert builder (500 parameters) was a tenth of the API's CPU (issue 14, bench/README.md).
 */
export async function insertAccessLogRows(db: Queryable, rows: NewAccessLogRow[]): Promise<void> {
  if (!rows.length) return;
  const json = accessLogJson(rows);
  await db.execute(sql`
    INSERT INTO referrals.access_log (occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action,
                                      resource_type, resource_id, client_id, purpose)
    SELECT occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action, resource_type, resource_id,
           client_id, purpose
      FROM json_to_recordset(${json}::json) AS r(${sql.raw(ACCESS_LOG_RECORD)})`);
}

/** The column list of `json_to_recordset` over `accessLogJson`. */
export const ACCESS_LOG_RECORD = `occurred_at timestamptz, request_id text, actor_sub text,
           actor_organisation text, actor_roles text[], action text, resource_type text, resource_id text,
           client_id uuid, purpose text`;

/** Access-log rows as the one JSON parameter the inserts read with `json_to_recordset`. */
export function accessLogJson(rows: NewAccessLogRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      occurred_at: r.occurredAt,
      request_id: r.requestId,
      actor_sub: r.actorSub,
      actor_organisation: r.actorOrganisation,
      actor_roles: r.actorRoles,
      action: r.action,
      resource_type: r.resourceType,
      resource_id: r.resourceId ?? null,
      client_id: r.clientId ?? null,
      purpose: r.purpose,
    })),
  );
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
