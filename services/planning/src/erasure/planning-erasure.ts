import type { Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';

export const ERASED = 'ERASED';

export interface PlanningErasureResult {
  participants: number;
  agendaItems: number;
  decisions: number;
  plans: number;
  versions: number;
  /** Records of the client's participation whose explanation was erased (381/2023 §7(2)). */
  clientParticipation: number;
}

/**
 * Erases the personal data this service holds about one ended client relationship when its
 * retention has run out (381/2023 §12(2)), in the caller's transaction (the worker's erasure
 * job, beside referrals' `eraseCaseClientData`).
 *
 * What goes: the client's and guests' names and contact details on meeting participants,
 * agenda titles and minutes, decision texts, and the free contents of the plan draft and of
 * every agreed version (mapping, goals, actions' descriptions, follow-up, report manner…),
 * and what was explained to the client in the records of their participation (§7(2)),
 * replaced by a marker. What stays, as anonymous statistics: meetings with their kinds,
 * dates, states and staff participants; plan versions with their numbers, dates, bases and
 * approvals; action rows with owner, type, status and dates.
 */
export async function erasePlanningCaseData(tx: Queryable, caseId: string): Promise<PlanningErasureResult> {
  const participants = await tx.execute(sql`
    UPDATE planning.meeting_participants p
       SET display_name = ${ERASED}, email = NULL, phone = NULL
      FROM planning.meetings m
     WHERE p.meeting_id = m.id AND m.case_id = ${caseId} AND p.kind <> 'staff' AND p.display_name <> ${ERASED}`);
  const agendaItems = await tx.execute(sql`
    UPDATE planning.meeting_agenda_items a SET title = ${ERASED}, minutes = NULL
      FROM planning.meetings m
     WHERE a.meeting_id = m.id AND m.case_id = ${caseId} AND a.title <> ${ERASED}`);
  const decisions = await tx.execute(sql`
    UPDATE planning.meeting_decisions d SET text = ${ERASED}
      FROM planning.meetings m
     WHERE d.meeting_id = m.id AND m.case_id = ${caseId} AND d.text <> ${ERASED}`);
  const plans = await tx.execute(sql`
    UPDATE planning.plans SET draft = CASE WHEN draft IS NULL THEN NULL ELSE '{"erased": true}'::jsonb END
     WHERE case_id = ${caseId} AND draft IS NOT NULL AND draft <> '{"erased": true}'::jsonb`);
  const versions = await tx.execute(sql`
    UPDATE planning.plan_versions v SET contents = '{"erased": true}'::jsonb
      FROM planning.plans p
     WHERE v.plan_id = p.id AND p.case_id = ${caseId} AND v.contents <> '{"erased": true}'::jsonb`);
  const clientParticipation = await tx.execute(sql`
    UPDATE planning.plan_client_participation c SET explained = ${ERASED}
      FROM planning.plans p
     WHERE c.plan_id = p.id AND p.case_id = ${caseId} AND c.explained <> ${ERASED}`);
  return {
    participants: participants.rowCount ?? 0,
    agendaItems: agendaItems.rowCount ?? 0,
    decisions: decisions.rowCount ?? 0,
    plans: plans.rowCount ?? 0,
    versions: versions.rowCount ?? 0,
    clientParticipation: clientParticipation.rowCount ?? 0,
  };
}
