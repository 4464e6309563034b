import { reviewDueOn, reviewRequestDueOn } from '@tym/domain';
import { describe, expect, it } from 'vitest';
import { isTimeZone, zonedToInstant } from '../time-zones.js';
import {
  clientParticipationProblems,
  diffPlans,
  jointWorkParticipation,
  mayRecordReview,
  missingPlanContents,
  requiredPlanApprovals,
} from './plan-rules.js';

describe('requiredPlanApprovals (381/2023 §4(2))', () => {
  const base = {
    employmentAuthorityCode: 'ea-kerava-sipoo',
    wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
    kelaOrganisationCodes: ['kela'],
  };
  it('asks the client, the employment authority and the HVA, not Kela, without Kela rehabilitation', () => {
    expect(requiredPlanApprovals({ ...base, kelaRehabilitationNeeded: false })).toEqual([
      { approver: 'client', roles: [] },
      { approver: 'ea-kerava-sipoo', roles: ['employment_authority'] },
      { approver: 'hva-vantaa-kerava', roles: ['wellbeing_county'] },
    ]);
  });
  it('adds Kela when the client needs Kela rehabilitation', () => {
    expect(requiredPlanApprovals({ ...base, kelaRehabilitationNeeded: true }).map((r) => r.approver)).toEqual(
      ['client', 'ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'],
    );
  });
  it('adds Kela whenever the plan holds an action Kela owns, even with the flag false', () => {
    expect(
      requiredPlanApprovals({
        ...base,
        kelaRehabilitationNeeded: false,
        actionOwnerOrganisationCodes: ['ea-kerava-sipoo', 'kela'],
      }).map((r) => r.approver),
    ).toEqual(['client', 'ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela']);
    expect(
      requiredPlanApprovals({
        ...base,
        kelaRehabilitationNeeded: false,
        actionOwnerOrganisationCodes: ['ea-kerava-sipoo', 'hva-vantaa-kerava'],
      }).map((r) => r.approver),
    ).toEqual(['client', 'ea-kerava-sipoo', 'hva-vantaa-kerava']);
  });
  it('lets Helsinki, holding both roles, approve once for both', () => {
    expect(
      requiredPlanApprovals({
        employmentAuthorityCode: 'helsinki',
        wellbeingCountyOrganiserCode: 'helsinki',
        kelaOrganisationCodes: ['kela'],
        kelaRehabilitationNeeded: false,
      }),
    ).toEqual([
      { approver: 'client', roles: [] },
      { approver: 'helsinki', roles: ['employment_authority', 'wellbeing_county'] },
    ]);
  });
});

describe('mayRecordReview (381/2023 §6)', () => {
  it('is the client’s employment authority’s, not the HVA’s or Kela’s', () => {
    const kase = { employmentAuthorityCode: 'ea-kerava-sipoo' };
    expect(mayRecordReview('ea-kerava-sipoo', kase)).toBe(true);
    expect(mayRecordReview('hva-vantaa-kerava', kase)).toBe(false);
    expect(mayRecordReview('kela', kase)).toBe(false);
    // Another employment authority of the same area is not the client's.
    expect(mayRecordReview('ea-vantaa', kase)).toBe(false);
    // Helsinki holds both roles and is the employment authority of its clients.
    expect(mayRecordReview('helsinki', { employmentAuthorityCode: 'helsinki' })).toBe(true);
  });
});

describe('jointWorkParticipation (381/2023 §4)', () => {
  const kase = { employmentAuthorityCode: 'ea', wellbeingCountyOrganiserCode: 'hva' };
  const staff = (org: string, attended: boolean | null) => ({
    kind: 'staff' as const,
    organisationCode: org,
    attended,
  });
  const client = (attended: boolean | null) => ({
    kind: 'client' as const,
    organisationCode: null,
    attended,
  });
  it('says who took part in the assessment and the planning meetings held', () => {
    const p = jointWorkParticipation(
      [
        {
          id: 'm1',
          kind: 'assessment',
          status: 'closed',
          participants: [staff('hva', true), staff('ea', true), staff('kela', false), client(true)],
        },
        { id: 'm2', kind: 'assessment', status: 'held', participants: [staff('kela', true)] },
        {
          id: 'm3',
          kind: 'planning',
          status: 'held',
          participants: [staff('hva', true), staff('kela', true), client(false)],
        },
        // Not held, or not a meeting of these kinds: not counted.
        { id: 'm4', kind: 'planning', status: 'scheduled', participants: [staff('ea', null), client(null)] },
        { id: 'm5', kind: 'planning', status: 'cancelled', participants: [staff('ea', true)] },
        { id: 'm6', kind: 'review', status: 'held', participants: [staff('ea', true), client(true)] },
      ],
      kase,
      ['kela'],
      false,
    );
    expect(p.assessment).toEqual({
      meetingIds: ['m1', 'm2'],
      clientTookPart: true,
      organisationCodes: ['ea', 'hva', 'kela'],
      missingParties: [],
    });
    // Kela is not required in the planning without Kela services; the EA is.
    expect(p.planning).toEqual({
      meetingIds: ['m3'],
      clientTookPart: false,
      organisationCodes: ['hva', 'kela'],
      missingParties: ['employment_authority'],
    });
  });
  it('requires Kela in the planning when the plan needs Kela, and everyone when nothing is held', () => {
    const p = jointWorkParticipation([], kase, ['kela'], true);
    expect(p.assessment.missingParties).toEqual(['employment_authority', 'wellbeing_county', 'kela']);
    expect(p.planning).toEqual({
      meetingIds: [],
      clientTookPart: false,
      organisationCodes: [],
      missingParties: ['employment_authority', 'wellbeing_county', 'kela'],
    });
  });
});

describe('missingPlanContents (381/2023 §5, §7)', () => {
  it('lists every missing section with its location', () => {
    expect(missingPlanContents({ actions: [] }).map((m) => m.location)).toEqual([
      'draft.mapping.serviceNeed',
      'draft.mapping.situationSummary',
      'draft.goals',
      'draft.actions',
      'draft.followUp',
      'draft.workSearch',
      'draft.clientReport',
      'draft.kelaRehabilitationNeeded',
    ]);
  });
  it('needs the reason of a work search exemption and the benefits date of rehabilitative work activity', () => {
    const missing = missingPlanContents({
      actions: [],
      workSearch: { obligation: 'exempted', exemptionReason: null },
      rehabilitativeWorkActivity: { agreed: true, benefitsExplainedOn: null },
    }).map((m) => `${m.location} ${m.rule}`);
    expect(missing).toContain('draft.workSearch.exemptionReason 380/2023 §48');
    expect(missing).toContain('draft.rehabilitativeWorkActivity.benefitsExplainedOn 189/2001 §9');
  });
});

describe('diffPlans', () => {
  const action = (id: string, owner: string, dueOn: string | null = null) => ({
    id,
    ownerOrganisationCode: owner,
    type: 'other' as const,
    description: id,
    responsiblePerson: null,
    dueOn,
    sourceDecisionId: null,
  });
  it('says per organisation what changed for it', () => {
    const d = diffPlans(
      { actions: [action('a', 'ea'), action('b', 'hva'), action('c', 'hva')], followUp: 'x' },
      { actions: [action('a', 'ea', '2026-06-01'), action('c', 'ea'), action('d', 'kela')], followUp: 'y' },
      [
        { organisationCode: 'ea', roles: ['employment_authority'] },
        { organisationCode: 'hva', roles: ['wellbeing_county'] },
        { organisationCode: 'kela', roles: ['kela'] },
      ],
    );
    expect(d.commonSections).toEqual(['followUp']);
    expect(d.organisations).toEqual([
      expect.objectContaining({
        organisationCode: 'ea',
        actionsChanged: [{ actionId: 'a', fields: ['dueOn'] }],
        ownershipReceived: ['c'],
      }),
      expect.objectContaining({ organisationCode: 'hva', actionsRemoved: ['b'], ownershipGivenAway: ['c'] }),
      expect.objectContaining({ organisationCode: 'kela', actionsAdded: ['d'], changed: true }),
    ]);
  });
});

/**
 * The 3-month clocks across month ends and holidays (150/1930 §3, §5): the plan review is
 * due 3 months after the agreement or the last review; a client's request brings it to the
 * agreement's response days (14 by default).
 */
describe('review clocks', () => {
  it.each([
    // 30 Nov + 3 months → 28 Feb 2027 is a Sunday → Monday 1 March.
    ['2026-11-30', '2027-03-01'],
    // 24 Sep + 3 months → 24 Dec (Christmas Eve), 25–26 Dec holidays, 27 Dec Sunday → 28 Dec.
    ['2026-09-24', '2026-12-28'],
    // 31 Jan 2028 → 30 April 2028 is a Sunday; 1 May is a holiday → 2 May 2028.
    ['2028-01-31', '2028-05-02'],
    // Leap year: 30 Nov 2027 → 29 Feb 2028 (Tuesday).
    ['2027-11-30', '2028-02-29'],
    // 15 March → 15 June 2026 (Monday): an ordinary day.
    ['2026-03-15', '2026-06-15'],
  ])('agreed or reviewed on %s → review due %s', (from, due) => {
    expect(reviewDueOn(from).dueOn).toBe(due);
  });
  it('brings the review forward to the response days of a request', () => {
    // 18 Dec + 14 days = 1 Jan (New Year’s Day) → Friday 2 January 2026.
    expect(reviewRequestDueOn('2025-12-18', 14).dueOn).toBe('2026-01-02');
  });
});

describe('time zones', () => {
  it('accepts IANA names and refuses everything else', () => {
    expect(isTimeZone('Europe/Helsinki')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Stockholm')).toBe(true);
    for (const bad of ['Mars/Olympus', 'europe/helsinki', '+02:00', 'EET', '', 'Europe/Helsinki/x/y'])
      expect(isTimeZone(bad)).toBe(false);
  });
  it('converts wall-clock times across the DST changes of Helsinki', () => {
    expect(zonedToInstant('2026-03-28T10:00', 'Europe/Helsinki').toISOString()).toBe(
      '2026-03-28T08:00:00.000Z',
    );
    expect(zonedToInstant('2026-03-30T10:00', 'Europe/Helsinki').toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(zonedToInstant('2026-10-26T10:00', 'Europe/Helsinki').toISOString()).toBe(
      '2026-10-26T08:00:00.000Z',
    );
  });
});

describe('clientParticipationProblems (381/2023 §7(2))', () => {
  const facts = {
    assessmentStartedOn: '2026-03-19',
    today: '2026-06-10',
    firstAgreedOn: '2026-04-15' as string | null,
    planActionIds: new Set(['a1']),
  };
  const at = (input: Parameters<typeof clientParticipationProblems>[0], f = facts) =>
    clientParticipationProblems(input, f).map((p) => `${p.code} ${p.location}`);

  it('accepts each kind within the relationship, a missed review only after the agreement', () => {
    expect(at({ kind: 'did_not_take_part_in_drafting', occurredOn: '2026-03-19', explained: 'x' })).toEqual(
      [],
    );
    expect(at({ kind: 'did_not_take_part_in_review', occurredOn: '2026-06-10', explained: 'x' })).toEqual([]);
    expect(at({ kind: 'refused_measure', occurredOn: '2026-05-01', actionId: 'a1', explained: 'x' })).toEqual(
      [],
    );
    expect(at({ kind: 'did_not_take_part_in_review', occurredOn: '2026-04-14', explained: 'x' })).toEqual([
      'PLAN_CLIENT_PARTICIPATION_INVALID body.occurredOn',
    ]);
    expect(
      at(
        { kind: 'did_not_take_part_in_review', occurredOn: '2026-05-01', explained: 'x' },
        { ...facts, firstAgreedOn: null },
      ),
    ).toEqual(['PLAN_CLIENT_PARTICIPATION_INVALID body.kind']);
  });

  it('names the refused action, only for a refused measure, and needs what was explained', () => {
    expect(at({ kind: 'refused_measure', occurredOn: '2026-05-01', explained: 'x' })).toEqual([
      'PLAN_CLIENT_PARTICIPATION_INVALID body.actionId',
    ]);
    expect(at({ kind: 'refused_measure', occurredOn: '2026-05-01', actionId: 'zz', explained: 'x' })).toEqual(
      ['PLAN_ACTION_UNKNOWN body.actionId'],
    );
    expect(
      at({ kind: 'did_not_take_part_in_drafting', occurredOn: '2026-06-11', actionId: 'a1', explained: ' ' }),
    ).toEqual([
      'PLAN_CLIENT_PARTICIPATION_INVALID body.occurredOn',
      'PLAN_CLIENT_PARTICIPATION_INVALID body.actionId',
      'PLAN_CLIENT_PARTICIPATION_INVALID body.explained',
    ]);
  });
});
