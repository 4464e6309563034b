import net from 'node:net';
import pg from 'pg';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from './testing/index.js';

/** Sends raw bytes to the server and reads the answer until the server closes. */
function rawRequest(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.setTimeout(30_000, () => socket.destroy(new Error('no answer within 30 s')));
    socket.write(bytes);
  });
}

function parseResponse(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

// The edges of HTTP itself: content types, bytes that are not HTTP, URLs the router cannot
// decode. Each is answered with problem+json and a request id, like any other error.
describe('HTTP edges', () => {
  let pool: pg.Pool;
  let t: TestPlatform;
  let port = 0;

  beforeAll(async () => {
    pool = new pg.Pool({
      connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      max: 1,
    });
    t = await createTestPlatform({ pool });
    t.app.post(
      '/v1/things',
      { schema: { body: Type.Object({ name: Type.String() }, { additionalProperties: false }) } },
      async () => ({ ok: true }),
    );
    t.app.get('/v1/things/:id', async () => ({ ok: true }));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await t.close();
    await pool.end();
  });

  const auth = () => ({ authorization: t.bearer('kela', ['caseworker']) });

  it.each([
    ['text/plain', '{"name":"a"}'],
    ['text/plain; charset=utf-8', 'a'],
    ['application/xml', '<name>a</name>'],
    ['application/x-www-form-urlencoded', 'name=a'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('answers a %s body with 415 problem+json', async (contentType, payload) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: { ...auth(), 'content-type': contentType },
      payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('still takes application/json with a charset', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: { ...auth(), 'content-type': 'application/json; charset=utf-8' },
      payload: '{"name":"a"}',
    });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    ['a control byte in a header value', 'X-Note: a\u0001b\r\n'],
    ['a space in a header name', 'Bad Header: x\r\n'],
    ['a header without a colon', 'NoColonHere\r\n'],
  ])('answers %s over a real socket with 400 problem+json and a request id', async (_name, header) => {
    const raw = await rawRequest(
      port,
      Buffer.from(`GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}\r\n`, 'latin1'),
    );
    const res = parseResponse(raw);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({
      status: 400,
      code: 'MALFORMED_REQUEST',
      type: '/problems/MALFORMED_REQUEST',
    });
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.instance).toBe('/health/live');
    expect(res.headers['x-request-id']).toBe(body.requestId);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });

  it('answers headers that are too large with 431 problem+json', async () => {
    const raw = await rawRequest(
      port,
      Buffer.from(`GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    const res = parseResponse(raw);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('answers a URL the router cannot decode with 400 problem+json', async () => {
    for (const url of ['/problems/%E0%A4%A', '/v1/things/%zz']) {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { ...auth(), 'x-request-id': 'bad-url-1' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['x-request-id']).toBe('bad-url-1');
      expect(res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', requestId: 'bad-url-1' });
      expect(res.json().errors[0].location).toBe('params');
    }
  });

  it('answers a path parameter over the router’s length limit with 400 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/things/${'a'.repeat(300)}`, headers: auth() });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', requestId: expect.any(String) });
  });

  it('documents every answer of GET /problems/{code} and answers as documented', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const responses = doc.paths['/problems/{code}'].get.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(responses['404'].content['application/problem+json']).toBeDefined();
    expect(responses['400'].content['application/problem+json']).toBeDefined();
    expect(responses['200'].content['application/json'].schema.properties).toHaveProperty('title');
    const missing = await t.app.inject({ method: 'GET', url: '/problems/NO_SUCH_CODE' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const tooLong = await t.app.inject({ method: 'GET', url: `/problems/${'A'.repeat(100)}` });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].location).toBe('params.code');
    const list = doc.paths['/problems'].get.responses;
    expect(list['200'].content['application/json'].schema.type).toBe('array');
  });
});
