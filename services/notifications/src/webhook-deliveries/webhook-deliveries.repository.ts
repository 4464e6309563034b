import {
  type Database,
  type events,
  type Queryable,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
} from '@tym/db';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';

/**
 * The one repository of `notifications.webhook_deliveries` and its attempts: the routes'
 * listing and replay, and the delivery jobs' fan-out, claims and outcomes
 * (webhook-deliveries.jobs.ts).
 */

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookDeliveryAttempts.$inferSelect;
export type NewDeliveryRow = typeof webhookDeliveries.$inferInsert;
export type EventRow = typeof events.$inferSelect;
export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export interface DeliveryFilter {
  status?: DeliveryRow['status'] | undefined;
  eventType?: string | undefined;
}

export async function insertDelivery(db: Queryable, values: NewDeliveryRow): Promise<DeliveryRow> {
  const [row] = await db.insert(webhookDeliveries).values(values).returning();
  if (!row) throw new Error('delivery insert returned nothing');
  return row;
}

/** Newest first; the cursor is the last row's (created_at, id). */
export async function listDeliveries(
  db: Queryable,
  organisationCode: string,
  endpointId: string,
  filter: DeliveryFilter,
  before: { createdAt: Date; id: string } | undefined,
  limit: number,
): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organisationCode, organisationCode),
        eq(webhookDeliveries.endpointId, endpointId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        filter.eventType ? eq(webhookDeliveries.eventType, filter.eventType) : undefined,
        before
          ? or(
              lt(webhookDeliveries.createdAt, before.createdAt),
              and(eq(webhookDeliveries.createdAt, before.createdAt), lt(webhookDeliveries.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export async function findAttempts(db: Queryable, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (!deliveryIds.length) return [];
  return db
    .select()
    .from(webhookDeliveryAttempts)
    .where(inArray(webhookDeliveryAttempts.deliveryId, deliveryIds))
    .orderBy(asc(webhookDeliveryAttempts.deliveryId), asc(webhookDeliveryAttempts.attempt));
}

export async function findDelivery(
  db: Queryable,
  organisationCode: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.organisationCode, organisationCode)));
  return row;
}

/**
 * Re-opens a finished delivery for exactly one more attempt, now. Conditional: a delivery
 * that is pending or in flight is left alone (zero rows).
 */
export async function reopenDelivery(
  db: Queryable,
  organisationCode: string,
  id: string,
  now: Date,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      attempt: sql`${webhookDeliveries.attempt} + 1`,
      maxAttempt: sql`${webhookDeliveries.attempt} + 1`,
      nextAttemptAt: now,
      updatedAt: now,
    })
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.organisationCode, organisationCode),
        inArray(webhookDeliveries.status, ['failed', 'succeeded']),
      ),
    )
    .returning();
  return row;
}

/** Re-opens every failed event delivery of an endpoint created since `since`. */
export async function reopenFailedSince(
  db: Queryable,
  endpointId: string,
  since: Date,
  now: Date,
): Promise<Array<{ id: string; attempt: number }>> {
  return db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      attempt: sql`${webhookDeliveries.attempt} + 1`,
      maxAttempt: sql`${webhookDeliveries.attempt} + 1`,
      nextAttemptAt: now,
      updatedAt: now,
    })
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.status, 'failed'),
        eq(webhookDeliveries.kind, 'event'),
        gte(webhookDeliveries.createdAt, since),
      ),
    )
    .returning({ id: webhookDeliveries.id, attempt: webhookDeliveries.attempt });
}

// The delivery jobs (formerly services/worker/src/webhooks/webhook-delivery.repository.ts).

/**
 * Inserts one delivery per enabled, unpaused endpoint of the event's parties whose type
 * filter matches (`exact.type` or `prefix.*`). The unique (endpoint, event) key makes a
 * re-run insert nothing.
 */
export async function insertEventDeliveries(
  tx: Queryable,
  event: EventRow,
  body: string,
  maxAttempt: number,
  now: Date,
): Promise<number> {
  const result = await tx.execute(sql`
    INSERT INTO ${webhookDeliveries}
      (endpoint_id, organisation_code, kind, event_id, event_position, event_type, webhook_id, body,
       status, attempt, max_attempt, next_attempt_at, created_at, updated_at)
    SELECT e.id, e.organisation_code, 'event', ${event.eventId}::uuid, ${event.position}, ${event.type},
           ${event.eventId}, ${body}, 'pending', 1, ${maxAttempt}, ${now}, ${now}, ${now}
      FROM ${webhookEndpoints} AS e
     WHERE e.disabled_at IS NULL
       AND NOT e.paused
       AND e.organisation_code = ANY(${`{${event.organisationCodes.join(',')}}`}::text[])
       AND (e.event_types IS NULL
            OR ${event.type} = ANY(e.event_types)
            OR EXISTS (SELECT 1 FROM unnest(e.event_types) AS p(pattern)
                        WHERE right(p.pattern, 2) = '.*'
                          AND starts_with(${event.type}, left(p.pattern, -1))))
    ON CONFLICT (endpoint_id, event_id) DO NOTHING`);
  return result.rowCount ?? 0;
}

/**
 * `insertEventDeliveries` for many events in one statement (the dispatch of a batch): the
 * same rows, the same endpoint filter. Returns how many deliveries each event got (by
 * event id; an event absent got none).
 */
export async function insertManyEventDeliveries(
  tx: Queryable,
  items: ReadonlyArray<{ event: EventRow; body: string }>,
  maxAttempt: number,
  now: Date,
): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  if (!items.length) return created;
  const rows = JSON.stringify(
    items.map(({ event, body }) => ({
      event_id: event.eventId,
      position: event.position,
      type: event.type,
      orgs: event.organisationCodes,
      body,
    })),
  );
  const result = await tx.execute<{ event_id: string }>(sql`
    INSERT INTO ${webhookDeliveries}
      (endpoint_id, organisation_code, kind, event_id, event_position, event_type, webhook_id, body,
       status, attempt, max_attempt, next_attempt_at, created_at, updated_at)
    SELECT e.id, e.organisation_code, 'event', v.event_id::uuid, v.position, v.type,
           v.event_id, v.body, 'pending', 1, ${maxAttempt}, ${now}, ${now}, ${now}
      FROM json_to_recordset(${rows}::json) AS v(event_id text, position bigint, type text, orgs text[], body text)
      JOIN ${webhookEndpoints} AS e
        ON e.organisation_code = ANY(v.orgs)
       AND e.disabled_at IS NULL
       AND NOT e.paused
       AND (e.event_types IS NULL
            OR v.type = ANY(e.event_types)
            OR EXISTS (SELECT 1 FROM unnest(e.event_types) AS p(pattern)
                        WHERE right(p.pattern, 2) = '.*'
                          AND starts_with(v.type, left(p.pattern, -1))))
    ON CONFLICT (endpoint_id, event_id) DO NOTHING
    RETURNING event_id::text AS event_id`);
  for (const r of result.rows) created.set(r.event_id, (created.get(r.event_id) ?? 0) + 1);
  return created;
}

/**
 * Takes the first attempts of the events' deliveries that still wait, all in one statement,
 * for this worker. A delivery another worker claimed (its `webhook.deliver` job from the
 * sweep, or an overlapping fan-out) is not returned, so each attempt is made once.
 */
export async function claimFirstAttempts(
  db: Queryable,
  eventIds: readonly string[],
  now: Date,
): Promise<DeliveryRow[]> {
  if (!eventIds.length) return [];
  return db
    .update(webhookDeliveries)
    .set({ status: 'delivering', claimedAt: now, updatedAt: now })
    .where(
      and(
        inArray(webhookDeliveries.eventId, [...eventIds]),
        eq(webhookDeliveries.attempt, 1),
        eq(webhookDeliveries.status, 'pending'),
      ),
    )
    .returning();
}

export async function findEndpoints(db: Queryable, ids: readonly string[]): Promise<EndpointRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.id, [...ids]));
}

/**
 * Takes attempt `attempt` of a delivery for this worker. Zero rows: another worker has it,
 * it was already made, or the delivery is gone — the caller does nothing.
 */
export async function claimAttempt(
  db: Queryable,
  deliveryId: string,
  attempt: number,
  now: Date,
): Promise<DeliveryRow | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'delivering', claimedAt: now, updatedAt: now })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.attempt, attempt),
        eq(webhookDeliveries.status, 'pending'),
      ),
    )
    .returning();
  return row;
}

export async function findEndpoint(db: Queryable, endpointId: string): Promise<EndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  return row;
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  latencyMs: number | null;
  statusCode: number | null;
  outcome: 'succeeded' | 'failed' | 'interrupted';
  error: string | null;
  responseExcerpt: string | null;
}

export async function insertAttempt(tx: Queryable, record: AttemptRecord): Promise<void> {
  await tx.insert(webhookDeliveryAttempts).values(record).onConflictDoNothing();
}

export type DeliveryTransition =
  | { status: 'succeeded' }
  | { status: 'pending'; nextAttemptAt: Date }
  | { status: 'failed' };

/**
 * Records the end of a claimed attempt. Conditional on the claim, so a worker that was
 * presumed dead (and whose attempt the sweep already closed) changes nothing.
 */
export async function finishAttempt(
  tx: Queryable,
  delivery: Pick<DeliveryRow, 'id' | 'attempt'>,
  transition: DeliveryTransition,
  result: { statusCode: number | null; error: string | null },
  now: Date,
): Promise<DeliveryRow | undefined> {
  const [row] = await tx
    .update(webhookDeliveries)
    .set({
      status: transition.status,
      attempt: transition.status === 'pending' ? delivery.attempt + 1 : delivery.attempt,
      nextAttemptAt: transition.status === 'pending' ? transition.nextAttemptAt : null,
      claimedAt: null,
      lastStatusCode: result.statusCode,
      lastError: result.error,
      ...(transition.status === 'succeeded' ? { deliveredAt: now } : {}),
      updatedAt: now,
    })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        eq(webhookDeliveries.attempt, delivery.attempt),
        eq(webhookDeliveries.status, 'delivering'),
      ),
    )
    .returning();
  return row;
}

/** A delivered event: the endpoint works again. */
/**
 * Records many claimed attempts that succeeded (one fan-out), in two statements: the
 * deliveries still claimed by this worker become `succeeded` (a claim the sweep closed
 * meanwhile is left alone, as in `finishAttempt`), and an attempt row is written for each
 * of those. Returns the ids recorded.
 */
export async function finishSucceededAttempts(
  tx: Queryable,
  done: ReadonlyArray<{
    deliveryId: string;
    attempt: number;
    startedAt: Date;
    latencyMs: number;
    statusCode: number;
    responseExcerpt: string | null;
  }>,
  now: Date,
): Promise<Set<string>> {
  if (!done.length) return new Set();
  const rows = await tx.execute<{ id: string }>(sql`
    UPDATE ${webhookDeliveries} AS d
       SET status = 'succeeded', next_attempt_at = NULL, claimed_at = NULL,
           last_status_code = v.status_code, last_error = NULL, delivered_at = ${now}, updated_at = ${now}
      FROM json_to_recordset(${JSON.stringify(done.map((d) => ({ id: d.deliveryId, attempt: d.attempt, status_code: d.statusCode })))}::json)
           AS v(id uuid, attempt int, status_code int)
     WHERE d.id = v.id AND d.attempt = v.attempt AND d.status = 'delivering'
    RETURNING d.id`);
  const recorded = new Set(rows.rows.map((r) => r.id));
  const attempts = done
    .filter((d) => recorded.has(d.deliveryId))
    .map((d) => ({
      deliveryId: d.deliveryId,
      attempt: d.attempt,
      startedAt: d.startedAt,
      latencyMs: d.latencyMs,
      statusCode: d.statusCode,
      outcome: 'succeeded' as const,
      error: null,
      responseExcerpt: d.responseExcerpt,
    }));
  if (attempts.length) await tx.insert(webhookDeliveryAttempts).values(attempts).onConflictDoNothing();
  return recorded;
}

export async function markEndpointHealthy(tx: Queryable, endpointId: string, now: Date): Promise<void> {
  // Every successful delivery to an endpoint would otherwise update the same row and
  // serialise concurrent deliveries on its lock: write only when the health changes or
  // last_success_at is more than a minute old.
  await tx
    .update(webhookEndpoints)
    .set({ failingSince: null, lastSuccessAt: now })
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        or(
          isNotNull(webhookEndpoints.failingSince),
          isNull(webhookEndpoints.lastSuccessAt),
          lt(webhookEndpoints.lastSuccessAt, new Date(now.getTime() - 60_000)),
        ),
      ),
    );
}

/** A failed event attempt: returns since when the endpoint has been failing. */
export async function markEndpointFailing(
  tx: Queryable,
  endpointId: string,
  now: Date,
): Promise<Date | null> {
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`COALESCE(${webhookEndpoints.failingSince}, ${now})` })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning({ failingSince: webhookEndpoints.failingSince });
  return row?.failingSince ?? null;
}

/**
 * Disables an endpoint once: only the caller that flips it gets the row (and records the
 * event). Its waiting deliveries fail with it; `recover` re-opens them after re-enabling.
 */
export async function disableEndpoint(
  tx: Queryable,
  endpointId: string,
  reason: 'gone' | 'failing',
  now: Date,
): Promise<EndpointRow | undefined> {
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ disabledAt: now, disabledReason: reason, updatedAt: now })
    .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.disabledAt)))
    .returning();
  if (!row) return undefined;
  await tx
    .update(webhookDeliveries)
    .set({
      status: 'failed',
      nextAttemptAt: null,
      lastError: `endpoint disabled (${reason})`,
      updatedAt: now,
    })
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.status, 'pending'),
        eq(webhookDeliveries.kind, 'event'),
      ),
    );
  return row;
}

/** Pending deliveries due at `now`, oldest first. */
export async function findDueDeliveries(db: Database, now: Date, limit: number) {
  return db
    .select({
      id: webhookDeliveries.id,
      attempt: webhookDeliveries.attempt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
}

/** Claims older than `before`: their worker died between claiming and recording. */
export async function findStaleClaims(db: Database, before: Date, limit: number) {
  return db
    .select({
      id: webhookDeliveries.id,
      attempt: webhookDeliveries.attempt,
      maxAttempt: webhookDeliveries.maxAttempt,
      claimedAt: webhookDeliveries.claimedAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'delivering'), lt(webhookDeliveries.claimedAt, before)))
    .limit(limit);
}

/**
 * Gives claimed attempts back unsent (a fan-out whose endpoint stopped answering): pending
 * again at `at`, the same attempt. Conditional on the claim, as `finishAttempt`.
 */
export async function releaseClaims(
  db: Queryable,
  ids: readonly string[],
  at: Date,
  now: Date,
): Promise<Array<{ id: string; attempt: number }>> {
  if (!ids.length) return [];
  return db
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: at, claimedAt: null, updatedAt: now })
    .where(and(inArray(webhookDeliveries.id, [...ids]), eq(webhookDeliveries.status, 'delivering')))
    .returning({ id: webhookDeliveries.id, attempt: webhookDeliveries.attempt });
}

/** Marks deliveries pending again at `now` (used after a lost claim). */
export async function releaseStaleClaim(
  tx: Queryable,
  claim: { id: string; attempt: number; maxAttempt: number },
  now: Date,
): Promise<DeliveryRow | undefined> {
  const more = claim.attempt < claim.maxAttempt;
  const [row] = await tx
    .update(webhookDeliveries)
    .set({
      status: more ? 'pending' : 'failed',
      attempt: more ? claim.attempt + 1 : claim.attempt,
      nextAttemptAt: more ? now : null,
      claimedAt: null,
      lastError: 'interrupted: the worker stopped before recording the result',
      updatedAt: now,
    })
    .where(
      and(
        eq(webhookDeliveries.id, claim.id),
        eq(webhookDeliveries.attempt, claim.attempt),
        eq(webhookDeliveries.status, 'delivering'),
      ),
    )
    .returning();
  return row;
}

export async function findDeliveriesByIds(db: Queryable, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
}
