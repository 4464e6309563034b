import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

/**
 * The indicator queries of the situational picture (issue 13). A report may read across
 * schemas (architecture.md, Data): these are the only files of resourcing that name
 * `referrals.` or `planning.` tables. Each function is one statement over one cooperation area
 * and one period, grouped by bucket (`month` or `quarter`, the first day of the bucket as
 * `YYYY-MM-DD`), and returns counts only — never a person-level row. Suppression happens after
 * (suppression.rules.ts).
 *
 * Dates are the local (Europe/Helsinki) dates the services store (`submitted_on`,
 * `assessment_started_on`, …); instants are converted with `AT TIME ZONE 'Europe/Helsinki'`.
 */

/** `period`: one bucket for the whole period (its totals and medians). */
export type BucketUnit = 'month' | 'quarter' | 'period';

export interface Scope {
  areaId: string;
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
const bucketOf = (column: string, s: Scope) =>
  s.unit === 'period'
    ? sql`${s.from}::text`
    : sql.raw(`to_char(date_trunc('${s.unit}', ${column}), 'YYYY-MM-DD')`);
const stepOf = (s: Scope) =>
  s.unit === 'quarter'
    ? sql`interval '3 months'`
    : s.unit === 'month'
      ? sql`interval '1 month'`
      : sql`interval '1000 years'`;
/** The buckets of the scope with their last day (not after `to`, nor after today). */
const bucketsCte = (s: Scope) => sql`buckets AS (
      SELECT to_char(b, 'YYYY-MM-DD') AS bucket,
             least((b + ${stepOf(s)} - interval '1 day')::date, ${s.to}::date, ${s.today}::date) AS last_day
        FROM generate_series(${s.from}::date, ${s.to}::date, ${stepOf(s)}) AS b
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
  const result = await db.execute<Record<string, unknown>>(sql`
    WITH r AS (
      SELECT ${bucketOf('submitted_on', s)} AS bucket, status, decline_reason_code, respond_by,
             CASE WHEN status IN ('accepted', 'declined')
                  THEN (decided_at AT TIME ZONE 'Europe/Helsinki')::date - submitted_on END AS days,
             CASE WHEN status IN ('accepted', 'declined')
                  THEN (decided_at AT TIME ZONE 'Europe/Helsinki')::date END AS answered_on
        FROM referrals.referrals
       WHERE cooperation_area_id = ${s.areaId} AND submitted_on BETWEEN ${s.from}::date AND ${s.to}::date
    )
    SELECT bucket, count(*)::int AS received,
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
      FROM r GROUP BY bucket ORDER BY bucket`);
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
  const result = await db.execute<Record<string, unknown>>(sql`
    WITH ${bucketsCte(s)},
    c AS (
      SELECT assessment_started_on, ended_on, end_reason_code
        FROM referrals.cases
       WHERE cooperation_area_id = ${s.areaId} AND assessment_started_on <= ${s.to}::date
         AND (ended_on IS NULL OR ended_on >= ${s.from}::date)
    ),
    started AS (
      SELECT ${bucketOf('assessment_started_on', s)} AS bucket, count(*)::int AS n
        FROM c WHERE assessment_started_on >= ${s.from}::date GROUP BY 1
    ),
    ended AS (
      SELECT ${bucketOf('ended_on', s)} AS bucket, count(*)::int AS n,
             ${sql.raw(OUTCOMES.map((o) => `count(*) FILTER (WHERE end_reason_code = '${o}')::int AS o_${o}`).join(', '))},
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ended_on - assessment_started_on) AS median
        FROM c WHERE ended_on BETWEEN ${s.from}::date AND ${s.to}::date GROUP BY 1
    ),
    active AS (
      SELECT b.bucket, count(c.*)::int AS n
        FROM buckets b
        LEFT JOIN c ON c.assessment_started_on <= b.last_day AND (c.ended_on IS NULL OR c.ended_on > b.last_day)
       GROUP BY b.bucket
    )
    SELECT b.bucket, coalesce(st.n, 0) AS started, coalesce(en.n, 0) AS ended, en.median, a.n AS active,
           ${sql.raw(OUTCOMES.map((o) => `coalesce(en.o_${o}, 0) AS o_${o}`).join(', '))}
      FROM buckets b
      LEFT JOIN started st ON st.bucket = b.bucket
      LEFT JOIN ended en ON en.bucket = b.bucket
      LEFT JOIN active a ON a.bucket = b.bucket
     ORDER BY b.bucket`);
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
 *   (§6(1)); handled by their due day when refused or followed by a review by `due_on`.
 */
export async function clockFigures(db: Queryable, s: Scope): Promise<ClockFigures[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    WITH ${bucketsCte(s)},
    c AS (
      SELECT c.id, c.assessment_started_on, c.plan_due_on, p.id AS plan_id, v.agreed_on AS first_agreed_on
        FROM referrals.cases c
        LEFT JOIN planning.plans p ON p.case_id = c.id
        LEFT JOIN planning.plan_versions v ON v.plan_id = p.id AND v.version = 1
       WHERE c.cooperation_area_id = ${s.areaId}
    ),
    plans AS (
      SELECT ${bucketOf('assessment_started_on', s)} AS bucket,
             count(*) FILTER (WHERE plan_due_on <= ${s.today}::date OR first_agreed_on IS NOT NULL)::int AS due,
             count(*) FILTER (WHERE first_agreed_on <= plan_due_on)::int AS within,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY first_agreed_on - assessment_started_on) AS median
        FROM c WHERE assessment_started_on BETWEEN ${s.from}::date AND ${s.to}::date GROUP BY 1
    ),
    rv AS (
      SELECT r.reviewed_on,
             coalesce(lag(r.next_review_due_on) OVER w, (c.first_agreed_on + interval '3 months')::date) AS due_on
        FROM c JOIN planning.plan_reviews r ON r.plan_id = c.plan_id
      WINDOW w AS (PARTITION BY r.plan_id ORDER BY r.reviewed_on, r.recorded_at)
    ),
    reviews AS (
      SELECT ${bucketOf('reviewed_on', s)} AS bucket, count(*)::int AS n,
             count(*) FILTER (WHERE reviewed_on <= due_on)::int AS on_time
        FROM rv WHERE reviewed_on BETWEEN ${s.from}::date AND ${s.to}::date GROUP BY 1
    ),
    requests AS (
      SELECT ${bucketOf('q.requested_on', s)} AS bucket, count(*)::int AS n,
             count(*) FILTER (WHERE q.refused_on IS NOT NULL)::int AS refused,
             count(*) FILTER (WHERE q.refused_on <= q.due_on OR EXISTS (
               SELECT 1 FROM planning.plan_reviews r
                WHERE r.plan_id = c.plan_id AND r.reviewed_on BETWEEN q.requested_on AND q.due_on))::int AS handled
        FROM referrals.case_review_requests q JOIN c ON c.id = q.case_id
       WHERE q.requested_on BETWEEN ${s.from}::date AND ${s.to}::date GROUP BY 1
    )
    SELECT b.bucket, coalesce(p.due, 0) AS due, coalesce(p.within, 0) AS within, p.median,
           coalesce(r.n, 0) AS reviews, coalesce(r.on_time, 0) AS on_time,
           coalesce(q.n, 0) AS requests, coalesce(q.refused, 0) AS refused, coalesce(q.handled, 0) AS handled
      FROM buckets b
      LEFT JOIN plans p ON p.bucket = b.bucket
      LEFT JOIN reviews r ON r.bucket = b.bucket
      LEFT JOIN requests q ON q.bucket = b.bucket
     ORDER BY b.bucket`);
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
  }));
}

/**
 * Plans overdue now (381/2023 §4(2)): open cases of the area without an agreed plan whose
 * `plan_due_on` is before today.
 */
export async function plansOverdueNow(db: Queryable, areaId: string, today: string): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n
      FROM referrals.cases c
     WHERE c.cooperation_area_id = ${areaId} AND c.status <> 'ended' AND c.plan_due_on < ${today}::date
       AND NOT EXISTS (SELECT 1 FROM planning.plans p WHERE p.case_id = c.id AND p.current_version > 0)`);
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
  const result = await db.execute<Record<string, unknown>>(sql`
    WITH ${bucketsCte(s)},
    m AS (
      SELECT ${bucketOf("(m.starts_at AT TIME ZONE 'Europe/Helsinki')::date", s)} AS bucket, m.kind,
             EXISTS (SELECT 1 FROM planning.meeting_participants p
                      WHERE p.meeting_id = m.id AND p.kind = 'client' AND p.attended) AS client_attended,
             (SELECT count(DISTINCT o) FROM planning.meeting_participants p,
                     unnest(ARRAY[c.employment_authority_code, c.wellbeing_county_organiser_code, 'kela']) AS o
               WHERE p.meeting_id = m.id AND p.kind = 'staff' AND p.attended AND p.organisation_code = o)
               = cardinality(ARRAY(SELECT DISTINCT unnest(ARRAY[c.employment_authority_code, c.wellbeing_county_organiser_code, 'kela'])))
               AS all_parties
        FROM planning.meetings m
        JOIN referrals.cases c ON c.id = m.case_id
       WHERE m.cooperation_area_id = ${s.areaId} AND m.status IN ('held', 'closed')
         AND m.starts_at >= (${s.from}::date::timestamp AT TIME ZONE 'Europe/Helsinki')
         AND m.starts_at < ((${s.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')
    ),
    agg AS (
      SELECT bucket, count(*)::int AS held, count(*) FILTER (WHERE client_attended)::int AS client_attended,
             count(*) FILTER (WHERE kind IN ('assessment', 'planning'))::int AS joint,
             count(*) FILTER (WHERE kind IN ('assessment', 'planning') AND all_parties)::int AS joint_all
        FROM m GROUP BY bucket
    )
    SELECT b.bucket, coalesce(a.held, 0) AS held, coalesce(a.client_attended, 0) AS client_attended,
           coalesce(a.joint, 0) AS joint, coalesce(a.joint_all, 0) AS joint_all
      FROM buckets b LEFT JOIN agg a ON a.bucket = b.bucket ORDER BY b.bucket`);
  return result.rows.map((r) => ({
    bucket: String(r.bucket),
    held: n(r.held),
    clientAttended: n(r.client_attended),
    jointMeetings: n(r.joint),
    jointMeetingsAllParties: n(r.joint_all),
  }));
}
