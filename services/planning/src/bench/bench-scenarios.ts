import type { Database } from '@tym/db';
import { systemClock } from '@tym/platform';
import type { FastifyInstance } from 'fastify';
import type { Caller } from '../caller.js';
import { findCallerFacts } from '../directory.js';
import { scheduleMeeting } from '../meetings/meetings.service.js';
import { approveDraft, type DraftInput, putDraft, submitDraft } from '../plans/plans.service.js';

/**
 * `pnpm bench` scenarios of this service (issue 14, Speed), in the shape of bench/scenario.ts:
 * scheduling a joint meeting and approving a submitted plan, each beside a bare Fastify
 * handler running the same service function. They work on the cases the referrals
 * service's caseload scenario loads (given with `setMeetingBenchCases` and
 * `setPlanApprovalBenchCases`): the area coordinator of Vantaa–Kerava schedules a remote
 * planning meeting in one of 1,000 of them per request, in turn; or approves for the HVA a
 * submitted draft the client and the employment authority have approved already — the last
 * approval, so every request agrees the plan (version 1, actions, deadlines, the case active,
 * `plan.agreed`).
 */
export interface PlanningBenchScenario {
  name: string;
  description: string;
  request(ctx: { token: (org: string, roles: string[], sub?: string) => string }): {
    method: 'POST';
    path: string;
    headers?: Record<string, string>;
    body?: string;
    pathFor?: (n: number) => string;
  };
  bare(app: FastifyInstance, db: Database): void;
}

const COORDINATOR = { org: 'hva-vantaa-kerava', sub: 'bench-coordinator' };
let caseIds: string[] = [];

/**
 * The cases the meetings go to (bench/scenarios sets them after loading the caseload data:
 * cases in assessment of the coordinator's area, read there since this service does not
 * query the referrals and resourcing schemas).
 */
export function setMeetingBenchCases(ids: readonly string[]): void {
  caseIds = [...ids];
}

/**
 * The plan-approve cases: each has a submitted draft (revision 1) awaiting the HVA's
 * approval. The HTTP requests take them from the front (`nextPlanApprovalCase`, one per
 * request sent, whichever scenario sends it), the database ceiling from the back
 * (`takePlanApprovalCaseFromEnd`), so no draft is approved twice in one run. (The request
 * number the harness passes is shared by every scenario and the mixed one, so indexing the
 * drafts by it wrapped around to approved drafts: 409s in caseworker-day at 64 connections.)
 */
let planCaseIds: string[] = [];
let planCasesTakenFromEnd = 0;
let planCasesTakenFromFront = 0;

export function setPlanApprovalBenchCases(ids: readonly string[]): void {
  planCaseIds = [...ids];
  planCasesTakenFromEnd = 0;
  planCasesTakenFromFront = 0;
}

/** The case of the next approval request; past the drafts left, a case that is not there (404, counted). */
function nextPlanApprovalCase(): string {
  if (planCasesTakenFromFront + planCasesTakenFromEnd >= planCaseIds.length) return 'no-drafts-left';
  return planCaseIds[planCasesTakenFromFront++] as string;
}

/** The next case for the database ceiling, from the back of the list. */
export function takePlanApprovalCaseFromEnd(): string {
  planCasesTakenFromEnd += 1;
  const id =
    planCasesTakenFromFront + planCasesTakenFromEnd <= planCaseIds.length
      ? planCaseIds[planCaseIds.length - planCasesTakenFromEnd]
      : undefined;
  if (!id) throw new Error('no plan-approve bench drafts left: run the setup again');
  return id;
}

/** The employment authority's coordinator of the area, who approves before the HVA. */
export const PLAN_BENCH_EA = { org: 'ea-kerava-sipoo', sub: 'bench-ea-coordinator' };

/** The bench's plan: complete (381/2023 §5, §7), two dated actions, no Kela part (§4(2)). */
const benchDraft: DraftInput = {
  mapping: { serviceNeed: 'Työllistymistä edistävät palvelut', situationSummary: 'Bench' },
  goals: ['Työ tai koulutus'],
  actions: [
    {
      ownerOrganisationCode: 'ea-kerava-sipoo',
      type: 'employment',
      description: 'Työkokeilu',
      dueOn: '2027-06-30',
    },
    {
      ownerOrganisationCode: 'hva-vantaa-kerava',
      type: 'social',
      description: 'Sosiaalinen kuntoutus',
      dueOn: '2027-05-31',
    },
  ],
  followUp: 'Seuranta kuukausittain',
  workSearch: { obligation: 'applies' },
  clientReport: { dueOn: '2027-05-15', manner: 'Puhelimitse' },
  kelaRehabilitationNeeded: false,
};

const benchCaller = async (
  db: Database,
  who: { org: string; sub: string },
  requestId: string,
): Promise<Caller> => {
  const facts = await findCallerFacts(db, who.org, who.sub);
  return {
    org: who.org,
    sub: who.sub,
    roles: ['coordinator'],
    staffId: facts.staffId,
    areaIds: facts.areaIds,
    audit: { requestId, purpose: 'bench' },
  };
};

/**
 * Prepares one case's plan through this service, as the parties would: the employment
 * authority's coordinator writes the draft, submits it, records the client's approval given
 * in the meeting and approves for the employment authority — what is left is the HVA's
 * approval. bench/scenarios copies these rows to the other cases (ids renewed).
 */
export async function preparePlanApprovalTemplate(db: Database, caseId: string): Promise<void> {
  const deps = { db, clock: systemClock };
  const ea = await benchCaller(db, PLAN_BENCH_EA, 'bench-setup');
  await putDraft(deps, ea, caseId, benchDraft, '"0"');
  await submitDraft(deps, ea, caseId, '"1"');
  await approveDraft(deps, ea, caseId, { draftRevision: 1, approver: 'client', method: 'in_meeting' });
  await approveDraft(deps, ea, caseId, { draftRevision: 1, approver: 'organisation' });
}

const planApprovalBody = JSON.stringify({ draftRevision: 1, approver: 'organisation' });

const meetingBody = JSON.stringify({
  kind: 'planning',
  start: '2027-03-15T10:00',
  durationMinutes: 60,
  mode: 'remote',
  onlineUrl: 'https://meet.example.org/bench',
  agenda: [{ title: 'Plan' }],
  participants: { staff: [], guests: [] },
  allowConflicts: true,
});

export const planningBenchScenarios: PlanningBenchScenario[] = [
  {
    name: 'meeting-schedule',
    description: 'Authenticated POST /v1/cases/{id}/meetings by the area coordinator (1,000 cases in turn)',
    request: ({ token }) => ({
      method: 'POST',
      path: `/v1/cases/${caseIds[0] ?? 'run-setup-first'}/meetings`,
      headers: {
        authorization: `Bearer ${token(COORDINATOR.org, ['coordinator'], COORDINATOR.sub)}`,
        'content-type': 'application/json',
      },
      body: meetingBody,
      pathFor: (n) => `/v1/cases/${caseIds[n % Math.max(1, caseIds.length)]}/meetings`,
    }),
    bare: (app, db) => {
      // The same service function inside a transaction, without auth, validation, problem
      // mapping or idempotency; the caller from the same directory statement.
      const deps = { db, clock: systemClock };
      app.post('/v1/cases/:caseId/meetings', async (request, reply) => {
        const { caseId } = request.params as { caseId: string };
        const facts = await findCallerFacts(db, COORDINATOR.org, COORDINATOR.sub);
        const caller: Caller = {
          org: COORDINATOR.org,
          sub: COORDINATOR.sub,
          roles: ['coordinator'],
          staffId: facts.staffId,
          areaIds: facts.areaIds,
          audit: { requestId: String(request.id), purpose: 'bench' },
        };
        const meeting = await db.transaction((tx) =>
          scheduleMeeting(deps, caller, caseId, JSON.parse(meetingBody), tx),
        );
        return reply.code(201).send({ id: meeting.meeting.id });
      });
    },
  },
  {
    name: 'plan-approve',
    description:
      'Authenticated POST /v1/cases/{id}/plan/approvals: the HVA coordinator’s approval, the last one, agrees the plan',
    request: ({ token }) => ({
      method: 'POST',
      path: `/v1/cases/${planCaseIds[planCasesTakenFromFront] ?? 'run-setup-first'}/plan/approvals`,
      headers: {
        authorization: `Bearer ${token(COORDINATOR.org, ['coordinator'], COORDINATOR.sub)}`,
        'content-type': 'application/json',
      },
      body: planApprovalBody,
      pathFor: () => `/v1/cases/${nextPlanApprovalCase()}/plan/approvals`,
    }),
    bare: (app, db) => {
      // The same service function (its own transaction, as the route calls it), without
      // auth, validation, problem mapping or the answer's serialisation; the caller from
      // the same directory statement.
      const deps = { db, clock: systemClock };
      app.post('/v1/cases/:caseId/plan/approvals', async (request, reply) => {
        const { caseId } = request.params as { caseId: string };
        const caller = await benchCaller(db, COORDINATOR, String(request.id));
        const v = await approveDraft(deps, caller, caseId, JSON.parse(planApprovalBody));
        return reply.code(201).send({ agreedVersion: v.agreedVersion });
      });
    },
  },
];
