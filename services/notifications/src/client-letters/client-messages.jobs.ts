import {
  type ClientMessageKind,
  type ClientMessageParams,
  clientMessages,
  emailMessages,
  type events,
  type Queryable,
} from '@tym/db';
import { type EventType, isEventOf, isEventType } from '@tym/jobs';
import { findPlanByCase, findVersion } from '@tym/planning';
import { AppError } from '@tym/platform';
import {
  findCase,
  findClientMessageFacts,
  findReferralMessageFacts,
  findReviewRequestMessageFacts,
} from '@tym/referrals';
import { findMunicipalityRouting } from '@tym/resourcing';
import { type ClientLanguage, clientMessageLanguages } from './client-language.js';
import { renderClientLetterPdf } from './client-letter-pdf.js';
import { clientLetterTexts, type LetterDetails, renderClientEmail } from './client-message-texts.js';

type EventRow = typeof events.$inferSelect;
type ClientMessageRow = typeof clientMessages.$inferSelect;

/** Which event tells the client what (381/2023; domain.md §1 "The client is told"). */
export const CLIENT_MESSAGE_OF_EVENT: Partial<Record<EventType, ClientMessageKind>> = {
  'referral.submitted': 'referral_received',
  'referral.accepted': 'relationship_started',
  'referral.declined': 'referral_declined',
  'plan.agreed': 'plan_agreed',
  'plan.reviewed': 'plan_reviewed',
  'case.review_request_refused': 'review_request_refused',
  'case.ended': 'relationship_ended',
};

/**
 * Whether the event is one the client can still be told: a relationship that ended because
 * the client died (outcome `deceased`, 381/2023 §8) sends no message to the client's
 * address or letters to print.
 */
export function tellsClient(event: { type: string; payload: Record<string, unknown> }): boolean {
  return !(isEventOf(event, 'case.ended') && event.payload.outcome === 'deceased');
}

const pick = (p: Record<string, unknown>, k: string): string | number | null =>
  typeof p[k] === 'string' || typeof p[k] === 'number' ? (p[k] as string | number) : null;

/** The Helsinki date of a timestamp (2026-03-19). */
function helsinkiDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(at);
}

async function municipalityLanguage(db: Queryable, code: string): Promise<'fi' | 'sv' | 'bilingual' | null> {
  try {
    return (await findMunicipalityRouting(db, code)).municipality.language;
  } catch (err) {
    // A municipality the directory cannot route now (Åland, an area not loaded): unknown.
    if (err instanceof AppError) return null;
    throw err;
  }
}

/**
 * The languages to tell a client in (kielilaki 423/2003 §10, `clientMessageLanguages`), for
 * the client's messages and the meeting e-mails to the client; null for an unknown client.
 */
export async function clientLanguagesOf(
  db: Queryable,
  clientId: string,
): Promise<ReturnType<typeof clientMessageLanguages> | null> {
  const client = await findClientMessageFacts(db, clientId);
  if (!client) return null;
  return clientMessageLanguages(
    client.preferredLanguage,
    await municipalityLanguage(db, client.homeMunicipalityCode),
  );
}

interface Subject {
  referralId: string;
  caseId: string | null;
  clientId: string;
  params: ClientMessageParams;
}

/** The referral, case, client and the message's ids and dates, from the event and its owners. */
async function subjectOf(db: Queryable, event: EventRow, kind: ClientMessageKind): Promise<Subject | null> {
  const p = event.payload;
  if (kind === 'referral_received' || kind === 'relationship_started' || kind === 'referral_declined') {
    const referral = await findReferralMessageFacts(db, String(pick(p, 'referralId') ?? event.subjectId));
    if (!referral) return null;
    const params: ClientMessageParams = { referralId: referral.id };
    if (kind === 'referral_received') {
      params.submittedOn = referral.submittedOn;
      params.respondBy = referral.respondBy;
      return { referralId: referral.id, caseId: null, clientId: referral.clientId, params };
    }
    if (kind === 'referral_declined') {
      params.reasonCode = pick(p, 'reasonCode') ?? referral.declineReasonCode;
      params.decidedOn = helsinkiDate(event.occurredAt);
      return { referralId: referral.id, caseId: null, clientId: referral.clientId, params };
    }
    const kase = referral.caseId ? await findCase(db, referral.caseId) : null;
    if (!kase) return null;
    params.caseId = kase.id;
    params.assessmentStartedOn = kase.assessmentStartedOn;
    params.planDueOn = kase.planDueOn;
    return { referralId: referral.id, caseId: kase.id, clientId: kase.clientId, params };
  }
  const kase = event.caseId ? await findCase(db, event.caseId) : null;
  if (!kase) return null;
  const params: ClientMessageParams = { referralId: kase.referralId, caseId: kase.id };
  const keys: Record<string, string[]> = {
    plan_agreed: ['planId', 'version', 'agreedOn', 'reviewDueOn'],
    plan_reviewed: ['planId', 'reviewId', 'outcome', 'reviewedOn', 'version', 'nextReviewDueOn'],
    review_request_refused: ['reviewRequestId', 'requestedOn', 'refusedOn', 'reasonCode'],
    relationship_ended: ['endedOn', 'reasonCode', 'erasureDueOn'],
  };
  for (const k of keys[kind] ?? []) params[k] = pick(p, k);
  return { referralId: kase.referralId, caseId: kase.id, clientId: kase.clientId, params };
}

/**
 * Tells the client of an event (issue 11 item 4), inside the dispatch transaction: a letter
 * row always (the printable PDF the case's parties hand or post, with the details), and an
 * e-mail when the client gave an address (what happened, what next, how to get the
 * letter). One row per event and channel: a replayed event adds nothing. Returns the
 * outbox ids to enqueue after the commit.
 */
export async function notifyClient(
  tx: Queryable,
  event: EventRow,
  now: Date,
): Promise<{ emailIds: string[] }> {
  const kind = isEventType(event.type) ? CLIENT_MESSAGE_OF_EVENT[event.type] : undefined;
  if (!kind || !tellsClient(event)) return { emailIds: [] };
  const subject = await subjectOf(tx, event, kind);
  if (!subject) return { emailIds: [] };
  const client = await findClientMessageFacts(tx, subject.clientId);
  if (!client || client.erased) return { emailIds: [] };
  const choice = clientMessageLanguages(
    client.preferredLanguage,
    await municipalityLanguage(tx, client.homeMunicipalityCode),
  );
  const base = {
    eventId: event.eventId,
    kind,
    referralId: subject.referralId,
    caseId: subject.caseId,
    clientId: subject.clientId,
    languages: choice.languages,
    languageToBeAsked: choice.toBeAsked,
    params: subject.params,
    createdAt: now,
  };
  await tx
    .insert(clientMessages)
    .values({ ...base, channel: 'letter' })
    .onConflictDoNothing();
  if (!client.email) return { emailIds: [] };
  const rendered = renderClientEmail(kind, subject.params, choice.languages);
  const [email] = await tx
    .insert(emailMessages)
    .values({
      sourceKey: `client:event:${event.eventId}`,
      recipientKey: `client:${subject.clientId}`,
      toAddress: client.email,
      language: choice.languages[0] ?? 'fi',
      kind: `client.${kind}`,
      subjectLine: rendered.subject,
      bodyText: rendered.text,
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: emailMessages.id });
  if (!email) return { emailIds: [] };
  await tx
    .insert(clientMessages)
    .values({ ...base, channel: 'email', emailMessageId: email.id })
    .onConflictDoNothing();
  return { emailIds: [email.id] };
}

/**
 * The PDF of a stored letter, rendered now from its ids with the client's current name and
 * address, the decision's reason and the plan version it was about. The caller checks the
 * reader's access to the case or referral and writes the access log first.
 */
export async function renderClientLetter(db: Queryable, letter: ClientMessageRow): Promise<Buffer> {
  const client = await findClientMessageFacts(db, letter.clientId);
  const details: LetterDetails = {
    recipientName: client && !client.erased ? `${client.firstNames} ${client.lastName}` : '',
    postalAddress: client && !client.erased ? client.postalAddress : [],
  };
  if (letter.kind === 'referral_declined') {
    details.declineReasonText =
      (await findReferralMessageFacts(db, letter.referralId))?.declineReasonText ?? null;
  }
  if (letter.kind === 'review_request_refused' && letter.caseId) {
    const request = await findReviewRequestMessageFacts(
      db,
      letter.caseId,
      String(letter.params.reviewRequestId ?? ''),
    );
    details.reviewRefusalReasonText = request?.refusalReason ?? null;
  }
  if (letter.kind === 'plan_agreed' && letter.caseId && typeof letter.params.version === 'number') {
    const plan = await findPlanByCase(db, letter.caseId);
    const version = plan ? await findVersion(db, plan.id, letter.params.version) : null;
    details.plan = version?.contents ?? null;
  }
  const texts = clientLetterTexts(
    letter.kind,
    letter.params,
    letter.languages as ClientLanguage[],
    details,
    helsinkiDate(letter.createdAt),
  );
  return renderClientLetterPdf(texts, letter.createdAt);
}
