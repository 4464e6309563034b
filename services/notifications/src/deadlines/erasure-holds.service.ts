import { deadlines, erasureHolds } from '@tym/db';
import { recordEvent } from '@tym/jobs';
import { AppError, type Principal } from '@tym/platform';
import { findCase } from '@tym/referrals';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { NotificationsDeps } from '../deps.js';
import { deadlineScopeOf, seesCase } from './deadline-visibility.js';
import { DeadlineErrors } from './deadlines.errors.js';

export type ErasureHoldRow = typeof erasureHolds.$inferSelect;
export const ERASURE_HOLD_REASONS = ['pending_matter', 'statutory_task', 'appeal', 'other'] as const;
export type ErasureHoldReason = (typeof ERASURE_HOLD_REASONS)[number];

/**
 * Erasure holds (381/2023 §12(2): data still needed for a statutory task or a pending
 * matter). Placed and released by staff who see the case (its team, or coordinators of its
 * area). The worker's `case.erase` job and the sweep skip a case while it has an active
 * hold; releasing it lets the next sweep (within a minute) erase when the retention has run
 * out. Kept in the notifications schema beside the timers that read it, so that this
 * service writes only its own tables; the case itself is read through services/referrals.
 */
async function assertSeesCase(deps: NotificationsDeps, p: Principal, caseId: string) {
  const scope = await deadlineScopeOf(deps.db, p);
  if (!(await seesCase(deps.db, scope, caseId))) throw new AppError(DeadlineErrors.DEADLINE_CASE_NOT_FOUND);
  const kase = await findCase(deps.db, caseId);
  if (!kase) throw new AppError(DeadlineErrors.DEADLINE_CASE_NOT_FOUND);
  return kase;
}

export async function placeErasureHold(
  deps: NotificationsDeps,
  p: Principal,
  caseId: string,
  input: { reasonCode: ErasureHoldReason; note?: string | undefined },
): Promise<ErasureHoldRow> {
  const kase = await assertSeesCase(deps, p, caseId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [done] = await tx
      .select({ id: deadlines.id })
      .from(deadlines)
      .where(
        and(
          eq(deadlines.caseId, caseId),
          eq(deadlines.kind, 'case.erasure'),
          inArray(deadlines.status, ['met', 'met_late']),
        ),
      )
      .limit(1);
    if (done) throw new AppError(DeadlineErrors.ERASURE_ALREADY_DONE);
    // The case.erase job reads the holds with the deadline row locked; the partial unique
    // key refuses a second active hold.
    const [row] = await tx
      .insert(erasureHolds)
      .values({
        caseId,
        reasonCode: input.reasonCode,
        reasonNote: input.note ?? null,
        placedAt: now,
        placedByOrganisation: p.org,
        placedBySub: p.sub,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError(DeadlineErrors.ERASURE_HOLD_EXISTS);
    await recordEvent(tx, {
      type: 'case.erasure_held',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId,
      subjectType: 'case',
      subjectId: caseId,
      actor: { organisation: p.org, sub: p.sub },
      payload: { caseId, holdId: row.id, reasonCode: row.reasonCode },
    });
    return row;
  });
}

export async function releaseErasureHold(
  deps: NotificationsDeps,
  p: Principal,
  caseId: string,
): Promise<ErasureHoldRow> {
  const kase = await assertSeesCase(deps, p, caseId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(erasureHolds)
      .set({ releasedAt: now, releasedByOrganisation: p.org, releasedBySub: p.sub })
      .where(and(eq(erasureHolds.caseId, caseId), isNull(erasureHolds.releasedAt)))
      .returning();
    if (!row) throw new AppError(DeadlineErrors.ERASURE_HOLD_NOT_FOUND);
    await recordEvent(tx, {
      type: 'case.erasure_released',
      occurredAt: now,
      organisationCodes: kase.partyOrganisationCodes,
      cooperationAreaId: kase.cooperationAreaId,
      caseId,
      subjectType: 'case',
      subjectId: caseId,
      actor: { organisation: p.org, sub: p.sub },
      payload: { caseId, holdId: row.id },
    });
    return row;
  });
}
