import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';

/**
 * The draft's ETag is the revision in the one format of every service ("3"); If-Match
 * accepts it and the older forms ("r3", W/"3", *), is 428 when missing and 412 when stale,
 * both problem+json naming header.if-match, and a refused request changes nothing.
 */
describe('plans: If-Match on the draft', () => {
  let h: PlanningTestApp;
  let caseId = '';
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'im-ea', extra);
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'im-hva');
  const draft = (goal: string) => ({
    goals: [goal],
    actions: [{ ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu' }],
  });
  const put = (ifMatch: string | null, goal: string) =>
    h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea(ifMatch === null ? {} : { 'if-match': ifMatch }),
      draft(goal),
    );
  const revision = async () => (await h.inject('GET', `/v1/cases/${caseId}/plan`, ea())).headers.etag;

  beforeAll(async () => {
    h = await createPlanningTestApp();
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'im-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    const eaId = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'im-ea',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    caseId = (await h.openCase(hva(), [eaId])).caseId;
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('answers the ETag "n" and takes it, "rn", W/"n" and * as If-Match', async () => {
    expect(await revision()).toBe('"0"');
    const first = await put('"0"', 'one');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    expect((await put('"r1"', 'two')).headers.etag).toBe('"2"');
    expect((await put('W/"2"', 'three')).headers.etag).toBe('"3"');
    expect((await put('*', 'four')).headers.etag).toBe('"4"');
    expect(await revision()).toBe('"4"');
  });

  it('is 428 without If-Match and 412 with a stale one, problem+json, changing nothing', async () => {
    const before = await revision();
    const missing = await put(null, 'lost');
    expect(missing.statusCode).toBe(428);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({
      code: 'PRECONDITION_REQUIRED',
      errors: [{ location: 'header.if-match', rule: 'required' }],
    });
    for (const stale of ['"1"', '"r1"', 'W/"0"', 'not-an-etag']) {
      const res = await put(stale, 'lost');
      expect(res.statusCode, stale).toBe(412);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        code: 'PRECONDITION_FAILED',
        currentETag: before,
        errors: [{ location: 'header.if-match', rule: 'etag' }],
      });
    }
    const submit = await h.inject('POST', `/v1/cases/${caseId}/plan/draft/submit`, ea(), {});
    expect(submit.statusCode).toBe(428);
    expect(await revision()).toBe(before);
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(plan.json().draft.contents.goals).toEqual(['four']);
  });
});
