import type { PlanActionType } from '@tym/db';
import { AppError, type InvalidField } from '@tym/platform';
import type { Caller } from '../caller.js';
import type { PlanningDeps } from '../deps.js';
import { addDecisionActions } from '../plans/plans.service.js';
import { clientPartyCodes } from '../policy.js';
import { changeMeeting, type MeetingView, meetingEvent } from './meeting-access.js';
import { MeetingErrors } from './meetings.errors.js';
import {
  findAgendaItems,
  findDecisions,
  replaceDecisions,
  setAgendaMinutes,
  setDecisionPlanAction,
  updateMeeting,
} from './meetings.repository.js';

/** Minutes: per agenda item, with decisions; closing the meeting. */

export interface MinutesInput {
  items: Array<{
    agendaItemId: string;
    minutes?: string | null;
    decisions: Array<{
      text: string;
      action?: { ownerOrganisationCode: string; type: PlanActionType; dueOn?: string | null };
    }>;
  }>;
}

/** Minutes per agenda item, with decisions; a decision with an owner becomes a plan action on closing. */
export async function recordMinutes(
  deps: PlanningDeps,
  caller: Caller,
  id: string,
  input: MinutesInput,
): Promise<MeetingView> {
  return changeMeeting(
    deps,
    caller,
    id,
    { action: 'record_minutes', log: 'meeting.minutes' },
    async ({ kase, tx, now }) => {
      const agenda = new Set((await findAgendaItems(tx, id)).map((a) => a.id));
      const parties = new Set(clientPartyCodes(kase));
      const errors: Array<InvalidField & { code: string }> = [];
      input.items.forEach((item, i) => {
        if (!agenda.has(item.agendaItemId)) {
          errors.push({
            code: MeetingErrors.MEETING_AGENDA_ITEM_UNKNOWN,
            location: `body.items[${i}].agendaItemId`,
            message: 'is not an item of this meeting’s agenda',
            rule: 'agenda',
          });
        }
        item.decisions.forEach((d, j) => {
          if (d.action && !parties.has(d.action.ownerOrganisationCode)) {
            errors.push({
              code: MeetingErrors.MEETING_DECISION_OWNER_NOT_A_PARTY,
              location: `body.items[${i}].decisions[${j}].action.ownerOrganisationCode`,
              message: `${d.action.ownerOrganisationCode} is not a party of the case`,
              rule: 'party',
            });
          }
        });
      });
      const first = errors[0];
      if (first) {
        throw new AppError(first.code, {
          detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
          errors: errors.map(({ code: _c, ...e }) => e),
        });
      }
      let position = 0;
      const decisions = input.items.flatMap((item) =>
        item.decisions.map((d) => ({
          meetingId: id,
          agendaItemId: item.agendaItemId,
          position: ++position,
          text: d.text,
          actionOwnerOrganisationCode: d.action?.ownerOrganisationCode ?? null,
          actionType: d.action?.type ?? null,
          actionDueOn: d.action?.dueOn ?? null,
        })),
      );
      for (const item of input.items) await setAgendaMinutes(tx, item.agendaItemId, item.minutes ?? null);
      await replaceDecisions(tx, id, decisions);
      const updated = await updateMeeting(tx, id, { updatedAt: now });
      return updated;
    },
  );
}

/** Closes a held meeting: read-only from now on; decisions with an owner join the plan draft. */
export async function closeMeeting(deps: PlanningDeps, caller: Caller, id: string): Promise<MeetingView> {
  return changeMeeting(
    deps,
    caller,
    id,
    { action: 'close', log: 'meeting.close' },
    async ({ kase, tx, now, step }) => {
      const decisions = (await findDecisions(tx, id)).filter(
        (d) => d.actionOwnerOrganisationCode && d.actionType,
      );
      const actionIds = await addDecisionActions(
        tx,
        kase,
        decisions.map((d) => ({
          id: d.id,
          text: d.text,
          ownerOrganisationCode: d.actionOwnerOrganisationCode ?? '',
          type: d.actionType ?? 'other',
          dueOn: d.actionDueOn,
        })),
        now,
      );
      for (const [decisionId, actionId] of actionIds) await setDecisionPlanAction(tx, decisionId, actionId);
      const updated = await updateMeeting(tx, id, { status: step.to, closedAt: now, updatedAt: now });
      await meetingEvent(tx, 'meeting.closed', kase, updated, caller, now, {
        planActionIds: [...actionIds.values()],
      });
      return updated;
    },
  );
}
