import { createHash } from 'node:crypto';
import { type Database, idempotencyKeys, type Transaction } from '@tym/db';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from './auth.js';
import { AppError } from './errors.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
}

/**
 * Runs a creating POST at most once per `Idempotency-Key` and caller. The key row is
 * inserted in the same transaction as the work, so either both commit or neither: a
 * concurrent duplicate waits on the key's unique index and then replays the stored answer.
 * The same key with a different body is refused (422). Without the header the work just runs.
 */
export async function withIdempotency<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Transaction) => Promise<IdempotentResult<T>>,
): Promise<T> {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) {
    const result = await db.transaction((tx) => work(tx));
    reply.code(result.status);
    return result.body;
  }
  if (!KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'Idempotency-Key must be 1 to 200 visible ASCII characters.',
      errors: [{ location: 'header.idempotency-key', message: 'must be 1 to 200 visible ASCII characters' }],
    });
  }
  const principal = principalOf(request);
  const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
  const requestHash = createHash('sha256')
    .update(`${route}\n${canonical(request.params)}\n${canonical(request.body)}`)
    .digest('hex');
  const scope = and(
    eq(idempotencyKeys.organisationCode, principal.org),
    eq(idempotencyKeys.principal, principal.sub),
    eq(idempotencyKeys.key, key),
  );

  const outcome = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(idempotencyKeys)
      .values({ organisationCode: principal.org, principal: principal.sub, key, route, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (!inserted.length) {
      const [stored] = await tx.select().from(idempotencyKeys).where(scope);
      return { replay: stored };
    }
    const result = await work(tx);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: result.status, responseBody: result.body as unknown as object })
      .where(scope);
    return { result };
  });

  if ('result' in outcome && outcome.result) {
    reply.code(outcome.result.status);
    return outcome.result.body;
  }
  const stored = 'replay' in outcome ? outcome.replay : undefined;
  if (!stored) throw new AppError('IDEMPOTENCY_REQUEST_IN_PROGRESS');
  if (stored.requestHash !== requestHash || stored.route !== route) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', {
      detail:
        'This Idempotency-Key was first used with a different request; use a new key for a new request.',
    });
  }
  if (stored.statusCode === null) throw new AppError('IDEMPOTENCY_REQUEST_IN_PROGRESS');
  reply.code(stored.statusCode);
  reply.header('idempotent-replayed', 'true');
  return stored.responseBody as T;
}
