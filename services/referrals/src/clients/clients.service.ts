import { randomUUID } from 'node:crypto';
import type {
  ClientContactDetails,
  ClientSpecialArrangements,
  MunicipalityLanguage,
  Queryable,
} from '@tym/db';
import {
  checkIdentityCodeType,
  type HetuInvalidReason,
  type IdentityCodeType,
  maskHetu,
  validateHetu,
} from '@tym/domain';
import { AppError, invalidField, type PiiCipher } from '@tym/platform';
import { logAccess } from '../access-log/access-log.service.js';
import type { Caller } from '../caller.js';
import type { ReferralsDeps } from '../deps.js';
import { PolicyErrors } from '../policy/policy.errors.js';
import { type ClientAccess, clientAccess, isCaseStaff } from '../policy/policy.js';
import { ClientErrors } from './clients.errors.js';
import {
  type ClientRow,
  findClientAccessFacts,
  findClientRow,
  findClientRowByIndex,
  insertClientRow,
  updateClientRow,
} from './clients.repository.js';

const HETU_ERRORS: Record<HetuInvalidReason, string> = {
  FORMAT: ClientErrors.IDENTITY_CODE_FORMAT_INVALID,
  CENTURY_SIGN: ClientErrors.IDENTITY_CODE_CENTURY_SIGN_UNKNOWN,
  DATE: ClientErrors.IDENTITY_CODE_DATE_INVALID,
  INDIVIDUAL_NUMBER: ClientErrors.IDENTITY_CODE_INDIVIDUAL_NUMBER_INVALID,
  CHECKSUM: ClientErrors.IDENTITY_CODE_CHECKSUM_MISMATCH,
};

const HETU_MESSAGES: Record<HetuInvalidReason, string> = {
  FORMAT: 'must look like DDMMYYCNNNT',
  CENTURY_SIGN: 'has an unknown century sign (use + - Y X W V U A B C D E F)',
  DATE: 'has an impossible birth date',
  INDIVIDUAL_NUMBER: 'has an individual number that is never issued (000 or 001)',
  CHECKSUM: 'has a check character that does not match',
};

/**
 * Validates a personal identity code (domain.md §6) and returns its canonical form. Each
 * reason has its own error code; the message never repeats the code itself.
 */
export function parseIdentityCode(input: string, location: string): string {
  const result = validateHetu(input);
  if (result.ok) return result.code;
  throw invalidField(
    HETU_ERRORS[result.reason],
    location,
    HETU_MESSAGES[result.reason],
    result.reason.toLowerCase(),
  );
}

/**
 * Associated data of a client's encrypted identity code: binds the ciphertext to its row, so
 * a ciphertext copied to another client fails to decrypt instead of showing a wrong code.
 */
/**
 * Validates a client's identity code and its declared type (`identityCodeType`, default
 * `henkilotunnus`): a temporary identifier (individual number 900–999) is accepted only when
 * declared `temporary`, and `temporary` only for such a code (rule: checkIdentityCodeType in
 * packages/domain). `location` is the client object's, e.g. `body.client`.
 */
export function parseClientIdentityCode(
  client: { identityCode: string; identityCodeType?: IdentityCodeType },
  location: string,
): { code: string; type: IdentityCodeType } {
  const code = parseIdentityCode(client.identityCode, `${location}.identityCode`);
  const type = client.identityCodeType ?? 'henkilotunnus';
  const check = checkIdentityCodeType(code, type);
  if (check.ok) return { code, type };
  throw check.reason === 'TEMPORARY_NOT_DECLARED'
    ? invalidField(
        ClientErrors.IDENTITY_CODE_TEMPORARY_NOT_DECLARED,
        `${location}.identityCode`,
        "has an individual number 900–999, a temporary identifier: send identityCodeType 'temporary' if that is meant",
        'temporary_not_declared',
      )
    : invalidField(
        ClientErrors.IDENTITY_CODE_NOT_TEMPORARY,
        `${location}.identityCodeType`,
        "is 'temporary', but the identity code's individual number (002–899) is a henkilötunnus's",
        'not_temporary',
      );
}

export function identityCodeAad(clientId: string): string {
  return `referrals.clients:${clientId}`;
}

export interface ClientView {
  row: ClientRow;
  /** In full only for the client's case team; masked (maskHetu) for everyone else. */
  identityCode: string;
  identityCodeMasked: boolean;
  /** Shown with the code, masked or not: `temporary` for a temporary identifier. */
  identityCodeType: IdentityCodeType;
}

/** The ciphertext marker the retention erasure (erasure/case-erasure.ts) leaves behind. */
const ERASED_IDENTITY_CODE = 'v1.erased';

function view(pii: PiiCipher, row: ClientRow, access: Exclude<ClientAccess, 'none'>): ClientView {
  if (row.identityCodeEncrypted === ERASED_IDENTITY_CODE) {
    return {
      row,
      identityCode: '*'.repeat(11),
      identityCodeMasked: true,
      identityCodeType: row.identityCodeType,
    };
  }
  const code = pii.decrypt(row.identityCodeEncrypted, identityCodeAad(row.id));
  const identityCodeType = row.identityCodeType;
  return access === 'full'
    ? { row, identityCode: code, identityCodeMasked: false, identityCodeType }
    : { row, identityCode: maskHetu(code), identityCodeMasked: true, identityCodeType };
}

function notFound(): AppError {
  return new AppError(ClientErrors.CLIENT_NOT_FOUND, { detail: 'No such client, or not one you may see.' });
}

async function accessTo(db: Queryable, caller: Caller, clientId: string): Promise<ClientAccess> {
  const facts = await findClientAccessFacts(db, clientId, caller);
  return clientAccess(caller, facts);
}

export function assertCaseStaff(caller: Caller): void {
  if (!caller.roles.includes('caseworker') && !caller.roles.includes('coordinator')) {
    throw new AppError('FORBIDDEN', { detail: 'This needs the caseworker or coordinator role.' });
  }
  if (!isCaseStaff(caller)) {
    throw new AppError(PolicyErrors.STAFF_RECORD_REQUIRED, {
      detail:
        'Client data is processed only by staff with an active record in the directory (381/2023 §12(4)).',
    });
  }
}

export async function getClient(deps: ReferralsDeps, caller: Caller, id: string): Promise<ClientView> {
  const found = await deps.db.transaction(async (tx) => {
    const row = await findClientRow(tx, id);
    const access = row ? await accessTo(tx, caller, id) : 'none';
    if (!row || access === 'none') return null;
    await logAccess(tx, caller, deps.clock.now(), [
      { action: 'client.read', resourceType: 'client', resourceId: id, clientId: id },
    ]);
    return view(deps.pii, row, access);
  });
  if (!found) throw notFound();
  return found;
}

/**
 * Records the language the client wants to be served in, once asked (kielilaki 423/2003
 * §10): by case staff who see the client. Messages and letters to the client use it from
 * then on. Logged as a write of client data.
 */
export async function setClientLanguage(
  deps: ReferralsDeps,
  caller: Caller,
  id: string,
  preferredLanguage: string,
): Promise<ClientView> {
  assertCaseStaff(caller);
  const found = await deps.db.transaction(async (tx) => {
    const row = await findClientRow(tx, id);
    const access = row ? await accessTo(tx, caller, id) : 'none';
    if (!row || access === 'none') return null;
    const now = deps.clock.now();
    const updated = await updateClientRow(tx, id, { preferredLanguage, updatedAt: now });
    if (!updated) return null;
    await logAccess(tx, caller, now, [
      { action: 'client.language.update', resourceType: 'client', resourceId: id, clientId: id },
    ]);
    return view(deps.pii, updated, access);
  });
  if (!found) throw notFound();
  return found;
}

/**
 * Finds a client by identity code (sent in the body, never a URL). The search is logged
 * whether it matches or not; a client the caller may not see is not found.
 */
export async function searchClient(
  deps: ReferralsDeps,
  caller: Caller,
  identityCode: string,
): Promise<ClientView> {
  assertCaseStaff(caller);
  const code = parseIdentityCode(identityCode, 'body.identityCode');
  const found = await deps.db.transaction(async (tx) => {
    const row = await findClientRowByIndex(tx, deps.pii.blindIndex(code));
    const access = row ? await accessTo(tx, caller, row.id) : 'none';
    const visible = row && access !== 'none';
    await logAccess(tx, caller, deps.clock.now(), [
      {
        action: !row ? 'client.search.no_match' : visible ? 'client.search' : 'client.search.not_permitted',
        resourceType: 'client',
        resourceId: row?.id ?? null,
        clientId: row?.id ?? null,
      },
    ]);
    return row && access !== 'none' ? view(deps.pii, row, access) : null;
  });
  if (!found) throw notFound();
  return found;
}

export interface ClientInput {
  identityCode: string;
  /** Default `henkilotunnus`; `temporary` for a temporary identifier (900–999). */
  identityCodeType?: IdentityCodeType;
  firstNames: string;
  lastName: string;
  homeMunicipalityCode: string;
  preferredLanguage?: string;
  contactDetails?: ClientContactDetails;
  specialArrangements?: ClientSpecialArrangements;
  informationWishes?: string;
}

const normaliseName = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi');

/** The client details a referral brings (the identity code aside), as they are kept with it. */
export interface SubmittedClientDetails {
  /** Given when the referral declared it (default `henkilotunnus` for a new client). */
  identityCodeType?: IdentityCodeType;
  firstNames: string;
  lastName: string;
  homeMunicipalityCode: string;
  preferredLanguage?: string;
  contactDetails?: ClientContactDetails;
  specialArrangements?: ClientSpecialArrangements;
  informationWishes?: string;
}

export function submittedClientDetails(input: ClientInput): SubmittedClientDetails {
  return {
    ...(input.identityCodeType ? { identityCodeType: input.identityCodeType } : {}),
    firstNames: input.firstNames.trim(),
    lastName: input.lastName.trim(),
    homeMunicipalityCode: input.homeMunicipalityCode,
    ...(input.preferredLanguage ? { preferredLanguage: input.preferredLanguage } : {}),
    ...(input.contactDetails ? { contactDetails: input.contactDetails } : {}),
    ...(input.specialArrangements ? { specialArrangements: input.specialArrangements } : {}),
    ...(input.informationWishes !== undefined ? { informationWishes: input.informationWishes } : {}),
  };
}

/** Associated data of a referral's encrypted client details: binds them to the referral. */
export function submittedDetailsAad(referralId: string): string {
  return `referrals.referrals:${referralId}:client`;
}

export function encryptSubmittedDetails(
  pii: PiiCipher,
  referralId: string,
  details: SubmittedClientDetails,
): string {
  return pii.encrypt(JSON.stringify(details), submittedDetailsAad(referralId));
}

export function decryptSubmittedDetails(
  pii: PiiCipher,
  referralId: string,
  cipherText: string | null,
): SubmittedClientDetails | null {
  if (!cipherText || cipherText === ERASED_IDENTITY_CODE) return null;
  return JSON.parse(pii.decrypt(cipherText, submittedDetailsAad(referralId))) as SubmittedClientDetails;
}

/** What a referral's details would change in the client record (omitted details are kept). */
export function clientChanges(existing: ClientRow, details: SubmittedClientDetails) {
  const set = {
    ...(details.identityCodeType ? { identityCodeType: details.identityCodeType } : {}),
    firstNames: details.firstNames,
    lastName: details.lastName,
    homeMunicipalityCode: details.homeMunicipalityCode,
    ...(details.preferredLanguage ? { preferredLanguage: details.preferredLanguage } : {}),
    ...(details.contactDetails
      ? { contactDetails: { ...existing.contactDetails, ...details.contactDetails } }
      : {}),
    ...(details.specialArrangements ? { specialArrangements: details.specialArrangements } : {}),
    ...(details.informationWishes !== undefined ? { informationWishes: details.informationWishes } : {}),
  };
  const differs = Object.entries(set).some(
    ([key, value]) =>
      JSON.stringify(value) !== JSON.stringify((existing as unknown as Record<string, unknown>)[key] ?? null),
  );
  return { set, differs };
}

/** The client with this identity code, locked for the rest of the transaction; null if unknown. */
export async function lockClientByCode(
  tx: Queryable,
  pii: PiiCipher,
  canonicalCode: string,
): Promise<ClientRow | null> {
  return findClientRowByIndex(tx, pii.blindIndex(canonicalCode), { forUpdate: true });
}

/**
 * A new client from a referral: the identity code encrypted with the row id as associated
 * data. Null when a concurrent referral created the same client first (then lock theirs).
 */
export async function createClientForReferral(
  tx: Queryable,
  pii: PiiCipher,
  input: SubmittedClientDetails & { canonicalCode: string; municipalityLanguage: MunicipalityLanguage },
  now: Date,
  organisationCode: string,
): Promise<ClientRow | null> {
  const id = randomUUID();
  return insertClientRow(tx, {
    id,
    identityCodeEncrypted: pii.encrypt(input.canonicalCode, identityCodeAad(id)),
    identityCodeIndex: pii.blindIndex(input.canonicalCode),
    identityCodeType: input.identityCodeType ?? 'henkilotunnus',
    firstNames: input.firstNames,
    lastName: input.lastName,
    homeMunicipalityCode: input.homeMunicipalityCode,
    preferredLanguage: input.preferredLanguage ?? defaultClientLanguage(input.municipalityLanguage),
    contactDetails: input.contactDetails ?? {},
    specialArrangements: input.specialArrangements ?? {},
    informationWishes: input.informationWishes ?? null,
    createdByOrganisation: organisationCode,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * Updates an existing client from a referral by one of the client's parties
 * (`mayChangeClientDetails`): home municipality, and the optional details that were given —
 * omitted ones are kept — only when the first names or the last name match the record: a
 * mistyped code that happens to be another client's is refused (`CLIENT_DETAILS_MISMATCH`)
 * instead of overwriting that person's data.
 */
export async function updateClientFromReferral(
  tx: Queryable,
  existing: ClientRow,
  details: SubmittedClientDetails,
  now: Date,
): Promise<ClientRow> {
  if (
    normaliseName(existing.firstNames) !== normaliseName(details.firstNames) &&
    normaliseName(existing.lastName) !== normaliseName(details.lastName)
  ) {
    throw invalidField(
      ClientErrors.CLIENT_DETAILS_MISMATCH,
      'body.client.identityCode',
      'belongs to a client whose names differ from the ones given; check the identity code',
      'names',
    );
  }
  return applyClientDetails(tx, existing, details, now);
}

/** Writes a referral's details to the client record (by a party of the client). */
export async function applyClientDetails(
  tx: Queryable,
  existing: ClientRow,
  details: SubmittedClientDetails,
  now: Date,
): Promise<ClientRow> {
  const updated = await updateClientRow(tx, existing.id, {
    ...clientChanges(existing, details).set,
    updatedAt: now,
  });
  if (!updated) throw new Error('client vanished during update');
  return updated;
}

/**
 * The language recorded for a new client who did not say (kielilaki 423/2003 §10): a
 * unilingual municipality's language; in a bilingual one `und` (ISO 639-2 "undetermined"),
 * never a presumed Finnish — messages then go out in both languages and staff ask.
 */
export function defaultClientLanguage(municipalityLanguage: MunicipalityLanguage): string {
  if (municipalityLanguage === 'sv') return 'sv';
  if (municipalityLanguage === 'bilingual') return 'und';
  return 'fi';
}
