import { validateHetu } from '@tym/domain';
import { describe, expect, it } from 'vitest';
import { accessMatrix, type MatrixRoute, matrixRow } from './access-matrix.js';
import { hetuSequence, makeHetu } from './hetu.js';
import { contractProblems } from './openapi-contract.js';
import { closedPort, startReceiver } from './receiver.js';

describe('identity codes', () => {
  it('makes valid codes of every century sign', () => {
    for (const sign of ['+', '-', 'A', 'B', 'Y', 'X'])
      expect(validateHetu(makeHetu('010594', sign, '123')).ok, sign).toBe(true);
    expect(makeHetu('131052', '-', '308')).toBe('131052-308T');
  });

  it('gives distinct valid codes in a sequence', () => {
    const next = hetuSequence('0675');
    const codes = Array.from({ length: 3000 }, next);
    expect(new Set(codes).size).toBe(3000);
    expect(codes.every((c) => validateHetu(c).ok && c.slice(2, 6) === '0675')).toBe(true);
  });
});

describe('access-matrix runner', () => {
  const relations = ['party', 'stranger'] as const;
  type Relation = (typeof relations)[number];

  /** A fake service: a party may use a fixture up once; a stranger never sees it. */
  function fake() {
    let serial = 0;
    const used = new Set<number>();
    const builds: string[] = [];
    const routes: MatrixRoute<{ id: number }, 'thing', 'caseworker' | 'auditor', Relation>[] = [
      {
        name: 'use up',
        fixture: 'thing',
        consumes: true,
        call: async (f, c) => {
          if (c.relation === 'stranger') return 404;
          if (c.role === 'auditor') return 403;
          if (used.has(f.id)) return 409;
          used.add(f.id);
          return 200;
        },
        expect: {
          caseworker: matrixRow(relations, 404, { party: 200 }),
          auditor: matrixRow(relations, 404, { party: 403 }),
        },
      },
    ];
    const matrix = accessMatrix({
      roles: ['caseworker', 'auditor'] as const,
      relations,
      caller: (role, relation) => ({ role, relation }),
      build: async (kind: 'thing') => {
        builds.push(kind);
        serial += 1;
        return { id: serial };
      },
      routes,
    });
    return { matrix, builds, routes };
  }

  it('builds one fixture per kind and one per consumed cell, and reports the wrong cells', async () => {
    const { matrix, builds, routes } = fake();
    await matrix.build();
    expect(builds).toHaveLength(2);
    expect(matrix.built().get('thing')).toBe(2);
    expect(matrix.shared('thing')).toEqual({ id: 1 });
    const [useUp] = routes;
    if (!useUp) throw new Error('no route');
    expect(await matrix.run(useUp)).toEqual([]);
    const failing = await matrix.run({
      name: 'read',
      fixture: 'thing',
      call: async (_f, c) => (c.relation === 'party' ? 200 : 404),
      expect: {
        caseworker: matrixRow(relations, 404, { party: 200 }),
        auditor: matrixRow(relations, 404, { party: 403 }),
      },
    });
    expect(failing).toEqual(['auditor × party: 200, expected 403']);
  });

  it('refuses a route without an expected value for every cell', () => {
    expect(() =>
      accessMatrix({
        roles: ['caseworker'] as const,
        relations,
        caller: () => ({}),
        build: async () => ({}),
        routes: [
          {
            name: 'r',
            fixture: 'k',
            call: async () => 200,
            expect: { caseworker: { party: 200 } as Record<Relation, number> },
          },
        ],
      }),
    ).toThrow('no expected value for caseworker × stranger');
  });
});

describe('OpenAPI contract', () => {
  it('names what an operation lacks', () => {
    const problems = contractProblems({
      paths: {
        '/v1/things': {
          post: {
            summary: 'Create',
            tags: ['things'],
            requestBody: {
              content: { 'application/json': { schema: { type: 'object', properties: { a: {} } } } },
            },
            responses: { '201': {}, '400': {}, '401': {}, '500': {} },
          },
          get: { responses: { '400': {}, '401': {}, '500': {} } },
        },
        '/health/live': { get: { responses: {} } },
      },
    });
    expect(problems).toEqual([
      'POST /v1/things: body accepts unknown fields',
      'POST /v1/things body.a',
      'GET /v1/things: no summary',
      'GET /v1/things: no tags',
      'GET /v1/things: no success response',
    ]);
  });
});

describe('webhook receiver', () => {
  it('records what it receives and answers as told', async () => {
    const receiver = await startReceiver('/in');
    try {
      receiver.handler = (_req, res) => res.writeHead(503).end();
      const res = await fetch(receiver.url, { method: 'POST', body: '{"a":1}', headers: { 'x-k': 'v' } });
      expect(res.status).toBe(503);
      expect(receiver.requests).toEqual([
        { headers: expect.objectContaining({ 'x-k': 'v' }), body: '{"a":1}' },
      ]);
    } finally {
      await receiver.close();
    }
    const port = await closedPort();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
