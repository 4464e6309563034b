import { deadlineFirings, deadlines, erasureHolds } from '@tym/db';
import { addDays, todayInHelsinki } from '@tym/domain';
import { meetDeadline, recordEvent } from '@tym/jobs';
import { erasePlanningCaseData } from '@tym/planning';
import { eraseCaseClientData } from '@tym/referrals';
import { and, eq, isNull } from 'drizzle-orm';
import type { DeadlineDeps } from '../deadlines/deadline-timers.jobs.js';
import { ERASURE_KIND, timersOf } from './deadline-timers.js';

export type EraseOutcome =
  | { status: 'erased'; clientIdentityErased: boolean }
  | { status: 'stale' | 'duplicate' | 'not_due' | 'held' | 'not_ended' };

/**
 * The `case.erase` job (381/2023 §12(2)): once the `case.erasure` deadline's day has ended,
 * and unless the case is on hold, the client's personal data is erased by
 * services/referrals (`eraseCaseClientData`) and the deadline is met — all in one
 * transaction with the firing row, so a retried or duplicated job erases once. A hold makes
 * the job do nothing; the sweep skips held cases and erases on its next run after release.
 */
export async function eraseCase(
  deps: DeadlineDeps,
  job: { deadlineId: string; version: number },
  requestId: string,
): Promise<EraseOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(deadlines).where(eq(deadlines.id, job.deadlineId)).for('update');
    if (
      !row ||
      row.kind !== ERASURE_KIND ||
      row.version !== job.version ||
      row.status !== 'pending' ||
      !row.caseId
    ) {
      return { status: 'stale' as const };
    }
    const [timer] = timersOf(row, []);
    if (!timer || timer.fireAt.getTime() > now.getTime()) return { status: 'not_due' as const };
    const [hold] = await tx
      .select({ id: erasureHolds.id })
      .from(erasureHolds)
      .where(and(eq(erasureHolds.caseId, row.caseId), isNull(erasureHolds.releasedAt)));
    if (hold) return { status: 'held' as const };
    const [firing] = await tx
      .insert(deadlineFirings)
      .values({ deadlineId: row.id, version: row.version, step: 'erase', outcome: 'erased', firedAt: now })
      .onConflictDoNothing()
      .returning({ id: deadlineFirings.id });
    if (!firing) return { status: 'duplicate' as const };
    const result = await eraseCaseClientData(tx, row.caseId, { now, requestId });
    if (!result.erased) {
      await tx.update(deadlineFirings).set({ outcome: 'skipped' }).where(eq(deadlineFirings.id, firing.id));
      return { status: 'not_ended' as const };
    }
    // The same relationship's meetings and plan (services/planning) go in the same transaction.
    await erasePlanningCaseData(tx, row.caseId);
    // Erasing on the day after the retention ended is on time (the data is kept until the
    // end of `dueOn`); later than that is late.
    const today = todayInHelsinki(now);
    const metOn = today <= addDays(row.dueOn, 1) ? row.dueOn : today;
    await meetDeadline(tx, ERASURE_KIND, row.subjectId, metOn, { now });
    await recordEvent(tx, {
      type: 'case.erased',
      occurredAt: now,
      organisationCodes: row.organisationCodes,
      cooperationAreaId: row.cooperationAreaId,
      caseId: row.caseId,
      subjectType: 'case',
      subjectId: row.caseId,
      payload: { caseId: row.caseId, deadlineId: row.id, clientIdentityErased: result.clientIdentityErased },
    });
    deps.log.info({ caseId: row.caseId, deadlineId: row.id }, 'case client data erased');
    return { status: 'erased' as const, clientIdentityErased: result.clientIdentityErased };
  });
}
