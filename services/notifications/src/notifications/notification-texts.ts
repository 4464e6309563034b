import type { Lang } from '@tym/domain';

/**
 * The texts of notifications and e-mails in fi, sv and en. They carry a case reference, a
 * kind of deadline, a date and a link — never a client's name, identity code, contact
 * details or any free text (architecture.md, Data): a notification may be read on a shared
 * screen and an e-mail travels outside our systems.
 */
export type NotificationParams = Record<string, string | number | null>;

export interface RenderedNotification {
  title: string;
  body: string;
  /** Where to look; null when there is nothing to link to. */
  link: string | null;
}

type L = Record<Lang, string>;

const DEADLINE_KIND_LABELS: Record<string, L> = {
  'referral.response': { fi: 'Ohjaukseen vastaaminen', sv: 'Svar på remissen', en: 'Referral response' },
  'plan.due': {
    fi: 'Monialainen työllistymissuunnitelma',
    sv: 'Sektorsövergripande sysselsättningsplan',
    en: 'Joint employment plan',
  },
  'plan.review': { fi: 'Suunnitelman tarkistaminen', sv: 'Granskning av planen', en: 'Plan review' },
  'plan.review_requested': {
    fi: 'Asiakkaan pyytämä tarkistaminen',
    sv: 'Granskning som klienten begärt',
    en: 'Review requested by the client',
  },
  'plan.client_report': {
    fi: 'Asiakkaan selvitys suunnitelman toteutumisesta',
    sv: 'Klientens redogörelse för planen',
    en: 'Client’s report on the plan',
  },
  'plan.action': { fi: 'Suunnitelman toimenpide', sv: 'Åtgärd i planen', en: 'Plan action' },
  'agreement.staffing_review': {
    fi: 'Henkilöstön riittävyyden arviointi',
    sv: 'Bedömning av personalens tillräcklighet',
    en: 'Staffing adequacy review',
  },
  'management_group.term': {
    fi: 'Johtoryhmän toimikausi',
    sv: 'Ledningsgruppens mandatperiod',
    en: 'Management group term',
  },
  'case.erasure': { fi: 'Tietojen poistaminen', sv: 'Radering av uppgifter', en: 'Data erasure' },
};

const EVENT_LABELS: Record<string, L> = {
  'referral.submitted': { fi: 'Uusi ohjaus', sv: 'Ny remiss', en: 'New referral' },
  'referral.accepted': { fi: 'Ohjaus hyväksytty', sv: 'Remissen godkänd', en: 'Referral accepted' },
  'referral.declined': { fi: 'Ohjaus hylätty', sv: 'Remissen avslagen', en: 'Referral declined' },
  'referral.withdrawn': { fi: 'Ohjaus peruttu', sv: 'Remissen återtagen', en: 'Referral withdrawn' },
  'case.assessment_started': {
    fi: 'Palvelutarpeen arviointi alkoi',
    sv: 'Bedömningen av servicebehovet började',
    en: 'Service need assessment started',
  },
  'case.team_changed': { fi: 'Tiimi muuttui', sv: 'Teamet ändrades', en: 'Team changed' },
  'case.review_requested': {
    fi: 'Asiakas pyysi tarkistamista',
    sv: 'Klienten begärde granskning',
    en: 'The client asked for a review',
  },
  'case.review_request_refused': {
    fi: 'Asiakkaan tarkistuspyyntöä ei hyväksytty',
    sv: 'Klientens begäran om granskning avslogs',
    en: 'The client’s review request was refused',
  },
  'plan.client_participation_recorded': {
    fi: 'Asiakkaan osallistuminen suunnitelmaan kirjattu',
    sv: 'Klientens deltagande i planen registrerat',
    en: 'The client’s part in the plan recorded',
  },
  'case.ending_proposed': {
    fi: 'Asiakkuuden päättämistä ehdotettu',
    sv: 'Avslutande av klientrelationen föreslaget',
    en: 'Ending the client relationship proposed',
  },
  'case.ended': {
    fi: 'Asiakkuus päättyi',
    sv: 'Klientrelationen avslutades',
    en: 'Client relationship ended',
  },
  'case.transferred': {
    fi: 'Asiakkuus siirtyi alueellenne',
    sv: 'Klientrelationen flyttades till ert område',
    en: 'Client relationship transferred to your area',
  },
  'case.transferred_away': {
    fi: 'Asiakkuus siirtyi toiselle alueelle',
    sv: 'Klientrelationen flyttades till ett annat område',
    en: 'Client relationship transferred to another area',
  },
  'case.erased': {
    fi: 'Asiakkaan henkilötiedot poistettiin',
    sv: 'Klientens personuppgifter raderades',
    en: 'The client’s personal data was erased',
  },
  'plan.agreed': { fi: 'Suunnitelma hyväksytty', sv: 'Planen godkänd', en: 'Plan agreed' },
  'meeting.scheduled': { fi: 'Kutsu tapaamiseen', sv: 'Kallelse till möte', en: 'Meeting invitation' },
  'meeting.rescheduled': {
    fi: 'Tapaamisen aika muuttui',
    sv: 'Mötet har flyttats',
    en: 'Meeting rescheduled',
  },
  'meeting.cancelled': { fi: 'Tapaaminen peruttu', sv: 'Mötet inställt', en: 'Meeting cancelled' },
  'meeting.closed': { fi: 'Tapaaminen päättyi', sv: 'Mötet avslutat', en: 'Meeting closed' },
  'quota.exceeded': { fi: 'Kiintiö ylittyi', sv: 'Kvoten överskreds', en: 'Quota exceeded' },
  'staffing.below_commitment': {
    fi: 'Henkilöstö alittaa sitoumuksen',
    sv: 'Personalen understiger åtagandet',
    en: 'Staffing below commitment',
  },
  'webhook_endpoint.disabled': {
    fi: 'Webhook-osoite poistettiin käytöstä',
    sv: 'Webhook-adressen inaktiverades',
    en: 'Webhook endpoint disabled',
  },
};

/** `TYM-1A2B3C4D`: enough for a person on the case to recognise it, nothing about the client. */
export function caseReference(caseId: string): string {
  return `TYM-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

function dateText(lang: Lang, d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return lang === 'en' ? d : `${day}.${m}.${y}`;
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function deadlineKindLabel(kind: string, lang: Lang): string {
  return DEADLINE_KIND_LABELS[kind]?.[lang] ?? kind;
}

export function eventLabel(type: string, lang: Lang): string {
  return EVENT_LABELS[type]?.[lang] ?? type;
}

/** The link of a notification: the case, the area's deadlines, or the queue of the endpoint. */
function linkOf(params: NotificationParams, baseUrl: string): string | null {
  const base = baseUrl.replace(/\/+$/, '');
  if (params.caseId) return `${base}/v1/cases/${str(params.caseId)}`;
  if (params.deadlineId) return `${base}/v1/deadlines?cooperationArea=${str(params.cooperationAreaId)}`;
  if (params.endpointId) return `${base}/v1/webhook-endpoints/${str(params.endpointId)}`;
  return null;
}

/** Renders an inbox item or e-mail of `kind` with its `params` in `lang`. */
export function renderNotification(
  kind: string,
  params: NotificationParams,
  lang: Lang,
  baseUrl: string,
): RenderedNotification {
  const link = linkOf(params, baseUrl);
  const ref = params.caseId ? caseReference(str(params.caseId)) : null;
  const what = deadlineKindLabel(str(params.deadlineKind), lang);
  const due = params.dueOn ? dateText(lang, str(params.dueOn)) : '';
  const onCase = ref
    ? { fi: ` (asiakkuus ${ref})`, sv: ` (klientrelation ${ref})`, en: ` (case ${ref})` }[lang]
    : '';
  switch (kind) {
    case 'deadline.reminder': {
      const days = Number(params.leadDays ?? 0);
      const title = {
        fi: `Muistutus: ${what} ${due}`,
        sv: `Påminnelse: ${what} ${due}`,
        en: `Reminder: ${what} due ${due}`,
      }[lang];
      const body = {
        fi: `Määräaika "${what}"${onCase} päättyy ${due} (${days} päivän kuluttua).`,
        sv: `Tidsfristen "${what}"${onCase} går ut ${due} (om ${days} dagar).`,
        en: `The deadline "${what}"${onCase} is due on ${due} (in ${days} days).`,
      }[lang];
      return { title, body, link };
    }
    case 'deadline.due': {
      const title = {
        fi: `Määräaika tänään: ${what}`,
        sv: `Tidsfristen går ut i dag: ${what}`,
        en: `Due today: ${what}`,
      }[lang];
      const body = {
        fi: `Määräaika "${what}"${onCase} päättyy tänään ${due}.`,
        sv: `Tidsfristen "${what}"${onCase} går ut i dag ${due}.`,
        en: `The deadline "${what}"${onCase} is due today, ${due}.`,
      }[lang];
      return { title, body, link };
    }
    case 'deadline.escalated': {
      const title = {
        fi: `Määräaika ylittyi: ${what}`,
        sv: `Tidsfristen överskreds: ${what}`,
        en: `Deadline missed: ${what}`,
      }[lang];
      const body = {
        fi: `Määräaika "${what}"${onCase} päättyi ${due}, eikä sitä ole merkitty täytetyksi. Ilmoitus lähetetään yhteistoiminta-alueen koordinaattoreille.`,
        sv: `Tidsfristen "${what}"${onCase} gick ut ${due} och har inte markerats som uppfylld. Meddelandet går till samarbetsområdets koordinatorer.`,
        en: `The deadline "${what}"${onCase} ended on ${due} and has not been marked met. This notice goes to the cooperation area’s coordinators.`,
      }[lang];
      return { title, body, link };
    }
    default: {
      const label = eventLabel(kind, lang);
      const when = params.startsAt
        ? {
            fi: ` Aika: ${str(params.startsAt)}.`,
            sv: ` Tid: ${str(params.startsAt)}.`,
            en: ` Time: ${str(params.startsAt)}.`,
          }[lang]
        : '';
      const body = ref
        ? {
            fi: `${label}: asiakkuus ${ref}.${when}`,
            sv: `${label}: klientrelation ${ref}.${when}`,
            en: `${label}: case ${ref}.${when}`,
          }[lang]
        : `${label}.${when}`;
      return { title: ref ? `${label} – ${ref}` : label, body, link };
    }
  }
}

/** The plain-text body of an e-mail: the notification and its link, and why it was sent. */
export function renderEmail(
  kind: string,
  params: NotificationParams,
  lang: Lang,
  baseUrl: string,
): { subject: string; text: string } {
  const n = renderNotification(kind, params, lang, baseUrl);
  const footer = {
    fi: 'Viesti on lähetetty TYM-palvelusta. Voit muuttaa sähköposti-ilmoitusten asetuksia palvelussa.',
    sv: 'Meddelandet skickades från TYM-tjänsten. Du kan ändra inställningarna för e-postmeddelanden i tjänsten.',
    en: 'This message was sent by the TYM service. You can change your e-mail notification settings in the service.',
  }[lang];
  return {
    subject: `[TYM] ${n.title}`,
    text: [n.body, n.link ?? '', '', '--', footer].filter((l, i) => l !== '' || i > 1).join('\n'),
  };
}
