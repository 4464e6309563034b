import type { ClientMessageKind, ClientMessageParams, PlanContents } from '@tym/db';
import type { Lang } from '@tym/domain';
import { caseReference } from '../notifications/notification-texts.js';
import type { ClientLanguage } from './client-language.js';

/**
 * What the client is told, in Finnish and Swedish (kielilaki 423/2003 §10), and the labels
 * staff see in fi/sv/en. An e-mail says what happened, what comes next and how to get the
 * letter — never the client's name, identity code, the referral's description, health or
 * social details, or the plan's contents: e-mail travels outside our systems and may be
 * read by others. The letter (a PDF handed or posted by the case's parties) carries the
 * details: the client's name and address, the reason of a decision, a copy of the plan.
 */

type T = Record<ClientLanguage, string>;
type L = Record<Lang, string>;

const KIND_LABELS: Record<ClientMessageKind, L> = {
  referral_received: {
    fi: 'Ohjaus vastaanotettu',
    sv: 'Remissen har tagits emot',
    en: 'Referral received',
  },
  relationship_started: {
    fi: 'Asiakkuus alkoi',
    sv: 'Klientrelationen började',
    en: 'Client relationship started',
  },
  referral_declined: { fi: 'Ohjaus hylätty', sv: 'Remissen avslogs', en: 'Referral declined' },
  plan_agreed: {
    fi: 'Suunnitelma hyväksytty (kopio)',
    sv: 'Planen har godkänts (kopia)',
    en: 'Plan agreed (copy)',
  },
  plan_reviewed: { fi: 'Suunnitelma tarkistettu', sv: 'Planen har granskats', en: 'Plan reviewed' },
  review_request_refused: {
    fi: 'Tarkistuspyyntöä ei hyväksytty',
    sv: 'Begäran om granskning beviljades inte',
    en: 'Review request refused',
  },
  relationship_ended: {
    fi: 'Asiakkuus päättyi',
    sv: 'Klientrelationen avslutades',
    en: 'Client relationship ended',
  },
};

/** The staff-facing label of a message kind. */
export function clientMessageKindLabel(kind: ClientMessageKind, lang: Lang): string {
  return KIND_LABELS[kind][lang];
}

const DECLINE_REASONS: Record<string, T> = {
  single_authority_sufficient: {
    fi: 'Yhden viranomaisen palvelut riittävät tilanteeseesi, eikä viranomaisten palveluja tarvitse sovittaa yhteen.',
    sv: 'En myndighets tjänster räcker i din situation, och myndigheternas tjänster behöver inte samordnas.',
  },
  not_unemployed: {
    fi: 'Monialainen tuki on tarkoitettu työttömälle henkilölle (laki 381/2023, 3 §).',
    sv: 'Sektorsövergripande stöd är avsett för en arbetslös person (lag 381/2023, 3 §).',
  },
  wrong_area: {
    fi: 'Ohjaus tehtiin alueelle, johon kotikuntasi ei kuulu. Asiasi kuuluu kotikuntasi alueelle.',
    sv: 'Remissen gjordes till ett område som din hemkommun inte hör till. Ditt ärende hör till din hemkommuns område.',
  },
  duplicate: {
    fi: 'Sinua koskeva toinen ohjaus on jo käsiteltävänä.',
    sv: 'En annan remiss som gäller dig behandlas redan.',
  },
  other: { fi: 'Muu syy.', sv: 'Annat skäl.' },
};

/** Why a review request was refused: each a form of "clearly unnecessary" (381/2023 §6(1)). */
const REVIEW_REFUSAL_REASONS: Record<string, T> = {
  clearly_unnecessary: {
    fi: 'Tarkistus on tilanteessasi selvästi tarpeeton (381/2023, 6 §).',
    sv: 'En granskning är uppenbart onödig i din situation (381/2023, 6 §).',
  },
  recently_reviewed: {
    fi: 'Suunnitelma on tarkistettu äskettäin, eikä tilanteesi ole sen jälkeen muuttunut.',
    sv: 'Planen har granskats nyligen, och din situation har inte ändrats sedan dess.',
  },
  review_already_scheduled: {
    fi: 'Suunnitelman tarkistus on jo sovittu pian tehtäväksi.',
    sv: 'En granskning av planen är redan planerad inom kort.',
  },
};

const END_REASONS: Record<string, T> = {
  employed: { fi: 'työllistyminen', sv: 'sysselsättning' },
  education: { fi: 'koulutukseen siirtyminen', sv: 'övergång till utbildning' },
  coordination_no_longer_needed: {
    fi: 'yhteensovitettuja palveluja ei enää tarvita',
    sv: 'samordnade tjänster behövs inte längre',
  },
  moved_away: { fi: 'muutto toiselle alueelle', sv: 'flytt till ett annat område' },
  // The outcomes since the §8 ground was kept apart (`deceased` sends no message).
  other_services: { fi: 'siirtyminen muihin palveluihin', sv: 'övergång till andra tjänster' },
  moved_abroad: { fi: 'muutto ulkomaille', sv: 'flytt utomlands' },
  other: { fi: 'muu syy', sv: 'annat skäl' },
};

const ACTION_TYPES: Record<string, T> = {
  employment: { fi: 'Työllisyyspalvelu', sv: 'Sysselsättningstjänst' },
  social: { fi: 'Sosiaalipalvelu', sv: 'Socialtjänst' },
  health: { fi: 'Terveyspalvelu', sv: 'Hälsotjänst' },
  rehabilitation: { fi: 'Kuntoutus', sv: 'Rehabilitering' },
  education: { fi: 'Koulutus', sv: 'Utbildning' },
  other: { fi: 'Muu palvelu', sv: 'Annan tjänst' },
};

/** The party that owns a plan action, by the kind of its organisation code. */
function partyName(code: string, lang: ClientLanguage): string {
  if (code === 'kela') return 'Kela';
  if (code === 'helsinki') return lang === 'fi' ? 'Helsingin kaupunki' : 'Helsingfors stad';
  if (code.startsWith('hva-')) return lang === 'fi' ? 'Hyvinvointialue' : 'Välfärdsområdet';
  return lang === 'fi' ? 'Työvoimaviranomainen' : 'Arbetskraftsmyndigheten';
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** 2026-04-02 → 2.4.2026, as both languages write dates. */
export function clientDate(iso: string | number | null | undefined): string {
  const s = str(iso);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : s;
}

/** The reference the client and staff use: the case's, or the referral's before a case. */
export function clientMessageReference(params: ClientMessageParams): string {
  return caseReference(str(params.caseId) || str(params.referralId));
}

interface Told {
  title: string;
  /** What happened, and what comes next: no personal details. */
  paragraphs: string[];
}

/** The message's core, shared by the e-mail and the letter. */
function told(kind: ClientMessageKind, p: ClientMessageParams, lang: ClientLanguage): Told {
  const d = (k: string) => clientDate(p[k]);
  const fi = lang === 'fi';
  switch (kind) {
    case 'referral_received':
      return fi
        ? {
            title: 'Sinut on ohjattu työllistymistä edistävään monialaiseen tukeen',
            paragraphs: [
              `Sinut on ohjattu ${d('submittedOn')} monialaisen palvelutarpeen arviointiin (laki työllistymisen monialaisesta edistämisestä 381/2023, 3 §).`,
              `Mitä seuraavaksi: työvoimaviranomainen, hyvinvointialue ja Kela päättävät ohjauksesta viimeistään ${d('respondBy')}. Saat päätöksestä tiedon. Jos asiakkuus alkaa, palvelutarpeesi arvioidaan yhdessä kanssasi ja sinut kutsutaan tapaamiseen.`,
            ],
          }
        : {
            title: 'Du har remitterats till sektorsövergripande stöd som främjar sysselsättningen',
            paragraphs: [
              `Du har ${d('submittedOn')} remitterats till en bedömning av ditt sektorsövergripande servicebehov (lag om sektorsövergripande främjande av sysselsättningen 381/2023, 3 §).`,
              `Vad händer härnäst: arbetskraftsmyndigheten, välfärdsområdet och FPA beslutar om remissen senast ${d('respondBy')}. Du får veta beslutet. Om klientrelationen börjar bedöms ditt servicebehov tillsammans med dig och du kallas till ett möte.`,
            ],
          };
    case 'relationship_started':
      return fi
        ? {
            title: 'Asiakkuutesi monialaisessa tuessa alkoi',
            paragraphs: [
              `Asiakkuutesi alkoi ${d('assessmentStartedOn')}, kun monialaisen palvelutarpeesi arviointi alkoi (381/2023, 4 §).`,
              `Mitä seuraavaksi: monialainen työllistymissuunnitelma laaditaan yhdessä kanssasi viimeistään ${d('planDueOn')}. Sinut kutsutaan tapaamisiin. Sinun tehtäväsi on osallistua suunnitelman laatimiseen ja tarkistamiseen ja toteuttaa sitä (7 §).`,
            ],
          }
        : {
            title: 'Din klientrelation i det sektorsövergripande stödet har börjat',
            paragraphs: [
              `Din klientrelation började ${d('assessmentStartedOn')}, när bedömningen av ditt sektorsövergripande servicebehov började (381/2023, 4 §).`,
              `Vad händer härnäst: en sektorsövergripande sysselsättningsplan utarbetas tillsammans med dig senast ${d('planDueOn')}. Du kallas till möten. Din uppgift är att delta i utarbetandet och granskningen av planen och att genomföra den (7 §).`,
            ],
          };
    case 'referral_declined': {
      const reason = DECLINE_REASONS[str(p.reasonCode)] ?? DECLINE_REASONS.other;
      return fi
        ? {
            title: 'Monialaisen tuen asiakkuus ei alkanut',
            paragraphs: [
              `Sinua koskevaa ohjausta monialaiseen tukeen ei hyväksytty ${d('decidedOn')}. Syy: ${reason?.fi ?? ''}`,
              'Voit saada palveluja edelleen työvoimaviranomaiselta, hyvinvointialueelta ja Kelalta. Sinut voidaan ohjata monialaiseen tukeen uudelleen, jos tilanteesi muuttuu.',
            ],
          }
        : {
            title: 'Klientrelationen i det sektorsövergripande stödet började inte',
            paragraphs: [
              `Remissen som gäller dig till sektorsövergripande stöd godkändes inte ${d('decidedOn')}. Skäl: ${reason?.sv ?? ''}`,
              'Du kan fortfarande få tjänster av arbetskraftsmyndigheten, välfärdsområdet och FPA. Du kan remitteras till sektorsövergripande stöd på nytt om din situation ändras.',
            ],
          };
    }
    case 'plan_agreed':
      return fi
        ? {
            title: 'Monialainen työllistymissuunnitelmasi on hyväksytty',
            paragraphs: [
              `Monialainen työllistymissuunnitelmasi (versio ${str(p.version)}) hyväksyttiin ${d('agreedOn')} (381/2023, 5 §).`,
              `Mitä seuraavaksi: suunnitelma tarkistetaan viimeistään ${d('reviewDueOn')} ja aina, kun pyydät sitä (6 §).`,
            ],
          }
        : {
            title: 'Din sektorsövergripande sysselsättningsplan har godkänts',
            paragraphs: [
              `Din sektorsövergripande sysselsättningsplan (version ${str(p.version)}) godkändes ${d('agreedOn')} (381/2023, 5 §).`,
              `Vad händer härnäst: planen granskas senast ${d('reviewDueOn')} och alltid när du begär det (6 §).`,
            ],
          };
    case 'plan_reviewed': {
      const revised = p.outcome === 'revised';
      return fi
        ? {
            title: 'Suunnitelmasi on tarkistettu',
            paragraphs: [
              `Monialainen työllistymissuunnitelmasi tarkistettiin ${d('reviewedOn')} (381/2023, 6 §). ${revised ? 'Suunnitelmaa muutetaan; saat muutetusta suunnitelmasta kopion, kun se on hyväksytty.' : 'Suunnitelma jatkuu ennallaan.'}`,
              `Seuraava tarkistus on viimeistään ${d('nextReviewDueOn')}. Voit pyytää tarkistusta myös aiemmin.`,
            ],
          }
        : {
            title: 'Din plan har granskats',
            paragraphs: [
              `Din sektorsövergripande sysselsättningsplan granskades ${d('reviewedOn')} (381/2023, 6 §). ${revised ? 'Planen ändras; du får en kopia av den ändrade planen när den har godkänts.' : 'Planen fortsätter oförändrad.'}`,
              `Nästa granskning sker senast ${d('nextReviewDueOn')}. Du kan också begära en granskning tidigare.`,
            ],
          };
    }
    case 'review_request_refused':
      // What happened and what next; the reason is the letter's (`clientLetterTexts`).
      return fi
        ? {
            title: 'Pyyntöäsi suunnitelman tarkistamisesta ei hyväksytty',
            paragraphs: [
              `Pyysit ${d('requestedOn')} monialaisen työllistymissuunnitelmasi tarkistamista (381/2023, 6 §). Pyyntösi käsiteltiin ${d('refusedOn')}, eikä sitä hyväksytty. Perustelu on kirjeessä.`,
              'Suunnitelma tarkistetaan edelleen vähintään kolmen kuukauden välein. Voit pyytää tarkistusta uudelleen, jos tilanteesi muuttuu.',
            ],
          }
        : {
            title: 'Din begäran om granskning av planen beviljades inte',
            paragraphs: [
              `Du begärde ${d('requestedOn')} att din sektorsövergripande sysselsättningsplan skulle granskas (381/2023, 6 §). Din begäran behandlades ${d('refusedOn')} och beviljades inte. Motiveringen finns i brevet.`,
              'Planen granskas fortfarande minst var tredje månad. Du kan begära en granskning på nytt om din situation ändras.',
            ],
          };
    case 'relationship_ended': {
      const reason = END_REASONS[str(p.reasonCode)] ?? END_REASONS.other;
      return fi
        ? {
            title: 'Asiakkuutesi monialaisessa tuessa päättyi',
            paragraphs: [
              `Asiakkuutesi päättyi ${d('endedOn')}, kun työvoimaviranomainen, hyvinvointialue ja Kela arvioivat yhdessä, ettei monialaista tukea enää tarvita (381/2023, 8 §). Tilanne päättyessä: ${reason?.fi ?? ''}.`,
              `Asiakkuuden tiedot poistetaan ${d('erasureDueOn')} (12 §). Voit saada palveluja edelleen kultakin viranomaiselta, ja sinut voidaan ohjata monialaiseen tukeen uudelleen.`,
            ],
          }
        : {
            title: 'Din klientrelation i det sektorsövergripande stödet har avslutats',
            paragraphs: [
              `Din klientrelation avslutades ${d('endedOn')}, när arbetskraftsmyndigheten, välfärdsområdet och FPA gemensamt bedömde att sektorsövergripande stöd inte längre behövs (381/2023, 8 §). Situationen vid avslutningen: ${reason?.sv ?? ''}.`,
              `Uppgifterna om klientrelationen raderas ${d('erasureDueOn')} (12 §). Du kan fortfarande få tjänster av varje myndighet, och du kan remitteras till sektorsövergripande stöd på nytt.`,
            ],
          };
    }
  }
}

/** How to get the letter, and whom to ask: the e-mail's last paragraph. */
function howToGetLetter(kind: ClientMessageKind, lang: ClientLanguage): string {
  if (kind === 'plan_agreed') {
    return lang === 'fi'
      ? 'Saat kopion suunnitelmasta kirjeenä. Pyydä sitä työntekijältäsi tai seuraavassa tapaamisessa. Suunnitelman sisältöä ei lähetetä sähköpostilla.'
      : 'Du får en kopia av planen som brev. Be din handläggare om den eller få den vid nästa möte. Planens innehåll skickas inte per e-post.';
  }
  return lang === 'fi'
    ? 'Tarkemmat tiedot ovat kirjeessä, jonka saat työntekijältäsi. Kysyttävää? Ota yhteyttä työntekijääsi.'
    : 'Närmare uppgifter finns i brevet, som du får av din handläggare. Frågor? Kontakta din handläggare.';
}

const EMAIL_FOOTER: T = {
  fi: 'Viesti on lähetetty TYM-palvelusta (työllistymistä edistävä monialainen tuki). Älä vastaa tähän viestiin.',
  sv: 'Meddelandet skickades från TYM-tjänsten (sektorsövergripande främjande av sysselsättningen). Svara inte på detta meddelande.',
};

/** The e-mail to the client: in one language, or both with Finnish first. */
export function renderClientEmail(
  kind: ClientMessageKind,
  params: ClientMessageParams,
  languages: ClientLanguage[],
): { subject: string; text: string } {
  const ref = clientMessageReference(params);
  const parts = languages.map((lang) => {
    const t = told(kind, params, lang);
    const refLine = lang === 'fi' ? `Viite: ${ref}` : `Referens: ${ref}`;
    return {
      title: t.title,
      text: `${[t.title, ...t.paragraphs, howToGetLetter(kind, lang)].join('\n\n')}\n${refLine}`,
    };
  });
  const notice =
    languages.length > 1
      ? [
          'Kerro meille, haluatko asioida suomeksi vai ruotsiksi. / Meddela oss om du vill använda finska eller svenska.',
          '',
        ]
      : [];
  return {
    subject: `[TYM] ${parts.map((p) => p.title).join(' / ')}`,
    text: [
      ...notice,
      parts.map((p) => p.text).join('\n\n----\n\n'),
      '',
      '--',
      languages.map((l) => EMAIL_FOOTER[l]).join('\n'),
    ].join('\n'),
  };
}

/** What a letter carries beyond the message: the client's details and the decision's. */
export interface LetterDetails {
  recipientName: string;
  postalAddress: string[];
  /** The decline's written reason (letters only). */
  declineReasonText?: string | null;
  /** The agreed plan's contents (plan_agreed). */
  plan?: PlanContents | null;
  /** The written reason of a refused review request (review_request_refused; letters only). */
  reviewRefusalReasonText?: string | null;
}

export interface LetterSection {
  heading: string;
  lines: string[];
}

/** One language's letter: everything the PDF prints, in reading order. */
export interface LetterText {
  language: ClientLanguage;
  title: string;
  recipient: string[];
  dateLine: string;
  referenceLine: string;
  paragraphs: string[];
  sections: LetterSection[];
  footer: string;
}

function planSections(plan: PlanContents, lang: ClientLanguage): LetterSection[] {
  const fi = lang === 'fi';
  const sections: LetterSection[] = [];
  if (plan.mapping) {
    sections.push({
      heading: fi ? 'Palvelutarve' : 'Servicebehov',
      lines: [plan.mapping.serviceNeed, plan.mapping.situationSummary].filter(Boolean),
    });
  }
  if (plan.goals?.length) {
    sections.push({ heading: fi ? 'Tavoitteet' : 'Mål', lines: plan.goals.map((g) => `• ${g}`) });
  }
  if (plan.actions.length) {
    sections.push({
      heading: fi ? 'Palvelut ja toimenpiteet' : 'Tjänster och åtgärder',
      lines: plan.actions.map((a) => {
        const type = ACTION_TYPES[a.type]?.[lang] ?? a.type;
        const due = a.dueOn
          ? fi
            ? `, viimeistään ${clientDate(a.dueOn)}`
            : `, senast ${clientDate(a.dueOn)}`
          : '';
        const who = a.responsiblePerson ? ` (${a.responsiblePerson})` : '';
        return `• ${type}: ${a.description} — ${partyName(a.ownerOrganisationCode, lang)}${who}${due}`;
      }),
    });
  }
  if (plan.followUp) {
    sections.push({ heading: fi ? 'Seuranta' : 'Uppföljning', lines: [plan.followUp] });
  }
  if (plan.workSearch) {
    sections.push({
      heading: fi ? 'Työnhakuvelvollisuus' : 'Skyldighet att söka arbete',
      lines: [
        plan.workSearch.obligation === 'applies'
          ? fi
            ? 'Työnhakuvelvollisuus koskee sinua.'
            : 'Skyldigheten att söka arbete gäller dig.'
          : `${fi ? 'Vapautettu työnhakuvelvollisuudesta' : 'Befriad från skyldigheten att söka arbete'}${plan.workSearch.exemptionReason ? `: ${plan.workSearch.exemptionReason}` : ''}.`,
      ],
    });
  }
  if (plan.clientReport) {
    sections.push({
      heading: fi ? 'Oma selvityksesi suunnitelman toteutumisesta' : 'Din egen redogörelse för planen',
      lines: [
        fi
          ? `Viimeistään ${clientDate(plan.clientReport.dueOn)}: ${plan.clientReport.manner} (381/2023, 7 §).`
          : `Senast ${clientDate(plan.clientReport.dueOn)}: ${plan.clientReport.manner} (381/2023, 7 §).`,
      ],
    });
  }
  return sections;
}

/** The letter's text in each of `languages`, from the message and the details. */
export function clientLetterTexts(
  kind: ClientMessageKind,
  params: ClientMessageParams,
  languages: ClientLanguage[],
  details: LetterDetails,
  printedOn: string,
): LetterText[] {
  const ref = clientMessageReference(params);
  return languages.map((lang) => {
    const fi = lang === 'fi';
    const t = told(kind, params, lang);
    const sections: LetterSection[] = [];
    if (kind === 'referral_declined' && details.declineReasonText) {
      sections.push({ heading: fi ? 'Perustelu' : 'Motivering', lines: [details.declineReasonText] });
    }
    if (kind === 'review_request_refused') {
      const code =
        REVIEW_REFUSAL_REASONS[str(params.reasonCode)] ?? REVIEW_REFUSAL_REASONS.clearly_unnecessary;
      sections.push({
        heading: fi ? 'Perustelu' : 'Motivering',
        lines: [code?.[lang] ?? '', details.reviewRefusalReasonText ?? ''].filter((l) => l !== ''),
      });
    }
    if (kind === 'plan_agreed' && details.plan) {
      sections.push(...planSections(details.plan, lang));
    }
    return {
      language: lang,
      title: t.title,
      recipient: [details.recipientName, ...details.postalAddress].filter((l) => l !== ''),
      dateLine: fi ? `Päivämäärä ${clientDate(printedOn)}` : `Datum ${clientDate(printedOn)}`,
      referenceLine: fi ? `Viite ${ref}` : `Referens ${ref}`,
      paragraphs: [
        ...(languages.length > 1
          ? [
              fi
                ? 'Kerro meille, haluatko asioida suomeksi vai ruotsiksi. Tämä kirje on sekä suomeksi että ruotsiksi.'
                : 'Meddela oss om du vill använda finska eller svenska. Detta brev är både på finska och på svenska.',
            ]
          : []),
        ...t.paragraphs,
      ],
      sections,
      footer: fi
        ? 'Työllistymistä edistävä monialainen tuki (TYM): työvoimaviranomainen, hyvinvointialue ja Kela. Kysyttävää? Ota yhteyttä työntekijääsi.'
        : 'Sektorsövergripande främjande av sysselsättningen (TYM): arbetskraftsmyndigheten, välfärdsområdet och FPA. Frågor? Kontakta din handläggare.',
    };
  });
}
