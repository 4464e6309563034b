import { randomUUID } from 'node:crypto';
import { deadlines, type Queryable } from '@tym/db';
import { and, eq, sql } from 'drizzle-orm';
import type { EventPayload } from './events/event-catalog.js';
import { type Actor, eventRowOf, type NewEvent, type OutboxRow, recordEvent } from './outbox.js';

/** A computed due date with its source: what the rules in @tym/domain return. */
export interface ComputedDue {
  dueOn: string;
  rule: string;
  statute: string;
  [detail: string]: unknown;
}

export interface DeadlineSubject {
  kind: string;
  subjectType: string;
  subjectId: string;
  caseId?: string | null;
  cooperationAreaId?: string | null;
  /** Parties who are told about the deadline. */
  organisationCodes: string[];
}

export type DeadlineRow = typeof deadlines.$inferSelect;

export interface DeadlineContext {
  now: Date;
  actor?: Actor | null;
}

function computation(due: ComputedDue): Record<string, unknown> {
  const { dueOn: _d, rule: _r, statute: _s, ...rest } = due;
  return rest;
}

type DeadlineEventType = 'deadline.set' | 'deadline.moved' | 'deadline.met' | 'deadline.cancelled';
type DeadlineExtra<T extends DeadlineEventType> = Omit<EventPayload<T>, keyof EventPayload<'deadline.set'>>;

async function emit<T extends DeadlineEventType>(
  tx: Queryable,
  type: T,
  row: DeadlineRow,
  ctx: DeadlineContext,
  extra: DeadlineExtra<T>,
) {
  await recordEvent(tx, deadlineEvent(type, row, ctx, extra));
}

/** The event of a deadline's change. */
function deadlineEvent<T extends DeadlineEventType>(
  type: T,
  row: Pick<
    DeadlineRow,
    | 'id'
    | 'kind'
    | 'dueOn'
    | 'version'
    | 'status'
    | 'subjectType'
    | 'subjectId'
    | 'organisationCodes'
    | 'cooperationAreaId'
    | 'caseId'
  >,
  ctx: DeadlineContext,
  extra: DeadlineExtra<T>,
): NewEvent<T> {
  return {
    type,
    occurredAt: ctx.now,
    organisationCodes: row.organisationCodes,
    cooperationAreaId: row.cooperationAreaId,
    caseId: row.caseId,
    subjectType: 'deadline',
    subjectId: row.id,
    actor: ctx.actor ?? null,
    payload: {
      deadlineId: row.id,
      kind: row.kind,
      dueOn: row.dueOn,
      version: row.version,
      status: row.status,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      ...extra,
    } as EventPayload<T>,
  } as NewEvent<T>;
}

/**
 * Sets the pending deadline of (kind, subject): creates it, or moves the pending one to the
 * new date (raising its version, so old timers fire into nothing). Call inside the
 * transaction of the change that set the clock.
 */
export async function setDeadline(
  tx: Queryable,
  subject: DeadlineSubject,
  due: ComputedDue,
  ctx: DeadlineContext,
): Promise<DeadlineRow> {
  // Insert first: two concurrent first calls for one (kind, subject) meet at the partial
  // unique index instead of both inserting; the loser moves the winner's row.
  const [row] = await tx
    .insert(deadlines)
    .values({
      kind: subject.kind,
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      caseId: subject.caseId ?? null,
      cooperationAreaId: subject.cooperationAreaId ?? null,
      organisationCodes: [...new Set(subject.organisationCodes)].sort(),
      dueOn: due.dueOn,
      rule: due.rule,
      statute: due.statute,
      computation: computation(due),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .onConflictDoNothing({ target: [deadlines.kind, deadlines.subjectId], where: sql`status = 'pending'` })
    .returning();
  if (!row) {
    const [existing] = await tx
      .select()
      .from(deadlines)
      .where(
        and(
          eq(deadlines.kind, subject.kind),
          eq(deadlines.subjectId, subject.subjectId),
          eq(deadlines.status, 'pending'),
        ),
      )
      .for('update');
    if (!existing) throw new Error(`deadline ${subject.kind} ${subject.subjectId} vanished concurrently`);
    return moveDeadline(tx, existing, due, ctx);
  }
  await emit(tx, 'deadline.set', row, ctx, {});
  return row;
}

/** A new pending deadline's columns (`id` chosen by the caller). */
export type NewDeadlineRow = Omit<DeadlineRow, 'metOn' | 'closedReason'>;

/**
 * The rows `setDeadline` writes for a subject that has no pending deadline of the kind yet
 * (e.g. a referral inserted in the same statement): the pending deadline (version 1) and
 * its `deadline.set` event, for a caller that writes them in one statement with other rows.
 * That statement must write the event only when the deadline insert wrote the row (the
 * partial unique index of one pending deadline per kind and subject), and the caller falls
 * back to `setDeadline`, which moves the pending one, when it did not.
 */
export function newDeadlineRows(
  subject: DeadlineSubject,
  due: ComputedDue,
  ctx: DeadlineContext,
  id: string = randomUUID(),
): { deadline: NewDeadlineRow; event: OutboxRow } {
  const deadline: NewDeadlineRow = {
    id,
    kind: subject.kind,
    subjectType: subject.subjectType,
    subjectId: subject.subjectId,
    caseId: subject.caseId ?? null,
    cooperationAreaId: subject.cooperationAreaId ?? null,
    organisationCodes: [...new Set(subject.organisationCodes)].sort(),
    dueOn: due.dueOn,
    status: 'pending',
    version: 1,
    rule: due.rule,
    statute: due.statute,
    computation: computation(due),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  return { deadline, event: eventRowOf(deadlineEvent('deadline.set', deadline, ctx, {})) };
}

/** Moves a pending deadline; a deadline that is no longer pending is left as it is. */
export async function moveDeadline(
  tx: Queryable,
  current: DeadlineRow,
  due: ComputedDue,
  ctx: DeadlineContext,
): Promise<DeadlineRow> {
  if (current.dueOn === due.dueOn && current.rule === due.rule) return current;
  const [row] = await tx
    .update(deadlines)
    .set({
      dueOn: due.dueOn,
      rule: due.rule,
      statute: due.statute,
      computation: computation(due),
      version: sql`${deadlines.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(
      and(
        eq(deadlines.id, current.id),
        eq(deadlines.version, current.version),
        eq(deadlines.status, 'pending'),
      ),
    )
    .returning();
  if (!row) throw new Error(`deadline ${current.id} changed concurrently`);
  await emit(tx, 'deadline.moved', row, ctx, { previousDueOn: current.dueOn });
  return row;
}

/**
 * Marks the pending deadline of (kind, subject) met on `metOn`: `met`, or `met_late` when
 * after the due date. Returns null when there is no pending deadline.
 */
export async function meetDeadline(
  tx: Queryable,
  kind: string,
  subjectId: string,
  metOn: string,
  ctx: DeadlineContext,
): Promise<DeadlineRow | null> {
  const [row] = await tx
    .update(deadlines)
    .set({
      status: sql`CASE WHEN ${metOn}::date > ${deadlines.dueOn} THEN 'met_late' ELSE 'met' END`,
      metOn,
      version: sql`${deadlines.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(and(eq(deadlines.kind, kind), eq(deadlines.subjectId, subjectId), eq(deadlines.status, 'pending')))
    .returning();
  if (!row) return null;
  await emit(tx, 'deadline.met', row, ctx, { metOn });
  return row;
}

/** Cancels the pending deadline of (kind, subject), e.g. when the case ends. */
export async function cancelDeadline(
  tx: Queryable,
  kind: string,
  subjectId: string,
  reason: string,
  ctx: DeadlineContext,
): Promise<DeadlineRow | null> {
  const [row] = await tx
    .update(deadlines)
    .set({
      status: 'cancelled',
      closedReason: reason,
      version: sql`${deadlines.version} + 1`,
      updatedAt: ctx.now,
    })
    .where(and(eq(deadlines.kind, kind), eq(deadlines.subjectId, subjectId), eq(deadlines.status, 'pending')))
    .returning();
  if (!row) return null;
  await emit(tx, 'deadline.cancelled', row, ctx, { reason });
  return row;
}

/** Cancels every pending deadline of a case (ending, erasure). */
export async function cancelCaseDeadlines(
  tx: Queryable,
  caseId: string,
  reason: string,
  ctx: DeadlineContext,
) {
  const pending = await tx
    .select({ kind: deadlines.kind, subjectId: deadlines.subjectId })
    .from(deadlines)
    .where(and(eq(deadlines.caseId, caseId), eq(deadlines.status, 'pending')));
  for (const d of pending) await cancelDeadline(tx, d.kind, d.subjectId, reason, ctx);
  return pending.length;
}

/**
 * A case moved to other parties (a transfer, 380/2023 §17): every deadline row of the case
 * now belongs to the new cooperation area and parties. Dates, statuses and versions stay —
 * the statutory clocks do not restart, and the timers of the pending ones still fire.
 * Returns the number of rows moved.
 */
export async function moveCaseDeadlines(
  tx: Queryable,
  caseId: string,
  to: { cooperationAreaId: string; organisationCodes: string[] },
  ctx: DeadlineContext,
): Promise<number> {
  const moved = await tx
    .update(deadlines)
    .set({
      cooperationAreaId: to.cooperationAreaId,
      organisationCodes: [...new Set(to.organisationCodes)].sort(),
      updatedAt: ctx.now,
    })
    .where(eq(deadlines.caseId, caseId))
    .returning({ id: deadlines.id });
  return moved.length;
}
