import type { Lang } from '@tym/domain';
import { caseReference, dateText, deadlineKindLabel, renderEventText } from '@tym/jobs';

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

// The texts of events live in the event catalog (@tym/jobs events/); this file adds the
// notices of deadline timers, links and e-mails, and reads the rest from there.
export { caseReference, deadlineKindLabel, eventLabel } from '@tym/jobs';

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

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
    default:
      // An event's notice: its catalog texts, filled from the event's payload.
      return { ...renderEventText(kind, params, lang), link };
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
