import { deadlineFirings, deadlines, emailMessages, events, inboxItems } from '@tym/db';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { assignPositions, composeProcessors, type ProcessorMap } from '@tym/jobs';
import { planningJobs } from '@tym/planning';
import { fixedClock } from '@tym/platform';
import {
  createTestPiiCipher,
  createTestPlatform,
  type TestPlatform,
  testLogEnabled,
} from '@tym/platform/testing';
import { referralsService } from '@tym/referrals';
import { resourcingJobs, resourcingService, seedReferenceData } from '@tym/resourcing';
import { loadDirectory, type StaffSpec } from '@tym/testing';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import pino from 'pino';
import { sweepDeadlines } from '../deadlines/deadline-timers.jobs.js';
import { sweepEmails } from '../email/email-delivery.jobs.js';
import { type NotificationsJobsDeps, notificationsJobs } from '../jobs.js';

export type ProcessorDeps = NotificationsJobsDeps;

/**
 * Every service's jobs composed as services/worker composes them (its `createProcessors`):
 * notifications' consumers first, then resourcing's and planning's reactions.
 */
export function createProcessors(deps: ProcessorDeps): ProcessorMap {
  return composeProcessors(deps, [notificationsJobs(deps), resourcingJobs(deps), planningJobs(deps)]);
}

export const silentLog = pino({ level: testLogEnabled() ? 'debug' : 'silent' });
const ctx = { jobId: 'test', attemptsMade: 0 };

export const CLIENT = { firstNames: 'Maija Liisa', lastName: 'Meikäläinen', phone: '+358 40 123 4567' };

/**
 * The worker's processors on a real database with the reference data, and the resourcing
 * and referrals services to build staff, cases and teams through their own routes. Time is
 * a clock the test moves; jobs are run by hand at the moments the clock says (the sweep
 * reports what is due), so nothing waits for real time.
 */
export async function createWorkerHarness(deps: Partial<ProcessorDeps> = {}) {
  const tdb: TestDatabase = await createTestDatabase();
  const clock = fixedClock(deps.clock ? deps.clock.now() : '2026-03-19T10:00:00Z');
  await seedReferenceData(tdb.db, { clock });
  const t: TestPlatform = await createTestPlatform({ pool: tdb.pool });
  await t.app.register(resourcingService({ db: tdb.db, clock }));
  await t.app.register(referralsService({ db: tdb.db, clock, pii: createTestPiiCipher() }));
  await t.app.ready();
  const directory = await loadDirectory(t);
  const processors: ProcessorMap = createProcessors({
    db: tdb.db,
    clock,
    log: silentLog,
    notify: { publicBaseUrl: 'https://tym.example.fi', defaultLanguage: 'fi' },
    ...deps,
  });
  const as = (org: string, roles: string[], sub?: string) => ({ authorization: t.bearer(org, roles, sub) });
  const inject = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => {
    const r = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };

  const h = {
    tdb,
    t,
    clock,
    processors,
    as,
    inject,
    area: directory.area,
    /** A staff member through resourcing's routes, allocated 0.5 FTE to each area. */
    staff: (spec: StaffSpec): Promise<string> => directory.staff(spec),
    /** Kela refers a client of Kerava; `accepter` accepts and becomes the responsible team member. */
    async openCase(identityCode: string, referrer: Record<string, string>, accepter: Record<string, string>) {
      const referral = await inject('POST', '/v1/referrals', referrer, {
        client: {
          identityCode,
          firstNames: CLIENT.firstNames,
          lastName: CLIENT.lastName,
          homeMunicipalityCode: '245',
          contactDetails: { phone: CLIENT.phone, email: 'maija@example.fi' },
        },
        grounds: ['life_management_problems'],
        description: 'Velkaantunut, tarvitsee päihdepalveluja.',
      });
      const accepted = await inject('POST', `/v1/referrals/${referral.id}/accept`, accepter, {});
      return {
        referralId: referral.id as string,
        caseId: accepted.case.id as string,
        clientId: referral.clientId as string,
      };
    },
    /** Positions and dispatches every committed event, as the relay and worker would. */
    async dispatchAll(p: ProcessorMap = processors): Promise<number> {
      await assignPositions(tdb.db);
      const waiting = await tdb.db
        .select({ id: events.id, position: events.position })
        .from(events)
        .where(isNull(events.dispatchedAt))
        .orderBy(asc(events.position));
      for (const e of waiting)
        await p['event.dispatch']({ eventId: e.id, position: e.position as number }, ctx);
      return waiting.length;
    },
    /** Runs every deadline step due at the clock's now, as the sweep and its jobs would. */
    async runDeadlines(p: ProcessorMap = processors) {
      const swept = await sweepDeadlines({
        db: tdb.db,
        clock,
        log: silentLog,
        notify: { publicBaseUrl: '', defaultLanguage: 'fi' },
      });
      const outcomes = [];
      for (const job of swept.due) {
        outcomes.push(
          job.step === 'erase'
            ? await p['case.erase']({ deadlineId: job.deadlineId, version: job.version }, ctx)
            : await p['deadline.fire'](job, ctx),
        );
      }
      return { due: swept.due, outcomes };
    },
    /** Sends every e-mail due now, as the e-mail sweep and its jobs would. */
    async runEmails(p: ProcessorMap = processors) {
      const swept = await sweepEmails({ db: tdb.db, clock, log: silentLog });
      const outcomes = [];
      for (const job of swept.due) outcomes.push(await p['email.send'](job, ctx));
      return outcomes;
    },
    firings: (deadlineId?: string) =>
      tdb.db
        .select()
        .from(deadlineFirings)
        .where(deadlineId ? eq(deadlineFirings.deadlineId, deadlineId) : undefined)
        .orderBy(asc(deadlineFirings.firedAt)),
    inbox: (sub?: string) =>
      tdb.db
        .select()
        .from(inboxItems)
        .where(sub ? eq(inboxItems.subject, sub) : undefined)
        .orderBy(asc(inboxItems.createdAt), asc(inboxItems.sourceKey)),
    emails: () => tdb.db.select().from(emailMessages).orderBy(asc(emailMessages.createdAt)),
    deadlinesOf: (caseId: string) => tdb.db.select().from(deadlines).where(eq(deadlines.caseId, caseId)),
    async count(table: string, where?: string): Promise<number> {
      const r = await tdb.db.execute<{ n: number }>(
        sql.raw(`SELECT count(*)::int AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`),
      );
      return r.rows[0]?.n ?? 0;
    },
    async close() {
      await t.close();
      await tdb.destroy();
    },
  };
  return h;
}

export type WorkerHarness = Awaited<ReturnType<typeof createWorkerHarness>>;
