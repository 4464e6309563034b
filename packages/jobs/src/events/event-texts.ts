import type { Lang } from '@tym/domain';
import { type EventText, eventDefinition } from './event-catalog.js';

/**
 * The readable texts of events (notification titles and bodies) in fi, sv and en, filled from
 * the event's thin payload. They carry a case reference, codes, dates and counts — never a
 * client's name, identity code or free text: a notice may be read on a shared screen and an
 * e-mail travels outside our systems.
 */
export type TextParams = Record<string, string | number | null | undefined>;

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

const UNKNOWN_EVENT: L = { fi: 'Tapahtuma', sv: 'Händelse', en: 'Event' };

/** `TYM-1A2B3C4D`: enough for a person on the case to recognise it, nothing about the client. */
export function caseReference(caseId: string): string {
  return `TYM-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export function deadlineKindLabel(kind: string, lang: Lang): string {
  return DEADLINE_KIND_LABELS[kind]?.[lang] ?? kind;
}

/** A statutory date `YYYY-MM-DD` as people read it: 19.3.2026 in fi and sv. */
export function dateText(lang: Lang, d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return lang === 'en' ? d : `${day}.${m}.${y}`;
}

const TIME_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  fi: new Intl.DateTimeFormat('fi-FI', {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'short',
  }),
  sv: new Intl.DateTimeFormat('sv-FI', {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'short',
    timeStyle: 'short',
  }),
};

/** An instant in Helsinki time, e.g. 19.3.2026 klo 10.00. */
export function instantText(lang: Lang, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : TIME_FORMATS[lang].format(d);
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

function placeholderValue(name: string, params: TextParams, lang: Lang): string | null {
  if (name === 'case') return params.caseId ? caseReference(String(params.caseId)) : null;
  if (name === 'deadlineKind') {
    const kind = params.deadlineKind ?? params.kind;
    return kind ? deadlineKindLabel(String(kind), lang) : null;
  }
  const v = params[name];
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return lang === 'en' ? String(v) : String(v).replace('.', ',');
  if (LOCAL_DATE.test(v)) return dateText(lang, v);
  if (INSTANT.test(v)) return instantText(lang, v);
  return v;
}

/** Fills `{name}` placeholders; null when one has no value in `params`. */
export function fillText(template: string, params: TextParams, lang: Lang): string | null {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_m, name: string) => {
    const v = placeholderValue(name, params, lang);
    if (v === null) missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

/** The placeholders a template names. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

/** The title of a type without its placeholders: "Plan reviewed" (a label for lists and filters). */
export function eventLabel(type: string, lang: Lang): string {
  const def = eventDefinition(type);
  if (!def) return UNKNOWN_EVENT[lang];
  return def.texts[lang].title.replace(/\s*[–:]\s*\{[a-zA-Z]+\}$/, '');
}

/**
 * The title and body of an event of `type` with its payload's values in `lang`. A value the
 * params lack (a notice written before its event carried it) falls back to the label: a
 * reader never sees a raw type or an empty placeholder.
 */
export function renderEventText(type: string, params: TextParams, lang: Lang): EventText {
  const def = eventDefinition(type);
  const label = eventLabel(type, lang);
  if (!def) return { title: label, body: `${label}.` };
  const title = fillText(def.texts[lang].title, params, lang) ?? label;
  const body = fillText(def.texts[lang].body, params, lang) ?? `${title}.`;
  return { title, body };
}

/** The scalar values of a payload as notification params (ids, codes, dates and counts). */
export function textParamsOf(payload: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}
