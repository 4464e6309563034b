import { accessMatrix, inBatches, type MatrixRoute } from '@tym/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningTestApp, type PlanningTestApp } from './testing/test-app.js';

/**
 * The access matrix over relations (architecture.md, Auth; issue 10): every planning route ×
 * every role × the caller's relation to the client. The client lives in Kerava (municipality
 * 245, Vantaa–Kerava cooperation area); their parties are exactly three (381/2023, domain.md
 * §1): the employment authority of the home municipality (`ea-kerava-sipoo`), the HVA
 * organiser (`hva-vantaa-kerava`) and Kela. Relations:
 *
 * - `ea`, `hva`, `kela`: the client's parties. Their caseworkers are on the case team; their
 *   coordinators are allocated to the area and not on the team.
 * - `otherEa`: `ea-vantaa`, another employment authority of the same cooperation area,
 *   allocated there — not a party: everything is 404, exactly like a missing resource.
 * - `otherArea`: `hva-pirkanmaa`, a party of another cooperation area.
 * - `referrer`: the Kela caseworker who made the referral (`kela-ref`), allocated to the area
 *   and not on the team; with the coordinator role in the token they are a Kela coordinator.
 * - `invited`: an HVA caseworker allocated to the area, not on the team, invited to the
 *   meetings: sees those meetings and answers their own invitation, nothing else.
 * - `unallocated`: HVA staff with no allocation to any area, not on the team: nothing.
 *
 * Fixtures are built once per file by the kit's access-matrix runner: one per kind (case,
 * meeting, held meeting, draft, submitted, agreed plan) shared by every route of that kind. A
 * route whose success uses its fixture up (cancelling, closing, submitting, …) gets a fixture
 * of its own for each cell expected to succeed; its refused cells share the kind's fixture,
 * which a refused request does not change.
 */
type Role = 'caseworker' | 'coordinator' | 'auditor' | 'admin' | 'partner';
type Relation = 'ea' | 'hva' | 'kela' | 'otherEa' | 'otherArea' | 'referrer' | 'invited' | 'unallocated';
type Row = Record<Relation, number>;
type Matrix = Record<Role, Row>;
const ROLES: Role[] = ['caseworker', 'coordinator', 'auditor', 'admin', 'partner'];
const RELATIONS: Relation[] = [
  'ea',
  'hva',
  'kela',
  'otherEa',
  'otherArea',
  'referrer',
  'invited',
  'unallocated',
];
const ORG: Record<Relation, string> = {
  ea: 'ea-kerava-sipoo',
  hva: 'hva-vantaa-kerava',
  kela: 'kela',
  otherEa: 'ea-vantaa',
  otherArea: 'hva-pirkanmaa',
  referrer: 'kela',
  invited: 'hva-vantaa-kerava',
  unallocated: 'hva-vantaa-kerava',
};
const AREA: Record<Relation, string | null> = {
  ea: 'vantaa-kerava',
  hva: 'vantaa-kerava',
  kela: 'vantaa-kerava',
  otherEa: 'vantaa-kerava',
  otherArea: 'pirkanmaa',
  referrer: 'vantaa-kerava',
  invited: 'vantaa-kerava',
  unallocated: null,
};
const subOf = (role: Role, rel: Relation) => (rel === 'referrer' ? 'kela-ref' : `${rel}-${role}`);

const row = (s: number, cells: Partial<Row> = {}): Row => ({
  ea: s,
  hva: s,
  kela: s,
  otherEa: s,
  otherArea: s,
  referrer: s,
  invited: s,
  unallocated: s,
  ...cells,
});
/**
 * Only the client's parties: caseworkers on the team, coordinators allocated to the area (the
 * `referrer` and `invited` rows of coordinators are Kela's and the HVA's, allocated there).
 */
const CASE = (s: number): Matrix => ({
  caseworker: row(404, { ea: s, hva: s, kela: s }),
  coordinator: row(404, { ea: s, hva: s, kela: s, referrer: s, invited: s }),
  auditor: row(404),
  admin: row(404),
  partner: row(404),
});
/** A meeting: as the case, and what the invited caseworker (not on the team) gets. */
const MEETING = (s: number, invited: number): Matrix => {
  const m = CASE(s);
  return { ...m, caseworker: { ...m.caseworker, invited } };
};

type Needs = 'case' | 'meeting' | 'held' | 'draft' | 'submitted' | 'agreed';
interface Fixture {
  caseId: string;
  meetingId: string;
  clientParticipantId: string;
  invitedParticipantId: string;
  actionId: string;
  revision: number;
}
type Route = MatrixRoute<Fixture, Needs, Role, Relation>;

const START = '2026-03-19T10:00:00Z';
/** After the fixtures' meetings have started (14:00 Helsinki time). */
const STARTED = '2026-03-19T13:00:00Z';

describe('planning access matrix over relations', () => {
  let h: PlanningTestApp;
  const staffIds = new Map<string, string>();
  const who = (role: Role, rel: Relation) => h.as(ORG[rel], [role], subOf(role, rel));
  const eaCw = (extra: Record<string, string> = {}) => h.as(ORG.ea, ['caseworker'], 'ea-caseworker', extra);
  const hvaCw = () => h.as(ORG.hva, ['caseworker'], 'hva-caseworker');
  const ok = (res: { statusCode: number; body: string }, status: number, what: string) => {
    if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  };

  const complete = (owner = 'hva-vantaa-kerava') => ({
    mapping: { serviceNeed: 'a', situationSummary: 'b' },
    goals: ['g'],
    actions: [
      { ownerOrganisationCode: owner, type: 'social', description: 'Sosiaaliohjaus', dueOn: '2026-05-01' },
    ],
    followUp: 'f',
    workSearch: { obligation: 'applies' },
    clientReport: { dueOn: '2026-05-15', manner: 'm' },
    kelaRehabilitationNeeded: false,
  });

  let sharedCaseId = '';
  const openCase = async () =>
    (
      await h.openCase(eaCw(), [
        staffIds.get('hva-caseworker') as string,
        staffIds.get('kela-caseworker') as string,
      ])
    ).caseId;

  /** Everything but marking a meeting held, which needs the clock after its start (see beforeAll). */
  async function fixture(needs: Needs): Promise<Fixture> {
    const f: Fixture = {
      caseId: sharedCaseId,
      meetingId: '',
      clientParticipantId: '',
      invitedParticipantId: '',
      actionId: '',
      revision: 0,
    };
    if (needs === 'meeting' || needs === 'held') {
      const m = await h.inject('POST', `/v1/cases/${f.caseId}/meetings`, eaCw(), {
        kind: 'planning',
        start: '2026-03-19T14:00',
        durationMinutes: 30,
        mode: 'remote',
        onlineUrl: 'https://meet.example.fi/x',
        agenda: [{ title: 'a' }],
        participants: {
          staff: [{ staffId: staffIds.get('invited-caseworker') }],
          client: { displayName: 'Asiakas' },
          guests: [],
        },
        allowConflicts: true,
      });
      ok(m, 201, 'meeting');
      f.meetingId = m.json().id;
      const participants = m.json().participants as Array<{ id: string; kind: string; staffId?: string }>;
      f.clientParticipantId = participants.find((p) => p.kind === 'client')?.id as string;
      f.invitedParticipantId = participants.find((p) => p.staffId === staffIds.get('invited-caseworker'))
        ?.id as string;
    }
    if (needs === 'draft' || needs === 'submitted' || needs === 'agreed') {
      f.caseId = await openCase();
      const put = await h.inject(
        'PUT',
        `/v1/cases/${f.caseId}/plan/draft`,
        eaCw({ 'if-match': '"r0"' }),
        complete(),
      );
      ok(put, 200, 'draft');
      f.revision = put.json().draft.revision;
      f.actionId = put.json().draft.contents.actions[0].id;
      if (needs !== 'draft') {
        ok(
          await h.inject(
            'POST',
            `/v1/cases/${f.caseId}/plan/draft/submit`,
            eaCw({ 'if-match': `"r${f.revision}"` }),
            {},
          ),
          200,
          'submit',
        );
      }
      if (needs === 'agreed') {
        for (const [hd, body] of [
          [eaCw(), { approver: 'client', method: 'signature' }],
          [eaCw(), { approver: 'organisation' }],
          [hvaCw(), { approver: 'organisation' }],
        ] as const) {
          ok(
            await h.inject('POST', `/v1/cases/${f.caseId}/plan/approvals`, hd, {
              draftRevision: f.revision,
              ...body,
            }),
            201,
            'approval',
          );
        }
      }
    }
    return f;
  }

  /** The draft's revision now (a successful PUT moves it on). */
  const revisionOf = async (caseId: string) =>
    (await h.inject('GET', `/v1/cases/${caseId}/plan`, eaCw())).json().draft.revision as number;

  /** Runs a route's cells with the clock after the meetings' start. */
  const whileStarted = async (run: () => Promise<void>) => {
    h.clock.set(STARTED);
    try {
      await run();
    } finally {
      h.clock.set(START);
    }
  };

  const routes: Route[] = [
    {
      name: 'POST /v1/cases/:caseId/meetings',
      fixture: 'case',
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/cases/${f.caseId}/meetings`, hd, {
          kind: 'other',
          start: '2026-03-20T10:00',
          durationMinutes: 30,
          mode: 'in_person',
          address: 'Kauppakaari 11',
          agenda: [],
          participants: { staff: [], guests: [] },
          allowConflicts: true,
        }),
      expect: CASE(201),
    },
    {
      name: 'GET /v1/cases/:caseId/meetings',
      fixture: 'meeting',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/cases/${f.caseId}/meetings`, hd),
      expect: CASE(200),
    },
    {
      name: 'GET /v1/meetings (my calendar)',
      fixture: 'meeting',
      call: (_f, { headers: hd }) => h.inject('GET', '/v1/meetings', hd),
      expect: {
        caseworker: row(200),
        coordinator: row(200),
        auditor: row(403),
        admin: row(403),
        partner: row(403),
      },
    },
    {
      name: 'GET /v1/me/meetings (my invitations)',
      fixture: 'meeting',
      call: (_f, { headers: hd }) => h.inject('GET', '/v1/me/meetings', hd),
      expect: {
        caseworker: row(200),
        coordinator: row(200),
        auditor: row(403),
        admin: row(403),
        partner: row(403),
      },
    },
    {
      name: 'GET /v1/meetings/:id',
      fixture: 'meeting',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/meetings/${f.meetingId}`, hd),
      expect: MEETING(200, 200),
    },
    {
      name: 'GET /v1/meetings/:id/invitation.ics',
      fixture: 'meeting',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/meetings/${f.meetingId}/invitation.ics`, hd),
      expect: MEETING(200, 200),
    },
    {
      name: 'POST /v1/meetings/:id/reschedule',
      fixture: 'meeting',
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/reschedule`, hd, {
          start: '2026-03-21T10:00',
          allowConflicts: true,
        }),
      expect: MEETING(200, 403),
    },
    {
      name: 'POST /v1/meetings/:id/cancel',
      fixture: 'meeting',
      consumes: true,
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/cancel`, hd, { reasonCode: 'other' }),
      expect: MEETING(200, 403),
    },
    {
      name: "POST /v1/meetings/:id/responses (the client's answer)",
      fixture: 'meeting',
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/responses`, hd, {
          participantId: f.clientParticipantId,
          response: 'accepted',
        }),
      expect: MEETING(200, 403),
    },
    {
      name: "POST /v1/meetings/:id/responses (the invited caseworker's own answer)",
      fixture: 'meeting',
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/responses`, hd, {
          participantId: f.invitedParticipantId,
          response: 'tentative',
        }),
      // Only the invited person answers for themself; the case staff see the meeting but may not.
      expect: MEETING(403, 200),
    },
    {
      name: 'POST /v1/meetings/:id/response (answering for myself)',
      fixture: 'meeting',
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/response`, hd, { response: 'tentative' }),
      // Invitees (the EA caseworker of the fixture and the invited caseworker) find their own
      // invitation; case staff who see the meeting but are not invited get 422.
      expect: (() => {
        const m = MEETING(422, 200);
        return { ...m, caseworker: { ...m.caseworker, ea: 200 } };
      })(),
    },
    {
      name: 'POST /v1/meetings/:id/held',
      fixture: 'meeting',
      consumes: true,
      around: whileStarted,
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/meetings/${f.meetingId}/held`, hd, { attendance: [] }),
      expect: MEETING(200, 403),
    },
    {
      name: 'PUT /v1/meetings/:id/minutes',
      fixture: 'held',
      call: (f, { headers: hd }) => h.inject('PUT', `/v1/meetings/${f.meetingId}/minutes`, hd, { items: [] }),
      expect: MEETING(200, 403),
    },
    {
      name: 'POST /v1/meetings/:id/close',
      fixture: 'held',
      consumes: true,
      call: (f, { headers: hd }) => h.inject('POST', `/v1/meetings/${f.meetingId}/close`, hd, {}),
      expect: MEETING(200, 403),
    },
    {
      name: 'GET /v1/cases/:caseId/plan',
      fixture: 'draft',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/cases/${f.caseId}/plan`, hd),
      expect: CASE(200),
    },
    {
      name: 'PUT /v1/cases/:caseId/plan/draft',
      fixture: 'draft',
      sequential: true,
      call: async (f, { headers: hd }) =>
        h.inject(
          'PUT',
          `/v1/cases/${f.caseId}/plan/draft`,
          { ...hd, 'if-match': `"r${await revisionOf(f.caseId)}"` },
          complete(),
        ),
      expect: CASE(200),
    },
    {
      name: 'POST /v1/cases/:caseId/plan/draft/submit',
      fixture: 'draft',
      consumes: true,
      call: (f, { headers: hd }) =>
        h.inject(
          'POST',
          `/v1/cases/${f.caseId}/plan/draft/submit`,
          { ...hd, 'if-match': `"r${f.revision}"` },
          {},
        ),
      expect: CASE(200),
    },
    {
      name: "POST /v1/cases/:caseId/plan/approvals (the client's, recorded by case staff)",
      fixture: 'submitted',
      consumes: true,
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/cases/${f.caseId}/plan/approvals`, hd, {
          draftRevision: f.revision,
          approver: 'client',
          method: 'electronic',
        }),
      expect: CASE(201),
    },
    {
      name: "POST /v1/cases/:caseId/plan/approvals (the caller's organisation)",
      fixture: 'submitted',
      consumes: true,
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/cases/${f.caseId}/plan/approvals`, hd, {
          draftRevision: f.revision,
          approver: 'organisation',
        }),
      // The employment authority and the HVA approve; Kela only when Kela rehabilitation is
      // needed (381/2023 §4(2)) — not in this plan.
      expect: {
        ...CASE(201),
        caseworker: row(404, { ea: 201, hva: 201, kela: 422 }),
        coordinator: row(404, { ea: 201, hva: 201, kela: 422, referrer: 422, invited: 201 }),
      },
    },
    {
      name: 'POST /v1/cases/:caseId/plan/reviews',
      fixture: 'agreed',
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/cases/${f.caseId}/plan/reviews`, hd, { outcome: 'unchanged' }),
      // Only the client's employment authority (ea-kerava-sipoo) records a review (381/2023 §6):
      // the HVA and ea-vantaa see the case but get 403.
      expect: {
        ...CASE(403),
        caseworker: row(404, { ea: 201, hva: 403, kela: 403 }),
        coordinator: row(404, { ea: 201, hva: 403, kela: 403, referrer: 403, invited: 403 }),
      },
    },
    {
      name: 'POST /v1/cases/:caseId/plan/client-participation',
      fixture: 'case',
      // Append-only: a success leaves the fixture as usable as it was. (Not a refused measure:
      // other routes rewrite the shared draft's actions.)
      call: (f, { headers: hd }) =>
        h.inject('POST', `/v1/cases/${f.caseId}/plan/client-participation`, hd, {
          kind: 'did_not_take_part_in_drafting',
          occurredOn: '2026-03-19',
          explained: 'Kerrottiin velvollisuudesta osallistua suunnitelman laatimiseen.',
        }),
      expect: CASE(201),
    },
    {
      name: 'GET /v1/cases/:caseId/plan/client-participation',
      fixture: 'case',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/cases/${f.caseId}/plan/client-participation`, hd),
      expect: CASE(200),
    },
    {
      name: 'GET /v1/cases/:caseId/plan/versions',
      fixture: 'agreed',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/cases/${f.caseId}/plan/versions`, hd),
      // Partners of the client's parties see numbers and dates.
      expect: {
        ...CASE(200),
        partner: row(404, { ea: 200, hva: 200, kela: 200, referrer: 200, invited: 200, unallocated: 200 }),
      },
    },
    {
      name: 'GET /v1/cases/:caseId/plan/versions/:n',
      fixture: 'agreed',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/cases/${f.caseId}/plan/versions/1`, hd),
      expect: CASE(200),
    },
    {
      name: 'GET /v1/cases/:caseId/plan/diff',
      fixture: 'agreed',
      call: (f, { headers: hd }) => h.inject('GET', `/v1/cases/${f.caseId}/plan/diff?from=1&to=1`, hd),
      expect: CASE(200),
    },
    {
      name: 'PUT /v1/cases/:caseId/plan/actions/:actionId/status',
      fixture: 'agreed',
      call: (f, { headers: hd }) =>
        h.inject('PUT', `/v1/cases/${f.caseId}/plan/actions/${f.actionId}/status`, hd, {
          status: 'in_progress',
        }),
      // The action is owned by hva-vantaa-kerava: the other parties see it but may not change it.
      expect: {
        ...CASE(200),
        caseworker: row(404, { ea: 403, hva: 200, kela: 403 }),
        coordinator: row(404, { ea: 403, hva: 200, kela: 403, referrer: 403, invited: 200 }),
      },
    },
  ];

  const matrix = accessMatrix({
    roles: ROLES,
    relations: RELATIONS,
    caller: who,
    build: fixture,
    // Marking a meeting held needs the clock after its start: all at once, once built.
    prepare: async (built) => {
      h.clock.set(STARTED);
      try {
        await inBatches(
          built.filter((b) => b.kind === 'held'),
          4,
          async (b) =>
            ok(
              await h.inject('POST', `/v1/meetings/${b.fixture.meetingId}/held`, eaCw(), { attendance: [] }),
              200,
              'held',
            ),
        );
      } finally {
        h.clock.set(START);
      }
    },
    routes,
  });

  beforeAll(async () => {
    h = await createPlanningTestApp(START);
    const specs: Array<{ org: string; sub: string; roles: string[]; areas: string[] }> = [
      { org: 'kela', sub: 'kela-ref', roles: ['caseworker', 'coordinator'], areas: ['vantaa-kerava'] },
    ];
    for (const rel of RELATIONS) {
      if (rel === 'referrer') continue;
      for (const role of ['caseworker', 'coordinator'] as const) {
        const area = AREA[rel];
        specs.push({ org: ORG[rel], sub: subOf(role, rel), roles: [role], areas: area ? [area] : [] });
      }
    }
    await inBatches(specs, 4, async (spec) => staffIds.set(spec.sub, await h.staff(spec)));
    sharedCaseId = await openCase();
    await matrix.build();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  matrix.tests();

  describe('another employment authority of the area is not a party of the client', () => {
    const otherEaStaff = () => staffIds.get('otherEa-caseworker') as string;
    const meetingBody = (staff: Array<{ staffId: string }>) => ({
      kind: 'planning',
      start: '2026-03-20T12:00',
      durationMinutes: 30,
      mode: 'remote',
      onlineUrl: 'https://meet.example.fi/y',
      agenda: [{ title: 'a' }],
      participants: { staff, guests: [] },
      allowConflicts: true,
    });

    it('is not invited to the client’s meetings (422, nothing written)', async () => {
      const before = await h.count('planning.meetings');
      const res = await h.inject(
        'POST',
        `/v1/cases/${sharedCaseId}/meetings`,
        eaCw(),
        meetingBody([{ staffId: otherEaStaff() }]),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'MEETING_PARTICIPANT_NOT_A_PARTY',
        errors: [{ location: 'body.participants.staff[0].staffId', rule: 'party' }],
      });
      expect(await h.count('planning.meetings')).toBe(before);
    });

    it('owns no action of the client’s plan (422)', async () => {
      const { caseId } = matrix.shared('draft');
      const res = await h.inject(
        'PUT',
        `/v1/cases/${caseId}/plan/draft`,
        eaCw({ 'if-match': `"r${await revisionOf(caseId)}"` }),
        complete('ea-vantaa'),
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ location: 'body.actions[0].ownerOrganisationCode' }),
      ]);
    });

    it('owns no decision in the minutes of the client’s meeting (422)', async () => {
      const { meetingId } = matrix.shared('held');
      const meeting = (await h.inject('GET', `/v1/meetings/${meetingId}`, eaCw())).json();
      const res = await h.inject('PUT', `/v1/meetings/${meetingId}/minutes`, eaCw(), {
        items: [
          {
            agendaItemId: meeting.agenda[0].id,
            decisions: [{ text: 'd', action: { ownerOrganisationCode: 'ea-vantaa', type: 'employment' } }],
          },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'MEETING_DECISION_OWNER_NOT_A_PARTY',
        errors: [{ location: 'body.items[0].decisions[0].action.ownerOrganisationCode' }],
      });
    });

    it('sees nothing through a team place or an invitation written before the rule', async () => {
      // Rows as an acceptance by ea-vantaa or an area-wide invitation left them (issue 10).
      const { caseId, meetingId } = matrix.shared('meeting');
      const sub = subOf('caseworker', 'otherEa');
      await h.database.pool.query(
        `INSERT INTO referrals.case_team_members
           (case_id, staff_id, organisation_code, subject, role, added_at, added_by_organisation, added_by_sub)
         VALUES ($1, $2, 'ea-vantaa', $3, 'member', now(), 'ea-vantaa', $3)`,
        [caseId, otherEaStaff(), sub],
      );
      await h.database.pool.query(
        `INSERT INTO planning.meeting_participants (meeting_id, kind, staff_id, organisation_code, subject, display_name)
         VALUES ($1, 'staff', $2, 'ea-vantaa', $3, 'Staff')`,
        [meetingId, otherEaStaff(), sub],
      );
      const hd = who('caseworker', 'otherEa');
      const got = [
        (await h.inject('GET', `/v1/cases/${caseId}/meetings`, hd)).statusCode,
        (await h.inject('GET', `/v1/meetings/${meetingId}`, hd)).statusCode,
        (await h.inject('GET', `/v1/meetings/${meetingId}/invitation.ics`, hd)).statusCode,
        (await h.inject('GET', `/v1/cases/${caseId}/plan`, hd)).statusCode,
      ];
      const calendar = await h.inject('GET', '/v1/meetings?from=2026-03-19&to=2026-03-31', hd);
      expect(calendar.statusCode).toBe(200);
      expect(calendar.json().items.map((m: { caseId: string }) => m.caseId)).not.toContain(caseId);
      expect(got).toEqual([404, 404, 404, 404]);
    });
  });
});
