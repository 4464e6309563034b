import { defineEvent } from './event-definition.js';
import { deadlineExample, OTHER } from './event-examples.js';
import { Code, deadlineFields, Id, LocalDate, Payload } from './event-schemas.js';

/** Statutory deadlines (packages/jobs deadlines) and webhook health (notifications). */
export const deadlineAndWebhookEvents = {
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
} as const;
