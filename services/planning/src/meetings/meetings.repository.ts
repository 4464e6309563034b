import { meetingAgendaItems, meetingDecisions, meetingParticipants, meetings, type Queryable } from '@tym/db';
import { and, asc, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';

export type MeetingRow = typeof meetings.$inferSelect;
export type NewMeetingRow = typeof meetings.$inferInsert;
export type AgendaItemRow = typeof meetingAgendaItems.$inferSelect;
export type ParticipantRow = typeof meetingParticipants.$inferSelect;
export type NewParticipantRow = typeof meetingParticipants.$inferInsert;
export type DecisionRow = typeof meetingDecisions.$inferSelect;
export type NewDecisionRow = typeof meetingDecisions.$inferInsert;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findMeetingRow(
  db: Queryable,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<MeetingRow | null> {
  if (!UUID.test(id)) return null;
  const q = db.select().from(meetings).where(eq(meetings.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertMeeting(db: Queryable, row: NewMeetingRow): Promise<MeetingRow> {
  const [inserted] = await db.insert(meetings).values(row).returning();
  if (!inserted) throw new Error('meeting insert returned nothing');
  return inserted;
}

export async function updateMeeting(
  db: Queryable,
  id: string,
  set: Partial<NewMeetingRow>,
): Promise<MeetingRow> {
  const [row] = await db.update(meetings).set(set).where(eq(meetings.id, id)).returning();
  if (!row) throw new Error(`meeting ${id} vanished under its lock`);
  return row;
}

export async function insertAgendaItems(
  db: Queryable,
  meetingId: string,
  titles: string[],
): Promise<AgendaItemRow[]> {
  if (!titles.length) return [];
  return db
    .insert(meetingAgendaItems)
    .values(titles.map((title, i) => ({ meetingId, position: i + 1, title })))
    .returning();
}

export async function findAgendaItems(db: Queryable, meetingId: string): Promise<AgendaItemRow[]> {
  return db
    .select()
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, meetingId))
    .orderBy(asc(meetingAgendaItems.position));
}

export async function setAgendaMinutes(db: Queryable, id: string, minutes: string | null): Promise<void> {
  await db.update(meetingAgendaItems).set({ minutes }).where(eq(meetingAgendaItems.id, id));
}

export async function insertParticipants(db: Queryable, rows: NewParticipantRow[]): Promise<void> {
  if (rows.length) await db.insert(meetingParticipants).values(rows);
}

export async function findParticipants(db: Queryable, meetingId: string): Promise<ParticipantRow[]> {
  return db
    .select()
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(
      asc(meetingParticipants.kind),
      asc(meetingParticipants.displayName),
      asc(meetingParticipants.id),
    );
}

export async function updateParticipant(
  db: Queryable,
  id: string,
  set: Partial<NewParticipantRow>,
): Promise<void> {
  await db.update(meetingParticipants).set(set).where(eq(meetingParticipants.id, id));
}

export async function replaceDecisions(
  db: Queryable,
  meetingId: string,
  rows: NewDecisionRow[],
): Promise<void> {
  await db.delete(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId));
  if (rows.length) await db.insert(meetingDecisions).values(rows);
}

export async function findDecisions(db: Queryable, meetingId: string): Promise<DecisionRow[]> {
  return db
    .select()
    .from(meetingDecisions)
    .where(eq(meetingDecisions.meetingId, meetingId))
    .orderBy(asc(meetingDecisions.position));
}

export async function setDecisionPlanAction(db: Queryable, id: string, planActionId: string): Promise<void> {
  await db.update(meetingDecisions).set({ planActionId }).where(eq(meetingDecisions.id, id));
}

/**
 * Serialises scheduling for these staff members until the transaction ends, so two
 * concurrent bookings cannot both pass the conflict check. Locks are taken in id order.
 */
export async function lockStaffCalendars(db: Queryable, staffIds: string[]): Promise<void> {
  for (const id of [...new Set(staffIds)].sort()) {
    await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`planning.staff:${id}`}, 0))`);
  }
}

export interface ConflictRow {
  staffId: string;
  meetingId: string;
  startsAt: Date;
  endsAt: Date;
}

/** Meetings (scheduled or held) of these staff members overlapping [startsAt, endsAt). */
export async function findStaffConflicts(
  db: Queryable,
  staffIds: string[],
  window: { startsAt: Date; endsAt: Date },
  exceptMeetingId: string | null,
): Promise<ConflictRow[]> {
  if (!staffIds.length) return [];
  const rows = await db
    .select({
      staffId: meetingParticipants.staffId,
      meetingId: meetings.id,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
    })
    .from(meetingParticipants)
    .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
    .where(
      and(
        inArray(meetingParticipants.staffId, staffIds),
        inArray(meetings.status, ['scheduled', 'held']),
        lt(meetings.startsAt, window.endsAt),
        gt(meetings.endsAt, window.startsAt),
        exceptMeetingId ? ne(meetings.id, exceptMeetingId) : undefined,
      ),
    )
    .orderBy(asc(meetings.startsAt));
  return rows.map((r) => ({ ...r, staffId: r.staffId ?? '' }));
}

export async function findCaseMeetings(db: Queryable, caseId: string): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(eq(meetings.caseId, caseId))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
}

export async function isInvited(
  db: Queryable,
  meetingId: string,
  org: string,
  sub: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: meetingParticipants.id })
    .from(meetingParticipants)
    .where(
      and(
        eq(meetingParticipants.meetingId, meetingId),
        eq(meetingParticipants.organisationCode, org),
        eq(meetingParticipants.subject, sub),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export interface CalendarRow {
  meeting: MeetingRow;
  myResponse: string;
}

/** The meetings a staff member is invited to in [from, to), by start, keyset after (startsAt, id). */
export async function findCalendarPage(
  db: Queryable,
  who: { org: string; sub: string },
  window: { from: Date; to: Date },
  page: { limit: number; after?: { t: string; i: string } },
): Promise<CalendarRow[]> {
  const after = page.after;
  const rows = await db
    .select({ meeting: meetings, myResponse: meetingParticipants.response })
    .from(meetingParticipants)
    .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
    .where(
      and(
        eq(meetingParticipants.organisationCode, who.org),
        eq(meetingParticipants.subject, who.sub),
        lt(meetings.startsAt, window.to),
        gt(meetings.endsAt, window.from),
        after
          ? or(
              gt(meetings.startsAt, new Date(after.t)),
              and(eq(meetings.startsAt, new Date(after.t)), gt(meetings.id, after.i)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(page.limit);
  return rows;
}
