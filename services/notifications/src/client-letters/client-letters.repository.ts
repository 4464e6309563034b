import { CLIENT_MESSAGE_KINDS, clientMessages, type Queryable } from '@tym/db';
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';

/** Messages made at the same moment come in the order of the client's path. */
const pathOrder = sql`array_position(${`{${CLIENT_MESSAGE_KINDS.join(',')}}`}::text[], ${clientMessages.kind})`;

export type ClientLetterRow = typeof clientMessages.$inferSelect;

/** The letters of a case and of the referral that started it, oldest first. */
export async function findLettersOf(
  db: Queryable,
  subject: { caseId: string | null; referralId: string },
): Promise<ClientLetterRow[]> {
  return db
    .select()
    .from(clientMessages)
    .where(
      and(
        eq(clientMessages.channel, 'letter'),
        subject.caseId
          ? or(eq(clientMessages.caseId, subject.caseId), eq(clientMessages.referralId, subject.referralId))
          : eq(clientMessages.referralId, subject.referralId),
      ),
    )
    .orderBy(asc(clientMessages.createdAt), asc(pathOrder), asc(clientMessages.id));
}

/** E-mails sent for the same events (to say, beside each letter, that the client was e-mailed). */
export async function findEmailedEventIds(db: Queryable, eventIds: string[]): Promise<Set<string>> {
  if (!eventIds.length) return new Set();
  const rows = await db
    .select({ eventId: clientMessages.eventId })
    .from(clientMessages)
    .where(and(eq(clientMessages.channel, 'email'), inArray(clientMessages.eventId, eventIds)));
  return new Set(rows.map((r) => r.eventId));
}

export async function findLetter(db: Queryable, id: string): Promise<ClientLetterRow | null> {
  const [row] = await db
    .select()
    .from(clientMessages)
    .where(and(eq(clientMessages.id, id), eq(clientMessages.channel, 'letter')));
  return row ?? null;
}
