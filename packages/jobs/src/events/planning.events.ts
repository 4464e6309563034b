import { defineEvent } from './event-definition.js';
import { CASE, CASE_PARTIES, meetingExample, OTHER, PLAN, STAFF } from './event-examples.js';
import {
  Code,
  Codes,
  Id,
  Instant,
  LocalDate,
  meetingFields,
  Nullable,
  Payload,
  Version,
} from './event-schemas.js';

/** The joint plan and joint meetings (services/planning). */
export const planningEvents = {
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
} as const;
