import { cases, clients, type Queryable, queryPrepared, referrals, referralTransitions } from '@tym/db';
import type { NewDeadlineRow, OutboxRow } from '@tym/jobs';
import { and, asc, eq, getTableColumns, ne, type SQL, sql } from 'drizzle-orm';
import {
  ACCESS_LOG_RECORD,
  accessLogJson,
  type NewAccessLogRow,
} from '../access-log/access-log.repository.js';
import { KELA_ORGANISATION_CODE, type ReferralListScope } from '../policy/policy.js';

export type ReferralRow = typeof referrals.$inferSelect;
export type NewReferralRow = typeof referrals.$inferInsert;
export type ReferralTransitionRow = typeof referralTransitions.$inferSelect;

export interface ReferralWithClient extends ReferralRow {
  client: { id: string; firstNames: string; lastName: string; homeMunicipalityCode: string };
}

const withClient = {
  referral: referrals,
  client: {
    id: clients.id,
    firstNames: clients.firstNames,
    lastName: clients.lastName,
    homeMunicipalityCode: clients.homeMunicipalityCode,
  },
};

export async function findReferralRow(db: Queryable, id: string): Promise<ReferralWithClient | null> {
  const [row] = await db
    .select(withClient)
    .from(referrals)
    .innerJoin(clients, eq(clients.id, referrals.clientId))
    .where(eq(referrals.id, id));
  return row ? { ...row.referral, client: row.client } : null;
}

/** What a submitted referral writes besides itself: `insertSubmittedReferral`. */
export interface SubmittedReferralRecords {
  transition: Pick<
    typeof referralTransitions.$inferInsert,
    'fromStatus' | 'toStatus' | 'at' | 'actorOrganisation' | 'actorSub'
  >;
  /** The response deadline (`newDeadlineRows`), and its `deadline.set` event. */
  deadline: NewDeadlineRow;
  deadlineEvent: OutboxRow;
  /** Events written after the deadline's, in order (e.g. `referral.submitted`). */
  events: OutboxRow[];
  accessLog: NewAccessLogRow[];
}

type NewSubmittedReferral = Required<
  Pick<
    NewReferralRow,
    | 'id'
    | 'clientId'
    | 'cooperationAreaId'
    | 'homeMunicipalityCode'
    | 'employmentAuthorityCode'
    | 'wellbeingCountyOrganiserCode'
    | 'referringOrganisationCode'
    | 'referredBySub'
    | 'grounds'
    | 'description'
    | 'status'
    | 'submittedAt'
    | 'submittedOn'
    | 'respondBy'
    | 'responseDays'
    | 'submittedDetails'
    | 'submittedRouting'
    | 'clientDetailsStatus'
    | 'updatedAt'
  >
>;

/**
 * The referral and every row that follows it — its first transition, its response deadline,
 * the deadline's and the other events and the access-log rows (each in the order given: a
 * function scan of the JSON array, so ids are allocated in that order) — as one
 * statement of data-modifying CTEs, prepared once per connection (issue 14: a statement per
 * row, each built by drizzle, was most of the request's cost). The rows are those the
 * single writers (`insertReferralTransition`, `setDeadline`, `recordEvent`, `logAccess`)
 * write. Each row after the referral is written only when the referral is (the pending
 * referral's unique index): null and nothing written when it is not. The deadline's event
 * only when the deadline is (`deadlineWritten`; false only when the subject already has a
 * pending deadline of the kind — the caller then calls `setDeadline`).
 */
export async function insertSubmittedReferral(
  db: Queryable,
  r: NewSubmittedReferral,
  records: SubmittedReferralRecords,
): Promise<{ referral: ReferralRow; deadlineWritten: boolean } | null> {
  const t = records.transition;
  const d = records.deadline;
  const events = [
    { ...records.deadlineEvent, afterDeadline: true },
    ...records.events.map((e) => ({ ...e, afterDeadline: false })),
  ].map((e) => ({
    type: e.type,
    occurred_at: e.occurredAt,
    organisation_codes: e.organisationCodes,
    cooperation_area_id: e.cooperationAreaId,
    subject_type: e.subjectType,
    subject_id: e.subjectId,
    actor_organisation: e.actorOrganisation,
    actor_sub: e.actorSub,
    payload: e.payload,
    after_deadline: e.afterDeadline,
  }));
  const [row] = await queryPrepared<Record<string, unknown>>(
    db,
    'referrals.insert_submitted',
    INSERT_SUBMITTED,
    [
      r.id,
      r.clientId,
      r.cooperationAreaId,
      r.homeMunicipalityCode,
      r.employmentAuthorityCode,
      r.wellbeingCountyOrganiserCode,
      r.referringOrganisationCode,
      r.referredBySub,
      r.grounds,
      r.description,
      r.status,
      r.submittedAt,
      r.submittedOn,
      r.respondBy,
      r.responseDays,
      r.submittedDetails,
      r.submittedRouting === null ? null : JSON.stringify(r.submittedRouting),
      r.clientDetailsStatus,
      r.updatedAt,
      t.fromStatus ?? null,
      t.toStatus,
      t.at,
      t.actorOrganisation,
      t.actorSub,
      d.id,
      d.kind,
      d.subjectType,
      d.subjectId,
      d.caseId,
      d.cooperationAreaId,
      d.organisationCodes,
      d.dueOn,
      d.status,
      d.version,
      d.rule,
      d.statute,
      JSON.stringify(d.computation),
      d.createdAt,
      d.updatedAt,
      JSON.stringify(events),
      accessLogJson(records.accessLog),
    ],
  );
  if (!row) return null;
  const referral = {} as Record<string, unknown>;
  for (const [key, column] of REFERRAL_COLUMNS) referral[key] = row[column] ?? null;
  return { referral: referral as ReferralRow, deadlineWritten: row.deadline_written === true };
}

/**
 * The referral's columns, named in the answer rather than `r.*`: the statement is prepared
 * once per connection, and a prepared statement whose result type changes (a column added
 * by a migration while the process runs) fails with "cached plan must not change result type".
 */
const REFERRAL_COLUMNS = Object.entries(getTableColumns(referrals)).map(([key, c]) => [key, c.name] as const);

const INSERT_SUBMITTED = `
WITH r AS (
  INSERT INTO referrals.referrals (id, client_id, cooperation_area_id, home_municipality_code, employment_authority_code,
         wellbeing_county_organiser_code, referring_organisation_code, referred_by_sub, grounds, description, status,
         submitted_at, submitted_on, respond_by, response_days, submitted_details, submitted_routing,
         client_details_status, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18, $19)
  ON CONFLICT DO NOTHING
  RETURNING *
), t AS (
  INSERT INTO referrals.referral_transitions (referral_id, from_status, to_status, at, actor_organisation, actor_sub)
  SELECT id, $20, $21, $22, $23, $24 FROM r
), d AS (
  INSERT INTO platform.deadlines (id, kind, subject_type, subject_id, case_id, cooperation_area_id, organisation_codes,
         due_on, status, version, rule, statute, computation, created_at, updated_at)
  SELECT $25, $26, $27, $28, $29, $30, $31::text[], $32, $33, $34, $35, $36, $37::jsonb, $38, $39 FROM r
  ON CONFLICT (kind, subject_id) WHERE status = 'pending' DO NOTHING
  RETURNING id
), e AS (
  INSERT INTO platform.events (type, occurred_at, organisation_codes, cooperation_area_id, subject_type, subject_id,
         actor_organisation, actor_sub, payload)
  SELECT v.type, v.occurred_at, v.organisation_codes, v.cooperation_area_id, v.subject_type, v.subject_id,
         v.actor_organisation, v.actor_sub, v.payload
    FROM json_to_recordset($40::json) AS v(type text, occurred_at timestamptz, organisation_codes text[],
         cooperation_area_id uuid, subject_type text, subject_id text, actor_organisation text, actor_sub text,
         payload jsonb, after_deadline boolean)
   WHERE EXISTS (SELECT 1 FROM r) AND (NOT v.after_deadline OR EXISTS (SELECT 1 FROM d))
), l AS (
  INSERT INTO referrals.access_log (occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action,
         resource_type, resource_id, client_id, purpose)
  SELECT occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action, resource_type, resource_id,
         client_id, purpose
    FROM json_to_recordset($41::json) AS a(${ACCESS_LOG_RECORD})
   WHERE EXISTS (SELECT 1 FROM r)
)
SELECT ${REFERRAL_COLUMNS.map(([, name]) => `r.${name}`).join(', ')}, EXISTS (SELECT 1 FROM d) AS deadline_written
  FROM r`;

/** A pending referral of the client to the area (of one referring organisation, when given). */
export async function findPendingReferralId(
  db: Queryable,
  clientId: string,
  cooperationAreaId: string,
  referringOrganisationCode?: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(
      and(
        eq(referrals.clientId, clientId),
        eq(referrals.cooperationAreaId, cooperationAreaId),
        eq(referrals.status, 'submitted'),
        referringOrganisationCode
          ? eq(referrals.referringOrganisationCode, referringOrganisationCode)
          : undefined,
      ),
    )
    .orderBy(asc(referrals.submittedAt))
    .limit(1);
  return row?.id ?? null;
}

export async function findOpenCaseId(
  db: Queryable,
  clientId: string,
  cooperationAreaId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.clientId, clientId),
        eq(cases.cooperationAreaId, cooperationAreaId),
        ne(cases.status, 'ended'),
      ),
    );
  return row?.id ?? null;
}

/**
 * Moves a referral out of `submitted` in one conditional statement: of two concurrent
 * decisions exactly one matches (the other waits for the row lock, then sees the new status).
 */
export async function decideReferralRow(
  db: Queryable,
  id: string,
  set: Pick<NewReferralRow, 'status' | 'decidedAt' | 'decidedByOrganisation' | 'decidedBySub' | 'updatedAt'> &
    Partial<Pick<NewReferralRow, 'caseId' | 'declineReasonCode' | 'declineReasonText'>>,
): Promise<ReferralRow | null> {
  const [row] = await db
    .update(referrals)
    .set(set)
    .where(and(eq(referrals.id, id), eq(referrals.status, 'submitted')))
    .returning();
  return row ?? null;
}

export async function insertReferralTransition(
  db: Queryable,
  row: typeof referralTransitions.$inferInsert,
): Promise<void> {
  await db.insert(referralTransitions).values(row);
}

export async function findReferralTransitions(
  db: Queryable,
  referralId: string,
): Promise<ReferralTransitionRow[]> {
  return db
    .select()
    .from(referralTransitions)
    .where(eq(referralTransitions.referralId, referralId))
    .orderBy(asc(referralTransitions.id));
}

/**
 * One page of the referrals a caller sees (the inbox of their areas and their own
 * referrals), newest first by (submitted_at, id).
 */
export async function findReferralPage(
  db: Queryable,
  scope: ReferralListScope,
  filter: { status?: string; cooperationAreaId?: string },
  page: { limit: number; after?: { t: string; i: string } },
): Promise<ReferralWithClient[]> {
  const referrer = and(
    eq(referrals.referringOrganisationCode, scope.referrer.organisationCode),
    scope.referrer.sub === null ? undefined : eq(referrals.referredBySub, scope.referrer.sub),
  );
  // The client's parties (clientPartyCodes, policy.ts) in their allocated areas, and the referrer.
  const party = sql`${scope.partyOrganisationCode} IN (${referrals.employmentAuthorityCode}, ${referrals.wellbeingCountyOrganiserCode}, ${KELA_ORGANISATION_CODE})`;
  const visible = sql`((${referrals.cooperationAreaId} = ANY(${sql.param([...scope.areaIds])}::uuid[]) AND ${party}) OR ${referrer})`;
  const where: Array<SQL | undefined> = [visible];
  if (filter.status) where.push(sql`${referrals.status} = ${filter.status}`);
  if (filter.cooperationAreaId) where.push(eq(referrals.cooperationAreaId, filter.cooperationAreaId));
  if (page.after) {
    where.push(
      sql`(${referrals.submittedAt}, ${referrals.id}) < (${page.after.t}::timestamptz, ${page.after.i}::uuid)`,
    );
  }
  const rows = await db
    .select(withClient)
    .from(referrals)
    .innerJoin(clients, eq(clients.id, referrals.clientId))
    .where(and(...where))
    .orderBy(sql`${referrals.submittedAt} DESC`, sql`${referrals.id} DESC`)
    .limit(page.limit);
  return rows.map((r) => ({ ...r.referral, client: r.client }));
}

/** Records a party's decision on the client details a referral brought, if still pending. */
export async function decideClientDetailsRow(
  db: Queryable,
  id: string,
  set: Required<
    Pick<
      NewReferralRow,
      | 'clientDetailsStatus'
      | 'clientDetailsDecidedAt'
      | 'clientDetailsDecidedByOrganisation'
      | 'clientDetailsDecidedBySub'
      | 'updatedAt'
    >
  >,
): Promise<ReferralRow | null> {
  const [row] = await db
    .update(referrals)
    .set(set)
    .where(and(eq(referrals.id, id), eq(referrals.clientDetailsStatus, 'pending')))
    .returning();
  return row ?? null;
}
