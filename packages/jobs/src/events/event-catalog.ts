import type { Lang } from '@tym/domain';
import { type Static, type TSchema, Type } from 'typebox';
import {
  Code,
  Codes,
  deadlineFields,
  Id,
  Instant,
  LocalDate,
  meetingFields,
  Nullable,
  Payload,
  quotaFields,
  Routing,
  Version,
} from './event-schemas.js';

/**
 * Who is told of an event in their notification inbox (and by e-mail), derived at dispatch
 * (services/worker notifications):
 * - `case_team`: the current team of the event's case;
 * - `area_coordinators`: the coordinators of the event's organisations allocated to its
 *   cooperation area (a new referral);
 * - `meeting_participants`: the meeting's staff participants, and the client and guests who
 *   gave an address (by e-mail, with the invitation);
 * - `organisation_admins`: the administrators of the event's organisations;
 * - `none`: nobody is told (the event changes timers, or is for partner systems and the feed).
 * The person who caused an event is never told of it.
 */
export type EventRecipients =
  | 'case_team'
  | 'area_coordinators'
  | 'meeting_participants'
  | 'organisation_admins'
  | 'none';

/** A notification's readable title and body. `{name}` is filled from the payload (event-texts.ts). */
export interface EventText {
  title: string;
  body: string;
}

/**
 * One event type (architecture.md, Jobs: "Events have a typed catalog too"). Every event
 * written with `recordEvent` has a type here, and its payload matches `payload`.
 */
export interface EventDefinition<S extends TSchema = TSchema, Sub extends string = string> {
  /** What happened, for the docs, the OpenAPI document and `GET /v1/event-types`. */
  description: string;
  /** The event's `subjectType`: what `subjectId` names. */
  subject: Sub;
  payload: S;
  /** Whose organisation codes the event carries: who sees it in the feed and may receive its webhooks. */
  audience: string;
  /** Who is told in the notification inbox. */
  recipients: EventRecipients;
  /** Whether partner systems may subscribe to it by webhook. */
  subscribable: boolean;
  texts: Record<Lang, EventText>;
  /** A payload as the code writes it: documents the type and feeds the texts test. */
  example: Static<S>;
}

function defineEvent<S extends TSchema, Sub extends string>(
  def: EventDefinition<S, Sub>,
): EventDefinition<S, Sub> {
  return def;
}

const CASE = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
const REFERRAL = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const CLIENT = '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e';
const AREA = '3c4d5e6f-7a8b-4c3d-8e4f-5a6b7c8d9e0f';
const PLAN = '4d5e6f7a-8b9c-4d4e-9f5a-6b7c8d9e0f1a';
const MEETING = '5e6f7a8b-9c0d-4e5f-8a6b-7c8d9e0f1a2b';
const DEADLINE = '7a8b9c0d-1e2f-4a7b-8c8d-9e0f1a2b3c4d';
const STAFF = '8b9c0d1e-2f3a-4b8c-9d9e-0f1a2b3c4d5e';
const AGREEMENT = '9c0d1e2f-3a4b-4c9d-8e0f-1a2b3c4d5e6f';
const GROUP = '0d1e2f3a-4b5c-4d0e-9f1a-2b3c4d5e6f7a';
const OTHER = 'ae1f2a3b-4c5d-4e6f-8a7b-8c9d0e1f2a3b';

const CASE_PARTIES =
  'The three parties of the case: its employment authority, wellbeing services county and Kela';
const AREA_PARTIES = 'The parties of the cooperation area';
const OWN_ORGANISATION = 'The organisation itself';

const meetingExample = {
  caseId: CASE,
  meetingId: MEETING,
  kind: 'plan',
  status: 'scheduled',
  startsAt: '2026-03-19T08:00:00.000Z',
  endsAt: '2026-03-19T09:00:00.000Z',
  sequence: 0,
};
const deadlineExample = {
  deadlineId: DEADLINE,
  kind: 'plan.due',
  dueOn: '2026-04-20',
  version: 1,
  status: 'pending',
  subjectType: 'case',
  subjectId: CASE,
};
const quotaExample = {
  cooperationAreaId: AREA,
  organisationCode: 'hva-vantaa-kerava',
  status: 'over_capacity',
  previousStatus: 'ok',
  committedFte: 2.5,
  allocatedFte: 2,
  capacity: 60,
  activeCases: 64,
  agreementId: AGREEMENT,
};
const routing = (area: string, ea: string) => ({
  cooperationAreaId: area,
  employmentAuthorityCode: ea,
  wellbeingCountyOrganiserCode: 'hva-vantaa-kerava',
});

export const eventCatalog = {
  // --- Referrals (services/referrals) ---------------------------------------------------------
  'referral.submitted': defineEvent({
    description: 'A party referred a client to multidisciplinary employment support (381/2023 §3).',
    subject: 'referral',
    payload: Payload(
      {
        referralId: Id('The referral'),
        clientId: Id('The client'),
        cooperationAreaId: Id('The cooperation area it was routed to'),
        referringOrganisationCode: Code('The organisation that referred'),
        grounds: Codes('work_capacity, functional_capacity and/or life_management'),
        respondBy: LocalDate('The date by which the referral is to be answered'),
      },
      'A new referral',
    ),
    audience: 'The referring organisation and the parties who are to answer',
    recipients: 'area_coordinators',
    subscribable: true,
    texts: {
      fi: {
        title: 'Uusi ohjaus',
        body: 'Yhteistoiminta-alueelle on tullut uusi ohjaus. Vastaa viimeistään {respondBy}.',
      },
      sv: { title: 'Ny remiss', body: 'Samarbetsområdet har fått en ny remiss. Svara senast {respondBy}.' },
      en: {
        title: 'New referral',
        body: 'A new referral came to the cooperation area. Answer by {respondBy}.',
      },
    },
    example: {
      referralId: REFERRAL,
      clientId: CLIENT,
      cooperationAreaId: AREA,
      referringOrganisationCode: 'kela',
      grounds: ['work_capacity'],
      respondBy: '2026-03-05',
    },
  }),
  'referral.accepted': defineEvent({
    description: 'The referral was accepted and the client relationship (case) opened.',
    subject: 'referral',
    payload: Payload(
      { referralId: Id('The referral'), caseId: Id('The case opened'), clientId: Id('The client') },
      'An accepted referral',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: { title: 'Ohjaus hyväksytty – {case}', body: 'Ohjaus hyväksyttiin ja asiakkuus {case} avattiin.' },
      sv: {
        title: 'Remissen godkänd – {case}',
        body: 'Remissen godkändes och klientrelationen {case} öppnades.',
      },
      en: {
        title: 'Referral accepted – {case}',
        body: 'The referral was accepted and case {case} was opened.',
      },
    },
    example: { referralId: REFERRAL, caseId: CASE, clientId: CLIENT },
  }),
  'referral.declined': defineEvent({
    description: 'The referral was declined with a reason code.',
    subject: 'referral',
    payload: Payload(
      { referralId: Id('The referral'), clientId: Id('The client'), reasonCode: Code('Why it was declined') },
      'A declined referral',
    ),
    audience: 'The referring organisation and the parties who were to answer',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: { title: 'Ohjaus hylätty', body: 'Ohjaus hylättiin (syy: {reasonCode}).' },
      sv: { title: 'Remissen avslagen', body: 'Remissen avslogs (orsak: {reasonCode}).' },
      en: { title: 'Referral declined', body: 'The referral was declined (reason: {reasonCode}).' },
    },
    example: { referralId: REFERRAL, clientId: CLIENT, reasonCode: 'not_eligible' },
  }),
  'referral.withdrawn': defineEvent({
    description: 'The referring organisation withdrew the referral before it was answered.',
    subject: 'referral',
    payload: Payload({ referralId: Id('The referral'), clientId: Id('The client') }, 'A withdrawn referral'),
    audience: 'The referring organisation and the parties who were to answer',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Ohjaus peruttu',
        body: 'Ohjaava organisaatio perui ohjauksen ennen kuin siihen vastattiin.',
      },
      sv: {
        title: 'Remissen återtagen',
        body: 'Den remitterande organisationen återtog remissen innan den besvarades.',
      },
      en: {
        title: 'Referral withdrawn',
        body: 'The referring organisation withdrew the referral before it was answered.',
      },
    },
    example: { referralId: REFERRAL, clientId: CLIENT },
  }),

  // --- Cases (services/referrals) -------------------------------------------------------------
  'case.assessment_started': defineEvent({
    description: 'The joint service need assessment started; the plan is due by planDueOn (381/2023 §5).',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        referralId: Id('The referral it came from'),
        clientId: Id('The client'),
        assessmentStartedOn: LocalDate('When the assessment started'),
        planDueOn: LocalDate('When the joint plan is due'),
      },
      'An assessment that started',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Palvelutarpeen arviointi alkoi – {case}',
        body: 'Asiakkuuden {case} palvelutarpeen arviointi alkoi {assessmentStartedOn}. Suunnitelma on laadittava viimeistään {planDueOn}.',
      },
      sv: {
        title: 'Bedömningen av servicebehovet började – {case}',
        body: 'Bedömningen av servicebehovet för klientrelationen {case} började {assessmentStartedOn}. Planen ska göras upp senast {planDueOn}.',
      },
      en: {
        title: 'Service need assessment started – {case}',
        body: 'The service need assessment of case {case} started on {assessmentStartedOn}. The plan is due by {planDueOn}.',
      },
    },
    example: {
      caseId: CASE,
      referralId: REFERRAL,
      clientId: CLIENT,
      assessmentStartedOn: '2026-03-02',
      planDueOn: '2026-04-20',
    },
  }),
  'case.team_changed': defineEvent({
    description: 'A staff member was added to or removed from the case team.',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        change: Type.Union([Type.Literal('added'), Type.Literal('removed')], {
          description: 'added or removed',
        }),
        staffId: Id('The staff member'),
        organisationCode: Code('Their organisation'),
        teamRole: Code('Their role in the team'),
      },
      'A change of the case team',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Tiimi muuttui – {case}',
        body: 'Asiakkuuden {case} tiimiin tuli muutos ({organisationCode}).',
      },
      sv: {
        title: 'Teamet ändrades – {case}',
        body: 'Teamet för klientrelationen {case} ändrades ({organisationCode}).',
      },
      en: { title: 'Team changed – {case}', body: 'The team of case {case} changed ({organisationCode}).' },
    },
    example: { caseId: CASE, change: 'added', staffId: STAFF, organisationCode: 'kela', teamRole: 'member' },
  }),
  'case.review_requested': defineEvent({
    description: 'The client asked for a review of the plan (381/2023 §6); the review is due by dueOn.',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        reviewRequestId: Id('The request'),
        requestedOn: LocalDate('When the client asked'),
        dueOn: LocalDate('When the review is due'),
      },
      'A review request',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Asiakas pyysi tarkistamista – {case}',
        body: 'Asiakas pyysi {requestedOn} suunnitelman tarkistamista (asiakkuus {case}). Tarkista viimeistään {dueOn}.',
      },
      sv: {
        title: 'Klienten begärde granskning – {case}',
        body: 'Klienten begärde {requestedOn} att planen granskas (klientrelation {case}). Granska senast {dueOn}.',
      },
      en: {
        title: 'The client asked for a review – {case}',
        body: 'The client asked on {requestedOn} for the plan of case {case} to be reviewed. Review it by {dueOn}.',
      },
    },
    example: { caseId: CASE, reviewRequestId: OTHER, requestedOn: '2026-04-20', dueOn: '2026-05-04' },
  }),
  'case.review_request_refused': defineEvent({
    description: 'The employment authority refused a review request as clearly unnecessary (381/2023 §6(1)).',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        reviewRequestId: Id('The request'),
        requestedOn: LocalDate('When the client asked'),
        refusedOn: LocalDate('When it was refused'),
        reasonCode: Code('Why'),
      },
      'A refused review request',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Asiakkaan tarkistuspyyntöä ei hyväksytty – {case}',
        body: 'Asiakkaan {requestedOn} tekemää tarkistuspyyntöä ei hyväksytty {refusedOn} (asiakkuus {case}).',
      },
      sv: {
        title: 'Klientens begäran om granskning avslogs – {case}',
        body: 'Klientens begäran om granskning från {requestedOn} avslogs {refusedOn} (klientrelation {case}).',
      },
      en: {
        title: 'The client’s review request was refused – {case}',
        body: 'The client’s review request of {requestedOn} was refused on {refusedOn} (case {case}).',
      },
    },
    example: {
      caseId: CASE,
      reviewRequestId: OTHER,
      requestedOn: '2026-04-20',
      refusedOn: '2026-04-22',
      reasonCode: 'recently_reviewed',
    },
  }),
  'case.ending_proposed': defineEvent({
    description: 'A party proposed ending the client relationship (381/2023 §8); the others confirm.',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        proposalId: Id('The proposal'),
        ground: Code('The §8 ground of ending'),
        outcome: Code('The outcome for the client'),
        reasonCode: Code('The outcome under its version-1 name'),
        requiredOrganisationCodes: Codes('The parties whose confirmation is needed'),
      },
      'A proposal to end the case',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Asiakkuuden päättämistä ehdotettu – {case}',
        body: 'Asiakkuuden {case} päättämistä on ehdotettu. Osapuolten on vahvistettava päättäminen.',
      },
      sv: {
        title: 'Avslutande av klientrelationen föreslaget – {case}',
        body: 'Det har föreslagits att klientrelationen {case} avslutas. Parterna ska bekräfta avslutandet.',
      },
      en: {
        title: 'Ending the client relationship proposed – {case}',
        body: 'Ending case {case} has been proposed. The parties are to confirm it.',
      },
    },
    example: {
      caseId: CASE,
      proposalId: OTHER,
      ground: 'goals_met',
      outcome: 'employed',
      reasonCode: 'employed',
      requiredOrganisationCodes: ['hva-vantaa-kerava', 'kela'],
    },
  }),
  'case.ended': defineEvent({
    description: 'The client relationship ended (381/2023 §8); the client data is erased after erasureDueOn.',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        proposalId: Id('The confirmed proposal'),
        endedOn: LocalDate('When it ended'),
        ground: Code('The §8 ground of ending'),
        outcome: Code('The outcome for the client'),
        reasonCode: Code('The outcome under its version-1 name'),
        erasureDueOn: LocalDate('When the client data is due to be erased'),
      },
      'An ended case',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: { title: 'Asiakkuus päättyi – {case}', body: 'Asiakkuus {case} päättyi {endedOn}.' },
      sv: {
        title: 'Klientrelationen avslutades – {case}',
        body: 'Klientrelationen {case} avslutades {endedOn}.',
      },
      en: { title: 'Client relationship ended – {case}', body: 'Case {case} ended on {endedOn}.' },
    },
    example: {
      caseId: CASE,
      proposalId: OTHER,
      endedOn: '2026-09-30',
      ground: 'goals_met',
      outcome: 'employed',
      reasonCode: 'employed',
      erasureDueOn: '2031-09-30',
    },
  }),
  'case.transferred': defineEvent({
    description: 'The client moved and the case was transferred to the new area’s parties (380/2023 §17).',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        transferId: Id('The transfer'),
        transferredOn: LocalDate('The day of the move'),
        from: Routing('Where the case was'),
        to: Routing('Where the case is now'),
      },
      'A transferred case',
    ),
    audience: 'The parties of the case after the transfer',
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Asiakkuus siirtyi alueellenne – {case}',
        body: 'Asiakkuus {case} siirtyi {transferredOn} alueellenne suunnitelmineen ja määräaikoineen.',
      },
      sv: {
        title: 'Klientrelationen flyttades till ert område – {case}',
        body: 'Klientrelationen {case} flyttades {transferredOn} till ert område med plan och tidsfrister.',
      },
      en: {
        title: 'Client relationship transferred to your area – {case}',
        body: 'Case {case} was transferred to your area on {transferredOn} with its plan and deadlines.',
      },
    },
    example: {
      caseId: CASE,
      transferId: OTHER,
      transferredOn: '2026-06-01',
      from: routing(AREA, 'ea-kerava-sipoo'),
      to: routing(OTHER, 'ea-vantaa'),
    },
  }),
  'case.transferred_away': defineEvent({
    description: 'The client moved and the case left these parties for another area (380/2023 §17).',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        transferId: Id('The transfer'),
        transferredOn: LocalDate('The day of the move'),
        from: Routing('Where the case was'),
        to: Routing('Where the case is now'),
      },
      'A case transferred away',
    ),
    audience: 'The parties that the case left',
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Asiakkuus siirtyi toiselle alueelle – {case}',
        body: 'Asiakkuus {case} siirtyi {transferredOn} toisen alueen osapuolille.',
      },
      sv: {
        title: 'Klientrelationen flyttades till ett annat område – {case}',
        body: 'Klientrelationen {case} flyttades {transferredOn} till parterna i ett annat område.',
      },
      en: {
        title: 'Client relationship transferred to another area – {case}',
        body: 'Case {case} was transferred to another area’s parties on {transferredOn}.',
      },
    },
    example: {
      caseId: CASE,
      transferId: OTHER,
      transferredOn: '2026-06-01',
      from: routing(AREA, 'ea-kerava-sipoo'),
      to: routing(OTHER, 'ea-vantaa'),
    },
  }),
  'case.erased': defineEvent({
    description: 'The retention of an ended case ran out and its client data was erased.',
    subject: 'case',
    payload: Payload(
      {
        caseId: Id('The case'),
        deadlineId: Id('The case.erasure deadline'),
        clientIdentityErased: Type.Boolean({ description: 'Whether the client’s identity was erased too' }),
      },
      'An erased case',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Asiakkaan henkilötiedot poistettiin – {case}',
        body: 'Päättyneen asiakkuuden {case} säilytysaika päättyi ja asiakkaan tiedot poistettiin.',
      },
      sv: {
        title: 'Klientens personuppgifter raderades – {case}',
        body: 'Lagringstiden för den avslutade klientrelationen {case} gick ut och klientens uppgifter raderades.',
      },
      en: {
        title: 'The client’s personal data was erased – {case}',
        body: 'The retention of ended case {case} ran out and the client’s data was erased.',
      },
    },
    example: { caseId: CASE, deadlineId: DEADLINE, clientIdentityErased: true },
  }),
  'case.erasure_held': defineEvent({
    description: 'An erasure hold stops the erasure of an ended case’s data (e.g. a pending appeal).',
    subject: 'case',
    payload: Payload(
      { caseId: Id('The case'), holdId: Id('The hold'), reasonCode: Code('Why the data is kept') },
      'An erasure hold',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Tietojen poistaminen pysäytetty – {case}',
        body: 'Asiakkuuden {case} tietojen poistaminen pysäytettiin (syy: {reasonCode}).',
      },
      sv: {
        title: 'Raderingen av uppgifter stoppad – {case}',
        body: 'Raderingen av uppgifterna i klientrelationen {case} stoppades (orsak: {reasonCode}).',
      },
      en: {
        title: 'Data erasure on hold – {case}',
        body: 'The erasure of case {case}’s data was put on hold (reason: {reasonCode}).',
      },
    },
    example: { caseId: CASE, holdId: OTHER, reasonCode: 'appeal_pending' },
  }),
  'case.erasure_released': defineEvent({
    description: 'An erasure hold was released; the data is erased when its retention has run out.',
    subject: 'case',
    payload: Payload({ caseId: Id('The case'), holdId: Id('The hold') }, 'A released erasure hold'),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Tietojen poistamisen pysäytys purettu – {case}',
        body: 'Asiakkuuden {case} tiedot poistetaan, kun niiden säilytysaika on päättynyt.',
      },
      sv: {
        title: 'Stoppet av raderingen hävt – {case}',
        body: 'Uppgifterna i klientrelationen {case} raderas när lagringstiden har gått ut.',
      },
      en: {
        title: 'Data erasure hold released – {case}',
        body: 'The data of case {case} is erased once its retention has run out.',
      },
    },
    example: { caseId: CASE, holdId: OTHER },
  }),

  // --- The joint plan (services/planning) -----------------------------------------------------
  'plan.submitted': defineEvent({
    description: 'A draft of the joint plan was submitted for approval by the parties and the client.',
    subject: 'plan',
    payload: Payload(
      {
        caseId: Id('The case'),
        planId: Id('The plan'),
        draftRevision: Version('The submitted draft revision'),
        requiredApprovers: Codes('Whose approvals are needed: the parties and the client'),
      },
      'A submitted plan draft',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Suunnitelma hyväksyttävänä – {case}',
        body: 'Asiakkuuden {case} monialaisen työllistymissuunnitelman luonnos (versio {draftRevision}) odottaa hyväksyntöjä.',
      },
      sv: {
        title: 'Planen väntar på godkännande – {case}',
        body: 'Utkastet till den sektorsövergripande sysselsättningsplanen för klientrelationen {case} (version {draftRevision}) väntar på godkännanden.',
      },
      en: {
        title: 'Plan submitted for approval – {case}',
        body: 'The draft joint employment plan of case {case} (revision {draftRevision}) waits for approvals.',
      },
    },
    example: { caseId: CASE, planId: PLAN, draftRevision: 3, requiredApprovers: ['client', 'organisation'] },
  }),
  'plan.agreed': defineEvent({
    description: 'Every party and the client approved the plan: a new version is in force (381/2023 §5).',
    subject: 'plan',
    payload: Payload(
      {
        caseId: Id('The case'),
        planId: Id('The plan'),
        version: Version('The version agreed'),
        agreedOn: LocalDate('When it was agreed'),
        reviewDueOn: LocalDate('When it is next to be reviewed'),
      },
      'An agreed plan',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Suunnitelma hyväksytty – {case}',
        body: 'Asiakkuuden {case} suunnitelman versio {version} hyväksyttiin {agreedOn}. Seuraava tarkistus viimeistään {reviewDueOn}.',
      },
      sv: {
        title: 'Planen godkänd – {case}',
        body: 'Version {version} av planen för klientrelationen {case} godkändes {agreedOn}. Nästa granskning senast {reviewDueOn}.',
      },
      en: {
        title: 'Plan agreed – {case}',
        body: 'Version {version} of the plan of case {case} was agreed on {agreedOn}. Next review by {reviewDueOn}.',
      },
    },
    example: { caseId: CASE, planId: PLAN, version: 1, agreedOn: '2026-03-19', reviewDueOn: '2026-06-22' },
  }),
  'plan.reviewed': defineEvent({
    description: 'The plan was reviewed (381/2023 §6); the next review is due by nextReviewDueOn.',
    subject: 'plan',
    payload: Payload(
      {
        caseId: Id('The case'),
        planId: Id('The plan'),
        reviewId: Id('The review'),
        outcome: Code('The outcome of the review'),
        reviewedOn: LocalDate('When it was reviewed'),
        version: Version('The plan version reviewed'),
        nextReviewDueOn: LocalDate('When the next review is due'),
      },
      'A plan review',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Suunnitelma tarkistettu – {case}',
        body: 'Asiakkuuden {case} suunnitelma tarkistettiin {reviewedOn}. Seuraava tarkistus viimeistään {nextReviewDueOn}.',
      },
      sv: {
        title: 'Planen granskad – {case}',
        body: 'Planen för klientrelationen {case} granskades {reviewedOn}. Nästa granskning senast {nextReviewDueOn}.',
      },
      en: {
        title: 'Plan reviewed – {case}',
        body: 'The plan of case {case} was reviewed on {reviewedOn}. Next review by {nextReviewDueOn}.',
      },
    },
    example: {
      caseId: CASE,
      planId: PLAN,
      reviewId: OTHER,
      outcome: 'continue',
      reviewedOn: '2026-06-15',
      version: 1,
      nextReviewDueOn: '2026-09-15',
    },
  }),
  'plan.client_participation_recorded': defineEvent({
    description: 'The client’s part in the plan was recorded (hearing, report, consent).',
    subject: 'plan',
    payload: Payload(
      {
        caseId: Id('The case'),
        planId: Id('The plan'),
        recordId: Id('The record'),
        kind: Code('What kind of participation'),
        occurredOn: LocalDate('When'),
        actionId: Nullable(Id('The plan action'), 'The plan action it concerns, if any'),
      },
      'A record of the client’s participation',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Asiakkaan osallistuminen suunnitelmaan kirjattu – {case}',
        body: 'Asiakkuuden {case} suunnitelmaan kirjattiin asiakkaan osallistuminen {occurredOn}.',
      },
      sv: {
        title: 'Klientens deltagande i planen registrerat – {case}',
        body: 'Klientens deltagande {occurredOn} registrerades i planen för klientrelationen {case}.',
      },
      en: {
        title: 'The client’s part in the plan recorded – {case}',
        body: 'The client’s part on {occurredOn} was recorded in the plan of case {case}.',
      },
    },
    example: {
      caseId: CASE,
      planId: PLAN,
      recordId: OTHER,
      kind: 'report',
      occurredOn: '2026-05-15',
      actionId: null,
    },
  }),
  'plan.action_updated': defineEvent({
    description: 'The status of a plan action changed.',
    subject: 'plan_action',
    payload: Payload(
      {
        caseId: Id('The case'),
        planId: Id('The plan'),
        actionId: Id('The action'),
        status: Code('The new status'),
        previousStatus: Code('The status before'),
        ownerOrganisationCode: Code('The party responsible for the action'),
      },
      'A changed plan action',
    ),
    audience: CASE_PARTIES,
    recipients: 'case_team',
    subscribable: true,
    texts: {
      fi: {
        title: 'Suunnitelman toimenpide päivitetty – {case}',
        body: 'Asiakkuuden {case} suunnitelman toimenpiteen tila muuttui ({ownerOrganisationCode}).',
      },
      sv: {
        title: 'Åtgärd i planen uppdaterad – {case}',
        body: 'Status för en åtgärd i planen för klientrelationen {case} ändrades ({ownerOrganisationCode}).',
      },
      en: {
        title: 'Plan action updated – {case}',
        body: 'The status of an action in the plan of case {case} changed ({ownerOrganisationCode}).',
      },
    },
    example: {
      caseId: CASE,
      planId: PLAN,
      actionId: OTHER,
      status: 'done',
      previousStatus: 'in_progress',
      ownerOrganisationCode: 'kela',
    },
  }),

  // --- Joint meetings (services/planning) ------------------------------------------------------
  'meeting.scheduled': defineEvent({
    description: 'A joint meeting was scheduled and its invitation sent.',
    subject: 'meeting',
    payload: Payload({ ...meetingFields, staffIds: Codes('The staff invited') }, 'A scheduled meeting'),
    audience: CASE_PARTIES,
    recipients: 'meeting_participants',
    subscribable: true,
    texts: {
      fi: {
        title: 'Kutsu tapaamiseen – {case}',
        body: 'Sinut on kutsuttu asiakkuuden {case} yhteiseen tapaamiseen {startsAt}.',
      },
      sv: {
        title: 'Kallelse till möte – {case}',
        body: 'Du är kallad till ett gemensamt möte om klientrelationen {case} {startsAt}.',
      },
      en: {
        title: 'Meeting invitation – {case}',
        body: 'You are invited to a joint meeting on case {case} at {startsAt}.',
      },
    },
    example: { ...meetingExample, staffIds: [STAFF] },
  }),
  'meeting.rescheduled': defineEvent({
    description: 'A joint meeting moved; its invitation is updated (a higher SEQUENCE).',
    subject: 'meeting',
    payload: Payload(
      { ...meetingFields, previousStartsAt: Instant('When it was to start before') },
      'A rescheduled meeting',
    ),
    audience: CASE_PARTIES,
    recipients: 'meeting_participants',
    subscribable: true,
    texts: {
      fi: {
        title: 'Tapaamisen aika muuttui – {case}',
        body: 'Asiakkuuden {case} tapaaminen on siirretty. Uusi aika: {startsAt}.',
      },
      sv: {
        title: 'Mötet har flyttats – {case}',
        body: 'Mötet om klientrelationen {case} har flyttats. Ny tid: {startsAt}.',
      },
      en: {
        title: 'Meeting rescheduled – {case}',
        body: 'The meeting on case {case} has moved. New time: {startsAt}.',
      },
    },
    example: { ...meetingExample, sequence: 1, previousStartsAt: '2026-03-18T08:00:00.000Z' },
  }),
  'meeting.cancelled': defineEvent({
    description: 'A joint meeting was cancelled (an iCalendar CANCEL is sent).',
    subject: 'meeting',
    payload: Payload({ ...meetingFields, reasonCode: Code('Why it was cancelled') }, 'A cancelled meeting'),
    audience: CASE_PARTIES,
    recipients: 'meeting_participants',
    subscribable: true,
    texts: {
      fi: {
        title: 'Tapaaminen peruttu – {case}',
        body: 'Asiakkuuden {case} tapaaminen {startsAt} on peruttu.',
      },
      sv: {
        title: 'Mötet inställt – {case}',
        body: 'Mötet om klientrelationen {case} {startsAt} är inställt.',
      },
      en: {
        title: 'Meeting cancelled – {case}',
        body: 'The meeting on case {case} at {startsAt} is cancelled.',
      },
    },
    example: { ...meetingExample, status: 'cancelled', sequence: 1, reasonCode: 'client_ill' },
  }),
  'meeting.closed': defineEvent({
    description: 'A joint meeting was held and its minutes closed; decisions may have become plan actions.',
    subject: 'meeting',
    payload: Payload(
      { ...meetingFields, planActionIds: Codes('Plan actions made from its decisions') },
      'A closed meeting',
    ),
    audience: CASE_PARTIES,
    recipients: 'meeting_participants',
    subscribable: true,
    texts: {
      fi: {
        title: 'Tapaaminen päättyi – {case}',
        body: 'Asiakkuuden {case} tapaamisen {startsAt} muistio on valmis.',
      },
      sv: {
        title: 'Mötet avslutat – {case}',
        body: 'Protokollet från mötet om klientrelationen {case} {startsAt} är klart.',
      },
      en: {
        title: 'Meeting closed – {case}',
        body: 'The minutes of the meeting on case {case} at {startsAt} are complete.',
      },
    },
    example: { ...meetingExample, status: 'closed', planActionIds: [OTHER] },
  }),

  // --- Statutory deadlines (packages/jobs deadlines) -------------------------------------------
  'deadline.set': defineEvent({
    description: 'A statutory deadline was set; its timers start (reminders, due, escalation).',
    subject: 'deadline',
    payload: Payload(deadlineFields, 'A new deadline'),
    audience: 'The parties the deadline concerns',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Määräaika asetettu: {deadlineKind}',
        body: 'Määräaika "{deadlineKind}" päättyy {dueOn}.',
      },
      sv: { title: 'Tidsfrist satt: {deadlineKind}', body: 'Tidsfristen "{deadlineKind}" går ut {dueOn}.' },
      en: { title: 'Deadline set: {deadlineKind}', body: 'The deadline "{deadlineKind}" is due on {dueOn}.' },
    },
    example: deadlineExample,
  }),
  'deadline.moved': defineEvent({
    description: 'A pending deadline moved to a new date (a new version; old timers fire into nothing).',
    subject: 'deadline',
    payload: Payload({ ...deadlineFields, previousDueOn: LocalDate('The date before') }, 'A moved deadline'),
    audience: 'The parties the deadline concerns',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Määräaika muuttui: {deadlineKind}',
        body: 'Määräaika "{deadlineKind}" siirtyi päivästä {previousDueOn} päivään {dueOn}.',
      },
      sv: {
        title: 'Tidsfristen ändrades: {deadlineKind}',
        body: 'Tidsfristen "{deadlineKind}" flyttades från {previousDueOn} till {dueOn}.',
      },
      en: {
        title: 'Deadline moved: {deadlineKind}',
        body: 'The deadline "{deadlineKind}" moved from {previousDueOn} to {dueOn}.',
      },
    },
    example: { ...deadlineExample, version: 2, previousDueOn: '2026-04-13' },
  }),
  'deadline.met': defineEvent({
    description: 'A deadline was met (status met, or met_late after its due date).',
    subject: 'deadline',
    payload: Payload({ ...deadlineFields, metOn: LocalDate('When it was met') }, 'A met deadline'),
    audience: 'The parties the deadline concerns',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Määräaika täyttyi: {deadlineKind}',
        body: 'Määräaika "{deadlineKind}" ({dueOn}) täyttyi {metOn}.',
      },
      sv: {
        title: 'Tidsfristen uppfylld: {deadlineKind}',
        body: 'Tidsfristen "{deadlineKind}" ({dueOn}) uppfylldes {metOn}.',
      },
      en: {
        title: 'Deadline met: {deadlineKind}',
        body: 'The deadline "{deadlineKind}" ({dueOn}) was met on {metOn}.',
      },
    },
    example: { ...deadlineExample, version: 2, status: 'met', metOn: '2026-04-15' },
  }),
  'deadline.cancelled': defineEvent({
    description: 'A pending deadline was cancelled (e.g. the case ended).',
    subject: 'deadline',
    payload: Payload({ ...deadlineFields, reason: Code('Why, as a code') }, 'A cancelled deadline'),
    audience: 'The parties the deadline concerns',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Määräaika peruttu: {deadlineKind}',
        body: 'Määräaika "{deadlineKind}" ({dueOn}) peruttiin.',
      },
      sv: {
        title: 'Tidsfristen avbröts: {deadlineKind}',
        body: 'Tidsfristen "{deadlineKind}" ({dueOn}) avbröts.',
      },
      en: {
        title: 'Deadline cancelled: {deadlineKind}',
        body: 'The deadline "{deadlineKind}" ({dueOn}) was cancelled.',
      },
    },
    example: { ...deadlineExample, version: 2, status: 'cancelled', reason: 'case_ended' },
  }),

  // --- Webhooks (services/notifications) ----------------------------------------------------------
  'webhook_endpoint.disabled': defineEvent({
    description: 'A webhook endpoint was disabled: it answered 410 Gone or failed for too long.',
    subject: 'webhook_endpoint',
    payload: Payload(
      { endpointId: Id('The endpoint'), reason: Code('gone (410) or failing (long failure)') },
      'A disabled endpoint',
    ),
    audience: 'The organisation that owns the endpoint',
    recipients: 'organisation_admins',
    subscribable: true,
    texts: {
      fi: {
        title: 'Webhook-osoite poistettiin käytöstä',
        body: 'Organisaation webhook-osoite poistettiin käytöstä (syy: {reason}). Korjaa osoite ja ota se uudelleen käyttöön.',
      },
      sv: {
        title: 'Webhook-adressen inaktiverades',
        body: 'Organisationens webhook-adress inaktiverades (orsak: {reason}). Rätta adressen och aktivera den igen.',
      },
      en: {
        title: 'Webhook endpoint disabled',
        body: 'An endpoint of your organisation was disabled (reason: {reason}). Fix it and enable it again.',
      },
    },
    example: { endpointId: OTHER, reason: 'gone' },
  }),

  // --- Resourcing (services/resourcing) --------------------------------------------------------
  'quota.exceeded': defineEvent({
    description: 'A party’s caseload in a cooperation area went over its capacity (soft quota).',
    subject: 'cooperation_area',
    payload: Payload(quotaFields, 'A quota crossing'),
    audience: AREA_PARTIES,
    recipients: 'organisation_admins',
    subscribable: true,
    texts: {
      fi: {
        title: 'Kiintiö ylittyi: {organisationCode}',
        body: 'Osapuolen {organisationCode} asiakkaita on {activeCases}, kapasiteetti {capacity}.',
      },
      sv: {
        title: 'Kvoten överskreds: {organisationCode}',
        body: 'Parten {organisationCode} har {activeCases} klienter, kapaciteten är {capacity}.',
      },
      en: {
        title: 'Quota exceeded: {organisationCode}',
        body: '{organisationCode} has {activeCases} active cases against a capacity of {capacity}.',
      },
    },
    example: quotaExample,
  }),
  'staffing.below_commitment': defineEvent({
    description: 'A party allocated fewer staff to the area than it committed under the agreement.',
    subject: 'cooperation_area',
    payload: Payload(quotaFields, 'A staffing crossing'),
    audience: AREA_PARTIES,
    recipients: 'organisation_admins',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilöstö alittaa sitoumuksen: {organisationCode}',
        body: 'Osapuoli {organisationCode} on kohdentanut alueelle {allocatedFte} henkilötyövuotta, sitoumus on {committedFte}.',
      },
      sv: {
        title: 'Personalen understiger åtagandet: {organisationCode}',
        body: 'Parten {organisationCode} har anvisat {allocatedFte} årsverken till området, åtagandet är {committedFte}.',
      },
      en: {
        title: 'Staffing below commitment: {organisationCode}',
        body: '{organisationCode} has allocated {allocatedFte} FTE to the area against a commitment of {committedFte}.',
      },
    },
    example: { ...quotaExample, status: 'below_commitment', allocatedFte: 1.5, activeCases: 30 },
  }),
  'quota.restored': defineEvent({
    description: 'A party’s caseload and staffing are back within the agreement.',
    subject: 'cooperation_area',
    payload: Payload(quotaFields, 'A restored quota'),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Kiintiö palautui: {organisationCode}',
        body: 'Osapuolen {organisationCode} tilanne on taas sopimuksen mukainen.',
      },
      sv: {
        title: 'Kvoten återställd: {organisationCode}',
        body: 'Situationen för parten {organisationCode} följer åter avtalet.',
      },
      en: {
        title: 'Quota restored: {organisationCode}',
        body: '{organisationCode} is back within the agreement.',
      },
    },
    example: { ...quotaExample, status: 'ok', previousStatus: 'over_capacity', activeCases: 55 },
  }),
  'cooperation_area.arrangement_set': defineEvent({
    description: 'A wellbeing services county’s cooperation areas and their employment authorities were set.',
    subject: 'wellbeing_county',
    payload: Payload(
      {
        wellbeingCountyId: Code('The wellbeing services county'),
        areaCount: Type.Integer({ minimum: 0, description: 'How many cooperation areas' }),
        agreedOn: LocalDate('When the arrangement was agreed'),
        decisionReference: Nullable(Code('The decision’s reference'), 'The decision’s reference, if any'),
        areas: Type.Array(
          Payload(
            {
              cooperationAreaId: Id('The area'),
              code: Code('The area’s code'),
              employmentAuthorityCodes: Codes('Its employment authorities'),
            },
            'One area',
          ),
          { description: 'The areas after the change' },
        ),
      },
      'A cooperation arrangement',
    ),
    audience: 'The county’s organiser, Kela and the employment authorities',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistoiminta-alueet päivitetty',
        body: 'Hyvinvointialueen yhteistoiminta-alueet ({areaCount}) päivitettiin, sovittu {agreedOn}.',
      },
      sv: {
        title: 'Samarbetsområdena uppdaterade',
        body: 'Välfärdsområdets samarbetsområden ({areaCount}) uppdaterades, överenskommet {agreedOn}.',
      },
      en: {
        title: 'Cooperation areas updated',
        body: 'The county’s cooperation areas ({areaCount}) were updated, agreed on {agreedOn}.',
      },
    },
    example: {
      wellbeingCountyId: 'vantaa-kerava',
      areaCount: 1,
      agreedOn: '2025-01-01',
      decisionReference: null,
      areas: [
        { cooperationAreaId: AREA, code: 'vantaa-kerava', employmentAuthorityCodes: ['ea-kerava-sipoo'] },
      ],
    },
  }),
  'cooperation_area.parties_added': defineEvent({
    description: 'Parties joined a cooperation area.',
    subject: 'cooperation_area',
    payload: Payload(
      {
        cooperationAreaId: Id('The area'),
        parties: Type.Array(
          Payload({ organisationCode: Code('The party'), role: Code('Its role') }, 'One party'),
          { description: 'The parties added' },
        ),
      },
      'Parties added to an area',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistoiminta-alueelle lisättiin osapuolia',
        body: 'Yhteistoiminta-alueelle lisättiin osapuolia.',
      },
      sv: { title: 'Parter lades till i samarbetsområdet', body: 'Parter lades till i samarbetsområdet.' },
      en: { title: 'Parties added to a cooperation area', body: 'Parties were added to a cooperation area.' },
    },
    example: {
      cooperationAreaId: AREA,
      parties: [{ organisationCode: 'ea-vantaa', role: 'employment_authority' }],
    },
  }),
  'agreement.created': defineEvent({
    description: 'A cooperation agreement was drafted by the management group (381/2023 §11).',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        managementGroupId: Id('The management group'),
        version: Version('Its first version'),
        validFrom: LocalDate('From'),
        validTo: Nullable(LocalDate('To'), 'Until, if it ends'),
      },
      'A new agreement',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistyösopimus luotu',
        body: 'Yhteistoiminta-alueelle luotiin yhteistyösopimus, voimassa {validFrom} alkaen.',
      },
      sv: {
        title: 'Samarbetsavtal skapat',
        body: 'Ett samarbetsavtal skapades för samarbetsområdet, giltigt från {validFrom}.',
      },
      en: {
        title: 'Cooperation agreement created',
        body: 'A cooperation agreement was created for the area, valid from {validFrom}.',
      },
    },
    example: {
      agreementId: AGREEMENT,
      managementGroupId: GROUP,
      version: 1,
      validFrom: '2026-01-01',
      validTo: null,
    },
  }),
  'agreement.version_created': defineEvent({
    description: 'A new version of a cooperation agreement was drafted.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        version: Version('The new version'),
        previousVersion: Version('The version before'),
      },
      'A new agreement version',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistyösopimuksesta uusi versio',
        body: 'Yhteistyösopimuksesta laadittiin versio {version}.',
      },
      sv: {
        title: 'Ny version av samarbetsavtalet',
        body: 'Version {version} av samarbetsavtalet utarbetades.',
      },
      en: {
        title: 'New cooperation agreement version',
        body: 'Version {version} of the cooperation agreement was drafted.',
      },
    },
    example: { agreementId: AGREEMENT, version: 2, previousVersion: 1 },
  }),
  'agreement.party_approved': defineEvent({
    description: 'One party approved a version of the cooperation agreement.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        version: Version('The version'),
        organisationCode: Code('The party that approved'),
        approvedOn: LocalDate('When'),
      },
      'A party’s approval',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Osapuoli hyväksyi yhteistyösopimuksen',
        body: '{organisationCode} hyväksyi yhteistyösopimuksen version {version} {approvedOn}.',
      },
      sv: {
        title: 'En part godkände samarbetsavtalet',
        body: '{organisationCode} godkände version {version} av samarbetsavtalet {approvedOn}.',
      },
      en: {
        title: 'A party approved the cooperation agreement',
        body: '{organisationCode} approved version {version} of the agreement on {approvedOn}.',
      },
    },
    example: { agreementId: AGREEMENT, version: 1, organisationCode: 'kela', approvedOn: '2025-12-15' },
  }),
  'agreement.approved': defineEvent({
    description: 'Every party approved the cooperation agreement: it is in force.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        version: Version('The version'),
        validFrom: LocalDate('From'),
        validTo: Nullable(LocalDate('To'), 'Until, if it ends'),
      },
      'An approved agreement',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistyösopimus hyväksytty',
        body: 'Yhteistyösopimuksen versio {version} on hyväksytty ja voimassa {validFrom} alkaen.',
      },
      sv: {
        title: 'Samarbetsavtalet godkänt',
        body: 'Version {version} av samarbetsavtalet är godkänd och gäller från {validFrom}.',
      },
      en: {
        title: 'Cooperation agreement approved',
        body: 'Version {version} of the agreement is approved and in force from {validFrom}.',
      },
    },
    example: { agreementId: AGREEMENT, version: 1, validFrom: '2026-01-01', validTo: null },
  }),
  'agreement.staffing_reviewed': defineEvent({
    description: 'The adequacy of the staff committed under the agreement was reviewed.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        staffingReviewId: Id('The review'),
        reviewedOn: LocalDate('When'),
        adequate: Type.Boolean({ description: 'Whether the staffing was found adequate' }),
        nextReviewDueOn: LocalDate('When the next review is due'),
      },
      'A staffing review',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilöstön riittävyys arvioitu',
        body: 'Henkilöstön riittävyys arvioitiin {reviewedOn}. Seuraava arviointi viimeistään {nextReviewDueOn}.',
      },
      sv: {
        title: 'Personalens tillräcklighet bedömd',
        body: 'Personalens tillräcklighet bedömdes {reviewedOn}. Nästa bedömning senast {nextReviewDueOn}.',
      },
      en: {
        title: 'Staffing adequacy reviewed',
        body: 'Staffing adequacy was reviewed on {reviewedOn}. Next review by {nextReviewDueOn}.',
      },
    },
    example: {
      agreementId: AGREEMENT,
      staffingReviewId: OTHER,
      reviewedOn: '2026-06-01',
      adequate: true,
      nextReviewDueOn: '2027-06-01',
    },
  }),
  'agreement.joint_costs_recorded': defineEvent({
    description: 'The joint costs of a year were recorded under the agreement.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        year: Type.Integer({ minimum: 2000, maximum: 2999, description: 'The year' }),
        budgetCents: Nullable(
          Type.Integer({ description: 'Budget in cents' }),
          'Budget in euro cents, if set',
        ),
        actualCents: Nullable(
          Type.Integer({ description: 'Actual in cents' }),
          'Actual costs in euro cents, if known',
        ),
      },
      'Joint costs of a year',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteiset kustannukset kirjattu',
        body: 'Vuoden {year} yhteiset kustannukset kirjattiin.',
      },
      sv: {
        title: 'Gemensamma kostnader registrerade',
        body: 'De gemensamma kostnaderna för år {year} registrerades.',
      },
      en: { title: 'Joint costs recorded', body: 'The joint costs of {year} were recorded.' },
    },
    example: { agreementId: AGREEMENT, year: 2026, budgetCents: 12_000_000, actualCents: null },
  }),
  'management_group.created': defineEvent({
    description: 'The management group of a cooperation area was set up (381/2023 §10).',
    subject: 'management_group',
    payload: Payload(
      {
        managementGroupId: Id('The group'),
        cooperationAreaId: Id('The area'),
        employmentAuthorityCode: Code('The employment authority that set it up'),
        termStartOn: LocalDate('Its term starts'),
        termEndOn: LocalDate('Its term ends'),
      },
      'A management group',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Johtoryhmä asetettu',
        body: 'Yhteistoiminta-alueelle asetettiin johtoryhmä toimikaudelle {termStartOn}–{termEndOn}.',
      },
      sv: {
        title: 'Ledningsgrupp tillsatt',
        body: 'En ledningsgrupp tillsattes för samarbetsområdet för perioden {termStartOn}–{termEndOn}.',
      },
      en: {
        title: 'Management group set up',
        body: 'A management group was set up for the area for the term {termStartOn}–{termEndOn}.',
      },
    },
    example: {
      managementGroupId: GROUP,
      cooperationAreaId: AREA,
      employmentAuthorityCode: 'ea-kerava-sipoo',
      termStartOn: '2025-01-01',
      termEndOn: '2028-12-31',
    },
  }),
  'management_group.updated': defineEvent({
    description: 'The management group’s details changed.',
    subject: 'management_group',
    payload: Payload(
      {
        managementGroupId: Id('The group'),
        changedFields: Codes('Which fields changed'),
        version: Version('Its version'),
      },
      'A changed management group',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Johtoryhmän tiedot muuttuivat',
        body: 'Johtoryhmän tiedot päivitettiin (versio {version}).',
      },
      sv: {
        title: 'Ledningsgruppens uppgifter ändrades',
        body: 'Ledningsgruppens uppgifter uppdaterades (version {version}).',
      },
      en: {
        title: 'Management group updated',
        body: 'The management group’s details were updated (version {version}).',
      },
    },
    example: { managementGroupId: GROUP, changedFields: ['termEndOn'], version: 2 },
  }),
  'management_group.targets_set': defineEvent({
    description: 'The management group set its targets (indicators) for a year.',
    subject: 'management_group',
    payload: Payload(
      {
        managementGroupId: Id('The group'),
        year: Type.Integer({ minimum: 2000, maximum: 2999, description: 'The year' }),
        indicators: Codes('The indicators set'),
      },
      'Targets of a year',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: { title: 'Johtoryhmän tavoitteet asetettu', body: 'Johtoryhmä asetti tavoitteet vuodelle {year}.' },
      sv: { title: 'Ledningsgruppens mål satta', body: 'Ledningsgruppen satte målen för år {year}.' },
      en: { title: 'Management group targets set', body: 'The management group set its targets for {year}.' },
    },
    example: { managementGroupId: GROUP, year: 2026, indicators: ['employed_share'] },
  }),
  'staff.created': defineEvent({
    description: 'A staff member was added to an organisation’s directory.',
    subject: 'staff',
    payload: Payload(
      { staffId: Id('The staff member'), organisationCode: Code('Their organisation') },
      'A new staff member',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilöstöön lisättiin henkilö',
        body: 'Organisaation {organisationCode} henkilöstöön lisättiin henkilö.',
      },
      sv: {
        title: 'En person lades till i personalen',
        body: 'En person lades till i personalen hos {organisationCode}.',
      },
      en: { title: 'Staff member added', body: 'A staff member was added to {organisationCode}.' },
    },
    example: { staffId: STAFF, organisationCode: 'kela' },
  }),
  'staff.updated': defineEvent({
    description: 'A staff member’s details changed (which fields, not their values).',
    subject: 'staff',
    payload: Payload(
      {
        staffId: Id('The staff member'),
        organisationCode: Code('Their organisation'),
        changedFields: Codes('Which fields changed'),
      },
      'A changed staff member',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilön tiedot muuttuivat',
        body: 'Organisaation {organisationCode} henkilön tietoja päivitettiin.',
      },
      sv: {
        title: 'En persons uppgifter ändrades',
        body: 'Uppgifterna för en person hos {organisationCode} uppdaterades.',
      },
      en: {
        title: 'Staff member updated',
        body: 'A staff member’s details at {organisationCode} were updated.',
      },
    },
    example: { staffId: STAFF, organisationCode: 'kela', changedFields: ['roles'] },
  }),
  'staff.allocations_changed': defineEvent({
    description: 'The cooperation areas a staff member is allocated to changed.',
    subject: 'staff',
    payload: Payload(
      {
        staffId: Id('The staff member'),
        organisationCode: Code('Their organisation'),
        cooperationAreaIds: Codes('The areas now'),
        previousCooperationAreaIds: Codes('The areas before'),
      },
      'Changed allocations',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilön aluekohdennukset muuttuivat',
        body: 'Organisaation {organisationCode} henkilön kohdennukset yhteistoiminta-alueille muuttuivat.',
      },
      sv: {
        title: 'En persons områdesfördelning ändrades',
        body: 'En persons fördelning på samarbetsområden hos {organisationCode} ändrades.',
      },
      en: {
        title: 'Staff allocations changed',
        body: 'A staff member’s allocations to cooperation areas at {organisationCode} changed.',
      },
    },
    example: {
      staffId: STAFF,
      organisationCode: 'kela',
      cooperationAreaIds: [AREA],
      previousCooperationAreaIds: [],
    },
  }),
  'organisation.created': defineEvent({
    description: 'An organisation was added to the directory.',
    subject: 'organisation',
    payload: Payload(
      { organisationCode: Code('The organisation'), roles: Codes('Its roles, e.g. employment_authority') },
      'A new organisation',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: { title: 'Organisaatio lisätty', body: 'Organisaatio {organisationCode} lisättiin palveluun.' },
      sv: { title: 'Organisation tillagd', body: 'Organisationen {organisationCode} lades till i tjänsten.' },
      en: {
        title: 'Organisation added',
        body: 'The organisation {organisationCode} was added to the service.',
      },
    },
    example: { organisationCode: 'ea-vantaa', roles: ['employment_authority'] },
  }),
  'organisation.updated': defineEvent({
    description: 'An organisation’s details or roles changed.',
    subject: 'organisation',
    payload: Payload(
      {
        organisationCode: Code('The organisation'),
        changedFields: Type.Optional(Codes('Which fields changed')),
        addedRoles: Type.Optional(Codes('Roles it took on')),
      },
      'A changed organisation',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Organisaation tiedot muuttuivat',
        body: 'Organisaation {organisationCode} tiedot päivitettiin.',
      },
      sv: {
        title: 'Organisationens uppgifter ändrades',
        body: 'Uppgifterna för organisationen {organisationCode} uppdaterades.',
      },
      en: { title: 'Organisation updated', body: 'The details of {organisationCode} were updated.' },
    },
    example: { organisationCode: 'ea-vantaa', changedFields: ['names'] },
  }),
  'employment_area.created': defineEvent({
    description: 'An employment area (työllisyysalue) and its municipalities were added.',
    subject: 'employment_area',
    payload: Payload(
      {
        employmentAreaId: Code('The employment area'),
        organisationCode: Code('Its employment authority'),
        municipalityCodes: Codes('Its municipalities'),
        wellbeingCountyIds: Codes('The wellbeing services counties it lies in'),
      },
      'A new employment area',
    ),
    audience: 'The employment authority of the area',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: { title: 'Työllisyysalue lisätty', body: 'Työllisyysalue lisättiin ({organisationCode}).' },
      sv: {
        title: 'Sysselsättningsområde tillagt',
        body: 'Ett sysselsättningsområde lades till ({organisationCode}).',
      },
      en: { title: 'Employment area added', body: 'An employment area was added ({organisationCode}).' },
    },
    example: {
      employmentAreaId: 'kerava-sipoo',
      organisationCode: 'ea-kerava-sipoo',
      municipalityCodes: ['245', '753'],
      wellbeingCountyIds: ['vantaa-kerava'],
    },
  }),
  'employment_area.updated': defineEvent({
    description: 'An employment area changed: its municipalities or details.',
    subject: 'employment_area',
    payload: Payload(
      {
        employmentAreaId: Code('The employment area'),
        organisationCode: Code('Its employment authority'),
        changedFields: Codes('Which fields changed'),
        addedMunicipalityCodes: Codes('Municipalities added'),
        removedMunicipalityCodes: Codes('Municipalities removed'),
      },
      'A changed employment area',
    ),
    audience: 'The employment authority of the area',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Työllisyysalue muuttui',
        body: 'Työllisyysalueen tiedot päivitettiin ({organisationCode}).',
      },
      sv: {
        title: 'Sysselsättningsområdet ändrades',
        body: 'Sysselsättningsområdets uppgifter uppdaterades ({organisationCode}).',
      },
      en: { title: 'Employment area updated', body: 'An employment area was updated ({organisationCode}).' },
    },
    example: {
      employmentAreaId: 'kerava-sipoo',
      organisationCode: 'ea-kerava-sipoo',
      changedFields: ['municipalityCodes'],
      addedMunicipalityCodes: ['186'],
      removedMunicipalityCodes: [],
    },
  }),
  'reference_data.loaded': defineEvent({
    description: 'Reference data (organisations, municipalities, employment areas) was loaded or updated.',
    subject: 'reference_data',
    payload: Payload(
      {
        dataset: Type.Optional(Code('Which dataset, e.g. employment_areas')),
        validFrom: Type.Optional(LocalDate('From when the loaded data is in force')),
        moved: Type.Optional(Type.Integer({ minimum: 0, description: 'Municipalities that moved' })),
        added: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows added' })),
        ended: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows ended' })),
        changedRows: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows changed by the seed' })),
      },
      'A reference data load',
    ),
    audience: 'Nobody: it concerns the whole service (no organisation codes)',
    recipients: 'none',
    subscribable: false,
    texts: {
      fi: {
        title: 'Viitetiedot päivitetty',
        body: 'Palvelun viitetiedot (organisaatiot, kunnat, alueet) päivitettiin.',
      },
      sv: {
        title: 'Referensuppgifterna uppdaterade',
        body: 'Tjänstens referensuppgifter (organisationer, kommuner, områden) uppdaterades.',
      },
      en: {
        title: 'Reference data updated',
        body: 'The service’s reference data (organisations, municipalities, areas) was updated.',
      },
    },
    example: { dataset: 'employment_areas', validFrom: '2026-01-01', moved: 1, added: 0, ended: 0 },
  }),
} as const;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type EventPayload<T extends EventType> = Static<EventCatalog[T]['payload']>;
export type EventSubject<T extends EventType> = EventCatalog[T]['subject'];

export const EVENT_TYPES = Object.keys(eventCatalog) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

/** The definition of a type, or undefined for a type the catalog does not know (old rows). */
export function eventDefinition(type: string): EventDefinition | undefined {
  return isEventType(type) ? (eventCatalog[type] as EventDefinition) : undefined;
}

/** The types a partner may subscribe to by webhook. */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => eventCatalog[t].subscribable);

export function isSubscribable(type: string): boolean {
  return eventDefinition(type)?.subscribable === true;
}

/**
 * An event of `type` with the catalog's example payload (overridden by `payload`): for tests
 * and benchmarks that need a valid event of some type.
 */
export function exampleEvent<T extends EventType>(
  type: T,
  fields: {
    occurredAt: Date;
    organisationCodes: string[];
    subjectId: string;
    cooperationAreaId?: string | null;
    caseId?: string | null;
    actor?: { organisation: string; sub: string } | null;
    payload?: Partial<EventPayload<T>>;
  },
) {
  const def = eventCatalog[type];
  return {
    ...fields,
    type,
    subjectType: def.subject as EventSubject<T>,
    payload: { ...(def.example as EventPayload<T>), ...(fields.payload ?? {}) } as EventPayload<T>,
  };
}

/**
 * Narrows an event row (platform.events) to one of `types`, with the payload its catalog
 * schema describes: consumers read `event.payload.requestedOn` typed, not as `unknown`.
 */
export function isEventOf<R extends { type: string; payload: unknown }, T extends EventType>(
  row: R,
  ...types: T[]
): row is R & { type: T; payload: EventPayload<T> } {
  return (types as string[]).includes(row.type);
}

/**
 * Why a webhook subscription filter (`type` or `resource.*`) is refused, or null when it
 * names at least one type partners may subscribe to.
 */
export function subscriptionProblem(filter: string): 'unknown' | 'not_subscribable' | null {
  const matches = filter.endsWith('.*')
    ? EVENT_TYPES.filter((t) => t.startsWith(filter.slice(0, -1)))
    : EVENT_TYPES.filter((t) => t === filter);
  if (!matches.length) return 'unknown';
  return matches.some((t) => eventCatalog[t].subscribable) ? null : 'not_subscribable';
}
