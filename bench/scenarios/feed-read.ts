import { events } from '@tym/db';
import { assignPositions, exampleEvent, recordEvent } from '@tym/jobs';
import { encodeCursor } from '@tym/platform';
import { and, asc, gt, isNotNull, sql } from 'drizzle-orm';
import type { Scenario } from '../scenario.js';

const ORG = 'kela';
let cursor = '';

/**
 * GET /v1/events?after=: a partner system catching up on its feed, 100 events a page,
 * 1,000 positions behind the head of a feed of at least 5,000 events.
 */
export const feedRead: Scenario = {
  name: 'feed-read',
  description: 'Authenticated GET /v1/events?after=<cursor>&limit=100, 1,000 behind the head',
  setup: async (db) => {
    const have = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM platform.events WHERE organisation_codes @> ARRAY[${ORG}]::text[]`,
    );
    for (let missing = 5_000 - (have.rows[0]?.n ?? 0); missing > 0; missing -= 500) {
      await db.transaction(async (tx) => {
        for (let i = 0; i < Math.min(500, missing); i++) {
          await recordEvent(
            tx,
            exampleEvent('referral.accepted', {
              occurredAt: new Date(),
              organisationCodes: [ORG],
              subjectId: String(i),
            }),
          );
        }
      });
    }
    while ((await assignPositions(db)) > 0) {}
    // Fresh statistics, as autovacuum keeps them in a running system: without them the
    // planner misjudges `organisation_codes @>` and takes 10 ms instead of 0.1 ms.
    await db.execute(sql`ANALYZE platform.events`);
    const head = await db.execute<{ p: string }>(
      sql`SELECT max(position)::text AS p FROM platform.events WHERE organisation_codes @> ARRAY[${ORG}]::text[]`,
    );
    const behind = await db.execute<{ p: string }>(
      sql`SELECT position::text AS p FROM platform.events
           WHERE organisation_codes @> ARRAY[${ORG}]::text[] AND position IS NOT NULL
           ORDER BY position DESC OFFSET 1000 LIMIT 1`,
    );
    cursor = encodeCursor({ p: Number(behind.rows[0]?.p ?? head.rows[0]?.p ?? 0) });
  },
  request: ({ token }) => ({
    method: 'GET',
    path: `/v1/events?after=${encodeURIComponent(cursor)}&limit=100`,
    headers: { authorization: `Bearer ${token(ORG, ['partner'])}` },
  }),
  bare: (app, db) => {
    app.get('/v1/events', async (request) => {
      const { after } = request.query as { after?: string };
      const p = after ? (JSON.parse(Buffer.from(after, 'base64url').toString()) as { p: number }).p : 0;
      const rows = await db
        .select()
        .from(events)
        .where(
          and(
            isNotNull(events.position),
            gt(events.position, p),
            sql`${events.organisationCodes} @> ARRAY[${ORG}]::text[]`,
          ),
        )
        .orderBy(asc(events.position))
        .limit(101);
      return { items: rows.slice(0, 100), hasMore: rows.length > 100 };
    });
  },
};
