import type { Queryable, ReferralDeclineReason, ReferralStatus } from '@tym/db';
import { ERASED_CIPHERTEXT } from '../erasure/case-erasure.js';
import { findReferralRow } from '../referrals/referrals.repository.js';
import { isUuid } from '../schemas.js';
import { findClientRow } from './clients.repository.js';

/**
 * Query functions for the messages and letters to the client (services/notifications and
 * the worker). They return client data, so a caller that shows it to a person writes the
 * access log through `logAccess` in the same transaction; the worker reads only what it
 * needs to address a message (language, home municipality, e-mail address).
 */

/** What a message to the client is addressed and rendered with. */
export interface ClientMessageFacts {
  id: string;
  /** `fi`, `sv`, `und` (not yet asked) or another ISO 639 code, as recorded. */
  preferredLanguage: string;
  homeMunicipalityCode: string;
  /** The client's e-mail address, null without one. */
  email: string | null;
  firstNames: string;
  lastName: string;
  /** Postal address lines for a letter; empty without an address. */
  postalAddress: string[];
  /** The client's data was erased (381/2023 §12(2)): nothing to tell or print. */
  erased: boolean;
}

export async function findClientMessageFacts(
  db: Queryable,
  clientId: string,
): Promise<ClientMessageFacts | null> {
  if (!isUuid(clientId)) return null;
  const row = await findClientRow(db, clientId);
  if (!row) return null;
  const c = row.contactDetails;
  const postOfficeLine = [c.postalCode, c.postOffice].filter(Boolean).join(' ');
  return {
    id: row.id,
    preferredLanguage: row.preferredLanguage,
    homeMunicipalityCode: row.homeMunicipalityCode,
    email: c.email ?? null,
    firstNames: row.firstNames,
    lastName: row.lastName,
    postalAddress: [c.streetAddress ?? '', postOfficeLine].filter((l) => l !== ''),
    erased: row.identityCodeEncrypted === ERASED_CIPHERTEXT,
  };
}

/** A referral's ids, dates and decision; the reason text is for the letter only. */
export interface ReferralMessageFacts {
  id: string;
  clientId: string;
  cooperationAreaId: string;
  employmentAuthorityCode: string;
  wellbeingCountyOrganiserCode: string;
  referringOrganisationCode: string;
  referredBySub: string;
  status: ReferralStatus;
  submittedOn: string;
  respondBy: string;
  declineReasonCode: ReferralDeclineReason | null;
  declineReasonText: string | null;
  caseId: string | null;
}

export async function findReferralMessageFacts(
  db: Queryable,
  referralId: string,
): Promise<ReferralMessageFacts | null> {
  if (!isUuid(referralId)) return null;
  const row = await findReferralRow(db, referralId);
  if (!row) return null;
  return {
    id: row.id,
    clientId: row.clientId,
    cooperationAreaId: row.cooperationAreaId,
    employmentAuthorityCode: row.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: row.wellbeingCountyOrganiserCode,
    referringOrganisationCode: row.referringOrganisationCode,
    referredBySub: row.referredBySub,
    status: row.status,
    submittedOn: row.submittedOn,
    respondBy: row.respondBy,
    declineReasonCode: row.declineReasonCode,
    declineReasonText: row.declineReasonText,
    caseId: row.caseId,
  };
}
