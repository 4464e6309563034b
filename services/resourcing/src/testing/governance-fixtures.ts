import { randomUUID } from 'node:crypto';
import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { ResourcingTestApp } from './test-app.js';

/** Builders for management groups, agreements, staff and cases, through the real API where it exists. */

export async function areaIds(h: ResourcingTestApp): Promise<Record<string, string>> {
  const res = await h.t.app.inject({
    method: 'GET',
    url: '/v1/cooperation-areas',
    headers: h.as('kela', ['auditor']),
  });
  return Object.fromEntries(
    (res.json().items as Array<{ id: string; code: string }>).map((a) => [a.code, a.id]),
  );
}

const member = (organisationCode: string, position: string, name: string) => ({
  organisationCode,
  position,
  name,
  deputy: { name: `${name} (deputy)` },
});

/** Members for vantaa-kerava: chair of ea-kerava-sipoo, vice-chair of the HVA, every party. */
export function vantaaKeravaMembers() {
  return [
    member('ea-kerava-sipoo', 'chair', 'Kaija Puheenjohtaja'),
    member('hva-vantaa-kerava', 'vice_chair', 'Ville Varapuheenjohtaja'),
    member('ea-vantaa', 'member', 'Eeva Jäsen'),
    member('kela', 'member', 'Kalle Jäsen'),
  ];
}

export async function createVantaaKeravaGroup(h: ResourcingTestApp, areaId: string): Promise<string> {
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/v1/management-groups',
    headers: h.as('ea-kerava-sipoo', ['admin']),
    payload: { cooperationAreaId: areaId, termStartOn: '2025-01-01', members: vantaaKeravaMembers() },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export function agreementContent(overrides: Record<string, unknown> = {}) {
  return {
    parties: [
      { organisationCode: 'ea-kerava-sipoo' },
      { organisationCode: 'ea-vantaa' },
      { organisationCode: 'hva-vantaa-kerava' },
      { organisationCode: 'kela' },
    ],
    servicesArrangement: 'Joint service point in Vantaa and Kerava; remote meetings on request.',
    staffingCommitments: [
      { organisationCode: 'ea-kerava-sipoo', taskTitle: 'Employment coordinator', headcount: 1, fte: 1 },
      { organisationCode: 'ea-vantaa', taskTitle: 'Employment coordinator', headcount: 3, fte: 2.5 },
      { organisationCode: 'hva-vantaa-kerava', taskTitle: 'Social worker', headcount: 2, fte: 2 },
      { organisationCode: 'kela', taskTitle: 'Rehabilitation expert', headcount: 1, fte: 0.5 },
    ],
    costSharing: { method: 'proportional_to_fte' },
    kelaContribution: { kind: 'share', percent: 10 },
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
    settings: { referralResponseDays: 10, targetCaseloadPerFte: 2 },
    ...overrides,
  };
}

export const PARTIES = ['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'] as const;

/** Creates an agreement and has every party approve it; returns its id. */
export async function createAgreementInForce(
  h: ResourcingTestApp,
  groupId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/v1/agreements',
    headers: h.as('ea-kerava-sipoo', ['admin']),
    payload: { managementGroupId: groupId, ...agreementContent(overrides) },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  for (const org of PARTIES) {
    const ok = await h.t.app.inject({
      method: 'POST',
      url: `/v1/agreements/${id}/approvals`,
      headers: { ...h.as(org, ['admin']), 'if-match': '"1"' },
      payload: { approvedOn: '2026-01-02' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  }
  return id;
}

export async function createStaff(
  h: ResourcingTestApp,
  org: string,
  subject: string,
  displayName: string,
  allocations: Array<{
    cooperationAreaId: string;
    fte: number;
    languages?: string[];
    competences?: string[];
  }>,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const admin = h.as(org, ['admin'], `${org}-admin`);
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/v1/staff',
    headers: admin,
    payload: { subject, displayName, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (allocations.length) {
    const put = await h.t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${id}/allocations`,
      headers: admin,
      payload: { allocations },
    });
    expect(put.statusCode, put.body).toBe(200);
  }
  return id;
}

/**
 * A client, referral, case and team written straight into the referrals schema: the
 * referrals service is another package, and these tests only need its rows to exist.
 */
export async function insertCase(
  db: Queryable,
  input: {
    areaId: string;
    clientId?: string;
    preferredLanguage?: string;
    specialArrangements?: Record<string, unknown>;
    status?: 'assessment' | 'active' | 'ended';
    team: Array<{
      staffId: string;
      organisationCode: string;
      role: 'responsible' | 'member';
      removed?: boolean;
    }>;
  },
): Promise<{ caseId: string; clientId: string }> {
  const now = new Date('2026-02-01T10:00:00Z');
  const clientId = input.clientId ?? randomUUID();
  if (!input.clientId) {
    await db.execute(sql`
      INSERT INTO referrals.clients (id, identity_code_encrypted, identity_code_index, first_names, last_name,
             home_municipality_code, preferred_language, special_arrangements, created_by_organisation, created_at, updated_at)
      VALUES (${clientId}, 'v1.test', ${`idx-${clientId}`}, 'Testi', 'Asiakas', '092',
              ${input.preferredLanguage ?? 'fi'}, ${JSON.stringify(input.specialArrangements ?? {})}::jsonb,
              'ea-vantaa', ${now}, ${now})`);
  }
  const referralId = randomUUID();
  await db.execute(sql`
    INSERT INTO referrals.referrals (id, client_id, cooperation_area_id, home_municipality_code, employment_authority_code,
           wellbeing_county_organiser_code, referring_organisation_code, referred_by_sub, grounds, description,
           status, submitted_at, submitted_on, respond_by, response_days, updated_at)
    VALUES (${referralId}, ${clientId}, ${input.areaId}, '092', 'ea-vantaa', 'hva-vantaa-kerava', 'ea-vantaa', 'x',
            ARRAY['life_management_problems'], 'test', 'withdrawn', ${now}, '2026-01-05', '2026-01-19', 14, ${now})`);
  const caseId = randomUUID();
  const status = input.status ?? 'active';
  const ended = status === 'ended';
  await db.execute(sql`
    INSERT INTO referrals.cases (id, client_id, referral_id, cooperation_area_id, employment_authority_code,
           wellbeing_county_organiser_code, party_organisation_codes, status, assessment_started_on, plan_due_on,
           activated_on, ended_on, end_reason_code, erasure_due_on, created_at, updated_at)
    VALUES (${caseId}, ${clientId}, ${referralId}, ${input.areaId}, 'ea-vantaa', 'hva-vantaa-kerava',
            ARRAY['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'], ${status}, '2026-01-05', '2026-04-07',
            ${status === 'assessment' ? null : '2026-01-20'}, ${ended ? '2026-01-25' : null},
            ${ended ? 'employed' : null}, ${ended ? '2030-01-25' : null}, ${now}, ${now})`);
  for (const m of input.team) {
    await db.execute(sql`
      INSERT INTO referrals.case_team_members (case_id, staff_id, organisation_code, subject, role, added_at,
             added_by_organisation, added_by_sub, removed_at, removed_by_organisation, removed_by_sub)
      VALUES (${caseId}, ${m.staffId}, ${m.organisationCode}, 'sub', ${m.role}, ${now}, 'ea-vantaa', 'x',
              ${m.removed ? now : null}, ${m.removed ? 'ea-vantaa' : null}, ${m.removed ? 'x' : null})`);
  }
  return { caseId, clientId };
}
