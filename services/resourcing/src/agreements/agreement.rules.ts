import type { PartyRole } from '@tym/db';
import type { InvalidField } from '@tym/platform';
import type { CostSharingRule } from './cost-shares.rules.js';

/**
 * The cost-sharing rule an agreement applies, 381/2023 §10: the joint costs are split in
 * proportion to the staff in the model — by their number (headcount) — unless the parties
 * agree otherwise (by FTE, or by percentages). An agreement that says nothing gets the default.
 */
export function costSharingRuleOf(
  costSharing: { method?: CostSharingRule | undefined } | undefined,
): CostSharingRule {
  return costSharing?.method ?? 'proportional_to_headcount';
}

/**
 * What a cooperation agreement must say and how its numbers must fit, 381/2023 §9–§10 and
 * VNA 388/2024 §3. Pure: `checkAgreementContent` returns the first broken rule, or null.
 */
export interface AgreementContentInput {
  parties: Array<{ organisationCode: string; costSharePercent?: number | undefined }>;
  staffingCommitments: Array<{ organisationCode: string; taskTitle: string; headcount: number; fte: number }>;
  /** Omitted, or without a method: by the number of staff (381/2023 §10). */
  costSharing?: { method?: CostSharingRule | undefined } | undefined;
  kelaContribution: { kind: 'amount'; amountCents: number } | { kind: 'share'; percent: number };
  validFrom: string;
  validTo?: string | null | undefined;
}

export interface ContentViolation {
  code:
    | 'VALIDATION_FAILED'
    | 'NOT_A_PARTY_OF_AREA'
    | 'AGREEMENT_KELA_MISSING'
    | 'AGREEMENT_PARTY_MISSING'
    | 'AGREEMENT_DATES_OUT_OF_ORDER'
    | 'AGREEMENT_COMMITMENT_PARTY_UNKNOWN'
    | 'COMMITMENT_FTE_INVALID'
    | 'COST_SHARES_INVALID'
    | 'COST_SHARES_NOT_100'
    | 'KELA_CONTRIBUTION_INVALID';
  detail: string;
  errors: InvalidField[];
  extensions?: Record<string, unknown>;
}

/** A decimal in `scale`ths when it has at most that many decimals, else null (0.1234 FTE). */
export function toScaled(value: number, scale: number): number | null {
  const scaled = Math.round(value * scale);
  return Math.abs(scaled - value * scale) < 1e-6 ? scaled : null;
}

const violation = (
  code: ContentViolation['code'],
  detail: string,
  errors: InvalidField[],
  extensions?: Record<string, unknown>,
): ContentViolation => ({ code, detail, errors, ...(extensions ? { extensions } : {}) });

export function checkAgreementContent(
  input: AgreementContentInput,
  areaParties: Map<string, PartyRole[]>,
): ContentViolation | null {
  const codes = input.parties.map((p) => p.organisationCode);
  const duplicates = codes.flatMap((c, i) => (codes.indexOf(c) !== i ? [i] : []));
  if (duplicates.length) {
    return violation(
      'VALIDATION_FAILED',
      'Each party once.',
      duplicates.map((i) => ({
        location: `body.parties[${i}].organisationCode`,
        message: 'appears more than once',
        rule: 'unique',
      })),
    );
  }
  const outside = input.parties.flatMap((p, i) => (areaParties.has(p.organisationCode) ? [] : [i]));
  if (outside.length) {
    return violation(
      'NOT_A_PARTY_OF_AREA',
      `The parties of an agreement are the parties of the management group's area: ${[...areaParties.keys()].sort().join(', ')}.`,
      outside.map((i) => ({
        location: `body.parties[${i}].organisationCode`,
        message: `${input.parties[i]?.organisationCode} is not a party of the cooperation area`,
        rule: 'party',
      })),
    );
  }
  const roles = (code: string) => areaParties.get(code) ?? [];
  const kela = input.parties.find((p) => roles(p.organisationCode).includes('kela'));
  if (!kela) {
    return violation(
      'AGREEMENT_KELA_MISSING',
      'Kela is a party of every cooperation agreement and the agreement states its share of the costs (VNA 388/2024 §3(5)).',
      [{ location: 'body.parties', message: 'has no organisation in the kela role', rule: 'kela' }],
    );
  }
  const missing = (['employment_authority', 'wellbeing_county'] as const).filter(
    (role) => !input.parties.some((p) => roles(p.organisationCode).includes(role)),
  );
  if (missing.length) {
    return violation(
      'AGREEMENT_PARTY_MISSING',
      `The agreement is between the employment authorities, the HVA and Kela of the area (381/2023 §9); missing: ${missing.join(', ')}.`,
      [
        {
          location: 'body.parties',
          message: `has no organisation in the ${missing.join(' or ')} role`,
          rule: 'parties',
        },
      ],
      { missingRoles: missing },
    );
  }
  if (input.validTo && input.validTo < input.validFrom) {
    return violation(
      'AGREEMENT_DATES_OUT_OF_ORDER',
      `validTo (${input.validTo}) is before validFrom (${input.validFrom}).`,
      [{ location: 'body.validTo', message: 'is before validFrom', rule: 'date_order' }],
    );
  }
  const unknown = input.staffingCommitments.flatMap((c, i) =>
    codes.includes(c.organisationCode) ? [] : [i],
  );
  if (unknown.length) {
    return violation(
      'AGREEMENT_COMMITMENT_PARTY_UNKNOWN',
      'Each staffing commitment is made by a party of the agreement.',
      unknown.map((i) => ({
        location: `body.staffingCommitments[${i}].organisationCode`,
        message: 'is not among the parties',
        rule: 'party',
      })),
    );
  }
  const fteErrors: InvalidField[] = [];
  for (const [i, c] of input.staffingCommitments.entries()) {
    const location = `body.staffingCommitments[${i}].fte`;
    if (!(c.fte > 0)) fteErrors.push({ location, message: 'must be more than 0', rule: 'fte_positive' });
    else if (toScaled(c.fte, 1000) === null) {
      fteErrors.push({ location, message: 'has more than three decimals', rule: 'fte_precision' });
    } else if (c.fte > c.headcount) {
      fteErrors.push({
        location,
        message: `exceeds the headcount (${c.headcount}): one person gives at most 1.0 FTE`,
        rule: 'fte_limit',
      });
    }
  }
  if (fteErrors.length) {
    return violation(
      'COMMITMENT_FTE_INVALID',
      'Full-time equivalents are more than 0, at most the number of staff, with at most three decimals.',
      fteErrors,
    );
  }
  const method = costSharingRuleOf(input.costSharing);
  const shareErrors: InvalidField[] = [];
  const sharing = (code: string) =>
    roles(code).includes('employment_authority') || roles(code).includes('wellbeing_county');
  for (const [i, p] of input.parties.entries()) {
    const location = `body.parties[${i}].costSharePercent`;
    const given = p.costSharePercent !== undefined;
    if (method !== 'agreed_percentages' && given) {
      shareErrors.push({
        location,
        message: 'is set only when the rule is agreed_percentages',
        rule: 'share_method',
      });
    } else if (method === 'agreed_percentages') {
      if (sharing(p.organisationCode) && !given) {
        shareErrors.push({ location, message: 'is required for the agreed percentages', rule: 'required' });
      } else if (!sharing(p.organisationCode) && given) {
        shareErrors.push({ location, message: 'Kela’s part is set in kelaContribution', rule: 'share_kela' });
      } else if (
        given &&
        ((p.costSharePercent ?? 0) < 0 || toScaled(p.costSharePercent ?? 0, 100) === null)
      ) {
        shareErrors.push({
          location,
          message: 'must be 0–100 with at most two decimals',
          rule: 'share_range',
        });
      }
    }
  }
  if (shareErrors.length) {
    return violation(
      'COST_SHARES_INVALID',
      'With agreed_percentages, each employment authority and the HVA state a percentage; with proportional_to_headcount or proportional_to_fte, none does.',
      shareErrors,
    );
  }
  if (method === 'agreed_percentages') {
    const sum = input.parties.reduce((s, p) => s + (toScaled(p.costSharePercent ?? 0, 100) ?? 0), 0);
    if (sum !== 10000) {
      return violation(
        'COST_SHARES_NOT_100',
        `The agreed percentages add up to ${sum / 100}, not 100.`,
        [{ location: 'body.parties', message: `costSharePercent adds up to ${sum / 100}`, rule: 'sum_100' }],
        { sumPercent: sum / 100 },
      );
    }
  }
  const k = input.kelaContribution;
  if (k.kind === 'amount' && (!Number.isSafeInteger(k.amountCents) || k.amountCents < 0)) {
    return violation('KELA_CONTRIBUTION_INVALID', 'Kela’s amount is whole euro cents, 0 or more.', [
      {
        location: 'body.kelaContribution.amountCents',
        message: 'must be a whole number of cents, 0 or more',
        rule: 'amount',
      },
    ]);
  }
  if (k.kind === 'share' && (k.percent < 0 || k.percent > 100 || toScaled(k.percent, 100) === null)) {
    return violation('KELA_CONTRIBUTION_INVALID', 'Kela’s share is 0–100 % with at most two decimals.', [
      {
        location: 'body.kelaContribution.percent',
        message: 'must be 0–100 with at most two decimals',
        rule: 'share',
      },
    ]);
  }
  return null;
}
