import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactErrorText, serializeError } from './error-serializer.js';
import { loggerOptions } from './logger.js';

/** A process logger (the real options) writing into memory. */
function memoryLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino(loggerOptions('info', false), sink), text: () => lines.join('') };
}

async function failure(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('the err serializer of the process logger', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db.execute(
      sql.raw('CREATE TABLE public.people (id int PRIMARY KEY, blind_index text UNIQUE, name text NOT NULL)'),
    );
    await database.db.execute(sql`INSERT INTO public.people VALUES (1, ${'index-AAAA-secret'}, ${'Maija'})`);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('logs a unique violation with its constraint and SQL, never the key or the parameters', async () => {
    const err = await failure(() =>
      database.db.execute(
        sql`INSERT INTO public.people VALUES (2, ${'index-AAAA-secret'}, ${'Liisa Virtanen'})`,
      ),
    );
    const { log, text } = memoryLogger();
    log.error({ err }, 'request failed');
    // A message string (the worker logs err.message) is redacted the same way.
    log.warn({ err: (err as Error).message }, 'job failed');
    log.error(err as Error);
    const out = text();
    expect(out).not.toContain('index-AAAA-secret');
    expect(out).not.toContain('Liisa Virtanen');
    const line = JSON.parse(out.split('\n')[0] as string);
    expect(line.err).toMatchObject({
      type: 'DrizzleQueryError',
      query: 'INSERT INTO public.people VALUES (2, $1, $2)',
      cause: { code: '23505', constraint: 'people_blind_index_key', table: 'people', severity: 'ERROR' },
    });
    expect(line.err.params).toBeUndefined();
    expect(line.err.cause.detail).toBeUndefined();
  });

  it('logs a NOT NULL and a type error without the row or the input value', async () => {
    const notNull = await failure(() =>
      database.db.execute(sql`INSERT INTO public.people VALUES (3, ${'index-BBBB-secret'}, ${null})`),
    );
    const badType = await failure(() =>
      database.db.execute(sql`SELECT * FROM public.people WHERE id = ${'Matti Meikäläinen'}::int`),
    );
    const { log, text } = memoryLogger();
    log.error({ err: notNull }, 'failed');
    log.error({ err: badType }, 'failed');
    const out = text();
    expect(out).not.toContain('index-BBBB-secret');
    expect(out).not.toContain('Matti');
    expect(out).toContain('23502');
    expect(out).toContain('22P02');
  });

  it('redacts the texts that quote values', () => {
    expect(redactErrorText('Failed query: insert into x values ($1)\nparams: Maija,040123')).toBe(
      'Failed query: insert into x values ($1)\nparams: [redacted]',
    );
    expect(redactErrorText('Key (identity_code_index)=(abc123) already exists.')).toBe(
      'Key (identity_code_index)=([redacted]) already exists.',
    );
    expect(redactErrorText('invalid input syntax for type uuid: "Maija"')).toBe(
      'invalid input syntax for type uuid: "[redacted]"',
    );
    // Values holding quotes, parentheses or line breaks are redacted whole.
    expect(redactErrorText('invalid input syntax for type integer: "Ma"ija\nVirta"')).toBe(
      'invalid input syntax for type integer: "[redacted]"',
    );
    expect(redactErrorText('Key (code)=(a). b) c) already exists.')).toBe(
      'Key (code)=([redacted]) already exists.',
    );
    expect(
      serializeError(new Error('plain', { cause: { message: 'x\nparams: secret', params: ['secret'] } })),
    ).toEqual(
      expect.objectContaining({
        message: 'plain',
        cause: expect.not.objectContaining({ params: expect.anything() }),
      }),
    );
  });
});
