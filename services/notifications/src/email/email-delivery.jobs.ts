import { type Database, emailMessages, type Queryable } from '@tym/db';
import { type JobProducer, jobCatalog } from '@tym/jobs';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Mailer } from './email-transport.js';

/** Attempts before a message is given up (about 9 hours in all). */
export const EMAIL_MAX_ATTEMPTS = 8;
/** Delay before attempt n+1 after attempt n failed: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h. */
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000];
/** A claim older than this belongs to a worker that died mid-send. */
export const EMAIL_STALE_CLAIM_MS = 5 * 60_000;

export function emailRetryDelayMs(failedAttempt: number): number {
  return RETRY_DELAYS_MS[Math.min(failedAttempt, RETRY_DELAYS_MS.length) - 1] ?? 30_000;
}

export interface EmailDeps {
  db: Database;
  clock: { now(): Date };
  log: FastifyBaseLogger;
  producer?: JobProducer | undefined;
  /** Absent when SMTP is not configured: messages wait in the outbox. */
  mailer?: Mailer | undefined;
  /** The domain of generated Message-IDs. */
  messageIdDomain?: string;
}

export type EmailOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'retry' | 'failed'; error: string }
  | { status: 'skipped' | 'no_mailer' };

type EmailRow = typeof emailMessages.$inferSelect;

/** Claims attempt `attempt` of a pending, due message; null when another run has it. */
async function claim(db: Queryable, id: string, attempt: number, now: Date): Promise<EmailRow | null> {
  const [row] = await db
    .update(emailMessages)
    .set({ status: 'sending', attempts: attempt, claimedAt: now })
    .where(
      and(
        eq(emailMessages.id, id),
        eq(emailMessages.status, 'pending'),
        eq(emailMessages.attempts, attempt - 1),
        lte(emailMessages.nextAttemptAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * One attempt of one outbox message. The attempt is claimed with a conditional UPDATE, so two
 * workers never send the same attempt; a failure schedules the next attempt in the row and
 * enqueues its job (the sweep re-adds it if Redis loses it). SMTP gives at-least-once: a
 * worker that dies after the server accepted the message and before recording it leaves a
 * stale claim, and the message is sent again with the same Message-ID.
 */
export async function sendEmail(
  deps: EmailDeps,
  job: { emailId: string; attempt: number },
): Promise<EmailOutcome> {
  if (!deps.mailer) return { status: 'no_mailer' };
  const row = await claim(deps.db, job.emailId, job.attempt, deps.clock.now());
  if (!row) return { status: 'skipped' };
  const messageId = `<${row.id}@${deps.messageIdDomain ?? 'tym.invalid'}>`;
  try {
    const info = await deps.mailer.send({
      to: row.toAddress,
      subject: row.subjectLine,
      text: row.bodyText,
      language: row.language,
      messageId,
      ics: row.ics ? { content: row.ics, method: row.icsMethod ?? 'REQUEST' } : null,
    });
    await deps.db
      .update(emailMessages)
      .set({
        status: 'sent',
        sentAt: deps.clock.now(),
        messageId: info.messageId,
        claimedAt: null,
        lastError: null,
      })
      .where(
        and(
          eq(emailMessages.id, row.id),
          eq(emailMessages.status, 'sending'),
          eq(emailMessages.attempts, job.attempt),
        ),
      );
    return { status: 'sent', messageId: info.messageId };
  } catch (err) {
    const error = (err as Error).message.slice(0, 500);
    const now = deps.clock.now();
    const last = job.attempt >= EMAIL_MAX_ATTEMPTS;
    const next = new Date(now.getTime() + emailRetryDelayMs(job.attempt));
    await deps.db
      .update(emailMessages)
      .set(
        last
          ? { status: 'failed', claimedAt: null, lastError: error, nextAttemptAt: null }
          : { status: 'pending', claimedAt: null, lastError: error, nextAttemptAt: next },
      )
      .where(
        and(
          eq(emailMessages.id, row.id),
          eq(emailMessages.status, 'sending'),
          eq(emailMessages.attempts, job.attempt),
        ),
      );
    deps.log.warn(
      { emailId: row.id, attempt: job.attempt, err: error },
      last ? 'e-mail failed for good' : 'e-mail attempt failed',
    );
    if (!last && deps.producer) {
      try {
        await deps.producer.enqueue(
          'email.send',
          { emailId: row.id, attempt: job.attempt + 1 },
          { delayMs: next.getTime() - now.getTime() },
        );
      } catch {
        // The row says when it is due; the sweep enqueues it.
      }
    }
    return { status: last ? 'failed' : 'retry', error };
  }
}

export interface EmailSweepResult {
  released: number;
  due: Array<{ emailId: string; attempt: number }>;
  enqueued: number;
}

/** Releases claims of dead workers and re-adds due attempts whose job Redis lost. */
export async function sweepEmails(deps: EmailDeps, batchSize = 1_000): Promise<EmailSweepResult> {
  const now = deps.clock.now();
  const stale = await deps.db
    .update(emailMessages)
    .set({
      status: 'pending',
      claimedAt: null,
      nextAttemptAt: now,
      lastError: 'interrupted: the worker stopped mid-send',
    })
    .where(
      and(
        eq(emailMessages.status, 'sending'),
        lte(emailMessages.claimedAt, new Date(now.getTime() - EMAIL_STALE_CLAIM_MS)),
      ),
    )
    .returning({ id: emailMessages.id });
  const rows = await deps.db
    .select({ id: emailMessages.id, attempts: emailMessages.attempts })
    .from(emailMessages)
    .where(and(eq(emailMessages.status, 'pending'), lte(emailMessages.nextAttemptAt, now)))
    .orderBy(asc(emailMessages.nextAttemptAt))
    .limit(batchSize);
  const due = rows.map((r) => ({ emailId: r.id, attempt: r.attempts + 1 }));
  let enqueued = 0;
  if (deps.producer && deps.mailer) {
    const queue = deps.producer.queue(jobCatalog['email.send'].queue);
    for (const payload of due) {
      const job = await queue.getJob(jobCatalog['email.send'].jobId(payload));
      if (job) {
        const state = await job.getState();
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        await job.remove().catch(() => undefined);
      }
      await deps.producer.enqueue('email.send', payload);
      enqueued++;
    }
  }
  return { released: stale.length, due, enqueued };
}

/** Counts by status, for health and the benchmark. */
export async function countEmails(db: Queryable) {
  const rows = await db
    .select({ status: emailMessages.status, n: sql<number>`count(*)::int` })
    .from(emailMessages)
    .groupBy(emailMessages.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
