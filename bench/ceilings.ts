import { randomUUID } from 'node:crypto';
import { takePlanApprovalCaseFromEnd } from '@tym/planning';
import type { Ceiling, CeilingQuery } from './scenario.js';

/**
 * Database ceilings of the write scenarios defined outside bench/ (the referrals service's
 * bench scenarios), by scenario name. Each issues the statements the system's request
 * issues (counted with BENCH_TRACE_SQL=1, see README.md), in the same order, on the same
 * tables, rows, unique keys and row locks — without HTTP, Fastify, drizzle or service code.
 */
export const ceilings: Record<string, Ceiling> = {
  // POST /v1/referrals of a new client (issue 14, after): routing (1 read), client lock +
  // insert, agreement settings, then the referral with its transition, deadline, two events
  // (deadline.set, referral.submitted) and two access-log rows as one statement of
  // data-modifying CTEs (services/referrals `insertSubmittedReferral`); 5 statements +
  // BEGIN/COMMIT. (The system prepares the CTE statement once per connection; this query
  // function sends it unnamed, parsed and planned each time.)
  'referral-create': {
    async prepare(query) {
      const { rows } = await query(
        `SELECT id FROM resourcing.cooperation_areas WHERE code = 'vantaa-kerava'`,
      );
      if (!rows[0]) throw new Error('cooperation area vantaa-kerava missing');
      return rows[0].id as string;
    },
    async transaction(query, n, prepared) {
      const area = prepared as string;
      const index = `ceiling-${process.pid}-${n}`;
      await query(
        `SELECT m.code, m.name_fi, m.language, w.id, ca.id AS ca_id FROM resourcing.municipalities m
           LEFT JOIN resourcing.wellbeing_counties w ON w.id = m.wellbeing_county_id
           LEFT JOIN LATERAL (SELECT c.id FROM resourcing.cooperation_areas c
                               WHERE c.id = $2 AND NOT c.is_default LIMIT 1) ca ON true
          WHERE m.code = $1`,
        ['245', area],
      );
      await query(`SELECT id FROM referrals.clients WHERE identity_code_index = $1 FOR UPDATE`, [index]);
      const client = await query(
        `INSERT INTO referrals.clients (id, identity_code_encrypted, identity_code_index, first_names, last_name,
                home_municipality_code, preferred_language, created_by_organisation, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, 'Bench', 'Ceiling', '245', 'fi', 'kela', now(), now())
         ON CONFLICT DO NOTHING RETURNING id`,
        ['v1.ceiling.x.y.z', index],
      );
      const clientId = client.rows[0]?.id as string;
      await query(
        `SELECT a.id, v.version, v.referral_response_days FROM resourcing.agreements a
           JOIN resourcing.agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version
          WHERE a.cooperation_area_id = $1 AND a.approved_version = a.current_version
            AND a.valid_from <= current_date AND (a.valid_to IS NULL OR a.valid_to >= current_date)
          ORDER BY a.valid_from DESC LIMIT 1`,
        [area],
      );
      const parties = ['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'];
      const referralId = randomUUID();
      const deadlineId = randomUUID();
      const now = new Date();
      const event = (
        type: string,
        subjectType: string,
        subjectId: string,
        payload: object,
        afterDeadline: boolean,
      ) => ({
        type,
        occurred_at: now,
        organisation_codes: parties,
        cooperation_area_id: area,
        subject_type: subjectType,
        subject_id: subjectId,
        actor_organisation: 'kela',
        actor_sub: 'bench-ceiling',
        payload,
        after_deadline: afterDeadline,
      });
      const log = (action: string, type: string, id: string) => ({
        occurred_at: now,
        request_id: `ceiling-${n}`,
        actor_sub: 'bench-ceiling',
        actor_organisation: 'kela',
        actor_roles: ['caseworker'],
        action,
        resource_type: type,
        resource_id: id,
        client_id: clientId,
        purpose: 'bench',
      });
      // BENCH_CEILING_NOTIFY=1: with one NOTIFY per event, as before issue 14, to measure
      // what NOTIFY's commit-time lock costs at this concurrency.
      if (process.env.BENCH_CEILING_NOTIFY === '1') {
        await query(`SELECT pg_notify('tym_events', '')`);
        await query(`SELECT pg_notify('tym_events', '')`);
      }
      await query(
        `WITH r AS (
           INSERT INTO referrals.referrals (id, client_id, cooperation_area_id, home_municipality_code,
                  employment_authority_code, wellbeing_county_organiser_code, referring_organisation_code,
                  referred_by_sub, grounds, description, status, submitted_at, submitted_on, respond_by,
                  response_days, submitted_details, submitted_routing, client_details_status, updated_at)
           VALUES ($1, $2, $3, '245', 'ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela', 'bench-ceiling',
                   ARRAY['life_management_problems'], 'bench', 'submitted', $4, current_date, current_date + 14,
                   14, 'v1.ceiling.details', NULL, NULL, $4)
           ON CONFLICT DO NOTHING RETURNING *
         ), t AS (
           INSERT INTO referrals.referral_transitions (referral_id, from_status, to_status, at, actor_organisation,
                  actor_sub)
           SELECT id, NULL, 'submitted', $4, 'kela', 'bench-ceiling' FROM r
         ), d AS (
           INSERT INTO platform.deadlines (id, kind, subject_type, subject_id, case_id, cooperation_area_id,
                  organisation_codes, due_on, status, version, rule, statute, computation, created_at, updated_at)
           SELECT $5, 'referral.response', 'referral', $1::text, NULL, $3, $6::text[], current_date + 14, 'pending',
                  1, 'referral.response', '381/2023 §6', '{}'::jsonb, $4, $4 FROM r
           ON CONFLICT (kind, subject_id) WHERE status = 'pending' DO NOTHING RETURNING id
         ), e AS (
           INSERT INTO platform.events (type, occurred_at, organisation_codes, cooperation_area_id, subject_type,
                  subject_id, actor_organisation, actor_sub, payload)
           SELECT v.type, v.occurred_at, v.organisation_codes, v.cooperation_area_id, v.subject_type, v.subject_id,
                  v.actor_organisation, v.actor_sub, v.payload
             FROM json_to_recordset($7::json) AS v(type text, occurred_at timestamptz, organisation_codes text[],
                  cooperation_area_id uuid, subject_type text, subject_id text, actor_organisation text,
                  actor_sub text, payload jsonb, after_deadline boolean)
            WHERE EXISTS (SELECT 1 FROM r) AND (NOT v.after_deadline OR EXISTS (SELECT 1 FROM d))
         ), l AS (
           INSERT INTO referrals.access_log (occurred_at, request_id, actor_sub, actor_organisation, actor_roles,
                  action, resource_type, resource_id, client_id, purpose)
           SELECT occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action, resource_type,
                  resource_id, client_id, purpose
             FROM json_to_recordset($8::json) AS a(occurred_at timestamptz, request_id text, actor_sub text,
                  actor_organisation text, actor_roles text[], action text, resource_type text, resource_id text,
                  client_id uuid, purpose text)
            WHERE EXISTS (SELECT 1 FROM r)
         )
         SELECT r.*, EXISTS (SELECT 1 FROM d) AS deadline_written FROM r`,
        [
          referralId,
          clientId,
          area,
          now,
          deadlineId,
          parties,
          JSON.stringify([
            event('deadline.set', 'deadline', deadlineId, { deadlineId, kind: 'referral.response' }, true),
            event(
              'referral.submitted',
              'referral',
              referralId,
              { referralId, clientId, cooperationAreaId: area },
              false,
            ),
          ]),
          JSON.stringify([
            log('client.create', 'client', clientId),
            log('referral.create', 'referral', referralId),
          ]),
        ],
      );
    },
  },
  // POST /v1/cases/{id}/meetings by the area coordinator: the case (row), the caller's team
  // membership, the organiser's staff record, the organiser's calendar lock (an advisory lock
  // per staff member: every meeting of one organiser serialises on it, in the system too),
  // meeting, agenda item, organiser participant, the case's event sequence and the event,
  // the access-log row, and the three reads of the answer; 14 statements + BEGIN/COMMIT.
  'meeting-schedule': {
    async prepare(query) {
      const staff = await query(
        `SELECT id FROM resourcing.staff WHERE organisation_code = 'hva-vantaa-kerava' AND subject = 'bench-coordinator'`,
      );
      const cases = await query(
        `SELECT c.id, c.client_id, c.cooperation_area_id FROM referrals.cases c
           JOIN resourcing.cooperation_areas a ON a.id = c.cooperation_area_id AND a.code = 'vantaa-kerava'
          WHERE c.status = 'assessment' AND c.wellbeing_county_organiser_code = 'hva-vantaa-kerava'
          ORDER BY c.id LIMIT 1000`,
      );
      if (!staff.rows[0] || !cases.rows.length)
        throw new Error('no bench cases: run the caseload-50 setup first');
      return { staffId: staff.rows[0].id as string, cases: cases.rows };
    },
    async transaction(query, n, prepared) {
      const { staffId, cases } = prepared as { staffId: string; cases: Array<Record<string, string>> };
      const kase = cases[n % cases.length] as Record<string, string>;
      await query(`SELECT * FROM referrals.cases WHERE id = $1`, [kase.id]);
      await query(
        `SELECT id FROM referrals.case_team_members WHERE case_id = $1 AND organisation_code = $2 AND subject = $3
            AND removed_at IS NULL`,
        [kase.id, 'hva-vantaa-kerava', 'bench-coordinator'],
      );
      await query(`SELECT * FROM resourcing.staff WHERE id = $1`, [staffId]);
      await query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`planning.staff:${staffId}`]);
      const meeting = await query(
        `INSERT INTO planning.meetings (case_id, cooperation_area_id, kind, local_start, time_zone, starts_at, ends_at,
                duration_minutes, mode, online_url, organiser_staff_id, organiser_organisation_code, organiser_sub,
                created_at, updated_at)
         VALUES ($1, $2, 'planning', '2027-03-15T10:00', 'Europe/Helsinki', '2027-03-15T08:00Z', '2027-03-15T09:00Z', 60,
                 'remote', 'https://meet.example.org/bench', $3, 'hva-vantaa-kerava', 'bench-coordinator', now(), now())
         RETURNING *`,
        [kase.id, kase.cooperation_area_id, staffId],
      );
      const meetingId = meeting.rows[0]?.id as string;
      await query(
        `INSERT INTO planning.meeting_agenda_items (meeting_id, position, title) VALUES ($1, 1, 'Plan') RETURNING *`,
        [meetingId],
      );
      await query(
        `INSERT INTO planning.meeting_participants (meeting_id, kind, staff_id, organisation_code, subject, display_name,
                response)
         VALUES ($1, 'staff', $2, 'hva-vantaa-kerava', 'bench-coordinator', 'Bench coordinator', 'accepted') RETURNING *`,
        [meetingId, staffId],
      );
      const seq = await query(
        `INSERT INTO platform.case_sequences (case_id, last) VALUES ($1, 1)
         ON CONFLICT (case_id) DO UPDATE SET last = platform.case_sequences.last + 1 RETURNING last`,
        [kase.id],
      );
      await query(
        `INSERT INTO platform.events (type, occurred_at, organisation_codes, cooperation_area_id, case_id, case_sequence,
                subject_type, subject_id, actor_organisation, actor_sub, payload)
         VALUES ('meeting.scheduled', now(), ARRAY['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'], $1, $2, $3, 'meeting',
                 $4, 'hva-vantaa-kerava', 'bench-coordinator', $5) RETURNING id, event_id`,
        [kase.cooperation_area_id, kase.id, seq.rows[0]?.last, meetingId, JSON.stringify({ meetingId })],
      );
      await query(
        `INSERT INTO referrals.access_log (occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action,
                resource_type, resource_id, client_id, purpose)
         VALUES (now(), $1, 'bench-coordinator', 'hva-vantaa-kerava', ARRAY['coordinator'], 'meeting.schedule', 'case',
                 $2::text, $3::uuid, 'bench')`,
        [`ceiling-${n}`, kase.id, kase.client_id],
      );
      await query(`SELECT * FROM planning.meeting_agenda_items WHERE meeting_id = $1 ORDER BY position`, [
        meetingId,
      ]);
      await query(`SELECT * FROM planning.meeting_participants WHERE meeting_id = $1`, [meetingId]);
      await query(`SELECT * FROM planning.meeting_decisions WHERE meeting_id = $1`, [meetingId]);
    },
  },
  // POST /v1/cases/{id}/plan/approvals, the HVA's approval completing the plan (counted with
  // BENCH_TRACE_SQL=1): the case, the caller's team membership, the plan (row lock), the case
  // again and the area's parties (who must approve), the approval, the approvals, the
  // actions; agreeing: the version, per action its row, deadline and deadline.set event
  // (with the case's event sequence), the client-report and review deadlines with theirs,
  // the case active with its transition, plan.due met with its event (and met again, a
  // no-op), the approvals withdrawn, the plan updated, plan.agreed; then the 14 reads of
  // the answer and the access-log row: 48 statements + BEGIN/COMMIT. Each transaction
  // approves a draft of its own, taken from the back of the setup's list.
  'plan-approve': {
    async transaction(query, n) {
      const caseId = takePlanApprovalCaseFromEnd();
      const actor = ['hva-vantaa-kerava', 'bench-coordinator'];
      const kase = (await query(`SELECT * FROM referrals.cases WHERE id = $1`, [caseId])).rows[0] as Record<
        string,
        unknown
      >;
      const area = kase.cooperation_area_id as string;
      const parties = kase.party_organisation_codes as string[];
      await query(
        `SELECT id FROM referrals.case_team_members WHERE case_id = $1 AND organisation_code = $2 AND subject = $3
            AND removed_at IS NULL`,
        [caseId, ...actor],
      );
      const plan = (await query(`SELECT * FROM planning.plans WHERE case_id = $1 FOR UPDATE`, [caseId]))
        .rows[0] as Record<string, unknown>;
      const planId = plan.id as string;
      const draft = plan.draft as {
        actions: Array<{ id: string; ownerOrganisationCode: string; dueOn: string }>;
      };
      const partiesOf = `SELECT p.cooperation_area_id, p.organisation_code, p.role, o.name_fi, o.name_sv, o.name_en
           FROM resourcing.cooperation_area_parties p JOIN resourcing.organisations o ON o.code = p.organisation_code
          WHERE p.cooperation_area_id = ANY($1) ORDER BY p.cooperation_area_id, p.organisation_code`;
      await query(`SELECT * FROM referrals.cases WHERE id = $1`, [caseId]);
      await query(partiesOf, [[area]]);
      await query(
        `INSERT INTO planning.plan_approvals (plan_id, draft_revision, approver, roles, method,
                recorded_by_organisation, recorded_by_sub, approved_at)
         VALUES ($1, 1, 'hva-vantaa-kerava', ARRAY['wellbeing_county'], NULL, $2, $3, now())
         ON CONFLICT DO NOTHING RETURNING *`,
        [planId, ...actor],
      );
      const approvals = await query(
        `SELECT * FROM planning.plan_approvals WHERE plan_id = $1 AND withdrawn_at IS NULL ORDER BY approved_at`,
        [planId],
      );
      await query(`SELECT * FROM planning.plan_actions WHERE plan_id = $1`, [planId]);
      await query(
        `INSERT INTO planning.plan_versions (plan_id, version, contents, action_statuses, approvals, draft_revision,
                agreed_on, agreed_at, basis)
         VALUES ($1, 1, $2, $3, $4, 1, current_date, now(), 'initial')`,
        [
          planId,
          JSON.stringify(draft),
          JSON.stringify(Object.fromEntries(draft.actions.map((a) => [a.id, 'planned']))),
          JSON.stringify(approvals.rows),
        ],
      );
      const event = async (
        q: CeilingQuery,
        type: string,
        subjectType: string,
        subjectId: string,
        codes: string[],
      ) => {
        const seq = await q(
          `INSERT INTO platform.case_sequences (case_id, last) VALUES ($1, 1)
           ON CONFLICT (case_id) DO UPDATE SET last = platform.case_sequences.last + 1 RETURNING last`,
          [caseId],
        );
        await q(
          `INSERT INTO platform.events (type, occurred_at, organisation_codes, cooperation_area_id, case_id,
                  case_sequence, subject_type, subject_id, actor_organisation, actor_sub, payload)
           VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, event_id`,
          [
            type,
            codes,
            area,
            caseId,
            seq.rows[0]?.last,
            subjectType,
            subjectId,
            ...actor,
            JSON.stringify({ caseId, planId }),
          ],
        );
      };
      const deadline = async (
        kind: string,
        subjectType: string,
        subjectId: string,
        codes: string[],
        dueOn: string,
      ) => {
        const row = await query(
          `INSERT INTO platform.deadlines (kind, subject_type, subject_id, case_id, cooperation_area_id,
                  organisation_codes, due_on, rule, statute, computation, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $1, 'bench', '{"planVersion": 1}'::jsonb, now(), now())
           ON CONFLICT (kind, subject_id) WHERE status = 'pending' DO NOTHING RETURNING *`,
          [kind, subjectType, subjectId, caseId, area, codes, dueOn],
        );
        await event(query, 'deadline.set', 'deadline', String(row.rows[0]?.id), codes);
      };
      for (const a of draft.actions) {
        await query(
          `INSERT INTO planning.plan_actions (id, plan_id, owner_organisation_code, due_on) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET owner_organisation_code = $3, due_on = $4, in_force = true`,
          [a.id, planId, a.ownerOrganisationCode, a.dueOn],
        );
        await deadline(
          'plan.action',
          'plan_action',
          a.id,
          [...new Set([a.ownerOrganisationCode, ...parties])],
          a.dueOn,
        );
      }
      await deadline('plan.client_report', 'case', caseId, parties, '2027-05-15');
      await deadline('plan.review', 'case', caseId, parties, '2027-03-01');
      await query(
        `UPDATE referrals.cases SET status = 'active', activated_on = current_date, updated_at = now()
          WHERE id = $1 AND status = 'assessment' RETURNING *`,
        [caseId],
      );
      await query(
        `INSERT INTO referrals.case_transitions (case_id, from_status, to_status, at, actor_organisation, actor_sub)
         VALUES ($1, 'assessment', 'active', now(), $2, $3)`,
        [caseId, ...actor],
      );
      const meet = `UPDATE platform.deadlines SET status = CASE WHEN current_date > due_on THEN 'met_late' ELSE 'met' END,
                version = version + 1, met_on = current_date, updated_at = now()
          WHERE kind = 'plan.due' AND subject_id = $1 AND status = 'pending' RETURNING *`;
      const met = await query(meet, [caseId]);
      if (met.rows[0])
        await event(query, 'deadline.met', 'deadline', String(met.rows[0].id), ['hva-vantaa-kerava']);
      await query(meet, [caseId]);
      await query(
        `UPDATE planning.plan_approvals SET withdrawn_at = now() WHERE plan_id = $1 AND withdrawn_at IS NULL RETURNING id`,
        [planId],
      );
      await query(
        `UPDATE planning.plans SET draft_status = 'none', draft = NULL, draft_revision = 2, submitted_revision = NULL,
                current_version = 1, last_agreed_on = current_date, updated_at = now() WHERE id = $1 RETURNING *`,
        [planId],
      );
      await event(query, 'plan.agreed', 'plan', planId, parties);
      // The answer: the plan view.
      const pending = `SELECT * FROM platform.deadlines WHERE kind = $1 AND subject_id = $2 AND status = 'pending'`;
      await query(`SELECT * FROM planning.plans WHERE case_id = $1`, [caseId]);
      await query(`SELECT * FROM planning.plan_versions WHERE plan_id = $1 AND version = 1`, [planId]);
      await query(`SELECT * FROM planning.plan_actions WHERE plan_id = $1`, [planId]);
      await query(
        `SELECT * FROM planning.plan_approvals WHERE plan_id = $1 AND withdrawn_at IS NULL ORDER BY approved_at`,
        [planId],
      );
      await query(`SELECT * FROM planning.plan_reviews WHERE plan_id = $1 ORDER BY recorded_at`, [planId]);
      for (const kind of ['plan.review', 'plan.review_requested', 'plan.client_report'])
        await query(pending, [kind, caseId]);
      await query(`SELECT * FROM referrals.cases WHERE id = $1`, [caseId]);
      await query(partiesOf, [[area]]);
      await query(
        `SELECT m.id, m.kind, m.status, p.kind, p.organisation_code, p.attended FROM planning.meetings m
           LEFT JOIN planning.meeting_participants p ON p.meeting_id = m.id
          WHERE m.case_id = $1 AND m.kind IN ('assessment', 'planning') AND m.status IN ('held', 'closed')
          ORDER BY m.starts_at, m.id`,
        [caseId],
      );
      await query(`SELECT * FROM referrals.cases WHERE id = $1`, [caseId]);
      await query(partiesOf, [[area]]);
      await query(
        `SELECT * FROM planning.plan_client_participation WHERE plan_id = $1 ORDER BY occurred_on, recorded_at, id`,
        [planId],
      );
      await query(
        `INSERT INTO referrals.access_log (occurred_at, request_id, actor_sub, actor_organisation, actor_roles, action,
                resource_type, resource_id, client_id, purpose)
         VALUES (now(), $1, $3, $2, ARRAY['coordinator'], 'plan.approve', 'case', $4::text, $5::uuid, 'bench')`,
        [`ceiling-${n}`, ...actor, caseId, kase.client_id],
      );
    },
  },
};
