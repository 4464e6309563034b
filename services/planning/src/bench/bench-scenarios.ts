import type { Database } from '@tym/db';
import { systemClock } from '@tym/platform';
import type { FastifyInstance } from 'fastify';
import type { Caller } from '../caller.js';
import { findCallerFacts } from '../directory.js';
import { scheduleMeeting } from '../meetings/meetings.service.js';

/**
 * `pnpm bench` scenarios of this service (issue 14, Speed), in the shape of bench/scenario.ts:
 * scheduling a joint meeting, beside a bare Fastify handler running the same service
 * function. It works on the cases the referrals service's caseload scenario loads (given
 * with `setMeetingBenchCases`): the area coordinator of Vantaa–Kerava schedules a remote
 * planning meeting in one of 1,000 of them per request, in turn.
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
];
