import { type Queryable, webhookEndpoints } from '@tym/db';
import { and, asc, count, eq, gt, or } from 'drizzle-orm';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewEndpointRow = typeof webhookEndpoints.$inferInsert;

/** Every query is scoped by the owning organisation: another's endpoint is simply not found. */
export async function findEndpoint(
  db: Queryable,
  organisationCode: string,
  id: string,
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organisationCode, organisationCode)));
  return row;
}

export async function findEndpointForUpdate(
  db: Queryable,
  organisationCode: string,
  id: string,
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organisationCode, organisationCode)))
    .for('update');
  return row;
}

export async function listEndpoints(
  db: Queryable,
  organisationCode: string,
  after: { createdAt: Date; id: string } | undefined,
  limit: number,
): Promise<EndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.organisationCode, organisationCode),
        after
          ? or(
              gt(webhookEndpoints.createdAt, after.createdAt),
              and(eq(webhookEndpoints.createdAt, after.createdAt), gt(webhookEndpoints.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id))
    .limit(limit);
}

export async function countEndpoints(db: Queryable, organisationCode: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organisationCode, organisationCode));
  return row?.n ?? 0;
}

export async function insertEndpoint(db: Queryable, values: NewEndpointRow): Promise<EndpointRow> {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  if (!row) throw new Error('endpoint insert returned nothing');
  return row;
}

export async function updateEndpoint(
  db: Queryable,
  organisationCode: string,
  id: string,
  values: Partial<NewEndpointRow>,
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set(values)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organisationCode, organisationCode)))
    .returning();
  return row;
}

export async function deleteEndpoint(db: Queryable, organisationCode: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organisationCode, organisationCode)))
    .returning({ id: webhookEndpoints.id });
  return rows.length === 1;
}
