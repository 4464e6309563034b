import { inboxItems, type Queryable } from '@tym/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';

export type InboxRow = typeof inboxItems.$inferSelect;

/** One person's inbox, newest first, keyset-paged on (created_at, id). */
export async function findInboxPage(
  db: Queryable,
  owner: { org: string; sub: string },
  options: { unread?: boolean | undefined; before?: { at: Date; id: string } | undefined; limit: number },
): Promise<InboxRow[]> {
  return db
    .select()
    .from(inboxItems)
    .where(
      and(
        eq(inboxItems.organisationCode, owner.org),
        eq(inboxItems.subject, owner.sub),
        options.unread === true ? isNull(inboxItems.readAt) : undefined,
        options.unread === false ? sql`${inboxItems.readAt} IS NOT NULL` : undefined,
        options.before
          ? sql`(${inboxItems.createdAt}, ${inboxItems.id}) < (${options.before.at.toISOString()}::timestamptz, ${options.before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(inboxItems.createdAt), desc(inboxItems.id))
    .limit(options.limit);
}

export async function countUnread(db: Queryable, owner: { org: string; sub: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(inboxItems)
    .where(
      and(
        eq(inboxItems.organisationCode, owner.org),
        eq(inboxItems.subject, owner.sub),
        isNull(inboxItems.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Marks one item read (the first time counts); null when it is not the owner's. */
export async function markRead(
  db: Queryable,
  owner: { org: string; sub: string },
  id: string,
  now: Date,
): Promise<InboxRow | null> {
  const [row] = await db
    .update(inboxItems)
    .set({ readAt: sql`coalesce(${inboxItems.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(
      and(
        eq(inboxItems.id, id),
        eq(inboxItems.organisationCode, owner.org),
        eq(inboxItems.subject, owner.sub),
      ),
    )
    .returning();
  return row ?? null;
}

export async function markAllRead(
  db: Queryable,
  owner: { org: string; sub: string },
  now: Date,
): Promise<number> {
  const rows = await db
    .update(inboxItems)
    .set({ readAt: now })
    .where(
      and(
        eq(inboxItems.organisationCode, owner.org),
        eq(inboxItems.subject, owner.sub),
        isNull(inboxItems.readAt),
      ),
    )
    .returning({ id: inboxItems.id });
  return rows.length;
}
