import {
  type Database,
  deadlineFirings,
  deadlines,
  erasureHolds,
  isDatabaseUnavailable,
  type Queryable,
} from '@tym/db';
import { addDays, todayInHelsinki } from '@tym/domain';
import { type JobProducer, jobCatalog } from '@tym/jobs';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { deliverNotices, type NotifyOptions } from '../notifications/notify.js';
import {
  areaCoordinators,
  caseTeamRecipients,
  type ResolvedRecipient,
  withSettings,
} from '../notifications/recipients.js';
import { type LeadDaysCache, reminderLeadDays } from './agreement-settings.js';
import { type DeadlineTimer, ERASURE_KIND, leadOf, MAX_LEAD_DAYS, timersOf } from './deadline-timers.js';

export type DeadlineRow = typeof deadlines.$inferSelect;

export interface DeadlineDeps {
  db: Database;
  clock: { now(): Date };
  log: FastifyBaseLogger;
  producer?: JobProducer | undefined;
  notify: NotifyOptions;
}

/** A timer step as a job payload. */
export interface StepJob {
  deadlineId: string;
  version: number;
  step: string;
}

async function timersFor(db: Queryable, row: DeadlineRow, cache?: LeadDaysCache): Promise<DeadlineTimer[]> {
  return timersOf(row, await reminderLeadDays(db, row, cache));
}

/** Enqueues one timer job; erase steps go to the erasure queue. */
async function enqueueTimer(producer: JobProducer, row: DeadlineRow, timer: DeadlineTimer, now: Date) {
  const delayMs = Math.max(0, timer.fireAt.getTime() - now.getTime());
  if (timer.step === 'erase') {
    await producer.enqueue('case.erase', { deadlineId: row.id, version: row.version }, { delayMs });
  } else {
    await producer.enqueue(
      'deadline.fire',
      { deadlineId: row.id, version: row.version, step: timer.step },
      { delayMs },
    );
  }
}

/**
 * After a `deadline.set` or `deadline.moved` event: a delayed job per step of the current
 * version (deterministic ids, so a repeat adds nothing). After `deadline.met` or
 * `deadline.cancelled`, the previous version's timers are removed from Redis — only to keep
 * it tidy: they would do nothing anyway, since the version no longer matches.
 */
export async function scheduleDeadlineTimers(
  deps: DeadlineDeps,
  deadlineId: string,
  eventVersion: number,
): Promise<number> {
  const producer = deps.producer;
  if (!producer) return 0;
  const [row] = await deps.db.select().from(deadlines).where(eq(deadlines.id, deadlineId));
  if (!row) return 0;
  if (eventVersion > 1 && row.kind !== ERASURE_KIND) {
    await removeTimers(producer, row, eventVersion - 1, await reminderLeadDays(deps.db, row));
  }
  if (row.status !== 'pending' || row.version !== eventVersion) return 0;
  const now = deps.clock.now();
  const timers = await timersFor(deps.db, row);
  for (const t of timers) await enqueueTimer(producer, row, t, now);
  return timers.length;
}

async function removeTimers(
  producer: JobProducer,
  row: DeadlineRow,
  version: number,
  lead: readonly number[],
) {
  const fire = producer.queue(jobCatalog['deadline.fire'].queue);
  const steps = [...lead.map((d) => `remind-${d}`), 'due', 'escalate'];
  for (const step of steps) {
    const id = jobCatalog['deadline.fire'].jobId({ deadlineId: row.id, version, step });
    // Only waiting or delayed jobs are removed; an active one finishes and finds the version moved.
    await fire.remove(id).catch(() => 0);
  }
}

export type FireOutcome =
  | { status: 'fired'; recipients: number; emails: number }
  | { status: 'stale' | 'duplicate' | 'not_due' };

/**
 * One step of one deadline version, exactly once (`fireDeadlineSteps` with one step).
 */
export async function fireDeadlineStep(deps: DeadlineDeps, job: StepJob): Promise<FireOutcome> {
  const [outcome] = await fireDeadlineSteps(deps, [job]);
  if (!outcome) throw new Error('no outcome');
  return outcome;
}

/** The most steps fired in one transaction. */
export const FIRE_BATCH_MAX = 100;

/**
 * Steps of deadline versions, each exactly once, in one transaction: the deadline rows are
 * read with a share lock (a concurrent meet or move waits, and each version must still match
 * with status pending), the lead days and recipients are read once per area and day, case or
 * recipient group of the batch (inside the transaction, so no fresher than reading them per
 * step, and no staler), the firing rows are inserted in one statement with ON CONFLICT DO
 * NOTHING (the unique key deadline × version × step; in key order, so that two batches
 * meet in the same order), and only the winners' notices are written (one insert of inbox
 * items, one of e-mails). Outcomes are in the order of `jobs`; a step given twice fires once.
 */
export async function fireDeadlineSteps(deps: DeadlineDeps, jobs: StepJob[]): Promise<FireOutcome[]> {
  if (!jobs.length) return [];
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const ids = [...new Set(jobs.map((j) => j.deadlineId))].sort();
    const rows = await tx
      .select()
      .from(deadlines)
      .where(inArray(deadlines.id, ids))
      .orderBy(asc(deadlines.id))
      .for('share');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const leadCache: LeadDaysCache = new Map();
    const outcomes: Array<FireOutcome | null> = [];
    const candidates = new Map<string, { row: DeadlineRow; step: string; at: number[] }>();
    for (const [i, job] of jobs.entries()) {
      const row = byId.get(job.deadlineId);
      if (!row || row.version !== job.version || row.status !== 'pending') {
        outcomes.push({ status: 'stale' });
        continue;
      }
      const timer = (await timersFor(tx, row, leadCache)).find((t) => t.step === job.step);
      if (!timer || timer.step === 'erase') outcomes.push({ status: 'stale' });
      else if (timer.fireAt.getTime() > now.getTime()) outcomes.push({ status: 'not_due' });
      else {
        outcomes.push(null);
        const key = `${row.id}:${row.version}:${job.step}`;
        const c = candidates.get(key);
        if (c) c.at.push(i);
        else candidates.set(key, { row, step: job.step, at: [i] });
      }
    }
    if (!candidates.size) return { outcomes, emailIds: [] as string[] };

    // Recipients, once per case or area and parties, and their settings once per group.
    const people = new Map<string, Promise<ResolvedRecipient[]>>();
    const recipientsOf = (row: DeadlineRow, step: string) => {
      const byArea = step === 'escalate' || !row.caseId;
      const key = byArea
        ? `area:${row.cooperationAreaId}:${row.organisationCodes.join(',')}`
        : `case:${row.caseId}`;
      let found = people.get(key);
      if (!found) {
        found = (async () =>
          withSettings(
            tx,
            byArea || !row.caseId
              ? await areaCoordinators(tx, row.cooperationAreaId, row.organisationCodes)
              : await caseTeamRecipients(tx, row.caseId),
            deps.notify.defaultLanguage,
          ))();
        people.set(key, found);
      }
      return found;
    };
    const ordered = [...candidates.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const planned = [];
    // One at a time: a transaction's statements run one after another anyway.
    for (const [key, c] of ordered) planned.push({ key, ...c, resolved: await recipientsOf(c.row, c.step) });
    const won = await tx
      .insert(deadlineFirings)
      .values(
        planned.map((p) => ({
          deadlineId: p.row.id,
          version: p.row.version,
          step: p.step,
          outcome: 'notified' as const,
          recipients: p.resolved.length,
          firedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({
        deadlineId: deadlineFirings.deadlineId,
        version: deadlineFirings.version,
        step: deadlineFirings.step,
      });
    const winners = new Set(won.map((w) => `${w.deadlineId}:${w.version}:${w.step}`));
    const firing = planned.filter((p) => winners.has(p.key));
    const delivered = await deliverNotices(
      tx,
      firing.map(({ row, step, resolved }) => {
        const lead = leadOf(step);
        return {
          notice: {
            kind:
              lead !== null
                ? 'deadline.reminder'
                : step === 'escalate'
                  ? 'deadline.escalated'
                  : 'deadline.due',
            sourceKey: `deadline:${row.id}:v${row.version}:${step}`,
            caseId: row.caseId,
            cooperationAreaId: row.cooperationAreaId,
            params: {
              deadlineId: row.id,
              deadlineKind: row.kind,
              dueOn: row.dueOn,
              leadDays: lead,
              caseId: row.caseId,
              cooperationAreaId: row.cooperationAreaId,
            },
          },
          staff: resolved,
        };
      }),
      deps.notify,
      now,
    );
    for (const p of planned) {
      const k = firing.indexOf(p);
      const [first, ...repeats] = p.at;
      const emails = k >= 0 ? (delivered[k]?.emailIds.length ?? 0) : 0;
      if (first !== undefined) {
        outcomes[first] =
          k >= 0 ? { status: 'fired', recipients: p.resolved.length, emails } : { status: 'duplicate' };
      }
      for (const r of repeats) outcomes[r] = { status: 'duplicate' };
    }
    return { outcomes, emailIds: delivered.flatMap((d) => d.emailIds) };
  });
  await enqueueEmails(deps, result.emailIds);
  return result.outcomes.map((o) => o ?? { status: 'duplicate' });
}

/**
 * The `deadline.fire` jobs of one worker process, fired together (group commit): the jobs
 * the process runs at once (up to its DEADLINE_CONCURRENCY) are collected while a batch is
 * being written and fired as the next batch. A lone job fires at once; the many that fall due
 * at one moment (every reminder of a day at the start of the Helsinki day) share a
 * transaction per batch instead of one each. Each job completes when its batch commits. A
 * batch that fails is fired again step by step, so that a step that cannot be written fails
 * only its own job (BullMQ retries it) and the others complete.
 */
export function batchedStepFiring(options: { max?: number; parallel?: number } = {}) {
  const max = options.max ?? FIRE_BATCH_MAX;
  const parallel = options.parallel ?? 2;
  interface Waiting {
    deps: DeadlineDeps;
    job: StepJob;
    resolve: (outcome: FireOutcome) => void;
    reject: (err: unknown) => void;
  }
  const queue: Waiting[] = [];
  let running = 0;
  const drain = async () => {
    for (let batch = queue.splice(0, max); batch.length; batch = queue.splice(0, max)) {
      const deps = (batch[0] as Waiting).deps;
      let outcomes: FireOutcome[] | null = null;
      try {
        outcomes = await fireDeadlineSteps(
          deps,
          batch.map((w) => w.job),
        );
      } catch (err) {
        // One step, or the database away: step by step would only fail the same way, slower.
        if (batch.length === 1 || isDatabaseUnavailable(err)) {
          for (const w of batch) w.reject(err);
          continue;
        }
        deps.log.warn(
          { err: (err as Error).message, steps: batch.length },
          'deadline batch failed; step by step',
        );
      }
      for (const [i, w] of batch.entries()) {
        const outcome = outcomes?.[i];
        if (outcome) {
          w.resolve(outcome);
          continue;
        }
        try {
          w.resolve(await fireDeadlineStep(w.deps, w.job));
        } catch (err) {
          w.reject(err);
        }
      }
    }
  };
  const start = () => {
    running += 1;
    // After the current turn, so that jobs handed over together go in one batch.
    setImmediate(() => {
      void drain().finally(() => {
        running -= 1;
        if (queue.length && running < parallel) start();
      });
    });
  };
  return (deps: DeadlineDeps, job: StepJob): Promise<FireOutcome> =>
    new Promise<FireOutcome>((resolve, reject) => {
      queue.push({ deps, job, resolve, reject });
      if (running < parallel) start();
    });
}

/** First attempts of fresh outbox messages; the e-mail sweep covers a failure here. */
export async function enqueueEmails(
  deps: { producer?: JobProducer | undefined; log: FastifyBaseLogger },
  emailIds: string[],
) {
  if (!deps.producer || !emailIds.length) return;
  try {
    await deps.producer.enqueueMany(
      'email.send',
      emailIds.map((emailId) => ({ emailId, attempt: 1 })),
    );
  } catch (err) {
    deps.log.warn(
      { err: (err as Error).message, count: emailIds.length },
      'e-mails not enqueued; the sweep will',
    );
  }
}

export interface DeadlineSweepResult {
  /** Steps due now without a firing row: what the caller runs when it has no producer. */
  due: Array<StepJob>;
  /** Jobs (re-)added to Redis. */
  enqueued: number;
}

/**
 * The database is the truth: every pending deadline within the look-ahead whose final step
 * has not fired is checked against the clock, and each due step without a firing row gets
 * its job again (a job Redis still holds as waiting, delayed or active is left alone).
 * Flushing Redis therefore loses no reminder; the sweep runs every minute.
 */
export async function sweepDeadlines(deps: DeadlineDeps, batchSize = 2_000): Promise<DeadlineSweepResult> {
  const now = deps.clock.now();
  const horizon = addDays(todayInHelsinki(now), MAX_LEAD_DAYS);
  const due: StepJob[] = [];
  const cache: LeadDaysCache = new Map();
  let enqueued = 0;
  let afterDue = '0001-01-01';
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await deps.db
      .select()
      .from(deadlines)
      .where(
        and(
          eq(deadlines.status, 'pending'),
          lte(deadlines.dueOn, horizon),
          sql`(${deadlines.dueOn}, ${deadlines.id}) > (${afterDue}::date, ${afterId}::uuid)`,
          sql`NOT EXISTS (SELECT 1 FROM ${deadlineFirings} f WHERE f.deadline_id = ${deadlines.id}
                 AND f.version = ${deadlines.version}
                 AND f.step = CASE WHEN ${deadlines.kind} = ${ERASURE_KIND} THEN 'erase' ELSE 'escalate' END)`,
          sql`NOT (${deadlines.kind} = ${ERASURE_KIND} AND EXISTS (SELECT 1 FROM ${erasureHolds} h
                 WHERE h.case_id = ${deadlines.caseId} AND h.released_at IS NULL))`,
        ),
      )
      .orderBy(asc(deadlines.dueOn), asc(deadlines.id))
      .limit(batchSize);
    if (!rows.length) break;
    const last = rows[rows.length - 1] as DeadlineRow;
    afterDue = last.dueOn;
    afterId = last.id;
    const fired = await deps.db
      .select({
        deadlineId: deadlineFirings.deadlineId,
        version: deadlineFirings.version,
        step: deadlineFirings.step,
      })
      .from(deadlineFirings)
      .where(
        inArray(
          deadlineFirings.deadlineId,
          rows.map((r) => r.id),
        ),
      );
    const done = new Set(fired.map((f) => `${f.deadlineId}:${f.version}:${f.step}`));
    const batch: Array<{ row: DeadlineRow; timer: DeadlineTimer }> = [];
    for (const row of rows) {
      for (const timer of await timersFor(deps.db, row, cache)) {
        if (timer.fireAt.getTime() > now.getTime()) continue;
        if (done.has(`${row.id}:${row.version}:${timer.step}`)) continue;
        due.push({ deadlineId: row.id, version: row.version, step: timer.step });
        batch.push({ row, timer });
      }
    }
    if (deps.producer) enqueued += await requeueAll(deps.producer, batch, now);
    if (rows.length < batchSize) break;
  }
  if (due.length) deps.log.info({ due: due.length, enqueued }, 'deadline sweep found due steps');
  return { due, enqueued };
}

function jobOf(row: DeadlineRow, timer: DeadlineTimer) {
  return timer.step === 'erase'
    ? {
        def: jobCatalog['case.erase'],
        id: jobCatalog['case.erase'].jobId({ deadlineId: row.id, version: row.version }),
      }
    : {
        def: jobCatalog['deadline.fire'],
        id: jobCatalog['deadline.fire'].jobId({ deadlineId: row.id, version: row.version, step: timer.step }),
      };
}

/**
 * Adds the jobs of due steps unless Redis holds them as waiting, delayed (promoted) or
 * active; jobs that finished without effect are replaced. States are read 100 at a time,
 * one Redis call per job (the job itself is read only to promote a delayed one).
 */
async function requeueAll(
  producer: JobProducer,
  batch: Array<{ row: DeadlineRow; timer: DeadlineTimer }>,
  now: Date,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < batch.length; i += 100) {
    const slice = batch.slice(i, i + 100);
    const missing = await Promise.all(
      slice.map(async ({ row, timer }) => {
        const { def, id } = jobOf(row, timer);
        const queue = producer.queue(def.queue);
        const state = await queue.getJobState(id);
        if (state === 'unknown') return true;
        if (
          state === 'waiting' ||
          state === 'active' ||
          state === 'prioritized' ||
          state === 'waiting-children'
        ) {
          return false;
        }
        if (state === 'delayed') {
          await (await queue.getJob(id))?.promote().catch(() => undefined);
          return false;
        }
        await queue.remove(id).catch(() => undefined);
        return true;
      }),
    );
    const toAdd = slice.filter((_, k) => missing[k]);
    const fires = toAdd.filter((b) => b.timer.step !== 'erase');
    await producer.enqueueMany(
      'deadline.fire',
      fires.map(({ row, timer }) => ({ deadlineId: row.id, version: row.version, step: timer.step })),
    );
    for (const b of toAdd)
      if (b.timer.step === 'erase') await enqueueTimer(producer, b.row, { ...b.timer, fireAt: now }, now);
    added += toAdd.length;
  }
  return added;
}
