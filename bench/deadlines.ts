// `pnpm bench deadlines [--total=100000] [--due=1000] [--workers=1,2]`: 100,000 pending
// deadlines, 1,000 of them with a reminder due in the same minute; the time from the worker
// processes' start until every reminder is in the inboxes, with one and with two workers.
// Only this benchmark's coordinator (Kela's) is counted: the caseload scenario's coordinator
// has the same subject in another organisation, and its cases' deadlines fire too.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createDb } from '@tym/db';
import { sql } from 'drizzle-orm';
import type { JobBenchmark } from './jobs/job-benchmark.js';

const ORG = 'kela';
/** Today in Helsinki and a day `n` days later, without @tym/domain (not a bench dependency). */
const helsinkiDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(d);
const todayInHelsinki = (d: Date) => helsinkiDay(d);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const deadlineReminders: JobBenchmark = {
  name: 'deadlines',
  description:
    'N pending deadlines, M of them with a reminder due now: time until every reminder is in the inboxes',
  async run({ databaseUrl, root, options }) {
    const total = Number(options.total ?? 100_000);
    const due = Number(options.due ?? 1_000);
    const workerCounts = (options.workers ?? '1,2').split(',').map(Number);
    // Loading and clearing 100,000 rows may outlast the pool's default statement timeout.
    const handle = createDb({ url: databaseUrl, max: 4, statementTimeoutMs: 600_000 });
    const db = handle.db;
    const [area] = (
      await db.execute<{ id: string }>(sql`SELECT id FROM resourcing.cooperation_areas ORDER BY code LIMIT 1`)
    ).rows;
    if (!area) throw new Error('no cooperation area: load the reference data first');
    // One coordinator allocated to the area receives every reminder.
    await db.execute(sql`
      INSERT INTO resourcing.staff (organisation_code, subject, display_name, email, roles)
      VALUES (${ORG}, 'bench-coordinator', 'Bench Coordinator', NULL, ARRAY['coordinator'])
      ON CONFLICT (organisation_code, subject) DO NOTHING`);
    await db.execute(sql`
      INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte)
      SELECT id, ${area.id}::uuid, 0.5 FROM resourcing.staff WHERE organisation_code = ${ORG} AND subject = 'bench-coordinator'
      ON CONFLICT DO NOTHING`);

    const lines: string[] = [];
    for (const workers of workerCounts) {
      const today = todayInHelsinki(new Date());
      const setAt = new Date(Date.now() - 2 * 86_400_000);
      await db.execute(
        sql`DELETE FROM notifications.inbox_items WHERE organisation_code = ${ORG} AND subject = 'bench-coordinator'`,
      );
      await db.execute(
        sql`DELETE FROM notifications.deadline_firings WHERE deadline_id IN (SELECT id FROM platform.deadlines WHERE subject_type = 'bench')`,
      );
      await db.execute(sql`DELETE FROM platform.deadlines WHERE subject_type = 'bench'`);
      // `due` deadlines fall due in 3 days: their 3-day reminder is due now (since local
      // midnight). The others are years away: nothing to send, but the sweep must not choke.
      const remindNow = addDays(today, 3);
      const started = Date.now();
      await db.execute(sql`
        INSERT INTO platform.deadlines (kind, subject_type, subject_id, cooperation_area_id, organisation_codes,
                                        due_on, rule, statute, computation, created_at, updated_at)
        SELECT 'agreement.staffing_review', 'bench', 'bench-' || g, ${area.id}::uuid, ARRAY[${ORG}],
               CASE WHEN g <= ${due} THEN ${remindNow}::date ELSE ${today}::date + 200 + (g % 3000) END,
               'agreement.staffing_review', 'VNA 388/2024 §3', '{}'::jsonb, ${setAt.toISOString()}::timestamptz, ${setAt.toISOString()}::timestamptz
          FROM generate_series(1, ${total}) g`);
      const loadSeconds = (Date.now() - started) / 1000;
      const prefix = `bench-dl-${randomBytes(3).toString('hex')}`;
      const children: ChildProcess[] = [];
      const t0 = Date.now();
      for (let w = 0; w < workers; w++) {
        children.push(
          spawn(
            `${root}node_modules/.bin/tsx`,
            ['--conditions=@tym/source', `${root}services/worker/src/server.ts`],
            {
              env: {
                ...process.env,
                DATABASE_URL: databaseUrl,
                QUEUE_PREFIX: prefix,
                LOG_LEVEL: 'warn',
                WORKER_HEALTH_PORT: '0',
                DEADLINE_SWEEP_EVERY_MS: '1000',
                DEADLINE_CONCURRENCY: options.concurrency ?? '16',
              },
              stdio: ['ignore', 'ignore', 'inherit'],
            },
          ),
        );
      }
      const deadline = Date.now() + Number(options.timeoutSeconds ?? 600) * 1000;
      let delivered = 0;
      while (Date.now() < deadline) {
        const [row] = (
          await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications.inbox_items
             WHERE organisation_code = ${ORG} AND subject = 'bench-coordinator' AND kind = 'deadline.reminder'`)
        ).rows;
        delivered = row?.n ?? 0;
        if (delivered >= due) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const elapsed = (Date.now() - t0) / 1000;
      const [firstLast] = (
        await db.execute<{
          span: number;
        }>(sql`SELECT extract(epoch FROM max(created_at) - min(created_at)) AS span
           FROM notifications.inbox_items
          WHERE organisation_code = ${ORG} AND subject = 'bench-coordinator' AND kind = 'deadline.reminder'`)
      ).rows;
      for (const c of children) c.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
      lines.push(
        `${workers} worker process(es): ${delivered}/${due} reminders in the inbox ${elapsed.toFixed(1)} s after the workers started ` +
          `(first → last reminder ${Number(firstLast?.span ?? 0).toFixed(1)} s; ${total} pending deadlines loaded in ${loadSeconds.toFixed(1)} s)`,
      );
      await db.execute(
        sql`DELETE FROM notifications.deadline_firings WHERE deadline_id IN (SELECT id FROM platform.deadlines WHERE subject_type = 'bench')`,
      );
      await db.execute(sql`DELETE FROM platform.deadlines WHERE subject_type = 'bench'`);
    }
    await handle.close();
    return [
      ...lines,
      'Includes process start-up (tsx, ~2–4 s) and the first sweep (every 1 s here, every minute by default).',
    ];
  },
};
