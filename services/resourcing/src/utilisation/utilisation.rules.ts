import type { QuotaStatus } from '@tym/db';

/**
 * Soft quotas of the TYM model. Staffing must be "sufficient given the number of clients"
 * (381/2023 §9(2)); no national quota exists, so capacity comes from the cooperation
 * agreement: committed FTE (VNA 388/2024 §3(2)) × the agreed target caseload per FTE. A party
 * over capacity still takes the case (TYM is a statutory service); crossing a limit only
 * writes an event.
 */
export interface PartyFigures {
  committedFteMilli: number;
  allocatedFteMilli: number;
  activeCases: number;
  targetCaseloadPerFte: number;
}

/** Capacity in cases: committed FTE × target caseload, to one decimal. */
export function capacityOf(fteMilli: number, targetCaseloadPerFte: number): number {
  return Math.round((fteMilli * targetCaseloadPerFte) / 100) / 10;
}

/** Cases per capacity in per cent, one decimal; null without capacity. */
export function utilisationPercent(cases: number, capacity: number): number | null {
  return capacity > 0 ? Math.round((cases / capacity) * 1000) / 10 : null;
}

/**
 * `no_commitment` when the party committed no staff (no agreement in force, or none of its
 * own); `over_capacity` when its cases exceed capacity — the caseload does not fit, the more
 * urgent news, so it wins when both hold; `below_commitment` when fewer FTE are allocated than
 * committed; else `ok`.
 */
export function quotaStatus(f: PartyFigures): QuotaStatus {
  if (f.committedFteMilli <= 0) return 'no_commitment';
  if (f.activeCases > capacityOf(f.committedFteMilli, f.targetCaseloadPerFte)) return 'over_capacity';
  if (f.allocatedFteMilli < f.committedFteMilli) return 'below_commitment';
  return 'ok';
}

/** The event a change of status writes, once per crossing; null when none is due. */
export function crossingEventType(
  previous: QuotaStatus,
  next: QuotaStatus,
): 'quota.exceeded' | 'staffing.below_commitment' | 'quota.restored' | null {
  if (previous === next) return null;
  if (next === 'over_capacity') return 'quota.exceeded';
  if (next === 'below_commitment') return 'staffing.below_commitment';
  if (previous === 'over_capacity' || previous === 'below_commitment') return 'quota.restored';
  return null;
}
