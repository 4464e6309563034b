import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

export interface QuotaCrossingRow {
  organisation_code: string;
  status: string;
  previous_status: string | null;
}

/**
 * Records each party's status and returns the parties whose status changed. One conditional
 * upsert: a row changes only when its status differs, and the row lock makes a concurrent
 * evaluation of the same area wait and then see the new status, so a crossing is returned
 * (and its event written) once.
 */
export async function upsertQuotaStates(
  db: Queryable,
  areaId: string,
  statuses: Array<{ organisationCode: string; status: string }>,
  now: Date,
): Promise<QuotaCrossingRow[]> {
  if (!statuses.length) return [];
  const values = sql.join(
    statuses.map(
      (s) => sql`(${areaId}::uuid, ${s.organisationCode}, ${s.status}, NULL, ${now}::timestamptz)`,
    ),
    sql`, `,
  );
  const result = await db.execute<QuotaCrossingRow & Record<string, unknown>>(sql`
    INSERT INTO resourcing.quota_states AS q
           (cooperation_area_id, organisation_code, status, previous_status, changed_at)
    VALUES ${values}
    ON CONFLICT (cooperation_area_id, organisation_code) DO UPDATE
       SET status = EXCLUDED.status, previous_status = q.status, changed_at = EXCLUDED.changed_at
     WHERE q.status IS DISTINCT FROM EXCLUDED.status
    RETURNING organisation_code, status, previous_status`);
  return result.rows;
}

export async function findQuotaStateRows(
  db: Queryable,
  areaId: string,
): Promise<Array<{ organisation_code: string; status: string; changed_at: Date }>> {
  const result = await db.execute<{ organisation_code: string; status: string; changed_at: Date }>(sql`
    SELECT organisation_code, status, changed_at FROM resourcing.quota_states WHERE cooperation_area_id = ${areaId}`);
  return result.rows;
}
