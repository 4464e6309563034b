import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, Queryable } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { AppError, type Clock, invalidField, type PiiCipher, type Principal } from '@tym/platform';
import { sql } from 'drizzle-orm';
import { findAgreementRow } from '../agreements/agreements.repository.js';
import { costSharesOfAgreement } from '../agreements/agreements.service.js';
import { findAreaAccessFacts } from '../area-access/area-access.repository.js';
import { CooperationAreaErrors } from '../cooperation-areas/cooperation-areas.errors.js';
import { isUuid } from '../cooperation-areas/cooperation-areas.service.js';
import { forbidden, situationalPicturePolicy } from '../policy.js';
import { computeAreaUtilisation } from '../utilisation/utilisation.service.js';
import {
  pictureFromSnapshotOrLive,
  refreshStalePictures,
  type SourcedPicture,
  snapshotKey,
} from './picture-snapshots.service.js';
import { SituationalPictureErrors } from './situational-picture.errors.js';
import {
  type ClockFigures,
  clockFigures,
  DECLINE_REASONS,
  GROUNDS,
  type Grouping,
  type MeetingFigures,
  meetingFigures,
  OUTCOMES,
  plansOverdueNow,
  type ReferralFigures,
  type ReferralSourceFigures,
  type RelationshipFigures,
  referralFigures,
  referralSourceFigures,
  relationshipFigures,
  type Scope,
} from './situational-picture.report.js';
import {
  type AdditiveRelation,
  type CountCell,
  type ShownCell,
  showRate,
  suppressCells,
} from './suppression.rules.js';

type Deps = { db: Database; clock: Clock; pii?: PiiCipher };

export type IndicatorUnit = 'persons' | 'percent' | 'days';
export const INDICATOR_GROUPS = ['referrals', 'relationships', 'clocks', 'joint_work'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export interface ShownValue {
  value: number | null;
  /** True when the value is hidden by small-cell suppression. */
  suppressed: boolean;
  /** `small_cell` (1–4 persons, "< 5"), `secondary` (hidden to protect another, "×"), `rate` (a figure over a hidden or small count). */
  reason: 'small_cell' | 'secondary' | 'rate' | null;
}

export interface Indicator {
  code: string;
  group: IndicatorGroup;
  unit: IndicatorUnit;
  /** By period, in the order of `periods`. */
  values: ShownValue[];
  total: ShownValue;
}

export interface SituationalPicture {
  cooperationAreaId: string;
  /** The area's name in Finnish and Swedish. */
  cooperationAreaName: { fi: string; sv: string };
  from: string;
  to: string;
  by: 'month' | 'quarter';
  /** Period labels: `2026-01` or `2026-Q1`. */
  periods: string[];
  indicators: Indicator[];
  plansOverdueNow: ShownValue;
  staffing: {
    on: string;
    targetCaseloadPerFte: number;
    parties: Array<{
      organisationCode: string;
      committedFte: number;
      allocatedFte: number;
      activeClients: ShownValue;
      activeClientsPerAllocatedFte: number | null;
    }>;
    totals: { committedFte: number; allocatedFte: number };
  };
  /**
   * The joint costs of each year of the period split by the agreement in force (381/2023 §10):
   * the recorded actual costs, else the budget; `basis` null when neither is recorded (or the
   * agreement is not valid that year), with no shares.
   */
  costShares: PictureCostShare[];
  /**
   * With `breakdown=employment_authority`: the same indicators per employment authority of the
   * area's cases and referrals, suppressed together with the area's figures they add up to.
   */
  byEmploymentAuthority?: Array<{ organisationCode: string; indicators: Indicator[] }>;
  /**
   * When the figures were computed: from a snapshot, the time of its computation (never before
   * the area's last committed event, picture-snapshots.service.ts); live, now.
   */
  computedAt?: string;
  targets: Array<{
    year: number;
    indicator: string;
    label: string;
    unit: string;
    targetValue: number;
    actual: ShownValue;
    /** The indicator's values by period (the trend), when the code is one of the picture's. */
    trend: ShownValue[] | null;
  }>;
}

export interface PictureCostShare {
  year: number;
  agreementId: string | null;
  basis: 'actual' | 'budget' | null;
  jointCostsCents: number | null;
  method: string | null;
  parties: Array<{ organisationCode: string; cents: number; percent: number }>;
}

export interface PictureQuery {
  from?: string;
  to?: string;
  by?: 'month' | 'quarter';
  /** Also the indicators per employment authority within the area. */
  breakdown?: 'employment_authority';
}

/** Resolves the period: whole months; default the current calendar year up to this month. */
export function resolvePeriod(
  q: PictureQuery,
  today: string,
): { from: string; to: string; by: 'month' | 'quarter' } {
  const by = q.by ?? 'month';
  const year = today.slice(0, 4);
  const from = q.from ?? `${year}-01-01`;
  const to = q.to ?? `${year}-12-31`;
  // The model exists from 2025 (381/2023 in force 1.1.2025); a bound keeps dates PostgreSQL and
  // the month arithmetic agree on.
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const year = Number(value.slice(0, 4));
    if (!(year >= 2000 && year <= 2100))
      throw invalidField(
        'VALIDATION_FAILED',
        `query.${name}`,
        `\`${name}\` must be a day of the years 2000–2100.`,
      );
  }
  if (from > to) throw invalidField('VALIDATION_FAILED', 'query.from', '`from` must not be after `to`.');
  // Periods are whole months (quarters): a period starts on the 1st and ends on a month's last day,
  // so two requests differ only by whole buckets (suppression.rules.ts).
  const start = by === 'quarter' ? quarterStart(from) : `${from.slice(0, 7)}-01`;
  const end = monthEnd(by === 'quarter' ? quarterEndMonth(to) : to.slice(0, 7));
  const months =
    (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 +
    Number(end.slice(5, 7)) -
    Number(start.slice(5, 7)) +
    1;
  if (months > 60) throw invalidField('VALIDATION_FAILED', 'query.to', 'A picture covers at most 5 years.');
  return { from: start, to: end, by };
}

function quarterStart(d: string): string {
  const m = Math.floor((Number(d.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${d.slice(0, 4)}-${String(m).padStart(2, '0')}-01`;
}
function quarterEndMonth(d: string): string {
  const m = Math.floor((Number(d.slice(5, 7)) - 1) / 3) * 3 + 3;
  return `${d.slice(0, 4)}-${String(m).padStart(2, '0')}`;
}
function monthEnd(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-${String(last).padStart(2, '0')}`;
}
function periodLabel(bucket: string, by: 'month' | 'quarter'): string {
  if (by === 'month') return bucket.slice(0, 7);
  return `${bucket.slice(0, 4)}-Q${Math.floor((Number(bucket.slice(5, 7)) - 1) / 3) + 1}`;
}

type AreaName = { fi: string; sv: string };

async function findAreaName(db: Queryable, areaId: string): Promise<AreaName> {
  const r = await db.execute<{ name_fi: string; name_sv: string }>(
    sql`SELECT name_fi, name_sv FROM resourcing.cooperation_areas WHERE id = ${areaId}`,
  );
  return { fi: r.rows[0]?.name_fi ?? '', sv: r.rows[0]?.name_sv ?? '' };
}

async function assertCanRead(db: Queryable, p: Principal, areaId: string): Promise<AreaName> {
  const notFound = () => new AppError(CooperationAreaErrors.COOPERATION_AREA_NOT_FOUND);
  if (!isUuid(areaId)) throw notFound();
  const facts = await findAreaAccessFacts(db, areaId, p.org, p.sub);
  if (!facts.areaExists || !situationalPicturePolicy.read(p, facts)) throw notFound();
  return findAreaName(db, areaId);
}

export async function getSituationalPicture(
  deps: Deps,
  p: Principal,
  areaId: string,
  q: PictureQuery,
): Promise<SourcedPicture> {
  const name = await assertCanRead(deps.db, p, areaId);
  const now = deps.clock.now();
  const key = snapshotKey(areaId, resolvePeriod(q, todayInHelsinki(now)), q);
  return pictureFromSnapshotOrLive(deps.db, key, name, now, computeSituationalPicture);
}

interface RawIndicator {
  code: string;
  group: IndicatorGroup;
  unit: IndicatorUnit;
  byBucket: Map<string, number | null>;
  total: number | null;
  /** For rates: the count codes above and below them. */
  numerator?: string;
  denominator?: string;
  /** A stock (active at the end), not a flow: the total is not the sum of the periods. */
  stock?: boolean;
}

interface Figures {
  src: ReferralSourceFigures[];
  srcT: ReferralSourceFigures[];
  ref: ReferralFigures[];
  refT: ReferralFigures[];
  rel: RelationshipFigures[];
  relT: RelationshipFigures[];
  clk: ClockFigures[];
  clkT: ClockFigures[];
  mtg: MeetingFigures[];
  mtgT: MeetingFigures[];
}

/** Every indicator query; each returns its periods and the whole period (`…|total`) in one pass. */
async function fetchFigures(
  db: Queryable,
  base: Omit<Scope, 'unit'>,
  by: 'month' | 'quarter',
): Promise<Figures> {
  const scope: Scope = { ...base, unit: by };
  const [src, ref, rel, clk, mtg] = await Promise.all([
    referralSourceFigures(db, scope),
    referralFigures(db, scope),
    relationshipFigures(db, scope),
    clockFigures(db, scope),
    meetingFigures(db, scope),
  ]);
  const periods = <T extends { bucket: string }>(rows: T[]) =>
    rows.filter((r) => !r.bucket.endsWith('|total'));
  const totals = <T extends { bucket: string }>(rows: T[]) =>
    rows
      .filter((r) => r.bucket.endsWith('|total'))
      .map((r) => ({ ...r, bucket: r.bucket.replace(/\|total$/, `|${base.from}`) }));
  return {
    src: periods(src),
    srcT: totals(src),
    ref: periods(ref),
    refT: totals(ref),
    rel: periods(rel),
    relT: totals(rel),
    clk: periods(clk),
    clkT: totals(clk),
    mtg: periods(mtg),
    mtgT: totals(mtg),
  };
}

/** The rows of one unit, with the unit taken off the bucket key. */
function rowsOf<T extends { bucket: string }>(rows: T[], unit: string): T[] {
  const prefix = `${unit}|`;
  return rows
    .filter((r) => r.bucket.startsWith(prefix))
    .map((r) => ({ ...r, bucket: r.bucket.slice(prefix.length) }));
}

/** The units present in the figures (the area; or every authority or county). */
function unitsOf(f: Figures): string[] {
  return [...new Set(f.rel.map((r) => r.bucket.slice(0, r.bucket.lastIndexOf('|'))))].sort();
}

type Suppressor = (cells: CountCell[], relations: AdditiveRelation[]) => Map<string, ShownCell>;

/**
 * One unit's indicators, suppressed (suppression.rules.ts), with its buckets. `prefix` goes
 * before every cell key and `suppress` decides (default: this unit's cells alone), so the
 * units of a breakdown can be suppressed together with the picture they add up to.
 */
function buildIndicators(
  all: Figures,
  unitKey: string,
  prefix = '',
  suppress: Suppressor = (cells, relations) => suppressCells(cells, relations),
): { buckets: string[]; indicators: Indicator[] } {
  const src = rowsOf(all.src, unitKey);
  const srcT = rowsOf(all.srcT, unitKey);
  const ref = rowsOf(all.ref, unitKey);
  const refT = rowsOf(all.refT, unitKey);
  const rel = rowsOf(all.rel, unitKey);
  const relT = rowsOf(all.relT, unitKey);
  const clk = rowsOf(all.clk, unitKey);
  const clkT = rowsOf(all.clkT, unitKey);
  const mtg = rowsOf(all.mtg, unitKey);
  const mtgT = rowsOf(all.mtgT, unitKey);
  const buckets = rel.map((r) => r.bucket);
  const raw: RawIndicator[] = [];
  const add = <T extends { bucket: string }>(
    rows: T[],
    totalRows: T[],
    code: string,
    group: IndicatorGroup,
    unit: IndicatorUnit,
    pick: (r: T) => number | null,
    extra: Partial<RawIndicator> = {},
  ) => {
    const byBucket = new Map(
      buckets.map((b) => [b, unit === 'persons' ? 0 : null] as [string, number | null]),
    );
    for (const r of rows) byBucket.set(r.bucket, pick(r));
    const t = totalRows[0];
    raw.push({ code, group, unit, byBucket, total: t ? pick(t) : unit === 'persons' ? 0 : null, ...extra });
  };
  const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);

  add(ref, refT, 'referrals_received', 'referrals', 'persons', (r) => r.received);
  add(ref, refT, 'referrals_accepted', 'referrals', 'persons', (r) => r.accepted);
  add(ref, refT, 'referrals_declined', 'referrals', 'persons', (r) => r.declined);
  for (const reason of DECLINE_REASONS)
    add(
      ref,
      refT,
      `referrals_declined_${reason}`,
      'referrals',
      'persons',
      (r) => r.declinedByReason[reason] ?? 0,
    );
  add(ref, refT, 'referrals_withdrawn', 'referrals', 'persons', (r) => r.withdrawn);
  // By referring party (they add up to the received) and by ground (1–3 per referral).
  const referrers = [...new Set(srcT.map((r) => r.source).filter((x) => x.startsWith('referrer:')))].sort();
  const sourceRows = (source: string) => {
    const pick = (rows: ReferralSourceFigures[]) => rows.filter((r) => r.source === source);
    return [pick(src), pick(srcT)] as const;
  };
  for (const source of referrers) {
    const [rows, total] = sourceRows(source);
    add(
      rows,
      total,
      `referrals_received_from_${source.slice('referrer:'.length)}`,
      'referrals',
      'persons',
      (r) => r.n,
    );
  }
  for (const ground of GROUNDS) {
    const [rows, total] = sourceRows(`ground:${ground}`);
    add(rows, total, `referrals_ground_${ground}`, 'referrals', 'persons', (r) => r.n);
  }
  add(
    ref,
    refT,
    'referrals_pending',
    'referrals',
    'persons',
    (r) => r.received - r.accepted - r.declined - r.withdrawn,
  );
  add(ref, refT, 'referrals_answered', 'referrals', 'persons', (r) => r.answered);
  add(ref, refT, 'referrals_answered_by_respond_by', 'referrals', 'persons', (r) => r.answeredByRespondBy);
  add(
    ref,
    refT,
    'referrals_answered_by_respond_by_percent',
    'referrals',
    'percent',
    (r) => pct(r.answeredByRespondBy, r.answered),
    { numerator: 'referrals_answered_by_respond_by', denominator: 'referrals_answered' },
  );
  add(ref, refT, 'referrals_answer_days_median', 'referrals', 'days', (r) => r.answerDaysMedian, {
    denominator: 'referrals_answered',
  });
  add(ref, refT, 'referrals_answer_days_p90', 'referrals', 'days', (r) => r.answerDaysP90, {
    denominator: 'referrals_answered',
  });

  add(rel, relT, 'relationships_started', 'relationships', 'persons', (r) => r.started);
  add(rel, relT, 'relationships_active_at_end', 'relationships', 'persons', (r) => r.activeAtEnd, {
    stock: true,
  });
  add(rel, relT, 'relationships_ended', 'relationships', 'persons', (r) => r.ended);
  for (const outcome of OUTCOMES)
    add(
      rel,
      relT,
      `relationships_ended_${outcome}`,
      'relationships',
      'persons',
      (r) => r.endedByOutcome[outcome] ?? 0,
    );
  add(rel, relT, 'relationships_duration_days_median', 'relationships', 'days', (r) => r.durationDaysMedian, {
    denominator: 'relationships_ended',
  });

  add(clk, clkT, 'plans_due', 'clocks', 'persons', (r) => r.plansDue);
  add(clk, clkT, 'plans_within_3_months', 'clocks', 'persons', (r) => r.plansWithinThreeMonths);
  add(
    clk,
    clkT,
    'plans_within_3_months_percent',
    'clocks',
    'percent',
    (r) => pct(r.plansWithinThreeMonths, r.plansDue),
    { numerator: 'plans_within_3_months', denominator: 'plans_due' },
  );
  add(clk, clkT, 'days_to_plan_median', 'clocks', 'days', (r) => r.daysToPlanMedian, {
    denominator: 'plans_due',
  });
  add(clk, clkT, 'reviews', 'clocks', 'persons', (r) => r.reviews);
  add(clk, clkT, 'reviews_on_time', 'clocks', 'persons', (r) => r.reviewsOnTime);
  add(clk, clkT, 'reviews_on_time_percent', 'clocks', 'percent', (r) => pct(r.reviewsOnTime, r.reviews), {
    numerator: 'reviews_on_time',
    denominator: 'reviews',
  });
  add(clk, clkT, 'review_requests', 'clocks', 'persons', (r) => r.reviewRequests);
  add(clk, clkT, 'review_requests_refused', 'clocks', 'persons', (r) => r.reviewRequestsRefused);
  add(clk, clkT, 'review_requests_handled_by_due', 'clocks', 'persons', (r) => r.reviewRequestsHandledByDue);
  add(clk, clkT, 'review_requests_handled', 'clocks', 'persons', (r) => r.reviewRequestsHandled);
  add(
    clk,
    clkT,
    'review_requests_handling_days_median',
    'clocks',
    'days',
    (r) => r.reviewRequestHandlingDaysMedian,
    { denominator: 'review_requests_handled' },
  );

  add(mtg, mtgT, 'meetings_held', 'joint_work', 'persons', (r) => r.held);
  add(mtg, mtgT, 'meetings_client_attended', 'joint_work', 'persons', (r) => r.clientAttended);
  add(
    mtg,
    mtgT,
    'meetings_client_attended_percent',
    'joint_work',
    'percent',
    (r) => pct(r.clientAttended, r.held),
    { numerator: 'meetings_client_attended', denominator: 'meetings_held' },
  );
  add(mtg, mtgT, 'joint_meetings', 'joint_work', 'persons', (r) => r.jointMeetings);
  add(mtg, mtgT, 'joint_meetings_all_parties', 'joint_work', 'persons', (r) => r.jointMeetingsAllParties);
  add(
    mtg,
    mtgT,
    'joint_meetings_all_parties_percent',
    'joint_work',
    'percent',
    (r) => pct(r.jointMeetingsAllParties, r.jointMeetings),
    { numerator: 'joint_meetings_all_parties', denominator: 'joint_meetings' },
  );

  // Suppression over every count cell, with the additive relations of the picture.
  const key = (code: string, b: string) => `${prefix}${code}|${b}`;
  const T = 'total';
  const counts = raw.filter((r) => r.unit === 'persons');
  const cells: CountCell[] = [];
  for (const r of counts) {
    for (const [b, v] of r.byBucket) cells.push({ key: key(r.code, b), value: v ?? 0 });
    cells.push({ key: key(r.code, T), value: r.total ?? 0 });
  }
  const relations: AdditiveRelation[] = [];
  for (const r of counts) {
    if (!r.stock) relations.push({ total: key(r.code, T), parts: buckets.map((b) => key(r.code, b)) });
  }
  for (const b of [...buckets, T]) {
    relations.push({
      total: key('referrals_received', b),
      parts: referrers.map((x) => key(`referrals_received_from_${x.slice('referrer:'.length)}`, b)),
    });
    relations.push({
      total: key('referrals_received', b),
      parts: ['accepted', 'declined', 'withdrawn', 'pending'].map((s) => key(`referrals_${s}`, b)),
    });
    relations.push({
      total: key('referrals_answered', b),
      parts: [key('referrals_accepted', b), key('referrals_declined', b)],
    });
    relations.push({
      total: key('referrals_declined', b),
      parts: DECLINE_REASONS.map((reason) => key(`referrals_declined_${reason}`, b)),
    });
    relations.push({
      total: key('relationships_ended', b),
      parts: OUTCOMES.map((o) => key(`relationships_ended_${o}`, b)),
    });
  }
  // A share reveals its complement (6 reviews, 5 on time: 1 late). Each subset count gets a hidden
  // complement cell (never shown) in a relation `whole = part + complement`, so a complement of
  // 1–4 persons suppresses the part or the whole (suppression.rules.ts, rule 2).
  const complements: Array<[string, string]> = [
    ['referrals_answered', 'referrals_answered_by_respond_by'],
    ['plans_due', 'plans_within_3_months'],
    ['reviews', 'reviews_on_time'],
    ['review_requests', 'review_requests_refused'],
    ['review_requests', 'review_requests_handled_by_due'],
    ['review_requests', 'review_requests_handled'],
    ['meetings_held', 'meetings_client_attended'],
    ['joint_meetings', 'joint_meetings_all_parties'],
    // A ground's referrals are a subset of those received (1–3 grounds a referral): a ground
    // named by all of them, or by all but 1–4, reveals the received count.
    ...GROUNDS.map((g): [string, string] => ['referrals_received', `referrals_ground_${g}`]),
  ];
  const byCode = new Map(raw.map((r) => [r.code, r]));
  for (const [whole, part] of complements) {
    const w = byCode.get(whole);
    const pt = byCode.get(part);
    if (!w || !pt) continue;
    const complementCode = `~${whole}-${part}`;
    for (const b of [...buckets, T]) {
      const wv = b === T ? w.total : w.byBucket.get(b);
      const pv = b === T ? pt.total : pt.byBucket.get(b);
      cells.push({ key: key(complementCode, b), value: (wv ?? 0) - (pv ?? 0) });
      relations.push({ total: key(whole, b), parts: [key(part, b), key(complementCode, b)] });
    }
    relations.push({ total: key(complementCode, T), parts: buckets.map((b) => key(complementCode, b)) });
  }
  const shown = suppress(cells, relations);
  const cell = (k: string): ShownValue => {
    const c = shown.get(k);
    return { value: c?.value ?? null, suppressed: c?.suppressed ?? false, reason: c?.reason ?? null };
  };
  const rate = (r: RawIndicator, b: string, value: number | null): ShownValue => {
    const den = r.denominator ? shown.get(key(r.denominator, b)) : undefined;
    const num = r.numerator ? shown.get(key(r.numerator, b)) : undefined;
    const v = showRate(value, den, num as ShownCell | undefined);
    const hidden = v === null && value !== null;
    return { value: v, suppressed: hidden, reason: hidden ? 'rate' : null };
  };
  const indicators: Indicator[] = raw.map((r) => ({
    code: r.code,
    group: r.group,
    unit: r.unit,
    values: buckets.map((b) =>
      r.unit === 'persons' ? cell(key(r.code, b)) : rate(r, b, r.byBucket.get(b) ?? null),
    ),
    total: r.unit === 'persons' ? cell(key(r.code, T)) : rate(r, T, r.total),
  }));

  return { buckets, indicators };
}

/**
 * The area's indicators per employment authority, suppressed together: each authority's cells
 * with its own relations, plus `area cell = Σ authorities' cells` for every count of the area
 * (each referral and case has one authority). The area's cells are published as they are in
 * the area picture (never hidden anew here), so an authority's hidden cell cannot be
 * recovered from the area's figures and the other authorities'.
 */
function breakdownIndicators(
  all: Figures,
  areaCells: CountCell[],
  areaShown: Map<string, ShownCell>,
): Array<{ organisationCode: string; indicators: Indicator[] }> {
  const units = unitsOf(all);
  const prefixOf = (u: string) => `${u}#`;
  const cells: CountCell[] = [];
  const relations: AdditiveRelation[] = [];
  for (const u of units) {
    buildIndicators(all, u, prefixOf(u), (c, r) => {
      cells.push(...c);
      relations.push(...r);
      return new Map();
    });
  }
  const present = new Set(cells.map((c) => c.key));
  for (const c of areaCells) {
    relations.push({
      total: c.key,
      parts: units.map((u) => `${prefixOf(u)}${c.key}`).filter((k) => present.has(k)),
    });
  }
  const shown = suppressCells([...areaCells, ...cells], relations, {
    keys: new Set(areaCells.map((c) => c.key)),
    hidden: new Set([...areaShown.values()].filter((c) => c.suppressed).map((c) => c.key)),
  });
  return units.map((u) => ({
    organisationCode: u,
    indicators: buildIndicators(all, u, prefixOf(u), () => shown).indicators,
  }));
}

/** The picture of one area: all queries, then suppression, then rates. */
export async function computeSituationalPicture(
  db: Queryable,
  areaId: string,
  areaName: AreaName,
  q: PictureQuery,
  today: string,
): Promise<SituationalPicture> {
  const period = resolvePeriod(q, today);
  const on = period.to < today ? period.to : today;
  const [figures, overdue, { st: staffing, costShares }, targets, authorityFigures] = await Promise.all([
    fetchFigures(db, { areaId, from: period.from, to: period.to, today }, period.by),
    plansOverdueNow(db, areaId, today),
    staffingFigures(db, areaId, on).then(async (st) => ({
      st,
      costShares: await costShareRows(
        db,
        st.agreement?.id ?? null,
        Number(period.from.slice(0, 4)),
        Number(period.to.slice(0, 4)),
        on,
      ),
    })),
    targetRows(db, areaId, Number(period.from.slice(0, 4)), Number(period.to.slice(0, 4))),
    q.breakdown === 'employment_authority'
      ? fetchFigures(
          db,
          {
            areaId,
            groupBy: 'employment_authority',
            within: areaId,
            from: period.from,
            to: period.to,
            today,
          },
          period.by,
        )
      : Promise.resolve(null),
  ]);
  let areaCells: CountCell[] = [];
  let areaShown = new Map<string, ShownCell>();
  const { buckets, indicators } = buildIndicators(figures, areaId, '', (cells, relations) => {
    areaCells = cells;
    areaShown = suppressCells(cells, relations);
    return areaShown;
  });
  const byEmploymentAuthority = authorityFigures
    ? breakdownIndicators(authorityFigures, areaCells, areaShown)
    : undefined;
  // Figures of a day, outside the additive relations: primary suppression only.
  const extra = suppressCells(
    [
      { key: 'plans_overdue_now', value: overdue },
      ...staffing.parties.map((party) => ({
        key: `active_clients|${party.organisationCode}`,
        value: party.activeCases,
      })),
    ],
    [],
  );
  const cell = (k: string): ShownValue => {
    const c = extra.get(k);
    return { value: c?.value ?? null, suppressed: c?.suppressed ?? false, reason: c?.reason ?? null };
  };
  const shownByCode = new Map(indicators.map((i) => [i.code, i]));
  return {
    cooperationAreaId: areaId,
    cooperationAreaName: areaName,
    from: period.from,
    to: period.to,
    by: period.by,
    periods: buckets.map((b) => periodLabel(b, period.by)),
    indicators,
    plansOverdueNow: cell('plans_overdue_now'),
    staffing: {
      on: staffing.on,
      targetCaseloadPerFte: staffing.targetCaseloadPerFte,
      parties: staffing.parties.map((party) => {
        const active = cell(`active_clients|${party.organisationCode}`);
        return {
          organisationCode: party.organisationCode,
          committedFte: party.committedFte,
          allocatedFte: party.allocatedFte,
          activeClients: active,
          activeClientsPerAllocatedFte:
            active.value !== null && party.allocatedFte > 0
              ? Math.round((10 * active.value) / party.allocatedFte) / 10
              : null,
        };
      }),
      totals: {
        committedFte: staffing.parties.reduce((s, x) => s + x.committedFte, 0),
        allocatedFte: staffing.parties.reduce((s, x) => s + x.allocatedFte, 0),
      },
    },
    costShares,
    ...(byEmploymentAuthority ? { byEmploymentAuthority } : {}),
    targets: targets.map((t) => {
      const indicator = shownByCode.get(t.indicator);
      return {
        ...t,
        actual: indicator ? indicator.total : { value: null, suppressed: false, reason: null },
        trend: indicator ? indicator.values : null,
      };
    }),
  };
}

export interface NationalRollUp {
  groupBy: 'employment_authority' | 'wellbeing_county';
  from: string;
  to: string;
  by: 'month' | 'quarter';
  periods: string[];
  units: Array<{
    organisationCode: string;
    name: { fi: string; sv: string; en: string };
    indicators: Indicator[];
  }>;
}

/**
 * The national roll-up (issue 13): the same indicators per employment authority or per
 * wellbeing services county, for the follow-up the ministries ask of the areas. Each unit is
 * suppressed on its own by the same rules; staffing and targets belong to areas and are not
 * rolled up. For admins and auditors of any organisation (the figures are suppressed counts).
 */
export async function getNationalRollUp(
  deps: Deps,
  p: Principal,
  q: PictureQuery & { groupBy: Grouping },
): Promise<NationalRollUp> {
  if (!situationalPicturePolicy.readNational(p))
    throw forbidden('The national roll-up is for admins and auditors.');
  if (q.groupBy === 'area')
    throw invalidField(
      'VALIDATION_FAILED',
      'query.groupBy',
      'Group by employment_authority or wellbeing_county.',
    );
  const today = todayInHelsinki(deps.clock.now());
  const period = resolvePeriod(q, today);
  const figures = await fetchFigures(
    deps.db,
    { areaId: '', groupBy: q.groupBy, from: period.from, to: period.to, today },
    period.by,
  );
  const names = await deps.db.execute<{ code: string; name_fi: string; name_sv: string; name_en: string }>(
    sql`SELECT code, name_fi, name_sv, name_en FROM resourcing.organisations`,
  );
  const byCode = new Map(names.rows.map((r) => [r.code, { fi: r.name_fi, sv: r.name_sv, en: r.name_en }]));
  const units = unitsOf(figures).map((code) => {
    const { indicators } = buildIndicators(figures, code);
    return { organisationCode: code, name: byCode.get(code) ?? { fi: code, sv: code, en: code }, indicators };
  });
  const first = units[0] ? buildIndicators(figures, units[0].organisationCode).buckets : [];
  return {
    groupBy: q.groupBy,
    from: period.from,
    to: period.to,
    by: period.by,
    periods: first.map((b) => periodLabel(b, period.by)),
    units,
  };
}

/**
 * Staffing on a day (381/2023 §9(2), agreement §2 items 2–3): FTE committed by the agreement in
 * force and allocated, per party, and the party's active clients (the utilisation report).
 */
async function staffingFigures(db: Queryable, areaId: string, on: string) {
  // The parties' figures only: no per-person caseloads.
  const u = await computeAreaUtilisation(db, areaId, on, { people: false });
  return { on, targetCaseloadPerFte: u.targetCaseloadPerFte, parties: u.parties, agreement: u.agreement };
}

/**
 * The cost shares of each year of the period (381/2023 §10) under the agreement in force on
 * the period's last day (or today): the split of the recorded actual joint costs, else of the
 * budget (agreements/cost-shares.rules.ts); a party's percent is its cents of the joint costs.
 */
async function costShareRows(
  db: Queryable,
  agreementId: string | null,
  fromYear: number,
  toYear: number,
  on: string,
): Promise<PictureCostShare[]> {
  const row = agreementId ? await findAgreementRow(db, agreementId) : null;
  const out: PictureCostShare[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const none: PictureCostShare = {
      year,
      agreementId: row?.id ?? null,
      basis: null,
      jointCostsCents: null,
      method: null,
      parties: [],
    };
    if (!row) {
      out.push(none);
      continue;
    }
    try {
      const r = await costSharesOfAgreement(db, row, new Date(`${on}T12:00:00Z`), { year }, 'en');
      const total = r.jointCostsCents;
      const pct = (cents: number) => (total > 0 ? Math.round((1000 * cents) / total) / 10 : 0);
      out.push({
        year,
        agreementId: row.id,
        basis: r.actual ? 'actual' : 'budget',
        jointCostsCents: total,
        method: r.method,
        parties: [
          ...r.shares.map((x) => ({
            organisationCode: x.organisationCode,
            cents: x.cents,
            percent: pct(x.cents),
          })),
          { organisationCode: r.kela.organisationCode, cents: r.kela.cents, percent: pct(r.kela.cents) },
        ].sort((a, b) => a.organisationCode.localeCompare(b.organisationCode)),
      });
    } catch (e) {
      // No joint costs recorded, the year outside the agreement's validity, or no staff to share by.
      if (!(e instanceof AppError)) throw e;
      out.push(none);
    }
  }
  return out;
}

/** The management group's annual targets (VNA 388/2024 §2) for the years of the period. */
async function targetRows(db: Queryable, areaId: string, fromYear: number, toYear: number) {
  const r = await db.execute<{
    year: number;
    indicator: string;
    label: string;
    unit: string;
    target_value: string;
  }>(sql`
    SELECT t.year, t.indicator, t.label, t.unit, t.target_value
      FROM resourcing.management_group_targets t
      JOIN resourcing.management_groups g ON g.id = t.management_group_id
     WHERE g.cooperation_area_id = ${areaId} AND t.year BETWEEN ${fromYear} AND ${toYear}
     ORDER BY t.year, t.ordinal`);
  return r.rows.map((x) => ({
    year: x.year,
    indicator: x.indicator,
    label: x.label,
    unit: x.unit,
    targetValue: Number(x.target_value),
  }));
}

// ---- The signed link of the page -------------------------------------------------------------

/** How long a page link is valid. Short: the page is for opening now, not for bookmarks. */
export const LINK_TTL_SECONDS = 15 * 60;

export interface LinkClaims {
  areaId: string;
  from: string;
  to: string;
  by: 'month' | 'quarter';
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** A process-local key when no platform key is given (OpenAPI generation, a service alone). */
const fallbackKey = randomBytes(32);

/**
 * Signs with the platform's keyed HMAC (the PII blind-index HMAC-SHA256 of `pii-crypto.ts`),
 * under a purpose prefix so a signature can never equal a blind index of a real value.
 */
function sign(deps: { pii?: PiiCipher }, payload: string): string {
  const message = `situational-picture-link:v1:${payload}`;
  return deps.pii
    ? deps.pii.blindIndex(message)
    : createHmac('sha256', fallbackKey).update(message, 'utf8').digest('base64url');
}

export async function createPictureLink(
  deps: Deps,
  p: Principal,
  areaId: string,
  q: PictureQuery,
): Promise<{ token: string; expiresAt: string }> {
  await assertCanRead(deps.db, p, areaId);
  const period = resolvePeriod(q, todayInHelsinki(deps.clock.now()));
  const exp = Math.floor(deps.clock.now().getTime() / 1000) + LINK_TTL_SECONDS;
  return {
    token: signPictureLink(deps, { areaId, ...period, exp }),
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** The token of a page link: base64url(JSON claims) + '.' + signature. Authorise before calling. */
export function signPictureLink(deps: { pii?: PiiCipher }, claims: LinkClaims): string {
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${sign(deps, payload)}`;
}

/** Verifies a page token: the signature and the expiry. Any fault is the same 404. */
export function verifyPictureLink(deps: Deps, token: string): LinkClaims {
  const invalid = () => new AppError(SituationalPictureErrors.SITUATIONAL_PICTURE_LINK_INVALID);
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const expected = Buffer.from(sign(deps, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkClaims;
  } catch {
    throw invalid();
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= deps.clock.now().getTime()) throw invalid();
  return claims;
}

export async function getPictureByLink(deps: Deps, token: string): Promise<SourcedPicture> {
  const claims = verifyPictureLink(deps, token);
  const now = deps.clock.now();
  const q = { from: claims.from, to: claims.to, by: claims.by };
  const key = snapshotKey(claims.areaId, resolvePeriod(q, todayInHelsinki(now)), q);
  return pictureFromSnapshotOrLive(
    deps.db,
    key,
    await findAreaName(deps.db, claims.areaId),
    now,
    computeSituationalPicture,
  );
}

/** The worker's recompute step over the stale snapshots read recently (picture-snapshots.service.ts). */
export async function refreshPictures(
  db: Database,
  now: Date,
  opts: { readWithinMs?: number; areaId?: string } = {},
): Promise<number> {
  return refreshStalePictures(db, now, computeSituationalPicture, findAreaName, opts);
}
