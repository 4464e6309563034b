import { type ClientRouting, clientPartyCodes } from '../policy/policy.js';

/** Where a client's case is served: the routing of the home municipality and its cooperation area. */
export interface CaseRouting extends ClientRouting {
  cooperationAreaId: string;
}

export type TransferKind =
  /** The same employment authority, HVA organiser and cooperation area: only the home municipality changes. */
  | 'municipality_only'
  /** Another employment authority, HVA organiser or cooperation area: the case moves to them. */
  | 'transfer';

/**
 * What a client's move means for their case (380/2023 §17: the employment authority of the
 * client's home municipality is responsible; 381/2023 §4, §11, §12(4): the client's parties
 * are that authority, the HVA organiser of the municipality and Kela). When any of the three
 * — or the cooperation area — changes, the case is transferred: the new parties take it over
 * with its plan and clocks, the old ones leave. A move inside the same employment authority
 * and HVA (e.g. Tampere → Kangasala) changes only the home municipality.
 */
export function transferKind(from: CaseRouting, to: CaseRouting): TransferKind {
  return from.employmentAuthorityCode === to.employmentAuthorityCode &&
    from.wellbeingCountyOrganiserCode === to.wellbeingCountyOrganiserCode &&
    from.cooperationAreaId === to.cooperationAreaId
    ? 'municipality_only'
    : 'transfer';
}

/**
 * The parties that lose the client on a transfer: the old ones that are not parties of the
 * new routing (Kela, a party everywhere, stays).
 */
export function partiesLeaving(from: ClientRouting, to: ClientRouting): string[] {
  const staying = new Set(clientPartyCodes(to));
  return clientPartyCodes(from).filter((code) => !staying.has(code));
}
