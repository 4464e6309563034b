import { randomUUID } from 'node:crypto';
import type { PlanActionContent, PlanContents } from '@tym/db';
import { AppError, type InvalidField } from '@tym/platform';
import { PlanErrors } from './plans.errors.js';
export interface DraftInput
  extends Omit<PlanContents, 'actions' | 'workSearch' | 'rehabilitativeWorkActivity'> {
  workSearch?: { obligation: 'applies' | 'exempted'; exemptionReason?: string | null };
  rehabilitativeWorkActivity?: { agreed: boolean; benefitsExplainedOn?: string | null };
  actions: Array<
    Omit<PlanActionContent, 'id' | 'sourceDecisionId' | 'responsiblePerson' | 'dueOn'> & {
      id?: string;
      responsiblePerson?: string | null;
      dueOn?: string | null;
    }
  >;
}

/** Checks and normalises a draft body; every problem is reported, with its location. */
export function normaliseDraft(
  input: DraftInput,
  previous: PlanContents | null,
  liveActionIds: Set<string>,
  partyCodes: Set<string>,
): PlanContents {
  const errors: Array<InvalidField & { code: string }> = [];
  const known = new Map((previous?.actions ?? []).map((a) => [a.id, a]));
  const seen = new Set<string>();
  const actions = input.actions.map((a, i): PlanActionContent => {
    const at = `body.actions[${i}]`;
    if (a.id !== undefined) {
      if (seen.has(a.id)) {
        errors.push({
          code: PlanErrors.PLAN_CONTENT_INVALID,
          location: `${at}.id`,
          message: 'is listed twice',
          rule: 'unique',
        });
      } else if (!known.has(a.id) && !liveActionIds.has(a.id)) {
        errors.push({
          code: PlanErrors.PLAN_ACTION_UNKNOWN,
          location: `${at}.id`,
          message: 'is not an action of this plan; omit the id for a new action',
          rule: 'action',
        });
      }
      seen.add(a.id);
    }
    if (!partyCodes.has(a.ownerOrganisationCode)) {
      errors.push({
        code: PlanErrors.PLAN_ACTION_OWNER_NOT_A_PARTY,
        location: `${at}.ownerOrganisationCode`,
        message: `${a.ownerOrganisationCode} is not a party of the case`,
        rule: 'party',
      });
    }
    return {
      id: a.id ?? randomUUID(),
      ownerOrganisationCode: a.ownerOrganisationCode,
      type: a.type,
      description: a.description,
      responsiblePerson: a.responsiblePerson ?? null,
      dueOn: a.dueOn ?? null,
      sourceDecisionId: (a.id ? known.get(a.id)?.sourceDecisionId : null) ?? null,
    };
  });
  if (input.workSearch?.obligation === 'applies' && input.workSearch.exemptionReason) {
    errors.push({
      code: PlanErrors.PLAN_CONTENT_INVALID,
      location: 'body.workSearch.exemptionReason',
      message: 'is only for an exemption (380/2023 §48)',
      rule: 'exemption',
    });
  }
  const first = errors[0];
  if (first) {
    throw new AppError(first.code, {
      detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
      errors: errors.map(({ code: _c, ...e }) => e),
    });
  }
  const contents: PlanContents = { actions };
  if (input.mapping) contents.mapping = input.mapping;
  if (input.goals) contents.goals = input.goals;
  if (input.followUp !== undefined) contents.followUp = input.followUp;
  if (input.workSearch) {
    contents.workSearch = {
      obligation: input.workSearch.obligation,
      exemptionReason: input.workSearch.exemptionReason ?? null,
    };
  }
  if (input.clientReport) contents.clientReport = input.clientReport;
  if (input.rehabilitativeWorkActivity) {
    contents.rehabilitativeWorkActivity = {
      agreed: input.rehabilitativeWorkActivity.agreed,
      benefitsExplainedOn: input.rehabilitativeWorkActivity.benefitsExplainedOn ?? null,
    };
  }
  if (input.kelaRehabilitationNeeded !== undefined)
    contents.kelaRehabilitationNeeded = input.kelaRehabilitationNeeded;
  return contents;
}
