import { type Queryable, webhookDeliveries, webhookDeliveryAttempts } from '@tym/db';
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookDeliveryAttempts.$inferSelect;
export type NewDeliveryRow = typeof webhookDeliveries.$inferInsert;

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
