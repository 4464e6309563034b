import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from '../testing/test-app.js';

/**
 * The client's part in the plan (381/2023 §7(2)): that the client did not take part in
 * drawing up or reviewing the plan, or refused a measure, is recorded with the day and what
 * was explained — the employment authority needs it for its labour-policy statement.
 */
describe('plans: the client did not take part, or refused a measure (381/2023 §7(2))', () => {
  let h: PlanningTestApp;
  const ids: Record<string, string> = {};
  const hva = (extra: Record<string, string> = {}) =>
    h.as('hva-vantaa-kerava', ['caseworker'], 'cp-hva', extra);
  const ea = (extra: Record<string, string> = {}) => h.as('ea-kerava-sipoo', ['caseworker'], 'cp-ea', extra);
  const url = (caseId: string) => `/v1/cases/${caseId}/plan/client-participation`;
  const events = (caseId: string) =>
    h.count('platform.events', `type = 'plan.client_participation_recorded' AND case_id = '${caseId}'`);
  const logged = (caseId: string, action: string) =>
    h.count('referrals.access_log', `resource_id = '${caseId}' AND action = '${action}'`);

  /** A case with a draft holding one EA action; returns the case and the action id. */
  async function withDraft(): Promise<{ caseId: string; actionId: string }> {
    const { caseId } = await h.openCase(hva(), [ids.ea ?? '']);
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    const put = await h.inject(
      'PUT',
      `/v1/cases/${caseId}/plan/draft`,
      ea({ 'if-match': (plan.headers.etag as string | undefined) ?? '"r0"' }),
      {
        actions: [
          { ownerOrganisationCode: 'ea-kerava-sipoo', type: 'employment', description: 'Työkokeilu' },
        ],
      },
    );
    expect(put.statusCode, put.body).toBe(200);
    return { caseId, actionId: put.json().draft.contents.actions[0].id as string };
  }

  beforeAll(async () => {
    h = await createPlanningTestApp('2026-03-19T10:00:00Z');
    await h.staff({ org: 'kela', sub: 'kela-ref', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    ids.hva = await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'cp-hva',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    ids.ea = await h.staff({
      org: 'ea-kerava-sipoo',
      sub: 'cp-ea',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    // A caseworker of Kela not on the team, and one of another employment authority of the area.
    await h.staff({ org: 'kela', sub: 'cp-kela-out', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({ org: 'ea-vantaa', sub: 'cp-vantaa', roles: ['coordinator'], areas: ['vantaa-kerava'] });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  it('records a refused measure and a missed drafting, lists them, and shows them in the plan', async () => {
    const { caseId, actionId } = await withDraft();
    h.clock.set('2026-03-26T10:00:00Z');
    const refused = await h.inject('POST', url(caseId), hva(), {
      kind: 'refused_measure',
      occurredOn: '2026-03-25',
      actionId,
      explained:
        'Kerrottiin, että kieltäytyminen voi vaikuttaa työttömyysetuuteen (työvoimapoliittinen lausunto).',
    });
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.headers['content-type']).toContain('application/json');
    expect(refused.json()).toMatchObject({
      kind: 'refused_measure',
      occurredOn: '2026-03-25',
      actionId,
      planVersion: null,
      recordedByOrganisation: 'hva-vantaa-kerava',
    });
    const missed = await h.inject('POST', url(caseId), ea(), {
      kind: 'did_not_take_part_in_drafting',
      occurredOn: '2026-03-26',
      explained: 'Velvollisuus osallistua suunnitelman laatimiseen (7 §) kerrottiin puhelimitse.',
    });
    expect(missed.statusCode, missed.body).toBe(201);
    expect(missed.json().actionId).toBeNull();

    // The employment authority lists them for its statement, oldest first.
    const list = await h.inject('GET', url(caseId), ea());
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((r: { kind: string }) => r.kind)).toEqual([
      'refused_measure',
      'did_not_take_part_in_drafting',
    ]);
    const plan = await h.inject('GET', `/v1/cases/${caseId}/plan`, ea());
    expect(plan.json().clientParticipation).toHaveLength(2);
    expect(plan.json().clientParticipation[0]).toMatchObject({ kind: 'refused_measure', actionId });

    // An event with ids, codes and dates only; the access log has the write and the read.
    expect(await events(caseId)).toBe(2);
    const [payload] = (
      await h.database.pool.query(
        `SELECT payload FROM platform.events WHERE type = 'plan.client_participation_recorded' AND case_id = $1 ORDER BY id LIMIT 1`,
        [caseId],
      )
    ).rows as Array<{ payload: Record<string, unknown> }>;
    expect(Object.keys(payload?.payload ?? {}).sort()).toEqual(
      ['actionId', 'caseId', 'kind', 'occurredOn', 'planId', 'recordId'].sort(),
    );
    expect(JSON.stringify(payload)).not.toContain('Kerrottiin');
    expect(await logged(caseId, 'plan.client_participation.record')).toBe(2);
    expect(await logged(caseId, 'plan.client_participation.list')).toBe(1);
  }, 120_000);

  it('refuses a bad record with the field named, and writes nothing', async () => {
    const { caseId, actionId } = await withDraft();
    const before = await h.count('planning.plan_client_participation');
    const cases: Array<[object, string, string, number]> = [
      [
        { kind: 'refused_measure', occurredOn: '2026-03-26', explained: 'x' },
        'body.actionId',
        'PLAN_CLIENT_PARTICIPATION_INVALID',
        422,
      ],
      [
        { kind: 'did_not_take_part_in_drafting', occurredOn: '2026-03-26', actionId, explained: 'x' },
        'body.actionId',
        'PLAN_CLIENT_PARTICIPATION_INVALID',
        422,
      ],
      [
        {
          kind: 'refused_measure',
          occurredOn: '2026-03-26',
          actionId: '00000000-0000-4000-8000-000000000000',
          explained: 'x',
        },
        'body.actionId',
        'PLAN_ACTION_UNKNOWN',
        422,
      ],
      [
        { kind: 'did_not_take_part_in_drafting', occurredOn: '2026-03-18', explained: 'x' },
        'body.occurredOn',
        'PLAN_CLIENT_PARTICIPATION_INVALID',
        422,
      ],
      [
        { kind: 'did_not_take_part_in_drafting', occurredOn: '2026-04-30', explained: 'x' },
        'body.occurredOn',
        'PLAN_CLIENT_PARTICIPATION_INVALID',
        422,
      ],
      // A review needs an agreed plan first.
      [
        { kind: 'did_not_take_part_in_review', occurredOn: '2026-03-26', explained: 'x' },
        'body.kind',
        'PLAN_CLIENT_PARTICIPATION_INVALID',
        422,
      ],
      [
        { kind: 'did_not_take_part_in_drafting', occurredOn: '2026-03-26', explained: '   ' },
        'body.explained',
        'PLAN_CLIENT_PARTICIPATION_INVALID',
        422,
      ],
      [
        { kind: 'did_not_take_part_in_drafting', occurredOn: '2026-03-26', explained: 'x'.repeat(2001) },
        'body.explained',
        'VALIDATION_FAILED',
        400,
      ],
      [{ kind: 'absent', occurredOn: '2026-03-26', explained: 'x' }, 'body.kind', 'VALIDATION_FAILED', 400],
    ];
    for (const [body, location, code, status] of cases) {
      const r = await h.inject('POST', url(caseId), ea(), body);
      expect(r.statusCode, `${JSON.stringify(body).slice(0, 80)}: ${r.body}`).toBe(status);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().code).toBe(code);
      expect(r.json().errors.map((e: { location: string }) => e.location)).toContain(location);
    }
    expect(await h.count('planning.plan_client_participation')).toBe(before);
    expect(await events(caseId)).toBe(0);
  }, 120_000);

  it('only the parties’ staff with full access record or list; others get 404', async () => {
    const { caseId } = await withDraft();
    const body = { kind: 'did_not_take_part_in_drafting', occurredOn: '2026-03-26', explained: 'x' };
    for (const who of [
      h.as('kela', ['caseworker'], 'cp-kela-out'),
      h.as('ea-vantaa', ['coordinator'], 'cp-vantaa'),
      h.as('ea-kerava-sipoo', ['partner'], 'cp-partner'),
      h.as('ea-kerava-sipoo', ['auditor'], 'cp-auditor'),
    ]) {
      expect((await h.inject('POST', url(caseId), who, body)).statusCode).toBe(404);
      expect((await h.inject('GET', url(caseId), who)).statusCode).toBe(404);
    }
    expect(await events(caseId)).toBe(0);
  }, 120_000);
});
