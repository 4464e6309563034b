import { randomUUID } from 'node:crypto';
import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

/**
 * The known facts of the situational-picture tests, written straight into the referrals and
 * planning schemas (as governance-fixtures.ts does: those services are other packages, and the
 * report only needs their rows). Every count the tests expect is derived by hand from the list
 * below — see situational-picture.test.ts.
 *
 * Period 2026-01 … 2026-03, today 2026-03-19 (the test clock).
 * - 6 old cases: referred 2025-09-20, started 2025-10-01, plan due 2026-01-01, plan agreed
 *   2025-12-15; reviews 2026-01-20 (on time); 3 end 2026-02-20 (employed), 2 end 2026-03-10
 *   (education), 1 stays open without a plan (overdue now) — the last one has no plan at all.
 *   One of the March-ended plans' first review set its next due day to 2026-02-20 and has a
 *   second review on 2026-03-05 (late).
 * - January: 12 referrals on 2026-01-05: 8 accepted on 01-08 (3 days, by the response day),
 *   cases started 01-15 (plan due 04-15), 5 of them with a plan agreed 03-01; 3 declined on 01-25
 *   (20 days, late; 2 single_authority_sufficient, 1 wrong_area); 1 withdrawn. Accepted 1–6
 *   were referred by the HVA, the other 6 by ea-vantaa; accepted 1–5 name two grounds (life
 *   management and work capacity), the rest life management only.
 * - February: 6 referrals on 02-02 of clients of ea-kerava-sipoo (every other referral and
 *   case is ea-vantaa's), all referred by Kela on two grounds (functional and work capacity), all accepted on 02-07 (5 days), started 02-10 (due 05-11), 2 with a plan agreed
 *   03-10. Six review requests of clients on 02-16 (January cases 1–6, due 03-02), all refused:
 *   five on 02-20 (4 days), one on 02-26 (10 days).
 * - Every other referral (old cases, March) is by ea-vantaa on the ground of life management.
 * - March: 2 referrals on 03-02: 1 accepted 03-03 (1 day), started 03-05; 1 not answered.
 * - Meetings: 6 held assessment meetings on 2026-01-15 (January cases 1–6): the client attended
 *   5; ea-vantaa and the HVA attended all 6, Kela 4. One cancelled meeting in January. One held
 *   `other` meeting on 2026-02-12 with the client.
 * - Team: one ea-vantaa person responsible on every open case (16 on 03-19), one HVA person on
 *   three of them.
 * - Another area gets 5 referrals in January: never counted here.
 */
export async function insertPictureFacts(
  db: Queryable,
  input: { areaId: string; otherAreaId: string; eaStaffId: string; hvaStaffId: string },
): Promise<void> {
  const { areaId } = input;
  const at = (d: string) => new Date(`${d}T10:00:00Z`);
  const openCases: string[] = [];

  async function client(): Promise<string> {
    const id = randomUUID();
    await db.execute(sql`
      INSERT INTO referrals.clients (id, identity_code_encrypted, identity_code_index, first_names, last_name,
             home_municipality_code, preferred_language, created_by_organisation, created_at, updated_at)
      VALUES (${id}, 'v1.test', ${`idx-${id}`}, 'Testi', 'Asiakas', '092', 'fi', 'ea-vantaa', ${at('2025-09-01')}, ${at('2025-09-01')})`);
    return id;
  }

  async function referral(r: {
    area?: string;
    submittedOn: string;
    status: 'submitted' | 'declined' | 'withdrawn';
    decidedOn?: string;
    reason?: string;
    referrer?: string;
    grounds?: string[];
    authority?: string;
  }): Promise<{ id: string; clientId: string }> {
    const id = randomUUID();
    const clientId = await client();
    const respondBy = new Date(Date.parse(`${r.submittedOn}T00:00:00Z`) + 14 * 86400000)
      .toISOString()
      .slice(0, 10);
    await db.execute(sql`
      INSERT INTO referrals.referrals (id, client_id, cooperation_area_id, home_municipality_code, employment_authority_code,
             wellbeing_county_organiser_code, referring_organisation_code, referred_by_sub, grounds, description,
             status, submitted_at, submitted_on, respond_by, response_days, decided_at, decline_reason_code, updated_at)
      VALUES (${id}, ${clientId}, ${r.area ?? areaId}, '092', ${r.authority ?? 'ea-vantaa'}, 'hva-vantaa-kerava', ${r.referrer ?? 'ea-vantaa'}, 'x',
              ${`{${(r.grounds ?? ['life_management_problems']).join(',')}}`}::text[], 'test', ${r.status}, ${at(r.submittedOn)}, ${r.submittedOn}, ${respondBy}, 14,
              ${r.decidedOn ? at(r.decidedOn) : null}, ${r.reason ?? null}, ${at(r.submittedOn)})`);
    return { id, clientId };
  }

  async function acceptedCase(c: {
    submittedOn: string;
    decidedOn: string;
    startedOn: string;
    planDueOn: string;
    endedOn?: string;
    outcome?: string;
    referrer?: string;
    grounds?: string[];
    authority?: string;
  }): Promise<string> {
    const r = await referral({
      ...(c.authority ? { authority: c.authority } : {}),
      submittedOn: c.submittedOn,
      status: 'submitted',
      ...(c.referrer ? { referrer: c.referrer } : {}),
      ...(c.grounds ? { grounds: c.grounds } : {}),
    });
    const caseId = randomUUID();
    const ended = c.endedOn !== undefined;
    await db.execute(sql`
      INSERT INTO referrals.cases (id, client_id, referral_id, cooperation_area_id, employment_authority_code,
             wellbeing_county_organiser_code, party_organisation_codes, status, assessment_started_on, plan_due_on,
             activated_on, ended_on, end_ground, end_reason_code, erasure_due_on, created_at, updated_at)
      VALUES (${caseId}, ${r.clientId}, ${r.id}, ${areaId}, ${c.authority ?? 'ea-vantaa'}, 'hva-vantaa-kerava',
              ARRAY['ea-kerava-sipoo', 'ea-vantaa', 'hva-vantaa-kerava', 'kela'], ${ended ? 'ended' : 'active'},
              ${c.startedOn}, ${c.planDueOn}, ${c.startedOn}, ${c.endedOn ?? null},
              ${ended ? 'support_no_longer_needed' : null}, ${c.outcome ?? null}, ${ended ? '2030-12-31' : null},
              ${at(c.startedOn)}, ${at(c.startedOn)})`);
    await db.execute(sql`
      UPDATE referrals.referrals SET status = 'accepted', case_id = ${caseId}, decided_at = ${at(c.decidedOn)}
       WHERE id = ${r.id}`);
    if (!ended) openCases.push(caseId);
    return caseId;
  }

  async function plan(caseId: string, agreedOn: string): Promise<string> {
    const id = randomUUID();
    await db.execute(sql`
      INSERT INTO planning.plans (id, case_id, client_id, cooperation_area_id, current_version, last_agreed_on, created_at, updated_at)
      SELECT ${id}, c.id, c.client_id, c.cooperation_area_id, 1, ${agreedOn}, ${at(agreedOn)}, ${at(agreedOn)}
        FROM referrals.cases c WHERE c.id = ${caseId}`);
    await db.execute(sql`
      INSERT INTO planning.plan_versions (plan_id, version, contents, action_statuses, approvals, draft_revision, agreed_on, agreed_at, basis)
      VALUES (${id}, 1, '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, 1, ${agreedOn}, ${at(agreedOn)}, 'initial')`);
    return id;
  }

  async function review(planId: string, reviewedOn: string, nextDueOn: string): Promise<void> {
    await db.execute(sql`
      INSERT INTO planning.plan_reviews (plan_id, reviewed_on, outcome, version, next_review_due_on,
             recorded_by_organisation, recorded_by_sub, recorded_at)
      VALUES (${planId}, ${reviewedOn}, 'unchanged', 1, ${nextDueOn}, 'ea-vantaa', 'x', ${at(reviewedOn)})`);
  }

  async function meeting(
    caseId: string,
    m: { on: string; kind: string; status: 'held' | 'cancelled'; client: boolean; orgs: string[] },
  ): Promise<void> {
    const id = randomUUID();
    const starts = new Date(`${m.on}T08:00:00Z`);
    const ends = new Date(`${m.on}T09:00:00Z`);
    await db.execute(sql`
      INSERT INTO planning.meetings (id, case_id, cooperation_area_id, kind, status, local_start, time_zone, starts_at,
             ends_at, duration_minutes, mode, address, organiser_staff_id, organiser_organisation_code, organiser_sub,
             held_at, cancelled_at, created_at, updated_at)
      VALUES (${id}, ${caseId}, ${areaId}, ${m.kind}, ${m.status}, ${`${m.on}T10:00`}, 'Europe/Helsinki', ${starts}, ${ends},
              60, 'in_person', 'Asematie 1', ${input.eaStaffId}, 'ea-vantaa', 'x',
              ${m.status === 'held' ? ends : null}, ${m.status === 'cancelled' ? starts : null}, ${starts}, ${starts})`);
    await db.execute(sql`
      INSERT INTO planning.meeting_participants (meeting_id, kind, display_name, attended)
      VALUES (${id}, 'client', 'Asiakas', ${m.client})`);
    for (const org of ['ea-vantaa', 'hva-vantaa-kerava', 'kela']) {
      await db.execute(sql`
        INSERT INTO planning.meeting_participants (meeting_id, kind, staff_id, organisation_code, subject, display_name, attended)
        VALUES (${id}, 'staff', ${randomUUID()}, ${org}, ${`${org}-1`}, 'Työntekijä', ${m.orgs.includes(org)})`);
    }
  }

  // Old cases.
  const old: string[] = [];
  for (let i = 0; i < 6; i++) {
    const end =
      i < 3
        ? { endedOn: '2026-02-20', outcome: 'employed' }
        : i < 5
          ? { endedOn: '2026-03-10', outcome: 'education' }
          : {};
    old.push(
      await acceptedCase({
        submittedOn: '2025-09-20',
        decidedOn: '2025-09-25',
        startedOn: '2025-10-01',
        planDueOn: '2026-01-01',
        ...end,
      }),
    );
  }
  for (let i = 0; i < 5; i++) {
    const planId = await plan(old[i] ?? '', '2025-12-15');
    if (i === 4) {
      await review(planId, '2026-01-20', '2026-02-20');
      await review(planId, '2026-03-05', '2026-06-05');
    } else await review(planId, '2026-01-20', '2026-04-20');
  }

  // January.
  const jan: string[] = [];
  for (let i = 0; i < 8; i++) {
    jan.push(
      await acceptedCase({
        submittedOn: '2026-01-05',
        decidedOn: '2026-01-08',
        startedOn: '2026-01-15',
        planDueOn: '2026-04-15',
        referrer: i < 6 ? 'hva-vantaa-kerava' : 'ea-vantaa',
        grounds:
          i < 5 ? ['life_management_problems', 'work_capacity_limitations'] : ['life_management_problems'],
      }),
    );
  }
  for (const caseId of jan.slice(0, 5)) await plan(caseId, '2026-03-01');
  for (const reason of ['single_authority_sufficient', 'single_authority_sufficient', 'wrong_area']) {
    await referral({ submittedOn: '2026-01-05', status: 'declined', decidedOn: '2026-01-25', reason });
  }
  await referral({ submittedOn: '2026-01-05', status: 'withdrawn' });

  // February.
  const feb: string[] = [];
  for (let i = 0; i < 6; i++) {
    feb.push(
      await acceptedCase({
        submittedOn: '2026-02-02',
        decidedOn: '2026-02-07',
        startedOn: '2026-02-10',
        planDueOn: '2026-05-11',
        referrer: 'kela',
        grounds: ['functional_capacity_limitations', 'work_capacity_limitations'],
        authority: 'ea-kerava-sipoo',
      }),
    );
  }
  for (const caseId of feb.slice(0, 2)) await plan(caseId, '2026-03-10');

  // March.
  await acceptedCase({
    submittedOn: '2026-03-02',
    decidedOn: '2026-03-03',
    startedOn: '2026-03-05',
    planDueOn: '2026-06-05',
  });
  await referral({ submittedOn: '2026-03-02', status: 'submitted' });

  // Clients' review requests (§6(1)): six in February on January cases 1–6, due in 14 days,
  // all refused by then — five after 4 days, one after 10.
  for (const [i, caseId] of jan.slice(0, 6).entries()) {
    await db.execute(sql`
      INSERT INTO referrals.case_review_requests (case_id, requested_on, channel, due_on, recorded_by_organisation,
             recorded_by_sub, recorded_at, refused_on, refusal_reason_code, refusal_reason, refused_by_organisation,
             refused_by_sub, refused_at)
      VALUES (${caseId}, '2026-02-16', 'phone', '2026-03-02', 'ea-vantaa', 'x', ${at('2026-02-16')},
              ${i < 5 ? '2026-02-20' : '2026-02-26'}, 'recently_reviewed', 'test', 'ea-vantaa', 'x', ${at('2026-02-20')})`);
  }

  // Meetings.
  for (let i = 0; i < 6; i++) {
    await meeting(jan[i] ?? '', {
      on: '2026-01-15',
      kind: 'assessment',
      status: 'held',
      client: i < 5,
      orgs: i < 4 ? ['ea-vantaa', 'hva-vantaa-kerava', 'kela'] : ['ea-vantaa', 'hva-vantaa-kerava'],
    });
  }
  await meeting(jan[6] ?? '', {
    on: '2026-01-20',
    kind: 'planning',
    status: 'cancelled',
    client: false,
    orgs: [],
  });
  await meeting(feb[0] ?? '', {
    on: '2026-02-12',
    kind: 'other',
    status: 'held',
    client: true,
    orgs: ['ea-vantaa'],
  });

  // Teams.
  for (const [i, caseId] of openCases.entries()) {
    const members: Array<[string, string]> = [[input.eaStaffId, 'ea-vantaa']];
    if (i < 3) members.push([input.hvaStaffId, 'hva-vantaa-kerava']);
    for (const [staffId, org] of members) {
      await db.execute(sql`
        INSERT INTO referrals.case_team_members (case_id, staff_id, organisation_code, subject, role, added_at,
               added_by_organisation, added_by_sub)
        VALUES (${caseId}, ${staffId}, ${org}, ${`${org}-sub`}, 'responsible', ${at('2026-01-15')}, 'ea-vantaa', 'x')`);
    }
  }

  // Another area: never counted.
  for (let i = 0; i < 5; i++) {
    await referral({ area: input.otherAreaId, submittedOn: '2026-01-05', status: 'submitted' });
  }
}
