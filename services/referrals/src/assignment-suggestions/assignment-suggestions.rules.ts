import type { ClientSpecialArrangements } from '@tym/db';
import type { Lang } from '@tym/platform';
import { capacityOf } from '@tym/resourcing';

/**
 * Ranking staff for a case: remaining capacity (FTE × the agreement's target caseload, minus
 * current caseload; 381/2023 §9(2)), the client's language, the client's special arrangements
 * against the person's languages and competences (381/2023 §11(2) lets them be recorded for
 * this), and continuity — who worked with the client before. Pure; suggestions never assign.
 */
export interface Candidate {
  staffId: string;
  displayName: string;
  fteMilli: number;
  languages: string[];
  competences: string[];
  caseload: number;
  earlierMemberships: number;
}

export interface SuggestionFactors {
  remainingCapacity: number;
  languageMatch: boolean;
  arrangementsMatched: string[];
  arrangementsUnmatched: string[];
  continuity: boolean;
}

export interface Suggestion extends Candidate {
  score: number;
  capacity: number;
  factors: SuggestionFactors;
  reasons: string[];
}

/** Which competence meets which special arrangement. */
export const ARRANGEMENT_COMPETENCES = {
  accessibilityNeeds: 'accessibility',
  remoteOnly: 'remote_services',
} as const;

/** Weights of the score (0–100 before a capacity deficit): capacity counts most, then continuity. */
const WEIGHTS = { capacity: 35, continuity: 30, language: 25, arrangement: 10 } as const;

export function rankCandidates(
  candidates: Candidate[],
  client: { preferredLanguage: string; specialArrangements: ClientSpecialArrangements },
  targetCaseloadPerFte: number,
  lang: Lang,
): Suggestion[] {
  const t = TEXTS[lang];
  const needs: Array<{ key: string; met: (c: Candidate) => boolean }> = [];
  const sa = client.specialArrangements ?? {};
  if (sa.interpreterLanguage) {
    const language = sa.interpreterLanguage;
    needs.push({ key: `interpreter:${language}`, met: (c) => c.languages.includes(language) });
  }
  if (sa.accessibilityNeeds) {
    needs.push({
      key: 'accessibility',
      met: (c) => c.competences.includes(ARRANGEMENT_COMPETENCES.accessibilityNeeds),
    });
  }
  if (sa.remoteOnly) {
    needs.push({
      key: 'remote_only',
      met: (c) => c.competences.includes(ARRANGEMENT_COMPETENCES.remoteOnly),
    });
  }
  return candidates
    .map((c): Suggestion => {
      const capacity = capacityOf(c.fteMilli, targetCaseloadPerFte);
      const remaining = Math.round((capacity - c.caseload) * 10) / 10;
      const languageMatch = c.languages.includes(client.preferredLanguage);
      const matched = needs.filter((n) => n.met(c)).map((n) => n.key);
      const unmatched = needs.filter((n) => !n.met(c)).map((n) => n.key);
      const continuity = c.earlierMemberships > 0;
      const capacityScore = capacity > 0 ? Math.max(-1, Math.min(1, remaining / capacity)) : -1;
      const score =
        Math.round(
          (WEIGHTS.capacity * capacityScore +
            (continuity ? WEIGHTS.continuity : 0) +
            (languageMatch ? WEIGHTS.language : 0) +
            WEIGHTS.arrangement * (needs.length ? matched.length / needs.length : 0)) *
            10,
        ) / 10;
      const reasons = [
        remaining > 0
          ? t.capacityLeft(
              fmt(remaining, lang),
              c.caseload,
              fmt(capacity, lang),
              fmt(c.fteMilli / 1000, lang),
            )
          : t.capacityFull(
              fmt(-remaining, lang),
              c.caseload,
              fmt(capacity, lang),
              fmt(c.fteMilli / 1000, lang),
            ),
        languageMatch ? t.language(client.preferredLanguage) : t.noLanguage(client.preferredLanguage),
        ...needs.map((n) => (matched.includes(n.key) ? t.arrangementMet(n.key) : t.arrangementUnmet(n.key))),
        continuity ? t.continuity(c.earlierMemberships) : t.noContinuity(),
      ];
      return {
        ...c,
        score,
        capacity,
        factors: {
          remainingCapacity: remaining,
          languageMatch,
          arrangementsMatched: matched,
          arrangementsUnmatched: unmatched,
          continuity,
        },
        reasons,
      };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.factors.remainingCapacity - a.factors.remainingCapacity ||
        a.displayName.localeCompare(b.displayName) ||
        a.staffId.localeCompare(b.staffId),
    );
}

function fmt(n: number, lang: Lang): string {
  const text = String(Math.round(n * 10) / 10);
  return lang === 'en' ? text : text.replace('.', ',');
}

function arrangementName(key: string, lang: Lang): string {
  const [kind, language] = key.split(':');
  const names: Record<string, Record<Lang, string>> = {
    interpreter: {
      fi: `tulkkaus (${language})`,
      sv: `tolkning (${language})`,
      en: `interpreting (${language})`,
    },
    accessibility: { fi: 'saavutettavuustarpeet', sv: 'tillgänglighetsbehov', en: 'accessibility needs' },
    remote_only: { fi: 'vain etäasiointi', sv: 'endast distansservice', en: 'remote service only' },
  };
  return names[kind ?? '']?.[lang] ?? key;
}

const TEXTS: Record<
  Lang,
  {
    capacityLeft(left: string, caseload: number, capacity: string, fte: string): string;
    capacityFull(over: string, caseload: number, capacity: string, fte: string): string;
    language(code: string): string;
    noLanguage(code: string): string;
    arrangementMet(key: string): string;
    arrangementUnmet(key: string): string;
    continuity(n: number): string;
    noContinuity(): string;
  }
> = {
  fi: {
    capacityLeft: (left, caseload, capacity, fte) =>
      `Kapasiteettia jäljellä ${left} asiakkuutta (${caseload} / ${capacity}, ${fte} htv).`,
    capacityFull: (over, caseload, capacity, fte) =>
      `Ei vapaata kapasiteettia: ${over} asiakkuutta yli tavoitteen (${caseload} / ${capacity}, ${fte} htv).`,
    language: (code) => `Palvelee asiakkaan kielellä (${code}).`,
    noLanguage: (code) => `Ei ilmoita palvelevansa asiakkaan kielellä (${code}).`,
    arrangementMet: (key) => `Vastaa asiakkaan erityisjärjestelyyn: ${arrangementName(key, 'fi')}.`,
    arrangementUnmet: (key) => `Ei ilmoitettua osaamista erityisjärjestelyyn: ${arrangementName(key, 'fi')}.`,
    continuity: (n) => `On työskennellyt asiakkaan kanssa aiemmin (${n} tiimijäsenyyttä).`,
    noContinuity: () => 'Ei aiempaa työskentelyä asiakkaan kanssa.',
  },
  sv: {
    capacityLeft: (left, caseload, capacity, fte) =>
      `Kapacitet kvar för ${left} klientrelationer (${caseload} / ${capacity}, ${fte} årsverken).`,
    capacityFull: (over, caseload, capacity, fte) =>
      `Ingen ledig kapacitet: ${over} klientrelationer över målet (${caseload} / ${capacity}, ${fte} årsverken).`,
    language: (code) => `Betjänar på klientens språk (${code}).`,
    noLanguage: (code) => `Har inte angett att betjäna på klientens språk (${code}).`,
    arrangementMet: (key) => `Motsvarar klientens särskilda arrangemang: ${arrangementName(key, 'sv')}.`,
    arrangementUnmet: (key) =>
      `Ingen angiven kompetens för särskilt arrangemang: ${arrangementName(key, 'sv')}.`,
    continuity: (n) => `Har arbetat med klienten tidigare (${n} teammedlemskap).`,
    noContinuity: () => 'Har inte arbetat med klienten tidigare.',
  },
  en: {
    capacityLeft: (left, caseload, capacity, fte) =>
      `Capacity left for ${left} cases (${caseload} of ${capacity} at ${fte} FTE).`,
    capacityFull: (over, caseload, capacity, fte) =>
      `No capacity left: ${over} cases over the target (${caseload} of ${capacity} at ${fte} FTE).`,
    language: (code) => `Serves clients in the client’s language (${code}).`,
    noLanguage: (code) => `Does not list the client’s language (${code}).`,
    arrangementMet: (key) => `Meets the client’s special arrangement: ${arrangementName(key, 'en')}.`,
    arrangementUnmet: (key) =>
      `No listed competence for the special arrangement: ${arrangementName(key, 'en')}.`,
    continuity: (n) => `Has worked with the client before (${n} team membership${n > 1 ? 's' : ''}).`,
    noContinuity: () => 'Has not worked with the client before.',
  },
};
