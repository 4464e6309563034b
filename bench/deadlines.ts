// `pnpm bench deadlines [--total=100000] [--due=1000] [--workers=1,2] [--mode=timers,sweep]
//   [--lead-seconds=40] [--concurrency=N] [--cpu-prof=DIR]`: 100,000 pending deadlines, 1,000 of
// them with a reminder that falls due at the same moment, with one and with two worker processes.
//
// mode `timers` (the goal's figure): as in the system, each reminder's delayed job is in Redis
// (what the `deadline.set` dispatch schedules: `dl-<id>-v<version>-<step>`) before it falls
// due; the worker processes are started and ready (start-up reported on its own), then the due
// moment — a Helsinki midnight, when reminders fall due — comes `lead` seconds after the
// workers were spawned: their clock runs ahead (bench/jobs/deadline-worker.ts). Timed: from the
// due moment until the last reminder is in the inbox. The sweep runs at its default (a minute).
// mode `sweep` (the earlier figure, kept for comparison): the reminders are already due, no jobs
// in Redis, the sweep every second; timed from the worker processes' spawn (start-up included).
//
// Only this benchmark's coordinator (Kela's) is counted: the caseload scenario's coordinator
// has the same subject in another organisation, and its cases' deadlines fire too.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createDb } from '@tym/db';
import { createJobProducer } from '@tym/jobs';
import { createRequestRedis } from '@tym/platform';
import { sql } from 'drizzle-orm';
import type { JobBenchmark } from './jobs/job-benchmark.js';

const ORG = 'kela';
const DAY_MS = 86_400_000;
/** The Helsinki date of an instant, without @tym/domain (not a bench dependency). */
const helsinkiDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(d);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** The instant a Helsinki date begins (UTC+2 in winter, +3 in summer). */
function startOfHelsinkiDay(day: string): Date {
  for (const tz of ['+02:00', '+03:00']) {
    const t = new Date(`${day}T00:00:00${tz}`);
    if (helsinkiDay(t) === day && helsinkiDay(new Date(t.getTime() - 1)) !== day) return t;
  }
  throw new Error(`no start of ${day} in Helsinki`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

interface Counts {
  statements: number;
  redis: number;
  redisByCommand: Record<string, number>;
}

/** CPU seconds (user + system) of a process so far, from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export const deadlineReminders: JobBenchmark = {
  name: 'deadlines',
  description:
    'N pending deadlines, M of them with a reminder falling due at one moment: due moment → every reminder in the inboxes',
  async run({ databaseUrl, root, options }) {
    const total = Number(options.total ?? 100_000);
    const due = Number(options.due ?? 1_000);
    const workerCounts = (options.workers ?? '1,2').split(',').map(Number);
    const modes = (options.mode ?? 'timers').split(',') as Array<'timers' | 'sweep'>;
    const leadMs = Number(options['lead-seconds'] ?? 40) * 1000;
    // Loading and clearing 100,000 rows may outlast the pool's default statement timeout.
    const handle = createDb({ url: databaseUrl, max: 4, statementTimeoutMs: 600_000 });
    const db = handle.db;
    const redis = createRequestRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
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
    const inboxCount = async () =>
      (
        await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications.inbox_items
           WHERE organisation_code = ${ORG} AND subject = 'bench-coordinator' AND kind = 'deadline.reminder'`)
      ).rows[0]?.n ?? 0;
    const clear = async () => {
      await db.execute(
        sql`DELETE FROM notifications.inbox_items WHERE organisation_code = ${ORG} AND subject = 'bench-coordinator'`,
      );
      await db.execute(
        sql`DELETE FROM notifications.deadline_firings WHERE deadline_id IN (SELECT id FROM platform.deadlines WHERE subject_type = 'bench')`,
      );
      await db.execute(sql`DELETE FROM platform.deadlines WHERE subject_type = 'bench'`);
    };

    const lines: string[] = [];
    for (const mode of modes) {
      for (const workers of workerCounts) {
        await clear();
        // timers: the due moment is the Helsinki midnight two days from now, reached in the
        // workers' clock `leadMs` after now; sweep: now, in real time.
        const dueAt =
          mode === 'timers' ? startOfHelsinkiDay(helsinkiDay(new Date(Date.now() + 2 * DAY_MS))) : null;
        const dueDay = dueAt ? helsinkiDay(dueAt) : helsinkiDay(new Date());
        const setAt = new Date((dueAt?.getTime() ?? Date.now()) - 2 * DAY_MS);
        // `due` deadlines fall due 3 days after the due day: their 3-day reminder falls due then
        // (the 14-day one was before they were set). The others are years away: nothing to send.
        const remindDay = addDays(dueDay, 3);
        const loadStarted = Date.now();
        await db.execute(sql`
          INSERT INTO platform.deadlines (kind, subject_type, subject_id, cooperation_area_id, organisation_codes,
                                          due_on, rule, statute, computation, created_at, updated_at)
          SELECT 'agreement.staffing_review', 'bench', 'bench-' || g, ${area.id}::uuid, ARRAY[${ORG}],
                 CASE WHEN g <= ${due} THEN ${remindDay}::date ELSE ${dueDay}::date + 200 + (g % 3000) END,
                 'agreement.staffing_review', 'VNA 388/2024 §3', '{}'::jsonb, ${setAt.toISOString()}::timestamptz, ${setAt.toISOString()}::timestamptz
            FROM generate_series(1, ${total}) g`);
        await db.execute(sql`ANALYZE platform.deadlines`);
        const loadSeconds = (Date.now() - loadStarted) / 1000;
        const prefix = `bench-dl-${randomBytes(3).toString('hex')}`;

        // The reminders' delayed jobs, as the dispatch of `deadline.set` schedules them.
        const tDue = Date.now() + leadMs;
        const offsetMs = dueAt ? dueAt.getTime() - tDue : 0;
        const producer = createJobProducer(redis, prefix);
        if (mode === 'timers') {
          const ids = (
            await db.execute<{ id: string }>(
              sql`SELECT id FROM platform.deadlines WHERE subject_type = 'bench' AND due_on = ${remindDay}::date`,
            )
          ).rows;
          for (let i = 0; i < ids.length; i += 200) {
            await Promise.all(
              ids
                .slice(i, i + 200)
                .map((r) =>
                  producer.enqueue(
                    'deadline.fire',
                    { deadlineId: r.id, version: 1, step: 'remind-3' },
                    { delayMs: tDue - Date.now() },
                  ),
                ),
            );
          }
        }

        const children: ChildProcess[] = [];
        const counts: Counts[][] = [];
        const ready: number[] = [];
        const t0 = Date.now();
        for (let w = 0; w < workers; w++) {
          const profile = options['cpu-prof'] ? [`--cpu-prof`, `--cpu-prof-dir=${options['cpu-prof']}`] : [];
          const child = spawn(
            process.execPath,
            [
              ...profile,
              '--import',
              'tsx',
              '--conditions=@tym/source',
              `${root}bench/jobs/deadline-worker.ts`,
            ],
            {
              cwd: root,
              env: {
                ...process.env,
                DATABASE_URL: databaseUrl,
                QUEUE_PREFIX: prefix,
                LOG_LEVEL: 'warn',
                WORKER_HEALTH_PORT: '0',
                BENCH_CLOCK_OFFSET_MS: String(offsetMs),
                ...(mode === 'sweep' ? { DEADLINE_SWEEP_EVERY_MS: '1000' } : {}),
                ...(options.concurrency ? { DEADLINE_CONCURRENCY: options.concurrency } : {}),
              },
              stdio: ['ignore', 'pipe', 'inherit'],
            },
          );
          const mine: Counts[] = [];
          counts.push(mine);
          let buffered = '';
          child.stdout?.on('data', (chunk: Buffer) => {
            buffered += chunk.toString();
            let nl = buffered.indexOf('\n');
            while (nl >= 0) {
              const line = buffered.slice(0, nl);
              buffered = buffered.slice(nl + 1);
              if (line === 'ready') ready.push(Date.now());
              else if (line.startsWith('counts ')) mine.push(JSON.parse(line.slice(7)) as Counts);
              nl = buffered.indexOf('\n');
            }
          });
          children.push(child);
        }
        const timeout = Date.now() + Number(options.timeoutSeconds ?? 600) * 1000;
        while (ready.length < workers && Date.now() < timeout) await sleep(20);
        const startup = (Math.max(...ready) - t0) / 1000;
        const lateStart = mode === 'timers' && Math.max(...ready) > tDue;
        const from = mode === 'timers' ? tDue : t0;
        await sleep(from - Date.now());
        // The workers' PostgreSQL backends (pools grow while firing: those opened since count
        // from zero) and Redis (shared with anything else using it).
        const backendPids = async () =>
          (
            await db.execute<{ pid: number }>(
              sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tym-worker'`,
            )
          ).rows.map((r) => r.pid);
        const pgAtDue = new Map((await backendPids()).map((pid) => [pid, cpuSeconds(pid)]));
        const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? 0);
        const redisAtDue = cpuSeconds(redisPid);
        const cpuAtDue = children.map((c) => cpuSeconds(c.pid));
        for (const c of children) c.kill('SIGUSR2');
        let delivered = 0;
        while (Date.now() < timeout) {
          delivered = await inboxCount();
          if (delivered >= due) break;
          await sleep(25);
        }
        const elapsed = (Date.now() - from) / 1000;
        const cpu = children.map((c, k) => cpuSeconds(c.pid) - (cpuAtDue[k] ?? 0));
        const backends = await backendPids();
        const pgCpu = backends.reduce(
          (sum, pid) => sum + ((cpuSeconds(pid) || 0) - (pgAtDue.get(pid) ?? 0)),
          0,
        );
        const redisCpu = cpuSeconds(redisPid) - redisAtDue;
        for (const c of children) c.kill('SIGUSR2');
        await sleep(300);
        const [span] = (
          await db.execute<{ first: number; last: number }>(sql`
            SELECT extract(epoch FROM min(created_at) - ${(dueAt ?? new Date(t0 + offsetMs)).toISOString()}::timestamptz) AS first,
                   extract(epoch FROM max(created_at) - ${(dueAt ?? new Date(t0 + offsetMs)).toISOString()}::timestamptz) AS last
              FROM notifications.inbox_items
             WHERE organisation_code = ${ORG} AND subject = 'bench-coordinator' AND kind = 'deadline.reminder'`)
        ).rows;
        for (const c of children) c.kill('SIGTERM');
        await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
        await producer.close();
        const used = counts.map((c) => {
          const [a, b] = c;
          if (!a || !b) return null;
          const by: Record<string, number> = {};
          for (const [k, v] of Object.entries(b.redisByCommand)) {
            const d = v - (a.redisByCommand[k] ?? 0);
            if (d) by[k] = d;
          }
          return { statements: b.statements - a.statements, redis: b.redis - a.redis, by };
        });
        const statements = used.reduce((s, u) => s + (u?.statements ?? 0), 0);
        const redisCommands = used.reduce((s, u) => s + (u?.redis ?? 0), 0);
        const label =
          mode === 'timers'
            ? `timers, ${workers} worker process(es): ${delivered}/${due} reminders in the inbox ${elapsed.toFixed(2)} s after the due moment` +
              ` (first ${Number(span?.first ?? Number.NaN).toFixed(2)} s, last ${Number(span?.last ?? Number.NaN).toFixed(2)} s by the rows' created_at)` +
              (lateStart ? ' — WORKERS NOT READY BEFORE THE DUE MOMENT: raise --lead-seconds' : '')
            : `sweep (earlier figure), ${workers} worker process(es): ${delivered}/${due} reminders in the inbox ${elapsed.toFixed(1)} s after the workers were spawned` +
              ` (first → last reminder ${(Number(span?.last) - Number(span?.first)).toFixed(2)} s)`;
        lines.push(
          `${label}; start-up ${startup.toFixed(1)} s; worker CPU while firing ${cpu.map((c) => `${c.toFixed(2)} s`).join(' + ')}, ` +
            `their ${backends.length} PostgreSQL backends ${pgCpu.toFixed(2)} s, ` +
            `Redis ${redisCpu.toFixed(2)} s (shared); ` +
            `${(statements / due).toFixed(1)} statements and ${(redisCommands / due).toFixed(1)} Redis commands per reminder ` +
            `(${used.map((u) => JSON.stringify(u?.by ?? {})).join(' | ')}); ${total} deadlines loaded in ${loadSeconds.toFixed(1)} s; ` +
            `load average ${os
              .loadavg()
              .map((l) => l.toFixed(2))
              .join(' ')}`,
        );
      }
    }
    await clear();
    redis.disconnect();
    await handle.close();
    return lines;
  },
};
