import type { Lang } from '@tym/domain';
import { renderClientLetterPdf } from '../client-letters/client-letter-pdf.js';
import type { LetterText } from '../client-letters/client-message-texts.js';
import type { DataSubjectExport } from './data-subject-export.service.js';

type Texts = Record<
  'title' | 'intro' | 'footer' | keyof Omit<DataSubjectExport, 'clientId' | 'generatedAt' | 'generatedBy'>,
  string
>;

/** Headings of the printable export, in the reader's language. */
const TEXTS: Record<Lang, Texts> = {
  fi: {
    title: 'Rekisteröidyn tiedot (tietopyyntö)',
    intro:
      'Kaikki monialaisen tuen asiakastietojärjestelmään asiakkaasta tallennetut tiedot (EU:n tietosuoja-asetus 15 art.; laki 381/2023 13 §).',
    footer: 'Tuotettu',
    client: 'Asiakas',
    referrals: 'Ohjaukset',
    cases: 'Asiakkuudet',
    meetings: 'Tapaamiset',
    plans: 'Monialaiset työllistymissuunnitelmat',
    clientMessages: 'Asiakkaalle lähetetyt viestit ja kirjeet',
    accessLog: 'Tietojen käyttöloki',
  },
  sv: {
    title: 'Den registrerades uppgifter (begäran om tillgång)',
    intro:
      'Alla uppgifter om klienten i klientdatasystemet för sektorsövergripande stöd (EU:s dataskyddsförordning art. 15; lag 381/2023 13 §).',
    footer: 'Framställd',
    client: 'Klient',
    referrals: 'Remisser',
    cases: 'Klientrelationer',
    meetings: 'Möten',
    plans: 'Sektorsövergripande sysselsättningsplaner',
    clientMessages: 'Meddelanden och brev till klienten',
    accessLog: 'Logg över användningen av uppgifterna',
  },
  en: {
    title: 'The data subject’s data (access request)',
    intro:
      'Everything the multidisciplinary employment support system stores about the client (GDPR art. 15; act 381/2023 §13).',
    footer: 'Produced',
    client: 'Client',
    referrals: 'Referrals',
    cases: 'Client relationships',
    meetings: 'Meetings',
    plans: 'Joint employment plans',
    clientMessages: 'Messages and letters to the client',
    accessLog: 'Access log of the data',
  },
};

const MAX_DEPTH = 6;

/** A stored value as indented `key: value` lines (arrays and objects one level deeper). */
function lines(value: unknown, indent: string, depth: number): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    return value.flatMap((v, i) =>
      typeof v === 'object' && v !== null
        ? [`${indent}${i + 1}.`, ...lines(v, `${indent}   `, depth + 1)]
        : [`${indent}- ${String(v)}`],
    );
  }
  if (typeof value === 'object') {
    if (depth > MAX_DEPTH) return [`${indent}${JSON.stringify(value)}`];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return [];
      if (typeof v === 'object') {
        const inner = lines(v, `${indent}   `, depth + 1);
        return inner.length ? [`${indent}${k}:`, ...inner] : [];
      }
      return [`${indent}${k}: ${String(v)}`];
    });
  }
  return [`${indent}${String(value)}`];
}

/**
 * The export as a printable PDF (A4), with the letters' renderer (services/worker, pdfkit with
 * embedded DejaVu Sans): one section per part of the document, every stored field as
 * `name: value`. Headings in Finnish, Swedish or English by the request's language.
 */
export function renderDataSubjectPdf(doc: DataSubjectExport, lang: Lang): Promise<Buffer> {
  const t = TEXTS[lang];
  const parts = ['client', 'referrals', 'cases', 'meetings', 'plans', 'clientMessages', 'accessLog'] as const;
  const letter: LetterText = {
    // The renderer uses the language only as the PDF's metadata.
    language: (lang === 'sv' ? 'sv' : 'fi') as LetterText['language'],
    title: t.title,
    recipient: [],
    dateLine: doc.generatedAt,
    referenceLine: doc.clientId,
    paragraphs: [t.intro],
    sections: parts.map((p) => ({ heading: t[p], lines: lines(doc[p], '', 0) })),
    footer: `${t.footer} ${doc.generatedAt}: ${doc.generatedBy.organisationCode} / ${doc.generatedBy.subject}`,
  };
  return renderClientLetterPdf([letter], new Date(doc.generatedAt));
}
