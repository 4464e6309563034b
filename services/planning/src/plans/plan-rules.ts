import type {
  ClientParticipationKind,
  MeetingKind,
  MeetingStatus,
  PartyRole,
  PlanActionContent,
  PlanContents,
} from '@tym/db';
import { isLocalDate } from '@tym/domain';
import type { InvalidField } from '@tym/platform';

/** Who must approve the plan: the client, or an organisation with the party roles it approves for. */
export interface RequiredApproval {
  approver: 'client' | string;
  roles: PartyRole[];
}

/**
 * The approvals a joint plan needs before it is agreed.
 *
 * 381/2023 §4(2): the plan is drawn up jointly by the employment authority, the wellbeing
 * services county and the client — and by Kela **only when the client needs Kela's
 * rehabilitation services**. That the client and the authorities each approve it, by
 * signature or electronically, is practice carried over from the TYP decree (domain.md §4(7)).
 *
 * Kela's part follows from the plan itself: Kela approves whenever the plan holds an action
 * or service Kela owns (an action whose owner organisation holds the Kela role — Kela's
 * services are in the plan, so the client needs them, §4(2)); the `kelaRehabilitationNeeded`
 * flag is an additional reason, for a need recorded before Kela's actions are written down.
 *
 * The employment authority and the HVA are those serving the client's home municipality
 * (the case's); an organisation holding both roles (Helsinki) approves once for both. Kela is
 * whichever organisation holds the Kela role in the case's cooperation area.
 */
export function requiredPlanApprovals(input: {
  employmentAuthorityCode: string;
  wellbeingCountyOrganiserCode: string;
  kelaOrganisationCodes: readonly string[];
  kelaRehabilitationNeeded: boolean;
  /** The owner organisations of the plan's actions. */
  actionOwnerOrganisationCodes?: readonly string[];
}): RequiredApproval[] {
  const byOrganisation = new Map<string, PartyRole[]>();
  const add = (code: string, role: PartyRole) => {
    const roles = byOrganisation.get(code) ?? [];
    if (!roles.includes(role)) roles.push(role);
    byOrganisation.set(code, roles);
  };
  add(input.employmentAuthorityCode, 'employment_authority');
  add(input.wellbeingCountyOrganiserCode, 'wellbeing_county');
  if (kelaApprovalNeeded(input)) for (const code of input.kelaOrganisationCodes) add(code, 'kela');
  return [
    { approver: 'client', roles: [] },
    ...[...byOrganisation.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([approver, roles]) => ({ approver, roles })),
  ];
}

/**
 * Whether Kela takes part in (and approves) the plan, 381/2023 §4(2): the client needs Kela's
 * rehabilitation services — the plan holds an action Kela owns, or the flag says so.
 */
export function kelaApprovalNeeded(input: {
  kelaOrganisationCodes: readonly string[];
  kelaRehabilitationNeeded: boolean;
  actionOwnerOrganisationCodes?: readonly string[];
}): boolean {
  if (input.kelaRehabilitationNeeded) return true;
  return (input.actionOwnerOrganisationCodes ?? []).some((code) =>
    input.kelaOrganisationCodes.includes(code),
  );
}

/** Who records a review (381/2023 §6): the rule is services/referrals' (`mayRecordReview`). */
export { mayRecordReview } from '@tym/referrals';

/** A meeting of the case with its recorded attendance, as `jointWorkParticipation` reads it. */
export interface AttendedMeeting {
  id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  participants: ReadonlyArray<{
    kind: 'staff' | 'client' | 'guest';
    organisationCode: string | null;
    /** Recorded when the meeting was held; null until then. */
    attended: boolean | null;
  }>;
}

/** Who took part in one stage of the joint work. */
export interface StageParticipation {
  /** The held meetings of the stage, in the order given. */
  meetingIds: string[];
  clientTookPart: boolean;
  /** Organisations with staff who attended, sorted. */
  organisationCodes: string[];
  /** The parties the stage needs that no one attended for, in a fixed order. */
  missingParties: PartyRole[];
}

/**
 * Who took part in the joint need assessment and in drawing up the plan, 381/2023 §4: the
 * client's employment authority, the HVA and Kela assess the need jointly (§4(1)); the plan is
 * drawn up by the employment authority, the HVA and the client, and by Kela when the client
 * needs Kela's services (§4(2), `kelaApprovalNeeded`). Derived from the case's meetings of kind
 * `assessment` and `planning` that were held (status held or closed), by the attendance
 * recorded: a party took part when one of its staff attended; the client when the client did.
 */
export function jointWorkParticipation(
  meetings: readonly AttendedMeeting[],
  kase: { employmentAuthorityCode: string; wellbeingCountyOrganiserCode: string },
  kelaOrganisationCodes: readonly string[],
  kelaNeededInPlan: boolean,
): { assessment: StageParticipation; planning: StageParticipation } {
  const stage = (kind: 'assessment' | 'planning', kelaRequired: boolean): StageParticipation => {
    const held = meetings.filter((m) => m.kind === kind && (m.status === 'held' || m.status === 'closed'));
    const attended = held.flatMap((m) => m.participants.filter((p) => p.attended === true));
    const organisations = new Set(
      attended.flatMap((p) => (p.kind === 'staff' && p.organisationCode ? [p.organisationCode] : [])),
    );
    const missing: PartyRole[] = [];
    if (!organisations.has(kase.employmentAuthorityCode)) missing.push('employment_authority');
    if (!organisations.has(kase.wellbeingCountyOrganiserCode)) missing.push('wellbeing_county');
    if (kelaRequired && !kelaOrganisationCodes.some((c) => organisations.has(c))) missing.push('kela');
    return {
      meetingIds: held.map((m) => m.id),
      clientTookPart: attended.some((p) => p.kind === 'client'),
      organisationCodes: [...organisations].sort(),
      missingParties: missing,
    };
  };
  return { assessment: stage('assessment', true), planning: stage('planning', kelaNeededInPlan) };
}

/** Every required approver has approved. */
export function approvalsComplete(required: readonly RequiredApproval[], given: readonly string[]): boolean {
  return required.every((r) => given.includes(r.approver));
}

/**
 * What a plan must contain before it is submitted for approval (381/2023 §5, §7; domain.md §4):
 * the mapping, goals, at least one action, follow-up, the work search obligation or its
 * exemption with the reason (380/2023 §48), the deadline and manner of the client's report
 * (§7(1)), whether Kela rehabilitation is needed (§4(2)), and — when rehabilitative work
 * activity is agreed — the day the client was told of the benefits (189/2001 §9).
 * Returns the missing fields with their locations in the draft; empty when complete.
 */
export function missingPlanContents(c: PlanContents): InvalidField[] {
  const missing: InvalidField[] = [];
  const need = (ok: boolean, location: string, message: string, rule: string) => {
    if (!ok) missing.push({ location: `draft.${location}`, message, rule });
  };
  const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim().length > 0;
  need(
    filled(c.mapping?.serviceNeed),
    'mapping.serviceNeed',
    'the assessed service need is required',
    '381/2023 §5',
  );
  need(
    filled(c.mapping?.situationSummary),
    'mapping.situationSummary',
    'a summary of the situation is required',
    '381/2023 §5',
  );
  need((c.goals ?? []).some(filled), 'goals', 'at least one goal is required', '381/2023 §5');
  need(
    c.actions.length > 0,
    'actions',
    'at least one agreed action or service is required',
    '381/2023 §5(1)',
  );
  need(filled(c.followUp), 'followUp', 'how implementation is followed up is required', '381/2023 §5(3)');
  need(c.workSearch !== undefined, 'workSearch', 'the work search obligation is required', '380/2023 §48');
  if (c.workSearch?.obligation === 'exempted') {
    need(
      filled(c.workSearch.exemptionReason),
      'workSearch.exemptionReason',
      'an exemption needs its reason',
      '380/2023 §48',
    );
  }
  need(
    c.clientReport !== undefined,
    'clientReport',
    'the deadline and manner of the client’s report are required',
    '381/2023 §7(1)',
  );
  if (c.clientReport)
    need(filled(c.clientReport.manner), 'clientReport.manner', 'the manner is required', '381/2023 §7(1)');
  need(
    c.kelaRehabilitationNeeded !== undefined,
    'kelaRehabilitationNeeded',
    'whether Kela rehabilitation is needed is required',
    '381/2023 §4(2)',
  );
  if (c.rehabilitativeWorkActivity?.agreed) {
    need(
      isLocalDate(c.rehabilitativeWorkActivity.benefitsExplainedOn),
      'rehabilitativeWorkActivity.benefitsExplainedOn',
      'the client must be told of the benefits before signing',
      '189/2001 §9',
    );
  }
  return missing;
}

const ACTION_FIELDS = ['type', 'description', 'responsiblePerson', 'dueOn', 'ownerOrganisationCode'] as const;
const SECTIONS = [
  'mapping',
  'goals',
  'followUp',
  'workSearch',
  'clientReport',
  'rehabilitativeWorkActivity',
  'kelaRehabilitationNeeded',
] as const;

export interface OrganisationDiff {
  organisationCode: string;
  changed: boolean;
  actionsAdded: string[];
  actionsRemoved: string[];
  actionsChanged: Array<{ actionId: string; fields: string[] }>;
  /** An action moved to or from this organisation. */
  ownershipReceived: string[];
  ownershipGivenAway: string[];
  /** Kela's part changed: whether Kela rehabilitation is needed (381/2023 §4(2)). */
  participationChanged: boolean;
}

export interface PlanDiff {
  /** Sections that changed for every party (mapping, goals, follow-up, …). */
  commonSections: string[];
  organisations: OrganisationDiff[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What changed between two versions, said per organisation: the actions it owns that were
 * added, removed or changed (and which fields), and actions handed to or from it. Sections
 * common to all (mapping, goals, follow-up, work search, client report) are listed once.
 */
export function diffPlans(
  from: PlanContents,
  to: PlanContents,
  organisations: readonly { organisationCode: string; roles: readonly PartyRole[] }[],
): PlanDiff {
  const commonSections = SECTIONS.filter((s) => !same(from[s], to[s]));
  const before = new Map<string, PlanActionContent>(from.actions.map((a) => [a.id, a]));
  const after = new Map<string, PlanActionContent>(to.actions.map((a) => [a.id, a]));
  const kelaChanged = !same(from.kelaRehabilitationNeeded, to.kelaRehabilitationNeeded);
  const result = organisations.map(({ organisationCode, roles }) => {
    const d: OrganisationDiff = {
      organisationCode,
      changed: false,
      actionsAdded: [],
      actionsRemoved: [],
      actionsChanged: [],
      ownershipReceived: [],
      ownershipGivenAway: [],
      participationChanged: kelaChanged && roles.includes('kela'),
    };
    for (const [id, a] of after) {
      const old = before.get(id);
      if (a.ownerOrganisationCode === organisationCode) {
        if (!old) d.actionsAdded.push(id);
        else if (old.ownerOrganisationCode !== organisationCode) d.ownershipReceived.push(id);
        else {
          const fields = ACTION_FIELDS.filter((f) => !same(old[f], a[f]));
          if (fields.length) d.actionsChanged.push({ actionId: id, fields: [...fields] });
        }
      } else if (old?.ownerOrganisationCode === organisationCode) d.ownershipGivenAway.push(id);
    }
    for (const [id, old] of before) {
      if (!after.has(id) && old.ownerOrganisationCode === organisationCode) d.actionsRemoved.push(id);
    }
    d.changed =
      d.participationChanged ||
      d.actionsAdded.length + d.actionsRemoved.length + d.actionsChanged.length > 0 ||
      d.ownershipReceived.length + d.ownershipGivenAway.length > 0;
    return d;
  });
  return { commonSections: [...commonSections], organisations: result };
}

/** A record of the client's part in the plan as `clientParticipationProblems` checks it. */
export interface ClientParticipationInput {
  kind: ClientParticipationKind;
  occurredOn: string;
  actionId?: string | undefined;
  explained: string;
}

/**
 * What is wrong with a record that the client did not take part in drawing up or reviewing
 * the plan, or refused a measure of it — 381/2023 §7(2): taking part in drawing up and
 * reviewing the plan and carrying out its measures is the client's duty; when the client does
 * not, the employment authority gives its labour-policy statement (työvoimapoliittinen
 * lausunto, 380/2023 ch. 2) on the consequences for unemployment benefit, and needs the day
 * and what the client was told. So:
 * - the day is within the client relationship: not before the assessment started, not after
 *   today;
 * - a missed review needs an agreed plan, and is not before its first agreement;
 * - a refused measure names an action of the plan (the draft or an agreed version); the
 *   other kinds name none;
 * - what was explained is written down (not blank).
 * Returns the problems with their locations; empty when the record may be made.
 */
export function clientParticipationProblems(
  input: ClientParticipationInput,
  facts: {
    assessmentStartedOn: string;
    today: string;
    /** The first agreement of the plan; null before it. */
    firstAgreedOn: string | null;
    /** Ids of the actions of the draft and of every agreed version. */
    planActionIds: ReadonlySet<string>;
  },
): Array<InvalidField & { code: 'PLAN_CLIENT_PARTICIPATION_INVALID' | 'PLAN_ACTION_UNKNOWN' }> {
  const problems: Array<
    InvalidField & { code: 'PLAN_CLIENT_PARTICIPATION_INVALID' | 'PLAN_ACTION_UNKNOWN' }
  > = [];
  const invalid = (location: string, message: string, rule: string) =>
    problems.push({ code: 'PLAN_CLIENT_PARTICIPATION_INVALID', location, message, rule });
  if (input.occurredOn < facts.assessmentStartedOn || input.occurredOn > facts.today) {
    invalid(
      'body.occurredOn',
      `must be between the assessment start ${facts.assessmentStartedOn} and today ${facts.today}`,
      'range',
    );
  }
  if (input.kind === 'did_not_take_part_in_review') {
    if (!facts.firstAgreedOn) {
      invalid('body.kind', 'a review needs an agreed plan: none is agreed yet', '381/2023 §6');
    } else if (input.occurredOn < facts.firstAgreedOn) {
      invalid('body.occurredOn', `must not be before the plan was agreed on ${facts.firstAgreedOn}`, 'range');
    }
  }
  if (input.kind === 'refused_measure') {
    if (input.actionId === undefined) {
      invalid('body.actionId', 'names the refused action (refused_measure)', 'required');
    } else if (!facts.planActionIds.has(input.actionId)) {
      problems.push({
        code: 'PLAN_ACTION_UNKNOWN',
        location: 'body.actionId',
        message: 'is not an action of this plan',
        rule: 'action',
      });
    }
  } else if (input.actionId !== undefined) {
    invalid('body.actionId', 'is only for a refused measure', 'refused_measure');
  }
  if (input.explained.trim() === '') {
    invalid('body.explained', 'say what was explained to the client', '381/2023 §7(2)');
  }
  return problems;
}
