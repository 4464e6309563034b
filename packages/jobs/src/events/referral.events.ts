import { Type } from 'typebox';
import { defineEvent } from './event-definition.js';
import {
  AREA,
  CASE,
  CASE_PARTIES,
  CLIENT,
  DEADLINE,
  OTHER,
  REFERRAL,
  routing,
  STAFF,
} from './event-examples.js';
import { Code, Codes, Id, LocalDate, Payload, Routing } from './event-schemas.js';

/** Referrals and the client relationship (services/referrals). */
export const referralEvents = {
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
} as const;
