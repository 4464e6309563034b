import type { Queryable } from '@tym/db';
import type { Lang } from '@tym/domain';
import { AppError } from '@tym/platform';
import {
  type Caller,
  caseAccess,
  findCase,
  findReferralMessageFacts,
  isClientPartyStaff,
  isOnCaseTeam,
  logAccess,
} from '@tym/referrals';
import type { NotificationsDeps } from '../deps.js';
import { caseReference } from '../notifications/notification-texts.js';
import { ClientLetterErrors } from './client-letters.errors.js';
import {
  type ClientLetterRow,
  findEmailedEventIds,
  findLetter,
  findLettersOf,
} from './client-letters.repository.js';
import { clientMessageKindLabel } from './client-message-texts.js';
import { renderClientLetter } from './client-messages.jobs.js';

/**
 * The client's letters for the case's parties to print (issue 11 item 4). Who sees them is
 * decided by services/referrals' policy (`caseAccess`, `isClientPartyStaff`: the letters carry
 * the client record's name and address, so a referrer that is not a party never sees them): the letters are
 * client data of the case, or of the referral before a case exists. Every list and every
 * PDF writes the access log through referrals' `logAccess` in the same transaction.
 */

export interface LetterView {
  row: ClientLetterRow;
  label: string;
  emailed: boolean;
}

const notFound = (what: string) =>
  new AppError(ClientLetterErrors.CLIENT_LETTERS_SUBJECT_NOT_FOUND, { detail: `No ${what} you can see.` });
const letterNotFound = (id: string) =>
  new AppError(ClientLetterErrors.CLIENT_LETTER_NOT_FOUND, { detail: `No letter ${id} you can see.` });

async function seesCase(db: Queryable, caller: Caller, caseId: string) {
  const kase = await findCase(db, caseId);
  if (!kase) return null;
  const callerOnTeam = caller.staffId ? await isOnCaseTeam(db, caseId, caller.org, caller.sub) : false;
  const access = caseAccess(caller, {
    cooperationAreaId: kase.cooperationAreaId,
    employmentAuthorityCode: kase.employmentAuthorityCode,
    wellbeingCountyOrganiserCode: kase.wellbeingCountyOrganiserCode,
    callerOnTeam,
  });
  return access === 'full' ? kase : null;
}

async function views(db: Queryable, rows: ClientLetterRow[], lang: Lang): Promise<LetterView[]> {
  const emailed = await findEmailedEventIds(
    db,
    rows.map((r) => r.eventId),
  );
  return rows.map((row) => ({
    row,
    label: clientMessageKindLabel(row.kind, lang),
    emailed: emailed.has(row.eventId),
  }));
}

export async function listCaseLetters(
  deps: NotificationsDeps,
  caller: Caller,
  caseId: string,
  lang: Lang,
): Promise<LetterView[]> {
  return deps.db.transaction(async (tx) => {
    const kase = await seesCase(tx, caller, caseId);
    if (!kase) throw notFound(`case ${caseId}`);
    await logAccess(tx, caller, deps.clock.now(), [
      { action: 'client_letters.list', resourceType: 'case', resourceId: caseId, clientId: kase.clientId },
    ]);
    return views(tx, await findLettersOf(tx, { caseId, referralId: kase.referralId }), lang);
  });
}

export async function listReferralLetters(
  deps: NotificationsDeps,
  caller: Caller,
  referralId: string,
  lang: Lang,
): Promise<LetterView[]> {
  return deps.db.transaction(async (tx) => {
    const referral = await findReferralMessageFacts(tx, referralId);
    if (!referral || !isClientPartyStaff(caller, referral)) throw notFound(`referral ${referralId}`);
    await logAccess(tx, caller, deps.clock.now(), [
      {
        action: 'client_letters.list',
        resourceType: 'referral',
        resourceId: referralId,
        clientId: referral.clientId,
      },
    ]);
    return views(tx, await findLettersOf(tx, { caseId: null, referralId }), lang);
  });
}

/** The PDF of one letter, and a file name that names no one. */
export async function getLetterPdf(
  deps: NotificationsDeps,
  caller: Caller,
  letterId: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  return deps.db.transaction(async (tx) => {
    const letter = await findLetter(tx, letterId);
    if (!letter) throw letterNotFound(letterId);
    const referral = await findReferralMessageFacts(tx, letter.referralId);
    const caseId = letter.caseId ?? referral?.caseId ?? null;
    const visible =
      (referral !== null && isClientPartyStaff(caller, referral)) ||
      (caseId !== null && (await seesCase(tx, caller, caseId)) !== null);
    if (!visible) throw letterNotFound(letterId);
    await logAccess(tx, caller, deps.clock.now(), [
      {
        action: 'client_letter.read',
        resourceType: caseId ? 'case' : 'referral',
        resourceId: caseId ?? letter.referralId,
        clientId: letter.clientId,
      },
    ]);
    const pdf = await renderClientLetter(tx, letter);
    const ref = caseReference(caseId ?? letter.referralId);
    return { pdf, fileName: `${ref}-${letter.kind.replace(/_/g, '-')}.pdf` };
  });
}
