import { ROLES } from '@tym/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposedTestApp, createComposedTestApp, type RegisteredRoute } from './testing/composed-app.js';

// Issue 15: on a role-restricted route, authorisation is decided before the body is read —
// a caseworker's incomplete body to an admin-only POST is a 403, not a 400 listing fields.
// The platform checks the route config `roles` in its onRequest hook (packages/platform/src/auth.ts).

const FIXED_UUID = '00000000-0000-4000-8000-000000000000';

/** A summary that names the roles the route is for, e.g. "… (admin)", "(coordinator, admin)". */
const ROLE_SUMMARY = /[(;] ?(?:admin|coordinator|partner|caseworker)[ ,)]/;

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (/code$/i.test(name) ? 'kela' : FIXED_UUID));
}

let c: ComposedTestApp;
beforeAll(async () => {
  c = await createComposedTestApp();
});
afterAll(async () => {
  await c?.close();
});

describe('role gate before validation', () => {
  it('an admin-only POST answers a caseworker’s incomplete body 403, not 400', async () => {
    const res = await c.t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: { authorization: c.t.bearer('kela', ['caseworker']) },
      payload: { displayName: 'Only a name' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().code).toBe('FORBIDDEN');
    // The admin still gets the field list.
    const admin = await c.t.app.inject({
      method: 'POST',
      url: '/v1/staff',
      headers: { authorization: c.t.bearer('kela', ['admin']) },
      payload: { displayName: 'Only a name' },
    });
    expect(admin.statusCode).toBe(400);
    expect(admin.json().errors.map((e: { location: string }) => e.location)).toContain('body.subject');
  });

  it('every route with a body whose summary names its roles is gated by the route config', () => {
    // Reads without a body keep their module's answer (e.g. 404 for a case the caller may not see).
    const named = c.routes.filter((r) => r.hasBody && ROLE_SUMMARY.test(r.summary));
    expect(named.length).toBeGreaterThan(10);
    const ungated = named.filter((r) => !r.config.roles?.length).map((r) => `${r.method} ${r.url}`);
    expect(ungated).toEqual([]);
  });

  it('walks every role-restricted route: each other role gets 403 before the body is validated', async () => {
    const gated = c.routes.filter((r): r is RegisteredRoute & { config: { roles: string[] } } =>
      Boolean(r.config.roles?.length),
    );
    expect(gated.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of gated) {
      for (const role of ROLES.filter((x) => !route.config.roles.includes(x))) {
        const res = await c.t.app.inject({
          method: route.method as 'POST',
          url: concreteUrl(route.url),
          headers: { authorization: c.t.bearer('kela', [role]) },
          ...(route.hasBody ? { payload: { notAField: true } } : {}),
        });
        if (res.statusCode !== 403 || res.json().code !== 'FORBIDDEN') {
          failures.push(`${route.method} ${route.url} as ${role}: ${res.statusCode}`);
        }
      }
      // A caller holding the role passes the gate: an invalid body is then a 400.
      if (route.hasBody) {
        const res = await c.t.app.inject({
          method: route.method as 'POST',
          url: concreteUrl(route.url),
          headers: { authorization: c.t.bearer('kela', [route.config.roles[0] as 'admin']) },
          payload: { notAField: true },
        });
        if (res.statusCode === 403) failures.push(`${route.method} ${route.url} as its own role: 403`);
      }
    }
    expect(failures).toEqual([]);
  });
});
