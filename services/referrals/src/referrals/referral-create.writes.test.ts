import { wakeOnEventCommit } from '@tym/jobs';
import { makeHetu } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralsTestApp, type ReferralsTestApp, referralBody } from '../testing/test-app.js';

/**
 * What submitting a referral writes, row by row, and in how many statements (issue 14: the
 * rows after the referral insert are one statement). The inline snapshots were taken from
 * the statement-per-row code before the change: the rows must stay identical.
 */
describe('submitting a referral writes', () => {
  let h: ReferralsTestApp;
  const kela = () => h.as('kela', ['caseworker'], 'kela-cw');
  const hva = () => h.as('hva-vantaa-kerava', ['caseworker'], 'hva-cw');
  const lahti = () => h.as('ea-lahti', ['caseworker'], 'lahti-cw');
  const post = (body: unknown, headers: Record<string, string>) =>
    h.t.app.inject({ method: 'POST', url: '/v1/referrals', headers, payload: body as object });

  /** Statements sent to PostgreSQL (BEGIN and COMMIT count) while `run` runs. */
  const counted = new WeakSet<object>();
  let statements = 0;
  /** Relay wakes: a connection that wrote events was released after its transaction. */
  let wakes = 0;
  const countStatements = async <T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> => {
    const from = statements;
    const result = await run();
    return { result, statements: statements - from };
  };

  beforeAll(async () => {
    h = await createReferralsTestApp();
    wakeOnEventCommit(h.database.pool, () => {
      wakes += 1;
    });
    h.database.pool.on('acquire', (client: object) => {
      if (counted.has(client)) return;
      counted.add(client);
      const c = client as { query: (...args: unknown[]) => unknown };
      const query = c.query.bind(client);
      c.query = (...args: unknown[]) => {
        statements += 1;
        return query(...args);
      };
    });
    await h.staff({ org: 'kela', sub: 'kela-cw', roles: ['caseworker'], areas: ['vantaa-kerava'] });
    await h.staff({
      org: 'hva-vantaa-kerava',
      sub: 'hva-cw',
      roles: ['caseworker'],
      areas: ['vantaa-kerava'],
    });
    await h.staff({ org: 'ea-lahti', sub: 'lahti-cw', roles: ['caseworker'], areas: ['paijat-hame'] });
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  /**
   * The answer and the rows one referral wrote (the referral, its transitions, deadline,
   * events, and the access-log rows after `logFrom`), with its ids named and generated keys
   * left out.
   */
  async function rowsOf(answer: { id: string }, logFrom: number) {
    const referralId = answer.id;
    const q = async (text: string, values: unknown[]) => (await h.database.pool.query(text, values)).rows;
    const [referral] = await q('SELECT * FROM referrals.referrals WHERE id = $1', [referralId]);
    const deadlines = await q('SELECT * FROM platform.deadlines WHERE subject_id = $1::text', [referralId]);
    const rows = {
      answer,
      referral,
      transitions: await q(
        'SELECT * FROM referrals.referral_transitions WHERE referral_id = $1 ORDER BY id',
        [referralId],
      ),
      deadlines,
      events: await q(`SELECT * FROM platform.events WHERE subject_id = ANY($1::text[]) ORDER BY id`, [
        [referralId, ...deadlines.map((d) => d.id)],
      ]),
      accessLog: await q('SELECT * FROM referrals.access_log WHERE id > $1 ORDER BY id', [logFrom]),
    };
    const areas = await q('SELECT id, code FROM resourcing.cooperation_areas', []);
    const names: Array<[string, string]> = [
      ...areas.map((a): [string, string] => [a.id, `<area ${a.code}>`]),
      [referralId, '<referral>'],
      [referral.client_id, '<client>'],
      ...deadlines.map((d): [string, string] => [d.id, '<deadline>']),
    ];
    let text = JSON.stringify(rows, (key, value) =>
      ['id', 'event_id', 'position', 'enqueued_at', 'dispatched_at', 'submitted_details'].includes(key) &&
      typeof value !== 'object'
        ? key === 'submitted_details'
          ? value === null
            ? null
            : '<encrypted>'
          : '<generated>'
        : value,
    );
    for (const [id, name] of names) text = text.replaceAll(id, name);
    const requestIds = new Set(rows.accessLog.map((r) => r.request_id as string));
    for (const id of requestIds) text = text.replaceAll(`"${id}"`, '"<request>"');
    return JSON.parse(text);
  }
  const lastLogId = async () =>
    Number(
      (await h.database.pool.query('SELECT coalesce(max(id), 0) AS n FROM referrals.access_log')).rows[0].n,
    );

  it('a new client: the referral, transition, deadline, two events and two access-log rows, in 8 statements', async () => {
    const logFrom = await lastLogId();
    const wakesBefore = wakes;
    const { result: res, statements: n } = await countStatements(() =>
      post(referralBody(makeHetu('010190', '-', '123')), kela()),
    );
    expect(res.statusCode).toBe(201);
    // The connection was marked as having written events: the relay is woken after COMMIT.
    expect(wakes - wakesBefore).toBe(1);
    expect(await rowsOf(res.json(), logFrom)).toMatchInlineSnapshot(`
      {
        "accessLog": [
          {
            "action": "client.create",
            "actor_organisation": "kela",
            "actor_roles": [
              "caseworker",
            ],
            "actor_sub": "kela-cw",
            "client_id": "<client>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "purpose": "TYM referral (381/2023 §3)",
            "request_id": "<request>",
            "resource_id": "<client>",
            "resource_type": "client",
          },
          {
            "action": "referral.create",
            "actor_organisation": "kela",
            "actor_roles": [
              "caseworker",
            ],
            "actor_sub": "kela-cw",
            "client_id": "<client>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "purpose": "TYM referral (381/2023 §3)",
            "request_id": "<request>",
            "resource_id": "<referral>",
            "resource_type": "referral",
          },
        ],
        "answer": {
          "clientId": "<client>",
          "cooperationAreaId": "<area vantaa-kerava>",
          "employmentAuthorityCode": "ea-kerava-sipoo",
          "grounds": [
            "life_management_problems",
            "work_capacity_limitations",
          ],
          "homeMunicipalityCode": "245",
          "id": "<generated>",
          "referringOrganisationCode": "kela",
          "respondBy": "2026-04-02",
          "responseDays": 14,
          "status": "submitted",
          "submittedAt": "2026-03-19T10:00:00.000Z",
          "submittedOn": "2026-03-19",
          "wellbeingCountyOrganiserCode": "hva-vantaa-kerava",
        },
        "deadlines": [
          {
            "case_id": null,
            "closed_reason": null,
            "computation": {
              "amount": 14,
              "basis": "time_limit",
              "from": "2026-03-19",
              "monthEndClamped": false,
              "nominalOn": "2026-04-02",
              "skipped": [],
              "unit": "days",
            },
            "cooperation_area_id": "<area vantaa-kerava>",
            "created_at": "2026-03-19T10:00:00.000Z",
            "due_on": "2026-04-02",
            "id": "<generated>",
            "kind": "referral.response",
            "met_on": null,
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "rule": "referral.response",
            "status": "pending",
            "statute": "cooperation agreement (381/2023 §3 sets none); 150/1930 §2, §5",
            "subject_id": "<referral>",
            "subject_type": "referral",
            "updated_at": "2026-03-19T10:00:00.000Z",
            "version": 1,
          },
        ],
        "events": [
          {
            "actor_organisation": "kela",
            "actor_sub": "kela-cw",
            "case_id": null,
            "case_sequence": null,
            "cooperation_area_id": "<area vantaa-kerava>",
            "dispatched_at": null,
            "enqueued_at": null,
            "event_id": "<generated>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "payload": {
              "deadlineId": "<deadline>",
              "dueOn": "2026-04-02",
              "kind": "referral.response",
              "status": "pending",
              "subjectId": "<referral>",
              "subjectType": "referral",
              "version": 1,
            },
            "position": null,
            "subject_id": "<deadline>",
            "subject_type": "deadline",
            "type": "deadline.set",
          },
          {
            "actor_organisation": "kela",
            "actor_sub": "kela-cw",
            "case_id": null,
            "case_sequence": null,
            "cooperation_area_id": "<area vantaa-kerava>",
            "dispatched_at": null,
            "enqueued_at": null,
            "event_id": "<generated>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "payload": {
              "clientId": "<client>",
              "cooperationAreaId": "<area vantaa-kerava>",
              "grounds": [
                "life_management_problems",
                "work_capacity_limitations",
              ],
              "referralId": "<referral>",
              "referringOrganisationCode": "kela",
              "respondBy": "2026-04-02",
            },
            "position": null,
            "subject_id": "<referral>",
            "subject_type": "referral",
            "type": "referral.submitted",
          },
        ],
        "referral": {
          "case_id": null,
          "client_details_decided_at": null,
          "client_details_decided_by_organisation": null,
          "client_details_decided_by_sub": null,
          "client_details_status": null,
          "client_id": "<client>",
          "cooperation_area_id": "<area vantaa-kerava>",
          "decided_at": null,
          "decided_by_organisation": null,
          "decided_by_sub": null,
          "decline_reason_code": null,
          "decline_reason_text": null,
          "description": "Needs coordinated support from the employment authority and social services.",
          "employment_authority_code": "ea-kerava-sipoo",
          "grounds": [
            "life_management_problems",
            "work_capacity_limitations",
          ],
          "home_municipality_code": "245",
          "id": "<generated>",
          "referred_by_sub": "kela-cw",
          "referring_organisation_code": "kela",
          "respond_by": "2026-04-02",
          "response_days": 14,
          "status": "submitted",
          "submitted_at": "2026-03-19T10:00:00.000Z",
          "submitted_details": "<encrypted>",
          "submitted_on": "2026-03-19",
          "submitted_routing": null,
          "updated_at": "2026-03-19T10:00:00.000Z",
          "wellbeing_county_organiser_code": "hva-vantaa-kerava",
        },
        "transitions": [
          {
            "actor_organisation": "kela",
            "actor_sub": "kela-cw",
            "at": "2026-03-19T10:00:00.000Z",
            "from_status": null,
            "id": "<generated>",
            "reason_code": null,
            "reason_text": null,
            "referral_id": "<referral>",
            "to_status": "submitted",
          },
        ],
      }
    `);
    // Caller, BEGIN, routing, client lock, client insert, agreement settings, the referral
    // with everything that follows it (one statement), COMMIT.
    expect(n).toBe(8);
  });

  it('a known client from a party: the record updated, the same rows', async () => {
    const code = makeHetu('020290', '-', '234');
    const first = await post(referralBody(code), kela());
    expect(first.statusCode).toBe(201);
    const withdrawn = await h.t.app.inject({
      method: 'POST',
      url: `/v1/referrals/${first.json().id}/withdraw`,
      headers: kela(),
      payload: {},
    });
    expect(withdrawn.statusCode).toBe(200);
    const logFrom = await lastLogId();
    const res = await post(referralBody(code), hva());
    expect(res.statusCode).toBe(201);
    expect(await rowsOf(res.json(), logFrom)).toMatchInlineSnapshot(`
      {
        "accessLog": [
          {
            "action": "client.update",
            "actor_organisation": "hva-vantaa-kerava",
            "actor_roles": [
              "caseworker",
            ],
            "actor_sub": "hva-cw",
            "client_id": "<client>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "purpose": "TYM referral (381/2023 §3)",
            "request_id": "<request>",
            "resource_id": "<client>",
            "resource_type": "client",
          },
          {
            "action": "referral.create",
            "actor_organisation": "hva-vantaa-kerava",
            "actor_roles": [
              "caseworker",
            ],
            "actor_sub": "hva-cw",
            "client_id": "<client>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "purpose": "TYM referral (381/2023 §3)",
            "request_id": "<request>",
            "resource_id": "<referral>",
            "resource_type": "referral",
          },
        ],
        "answer": {
          "clientId": "<client>",
          "cooperationAreaId": "<area vantaa-kerava>",
          "employmentAuthorityCode": "ea-kerava-sipoo",
          "grounds": [
            "life_management_problems",
            "work_capacity_limitations",
          ],
          "homeMunicipalityCode": "245",
          "id": "<generated>",
          "referringOrganisationCode": "hva-vantaa-kerava",
          "respondBy": "2026-04-02",
          "responseDays": 14,
          "status": "submitted",
          "submittedAt": "2026-03-19T10:00:00.000Z",
          "submittedOn": "2026-03-19",
          "wellbeingCountyOrganiserCode": "hva-vantaa-kerava",
        },
        "deadlines": [
          {
            "case_id": null,
            "closed_reason": null,
            "computation": {
              "amount": 14,
              "basis": "time_limit",
              "from": "2026-03-19",
              "monthEndClamped": false,
              "nominalOn": "2026-04-02",
              "skipped": [],
              "unit": "days",
            },
            "cooperation_area_id": "<area vantaa-kerava>",
            "created_at": "2026-03-19T10:00:00.000Z",
            "due_on": "2026-04-02",
            "id": "<generated>",
            "kind": "referral.response",
            "met_on": null,
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "rule": "referral.response",
            "status": "pending",
            "statute": "cooperation agreement (381/2023 §3 sets none); 150/1930 §2, §5",
            "subject_id": "<referral>",
            "subject_type": "referral",
            "updated_at": "2026-03-19T10:00:00.000Z",
            "version": 1,
          },
        ],
        "events": [
          {
            "actor_organisation": "hva-vantaa-kerava",
            "actor_sub": "hva-cw",
            "case_id": null,
            "case_sequence": null,
            "cooperation_area_id": "<area vantaa-kerava>",
            "dispatched_at": null,
            "enqueued_at": null,
            "event_id": "<generated>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "payload": {
              "deadlineId": "<deadline>",
              "dueOn": "2026-04-02",
              "kind": "referral.response",
              "status": "pending",
              "subjectId": "<referral>",
              "subjectType": "referral",
              "version": 1,
            },
            "position": null,
            "subject_id": "<deadline>",
            "subject_type": "deadline",
            "type": "deadline.set",
          },
          {
            "actor_organisation": "hva-vantaa-kerava",
            "actor_sub": "hva-cw",
            "case_id": null,
            "case_sequence": null,
            "cooperation_area_id": "<area vantaa-kerava>",
            "dispatched_at": null,
            "enqueued_at": null,
            "event_id": "<generated>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "payload": {
              "clientId": "<client>",
              "cooperationAreaId": "<area vantaa-kerava>",
              "grounds": [
                "life_management_problems",
                "work_capacity_limitations",
              ],
              "referralId": "<referral>",
              "referringOrganisationCode": "hva-vantaa-kerava",
              "respondBy": "2026-04-02",
            },
            "position": null,
            "subject_id": "<referral>",
            "subject_type": "referral",
            "type": "referral.submitted",
          },
        ],
        "referral": {
          "case_id": null,
          "client_details_decided_at": null,
          "client_details_decided_by_organisation": null,
          "client_details_decided_by_sub": null,
          "client_details_status": null,
          "client_id": "<client>",
          "cooperation_area_id": "<area vantaa-kerava>",
          "decided_at": null,
          "decided_by_organisation": null,
          "decided_by_sub": null,
          "decline_reason_code": null,
          "decline_reason_text": null,
          "description": "Needs coordinated support from the employment authority and social services.",
          "employment_authority_code": "ea-kerava-sipoo",
          "grounds": [
            "life_management_problems",
            "work_capacity_limitations",
          ],
          "home_municipality_code": "245",
          "id": "<generated>",
          "referred_by_sub": "hva-cw",
          "referring_organisation_code": "hva-vantaa-kerava",
          "respond_by": "2026-04-02",
          "response_days": 14,
          "status": "submitted",
          "submitted_at": "2026-03-19T10:00:00.000Z",
          "submitted_details": "<encrypted>",
          "submitted_on": "2026-03-19",
          "submitted_routing": null,
          "updated_at": "2026-03-19T10:00:00.000Z",
          "wellbeing_county_organiser_code": "hva-vantaa-kerava",
        },
        "transitions": [
          {
            "actor_organisation": "hva-vantaa-kerava",
            "actor_sub": "hva-cw",
            "at": "2026-03-19T10:00:00.000Z",
            "from_status": null,
            "id": "<generated>",
            "reason_code": null,
            "reason_text": null,
            "referral_id": "<referral>",
            "to_status": "submitted",
          },
        ],
      }
    `);
  });

  it('a known client from a referrer that is not a party: routed to the parties, details pending; a second is 409', async () => {
    const code = makeHetu('030390', '-', '345');
    expect((await post(referralBody(code), kela())).statusCode).toBe(201);
    const logFrom = await lastLogId();
    const attack = {
      ...referralBody(code, '398'),
      client: { ...referralBody(code, '398').client, firstNames: 'Mallory' },
    };
    const res = await post(attack, lahti());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ homeMunicipalityCode: '398', employmentAuthorityCode: 'ea-lahti' });
    expect(await rowsOf(res.json(), logFrom)).toMatchInlineSnapshot(`
      {
        "accessLog": [
          {
            "action": "client.details_submitted",
            "actor_organisation": "ea-lahti",
            "actor_roles": [
              "caseworker",
            ],
            "actor_sub": "lahti-cw",
            "client_id": "<client>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "purpose": "TYM referral (381/2023 §3)",
            "request_id": "<request>",
            "resource_id": "<client>",
            "resource_type": "client",
          },
          {
            "action": "referral.create",
            "actor_organisation": "ea-lahti",
            "actor_roles": [
              "caseworker",
            ],
            "actor_sub": "lahti-cw",
            "client_id": "<client>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "purpose": "TYM referral (381/2023 §3)",
            "request_id": "<request>",
            "resource_id": "<referral>",
            "resource_type": "referral",
          },
        ],
        "answer": {
          "clientId": "<client>",
          "cooperationAreaId": "<area paijat-hame>",
          "employmentAuthorityCode": "ea-lahti",
          "grounds": [
            "life_management_problems",
            "work_capacity_limitations",
          ],
          "homeMunicipalityCode": "398",
          "id": "<generated>",
          "referringOrganisationCode": "ea-lahti",
          "respondBy": "2026-04-02",
          "responseDays": 14,
          "status": "submitted",
          "submittedAt": "2026-03-19T10:00:00.000Z",
          "submittedOn": "2026-03-19",
          "wellbeingCountyOrganiserCode": "hva-paijat-hame",
        },
        "deadlines": [
          {
            "case_id": null,
            "closed_reason": null,
            "computation": {
              "amount": 14,
              "basis": "time_limit",
              "from": "2026-03-19",
              "monthEndClamped": false,
              "nominalOn": "2026-04-02",
              "skipped": [],
              "unit": "days",
            },
            "cooperation_area_id": "<area vantaa-kerava>",
            "created_at": "2026-03-19T10:00:00.000Z",
            "due_on": "2026-04-02",
            "id": "<generated>",
            "kind": "referral.response",
            "met_on": null,
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "rule": "referral.response",
            "status": "pending",
            "statute": "cooperation agreement (381/2023 §3 sets none); 150/1930 §2, §5",
            "subject_id": "<referral>",
            "subject_type": "referral",
            "updated_at": "2026-03-19T10:00:00.000Z",
            "version": 1,
          },
        ],
        "events": [
          {
            "actor_organisation": "ea-lahti",
            "actor_sub": "lahti-cw",
            "case_id": null,
            "case_sequence": null,
            "cooperation_area_id": "<area vantaa-kerava>",
            "dispatched_at": null,
            "enqueued_at": null,
            "event_id": "<generated>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "payload": {
              "deadlineId": "<deadline>",
              "dueOn": "2026-04-02",
              "kind": "referral.response",
              "status": "pending",
              "subjectId": "<referral>",
              "subjectType": "referral",
              "version": 1,
            },
            "position": null,
            "subject_id": "<deadline>",
            "subject_type": "deadline",
            "type": "deadline.set",
          },
          {
            "actor_organisation": "ea-lahti",
            "actor_sub": "lahti-cw",
            "case_id": null,
            "case_sequence": null,
            "cooperation_area_id": "<area vantaa-kerava>",
            "dispatched_at": null,
            "enqueued_at": null,
            "event_id": "<generated>",
            "id": "<generated>",
            "occurred_at": "2026-03-19T10:00:00.000Z",
            "organisation_codes": [
              "ea-kerava-sipoo",
              "hva-vantaa-kerava",
              "kela",
            ],
            "payload": {
              "clientId": "<client>",
              "cooperationAreaId": "<area vantaa-kerava>",
              "grounds": [
                "life_management_problems",
                "work_capacity_limitations",
              ],
              "referralId": "<referral>",
              "referringOrganisationCode": "ea-lahti",
              "respondBy": "2026-04-02",
            },
            "position": null,
            "subject_id": "<referral>",
            "subject_type": "referral",
            "type": "referral.submitted",
          },
        ],
        "referral": {
          "case_id": null,
          "client_details_decided_at": null,
          "client_details_decided_by_organisation": null,
          "client_details_decided_by_sub": null,
          "client_details_status": "pending",
          "client_id": "<client>",
          "cooperation_area_id": "<area vantaa-kerava>",
          "decided_at": null,
          "decided_by_organisation": null,
          "decided_by_sub": null,
          "decline_reason_code": null,
          "decline_reason_text": null,
          "description": "Needs coordinated support from the employment authority and social services.",
          "employment_authority_code": "ea-kerava-sipoo",
          "grounds": [
            "life_management_problems",
            "work_capacity_limitations",
          ],
          "home_municipality_code": "245",
          "id": "<generated>",
          "referred_by_sub": "lahti-cw",
          "referring_organisation_code": "ea-lahti",
          "respond_by": "2026-04-02",
          "response_days": 14,
          "status": "submitted",
          "submitted_at": "2026-03-19T10:00:00.000Z",
          "submitted_details": "<encrypted>",
          "submitted_on": "2026-03-19",
          "submitted_routing": {
            "cooperationAreaId": "<area paijat-hame>",
            "employmentAuthorityCode": "ea-lahti",
            "homeMunicipalityCode": "398",
            "respondBy": "2026-04-02",
            "responseDays": 14,
            "wellbeingCountyOrganiserCode": "hva-paijat-hame",
          },
          "updated_at": "2026-03-19T10:00:00.000Z",
          "wellbeing_county_organiser_code": "hva-vantaa-kerava",
        },
        "transitions": [
          {
            "actor_organisation": "ea-lahti",
            "actor_sub": "lahti-cw",
            "at": "2026-03-19T10:00:00.000Z",
            "from_status": null,
            "id": "<generated>",
            "reason_code": null,
            "reason_text": null,
            "referral_id": "<referral>",
            "to_status": "submitted",
          },
        ],
      }
    `);

    // The same referrer again: its referral waits already (the unique index), nothing written.
    const count = async () => ({
      referrals: await h.count('referrals.referrals'),
      transitions: await h.count('referrals.referral_transitions'),
      deadlines: await h.count('platform.deadlines'),
      events: await h.count('platform.events'),
      log: await h.count('referrals.access_log'),
    });
    const before = await count();
    const again = await post(attack, lahti());
    expect([again.statusCode, again.json().code, again.json().existingReferralId]).toEqual([
      409,
      'REFERRAL_ALREADY_PENDING',
      res.json().id,
    ]);
    expect(await count()).toEqual(before);
  });
});
