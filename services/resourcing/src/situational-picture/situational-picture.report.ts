import type { Queryable } from '@tym/db';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The indicator queries of the situational picture (issue 13). A report may read across
 * schemas (architecture.md, Data): these are the only files of resourcing that name
 * `referrals.` or `planning.` tables. Each function is one statement over one cooperation area
 * (or, for the national roll-up, every area grouped by employment authority or wellbeing
 * services county) and one period, grouped by unit and bucket (`month` or `quarter`; a row's
 * `bucket` is `<unit>|<first day of the bucket>`, and `<unit>|total` for the whole period, from
 * the same pass by GROUPING SETS), and returns counts only — never a person-level row. Suppression happens after (suppression.rules.ts).
 *
 * Dates are the local (Europe/Helsinki) dates the services store (`submitted_on`,
 * `assessment_started_on`, …); instants are converted with `AT TIME ZONE 'Europe/Helsinki'`.
 */

/**
 * Runs one report statement. On the pool (not inside a caller's transaction) it runs in a
 * transaction of its own — so the statements of a picture run concurrently on separate
 * connections — with a larger `work_mem` (32 MB) (the sorts of the medians and GROUPING SETS stay in
 * memory instead of spilling 10–25 MB to disk) and without JIT compilation (40–200 ms of
 * compiling per statement on a busy machine, more than the statement saves).
 */
async function report<T extends Record<string, unknown>>(db: Queryable, query: SQL): Promise<{ rows: T[] }> {
  if ('rollback' in db) return (await db.execute(query)) as unknown as { rows: T[] };
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('work_mem', '32MB', true), set_config('jit', 'off', true)`);
    return (await tx.execute(query)) as unknown as { rows: T[] };
  });
}

export type BucketUnit = 'month' | 'quarter';

/**
 * What one row of figures is for: one cooperation area (`area`, the area picture), or every
 * employment authority or wellbeing services county nationally (the roll-up).
 */
export type Grouping = 'area' | 'employment_authority' | 'wellbeing_county';

export interface Scope {
  /** The area of an area picture; ignored by the national groupings unless `within`. */
  areaId: string;
  /**
   * With a national grouping: only this area's rows (the area picture's breakdown per
   * employment authority).
   */
  within?: string;
  /** Default `area`. Rows' `bucket` is `<unit>|<YYYY-MM-DD>`; the unit of `area` is the area id. */
  groupBy?: Grouping;
  /** First day of the period (a month's first day). */
  from: string;
  /** Last day of the period (a month's last day). */
  to: string;
  unit: BucketUnit;
  /** Today in Helsinki, for "now" figures. */
  today: string;
}

type Num = number | null;
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nn = (v: unknown): Num => (v === null || v === undefined ? null : Number(v));
/** The unit column of a table with `cooperation_area_id`, `employment_authority_code` and `wellbeing_county_organiser_code`. */
const unitOf = (alias: string, s: Scope) =>
  sql.raw(
    s.groupBy === 'employment_authority'
      ? `${alias}.employment_authority_code`
      : s.groupBy === 'wellbeing_county'
        ? `${alias}.wellbeing_county_organiser_code`
        : `${alias}.cooperation_area_id::text`,
  );
/** The rows a query reads: one area, or every area for a national grouping. */
const inScope = (alias: string, s: Scope) =>
  (s.groupBy ?? 'area') === 'area'
    ? sql`${sql.raw(alias)}.cooperation_area_id = ${s.areaId}`
    : s.within
      ? sql`${sql.raw(alias)}.cooperation_area_id = ${s.within}`
      : sql`TRUE`;
/**
 * The bucket of a row: the first day of its month or quarter, a date (sorting and hashing a
 * date is much cheaper than a text key; the text `<unit>|<YYYY-MM-DD>` is made after grouping).
 */
const bucketOf = (_alias: string, column: string, s: Scope) =>
  sql.raw(`date_trunc('${s.unit}', ${column})::date`);
/**
 * Each period and the whole period in one pass: rows grouped by (unit, bucket) and by unit
 * alone; the latter's bucket is `<unit>|total` (its counts, medians and percentiles are over
 * the whole period).
 */
const totalled = (k = 'k') =>
  sql.raw(
    `CASE WHEN grouping(${k}) = 1 THEN unit || '|total' ELSE unit || '|' || to_char(${k}, 'YYYY-MM-DD') END`,
  );
const bothSets = (k = 'k') => sql.raw(`GROUP BY GROUPING SETS ((unit, ${k}), (unit))`);
/** The same for rows of a CTE that already carry their `unit`. */
const bucketOfUnit = (column: string, s: Scope, _unitColumn = 'unit') => bucketOf('', column, s);
const stepOf = (s: Scope) => (s.unit === 'quarter' ? sql`interval '3 months'` : sql`interval '1 month'`);
/** The units of the scope: the area, or every authority or county named by a referral or case. */
const unitsCte = (s: Scope) =>
  (s.groupBy ?? 'area') === 'area'
    ? sql`units AS (SELECT ${s.areaId}::text AS unit)`
    : sql`units AS (
      SELECT ${unitOf('x', s)} AS unit FROM referrals.referrals x WHERE ${inScope('x', s)}
      UNION SELECT ${unitOf('y', s)} FROM referrals.cases y WHERE ${inScope('y', s)}
    )`;
/** Every unit × bucket with the bucket's last day (not after `to`, nor after today). */
const bucketsCte = (s: Scope) => sql`${unitsCte(s)},
    buckets AS (
      SELECT u.unit, u.unit || '|' || to_char(b, 'YYYY-MM-DD') AS bucket,
             least((b + ${stepOf(s)} - interval '1 day')::date, ${s.to}::date, ${s.today}::date) AS last_day
        FROM units u, generate_series(${s.from}::date, ${s.to}::date, ${stepOf(s)}) AS b
      UNION ALL
      SELECT u.unit, u.unit || '|total', least(${s.to}::date, ${s.today}::date) FROM units u
    )`;

export interface ReferralFigures {
  bucket: string;
  received: number;
  accepted: number;
  declined: number;
  withdrawn: number;
  /** Declined by reason code (381/2023 §3: a referral is declined with a reason). */
  declinedByReason: Record<string, number>;
  answered: number;
  answeredByRespondBy: number;
  answerDaysMedian: Num;
  answerDaysP90: Num;
}

/**
 * Referrals (381/2023 §3), by the bucket of the day they were submitted (`submitted_on`):
 * - received: every referral submitted to the area;
 * - accepted / declined / withdrawn: of them, in that state now;
 * - declined by reason: declined by `decline_reason_code`;
 * - answered: accepted or declined; days to answer = the Helsinki date of `decided_at` minus
 *   `submitted_on`; median and 90th percentile (continuous) over the answered referrals;
 * - answered by `respondBy`: answered on or before the agreement's response day (default 14
 *   days, domain.md §2).
 */
export async function referralFigures(db: Queryable, s: Scope): Promise<ReferralFigures[]> {
  const result = await report<Record<string, unknown>>(
    db,
    sql`
    WITH r AS (
      SELECT ${unitOf('x', s)} AS unit, ${bucketOf('x', 'x.submitted_on', s)} AS k, status, decline_reason_code, respond_by,
             CASE WHEN status IN ('accepted', 'declined')
                  THEN (decided_at AT TIME ZONE 'Europe/Helsinki')::date - submitted_on END AS days,
             CASE WHEN status IN ('accepted', 'declined')
                  THEN (decided_at AT TIME ZONE 'Europe/Helsinki')::date END AS answered_on
        FROM referrals.referrals x
       WHERE ${inScope('x', s)} AND submitted_on BETWEEN ${s.from}::date AND ${s.to}::date
    )
    SELECT ${totalled()} AS bucket, count(*)::int AS received,
           count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
           count(*) FILTER (WHERE status = 'declined')::int AS declined,
           count(*) FILTER (WHERE status = 'withdrawn')::int AS withdrawn,
           count(*) FILTER (WHERE decline_reason_code = 'single_authority_sufficient')::int AS d_single_authority_sufficient,
           count(*) FILTER (WHERE decline_reason_code = 'not_unemployed')::int AS d_not_unemployed,
           count(*) FILTER (WHERE decline_reason_code = 'wrong_area')::int AS d_wrong_area,
           count(*) FILTER (WHERE decline_reason_code = 'duplicate')::int AS d_duplicate,
           count(*) FILTER (WHERE decline_reason_code = 'other')::int AS d_other,
           count(days)::int AS answered,
           count(*) FILTER (WHERE answered_on <= respond_by)::int AS by_respond_by,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
      FROM r ${bothSets()} ORDER BY 1`,
  );
  return result.rows.map((r) => ({
    bucket: String(r.bucket),
    received: n(r.received),
    accepted: n(r.accepted),
    declined: n(r.declined),
    withdrawn: n(r.withdrawn),
    declinedByReason: Object.fromEntries(DECLINE_REASONS.map((code) => [code, n(r[`d_${code}`])])),
    answered: n(r.answered),
    answeredByRespondBy: n(r.by_respond_by),
    answerDaysMedian: nn(r.median),
    answerDaysP90: nn(r.p90),
  }));
}

export interface ReferralSourceFigures {
  bucket: string;
  /** `referrer:<organisation code>` or `ground:<ground code>`. */
  source: string;
  n: number;
}

export const GROUNDS = [
  'work_capacity_limitations',
  'functional_capacity_limitations',
  'life_management_problems',
] as const;

/**
 * Referrals received by referring party (`referring_organisation_code`: each referral has one,
 * so they add up to the received) and by ground (381/2023 §3: a referral names 1–3 grounds, so
 * these do not add up), by the bucket of `submitted_on`, with the whole period (`…|total`).
 */
export async function referralSourceFigures(db: Queryable, s: Scope): Promise<ReferralSourceFigures[]> {
  const result = await report<{ bucket: string; source: string; n: number }>(
    db,
    sql`
    WITH r AS (
      SELECT ${unitOf('x', s)} AS unit, ${bucketOf('x', 'x.submitted_on', s)} AS k, x.referring_organisation_code,
             x.grounds, count(*) AS n
        FROM referrals.referrals x
       WHERE ${inScope('x', s)} AND submitted_on BETWEEN ${s.from}::date AND ${s.to}::date
       GROUP BY 1, 2, 3, 4
    ),
    sources AS (
      SELECT unit, k, 'referrer:' || referring_organisation_code AS source, n FROM r
      UNION ALL
      SELECT unit, k, 'ground:' || g, n FROM r, unnest(grounds) AS g
    )
    SELECT ${totalled()} AS bucket, source, sum(n)::int AS n
      FROM sources GROUP BY GROUPING SETS ((unit, k, source), (unit, source))
     ORDER BY 1, 2`,
  );
  return result.rows.map((r) => ({ bucket: String(r.bucket), source: r.source, n: Number(r.n) }));
}

export const DECLINE_REASONS = [
  'single_authority_sufficient',
  'not_unemployed',
  'wrong_area',
  'duplicate',
  'other',
] as const;

export interface RelationshipFigures {
  bucket: string;
  started: number;
  ended: number;
  /** Ended by outcome (the §8 ground is one: support no longer needed). */
  endedByOutcome: Record<string, number>;
  /** Open at the end of the bucket (or at `today` for a bucket not yet over). */
  activeAtEnd: number;
  durationDaysMedian: Num;
}

export const OUTCOMES = [
  'employed',
  'education',
  'other_services',
  'moved_abroad',
  'deceased',
  'other',
] as const;

/**
 * Client relationships (381/2023 §4, §8):
 * - started: cases whose joint assessment started (`assessment_started_on`) in the bucket;
 * - ended: cases that ended (`ended_on`) in the bucket, by outcome; the §8 ground is one;
 * - active at the end: started on or before the bucket's last day (or today, when earlier)
 *   and not ended by then;
 * - duration: median of `ended_on − assessment_started_on` in days over the cases ended in the
 *   bucket.
 */
export async function relationshipFigures(db: Queryable, s: Scope): Promise<RelationshipFigures[]> {
  const result = await report<Record<string, unknown>>(
    db,
    sql`
    WITH ${bucketsCte(s)},
    c AS (
      SELECT ${unitOf('x', s)} AS unit, assessment_started_on, ended_on, end_reason_code
        FROM referrals.cases x
       WHERE ${inScope('x', s)} AND assessment_started_on <= ${s.to}::date
         AND (ended_on IS NULL OR ended_on >= ${s.from}::date)
    ),
    started AS (
      SELECT ${totalled()} AS bucket, count(*)::int AS n
        FROM (SELECT unit, ${bucketOfUnit('assessment_started_on', s)} AS k FROM c
               WHERE assessment_started_on >= ${s.from}::date) z ${bothSets()}
    ),
    ended AS (
      SELECT ${totalled()} AS bucket, count(*)::int AS n,
             ${sql.raw(OUTCOMES.map((o) => `count(*) FILTER (WHERE end_reason_code = '${o}')::int AS o_${o}`).join(', '))},
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ended_on - assessment_started_on) AS median
        FROM (SELECT c.*, ${bucketOfUnit('ended_on', s)} AS k FROM c
               WHERE ended_on BETWEEN ${s.from}::date AND ${s.to}::date) z ${bothSets()}
    ),
    -- Active at the end of a bucket = started by its last day − ended by then: summed from
    -- per-day changes (a few hundred rows), not by joining every case to every bucket.
    delta AS (
      SELECT unit, day, sum(d)::int AS d
        FROM (SELECT unit, assessment_started_on AS day, 1 AS d FROM c
              UNION ALL SELECT unit, ended_on, -1 FROM c WHERE ended_on IS NOT NULL) x
       GROUP BY unit, day
    ),
    active AS (
      SELECT b.bucket, coalesce(sum(delta.d), 0)::int AS n
        FROM buckets b
        LEFT JOIN delta ON delta.unit = b.unit AND delta.day <= b.last_day
       GROUP BY b.bucket
    )
    SELECT b.bucket, coalesce(st.n, 0) AS started, coalesce(en.n, 0) AS ended, en.median, a.n AS active,
           ${sql.raw(OUTCOMES.map((o) => `coalesce(en.o_${o}, 0) AS o_${o}`).join(', '))}
      FROM buckets b
      LEFT JOIN started st ON st.bucket = b.bucket
      LEFT JOIN ended en ON en.bucket = b.bucket
      LEFT JOIN active a ON a.bucket = b.bucket
     ORDER BY b.bucket`,
  );
  return result.rows.map((r) => ({
    bucket: String(r.bucket),
    started: n(r.started),
    ended: n(r.ended),
    endedByOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, n(r[`o_${o}`])])),
    activeAtEnd: n(r.active),
    durationDaysMedian: nn(r.median),
  }));
}

export interface ClockFigures {
  bucket: string;
  /** Cases started in the bucket whose plan was due by today or already made. */
  plansDue: number;
  plansWithinThreeMonths: number;
  daysToPlanMedian: Num;
  reviews: number;
  reviewsOnTime: number;
  reviewRequests: number;
  reviewRequestsRefused: number;
  reviewRequestsHandledByDue: number;
  /** Requests handled (refused, or followed by a review) by today, whenever. */
  reviewRequestsHandled: number;
  /** Median days from a request to its handling, over the handled requests. */
  reviewRequestHandlingDaysMedian: Num;
}

/**
 * Statutory clocks (381/2023 §4(2), §6), by bucket:
 * - plans due: cases started (`assessment_started_on`) in the bucket whose plan was due
 *   (`plan_due_on`, 3 months under act 150/1930) on or before today, or that already have an
 *   agreed plan;
 * - plans within 3 months: of them, the first agreed version (`plan_versions.version = 1`) was
 *   agreed on or before `plan_due_on`; days to plan = first `agreed_on − assessment_started_on`,
 *   median over the cases with a plan;
 * - reviews: reviews recorded (`reviewed_on`) in the bucket; on time when made on or before the
 *   date the previous review set (`next_review_due_on`), or for a plan's first review, 3
 *   calendar months after its first agreement (§6: at least every 3 months);
 * - review requests: requests of clients (`requested_on`) in the bucket; refused with a reason
 *   (§6(1)); handled on the day it was refused, or else on the day of the first review on or
 *   after the request; handled by their due day when that day is on or before `due_on`; days to
 *   handle = handled day − `requested_on`, median over the handled requests.
 */
export async function clockFigures(db: Queryable, s: Scope): Promise<ClockFigures[]> {
  // Three narrow passes instead of one join of every case of the area to its plan: the cases
  // started in the period; the plans with a review in the period (and their earlier reviews,
  // for the due day the previous one set); the requests made in the period.
  const result = await report<Record<string, unknown>>(
    db,
    sql`
    WITH ${bucketsCte(s)},
    c AS (
      SELECT ${unitOf('c', s)} AS unit, c.assessment_started_on, c.plan_due_on, v.agreed_on AS first_agreed_on
        FROM referrals.cases c
        LEFT JOIN planning.plans p ON p.case_id = c.id
        LEFT JOIN planning.plan_versions v ON v.plan_id = p.id AND v.version = 1
       WHERE ${inScope('c', s)} AND c.assessment_started_on BETWEEN ${s.from}::date AND ${s.to}::date
    ),
    plans AS (
      SELECT ${totalled()} AS bucket,
             count(*) FILTER (WHERE plan_due_on <= ${s.today}::date OR first_agreed_on IS NOT NULL)::int AS due,
             count(*) FILTER (WHERE first_agreed_on <= plan_due_on)::int AS within,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY first_agreed_on - assessment_started_on) AS median
        FROM (SELECT c.*, ${bucketOfUnit('assessment_started_on', s)} AS k FROM c) z ${bothSets()}
    ),
    rp AS (
      SELECT DISTINCT r.plan_id FROM planning.plan_reviews r
       WHERE r.reviewed_on BETWEEN ${s.from}::date AND ${s.to}::date
    ),
    rv AS (
      SELECT ${unitOf('c', s)} AS unit, r.reviewed_on,
             coalesce(lag(r.next_review_due_on) OVER w, (v.agreed_on + interval '3 months')::date) AS due_on
        FROM rp
        JOIN planning.plans p ON p.id = rp.plan_id
        JOIN referrals.cases c ON c.id = p.case_id
        JOIN planning.plan_reviews r ON r.plan_id = p.id
        LEFT JOIN planning.plan_versions v ON v.plan_id = p.id AND v.version = 1
       WHERE ${inScope('c', s)}
      WINDOW w AS (PARTITION BY r.plan_id ORDER BY r.reviewed_on, r.recorded_at)
    ),
    reviews AS (
      SELECT ${totalled()} AS bucket, count(*)::int AS n,
             count(*) FILTER (WHERE reviewed_on <= due_on)::int AS on_time
        FROM (SELECT rv.*, ${bucketOfUnit('reviewed_on', s)} AS k FROM rv
               WHERE reviewed_on BETWEEN ${s.from}::date AND ${s.to}::date) z ${bothSets()}
    ),
    -- A request is handled on the day it was refused, or else on the day of the first review
    -- on or after the request.
    rq AS (
      SELECT ${unitOf('c', s)} AS unit, ${bucketOf('q', 'q.requested_on', s)} AS k, q.requested_on, q.due_on,
             q.refused_on,
             coalesce(q.refused_on, (SELECT min(r.reviewed_on) FROM planning.plans p
                                       JOIN planning.plan_reviews r ON r.plan_id = p.id
                                      WHERE p.case_id = c.id AND r.reviewed_on >= q.requested_on)) AS handled_on
        FROM referrals.case_review_requests q JOIN referrals.cases c ON c.id = q.case_id
       WHERE ${inScope('c', s)} AND q.requested_on BETWEEN ${s.from}::date AND ${s.to}::date
    ),
    requests AS (
      SELECT ${totalled()} AS bucket, count(*)::int AS n,
             count(*) FILTER (WHERE refused_on IS NOT NULL)::int AS refused,
             count(*) FILTER (WHERE handled_on <= due_on)::int AS handled,
             count(handled_on)::int AS handled_any,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY handled_on - requested_on) AS handling_median
        FROM rq ${bothSets()}
    )
    SELECT b.bucket, coalesce(p.due, 0) AS due, coalesce(p.within, 0) AS within, p.median,
           coalesce(r.n, 0) AS reviews, coalesce(r.on_time, 0) AS on_time,
           coalesce(q.n, 0) AS requests, coalesce(q.refused, 0) AS refused, coalesce(q.handled, 0) AS handled,
           coalesce(q.handled_any, 0) AS handled_any, q.handling_median
      FROM buckets b
      LEFT JOIN plans p ON p.bucket = b.bucket
      LEFT JOIN reviews r ON r.bucket = b.bucket
      LEFT JOIN requests q ON q.bucket = b.bucket
     ORDER BY b.bucket`,
  );
  return result.rows.map((r) => ({
    bucket: String(r.bucket),
    plansDue: n(r.due),
    plansWithinThreeMonths: n(r.within),
    daysToPlanMedian: nn(r.median),
    reviews: n(r.reviews),
    reviewsOnTime: n(r.on_time),
    reviewRequests: n(r.requests),
    reviewRequestsRefused: n(r.refused),
    reviewRequestsHandledByDue: n(r.handled),
    reviewRequestsHandled: n(r.handled_any),
    reviewRequestHandlingDaysMedian: nn(r.handling_median),
  }));
}

/**
 * Plans overdue now (381/2023 §4(2)): open cases of the area without an agreed plan whose
 * `plan_due_on` is before today.
 */
export async function plansOverdueNow(db: Queryable, areaId: string, today: string): Promise<number> {
  const result = await report<{ n: number }>(
    db,
    sql`
    SELECT count(*)::int AS n
      FROM referrals.cases c
     WHERE c.cooperation_area_id = ${areaId} AND c.status <> 'ended' AND c.plan_due_on < ${today}::date
       AND NOT EXISTS (SELECT 1 FROM planning.plans p WHERE p.case_id = c.id AND p.current_version > 0)`,
  );
  return result.rows[0]?.n ?? 0;
}

export interface MeetingFigures {
  bucket: string;
  held: number;
  clientAttended: number;
  jointMeetings: number;
  jointMeetingsAllParties: number;
}

/**
 * Joint work (domain.md §3), by the Helsinki date of `starts_at`:
 * - held: meetings held or closed (not scheduled, not cancelled);
 * - client attended: of them, the client participant is marked attended;
 * - joint meetings: held assessment and planning meetings; with all parties when attended staff
 *   of the case's employment authority, its HVA organiser and Kela were all there (an
 *   organisation holding two roles, like Helsinki, is present for both).
 */
export async function meetingFigures(db: Queryable, s: Scope): Promise<MeetingFigures[]> {
  const result = await report<Record<string, unknown>>(
    db,
    sql`
    WITH ${bucketsCte(s)},
    m AS MATERIALIZED (
      SELECT m.id, ${unitOf((s.groupBy ?? 'area') === 'area' ? 'm' : 'c', s)} AS unit,
             ${bucketOf((s.groupBy ?? 'area') === 'area' ? 'm' : 'c', "(m.starts_at AT TIME ZONE 'Europe/Helsinki')::date", s)} AS k,
             m.kind, ARRAY[c.employment_authority_code, c.wellbeing_county_organiser_code, 'kela'] AS parties
        FROM planning.meetings m
        JOIN referrals.cases c ON c.id = m.case_id
       WHERE ${inScope('m', s)} AND m.status IN ('held', 'closed')
         AND m.starts_at >= (${s.from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')
         AND m.starts_at < ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')
    ),
    -- Participants aggregated per meeting in one hashed pass (no per-meeting subquery).
    pa AS (
      SELECT p.meeting_id, bool_or(p.kind = 'client' AND p.attended IS TRUE) AS client_attended,
             coalesce(array_agg(p.organisation_code) FILTER (WHERE p.kind = 'staff' AND p.attended), '{}') AS present
        FROM planning.meeting_participants p JOIN m ON m.id = p.meeting_id
       GROUP BY p.meeting_id
    ),
    mm AS (
      SELECT m.unit, m.k, m.kind, coalesce(pa.client_attended, false) AS client_attended,
             m.parties <@ coalesce(pa.present, '{}') AS all_parties
        FROM m LEFT JOIN pa ON pa.meeting_id = m.id
    ),
    agg AS (
      SELECT ${totalled()} AS bucket, count(*)::int AS held,
             count(*) FILTER (WHERE client_attended)::int AS client_attended,
             count(*) FILTER (WHERE kind IN ('assessment', 'planning'))::int AS joint,
             count(*) FILTER (WHERE kind IN ('assessment', 'planning') AND all_parties)::int AS joint_all
        FROM mm ${bothSets()}
    )
    SELECT b.bucket, coalesce(a.held, 0) AS held, coalesce(a.client_attended, 0) AS client_attended,
           coalesce(a.joint, 0) AS joint, coalesce(a.joint_all, 0) AS joint_all
      FROM buckets b LEFT JOIN agg a ON a.bucket = b.bucket ORDER BY b.bucket`,
  );
  return result.rows.map((r) => ({
    bucket: String(r.bucket),
    held: n(r.held),
    clientAttended: n(r.client_attended),
    jointMeetings: n(r.joint),
    jointMeetingsAllParties: n(r.joint_all),
  }));
}
