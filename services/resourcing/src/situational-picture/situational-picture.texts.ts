import type { Lang, Localized } from '@tym/platform';

/** Texts people read on the page and in the CSV header, in Finnish, Swedish and English. */
export const PAGE_TEXTS = {
  title: { fi: 'Yhteinen tilannekuva', sv: 'Gemensam lägesbild', en: 'Joint situational picture' },
  lead: {
    fi: 'Monialaisen tuen (laki 381/2023) luvut yhteistoiminta-alueelta. Alle viiden henkilön luvut näytetään muodossa ”< 5”; ”×” on piilotettu, jotta pientä lukua ei voi päätellä summista.',
    sv: 'Siffror för sektorsövergripande stöd (lag 381/2023) i samarbetsområdet. Tal under fem personer visas som ”< 5”; ”×” är dolt så att ett litet tal inte kan räknas ut ur summorna.',
    en: 'Figures of multidisciplinary employment support (act 381/2023) in the cooperation area. Counts of fewer than five persons are shown as “< 5”; “×” is hidden so that a small count cannot be worked out from the totals.',
  },
  period: { fi: 'Ajanjakso', sv: 'Period', en: 'Period' },
  language: { fi: 'Kieli', sv: 'Språk', en: 'Language' },
  total: { fi: 'Yhteensä', sv: 'Totalt', en: 'Total' },
  indicator: { fi: 'Mittari', sv: 'Indikator', en: 'Indicator' },
  chartTrends: {
    fi: 'Ohjaukset ja asiakkuudet kuukausittain',
    sv: 'Hänvisningar och kundrelationer per period',
    en: 'Referrals and client relationships by period',
  },
  chartClocks: {
    fi: 'Lakisääteiset määräajat: suunnitelmat ja tarkistukset ajallaan (%)',
    sv: 'Lagstadgade tidsfrister: planer och granskningar i tid (%)',
    en: 'Statutory clocks: plans and reviews on time (%)',
  },
  chartTargets: { fi: 'Tavoitteet ja toteuma', sv: 'Mål och utfall', en: 'Targets and actuals' },
  chartStaffing: {
    fi: 'Henkilötyövuodet: sovittu ja kohdennettu',
    sv: 'Årsverken: avtalade och tilldelade',
    en: 'Full-time equivalents: committed and allocated',
  },
  target: { fi: 'Tavoite', sv: 'Mål', en: 'Target' },
  actual: { fi: 'Toteuma', sv: 'Utfall', en: 'Actual' },
  year: { fi: 'Vuosi', sv: 'År', en: 'Year' },
  party: { fi: 'Osapuoli', sv: 'Part', en: 'Party' },
  committedFte: { fi: 'Sovittu htv', sv: 'Avtalade årsverken', en: 'Committed FTE' },
  allocatedFte: { fi: 'Kohdennettu htv', sv: 'Tilldelade årsverken', en: 'Allocated FTE' },
  activeClients: { fi: 'Aktiiviset asiakkaat', sv: 'Aktiva kunder', en: 'Active clients' },
  perFte: { fi: 'Asiakkaita / htv', sv: 'Kunder / årsverke', en: 'Clients per FTE' },
  targetPerFte: {
    fi: 'Sopimuksen tavoite / htv',
    sv: 'Avtalets mål / årsverke',
    en: 'Agreement’s target per FTE',
  },
  staffingOn: { fi: 'Tilanne päivänä', sv: 'Läget den', en: 'Situation on' },
  costShares: {
    fi: 'Yhteisten kustannusten jako (381/2023 10 §)',
    sv: 'Fördelning av de gemensamma kostnaderna (381/2023 10 §)',
    en: 'Sharing of the joint costs (381/2023 §10)',
  },
  shareEur: { fi: 'Osuus (€)', sv: 'Andel (€)', en: 'Share (€)' },
  sharePercent: { fi: 'Osuus (%)', sv: 'Andel (%)', en: 'Share (%)' },
  costBasis: {
    fi: 'Peruste',
    sv: 'Grund',
    en: 'Basis',
  },
  costBasisActual: { fi: 'toteutuneet kustannukset', sv: 'faktiska kostnader', en: 'actual costs' },
  costBasisBudget: { fi: 'talousarvio', sv: 'budget', en: 'budget' },
  costsNotRecorded: {
    fi: 'Yhteisiä kustannuksia ei ole kirjattu',
    sv: 'Inga gemensamma kostnader har registrerats',
    en: 'No joint costs recorded',
  },
  noTargets: {
    fi: 'Johtoryhmä ei ole asettanut tavoitteita tälle ajanjaksolle.',
    sv: 'Ledningsgruppen har inte satt mål för perioden.',
    en: 'The management group has set no targets for this period.',
  },
  plansOverdueNow: {
    fi: 'Myöhässä olevat suunnitelmat nyt',
    sv: 'Försenade planer nu',
    en: 'Plans overdue now',
  },
  allIndicators: { fi: 'Kaikki mittarit', sv: 'Alla indikatorer', en: 'All indicators' },
  suppressed: { fi: '< 5', sv: '< 5', en: '< 5' },
  notShown: { fi: 'ei näytetä', sv: 'visas inte', en: 'not shown' },
  groups: {
    referrals: { fi: 'Ohjaukset', sv: 'Hänvisningar', en: 'Referrals' },
    relationships: { fi: 'Asiakkuudet', sv: 'Kundrelationer', en: 'Client relationships' },
    clocks: { fi: 'Lakisääteiset määräajat', sv: 'Lagstadgade tidsfrister', en: 'Statutory clocks' },
    joint_work: { fi: 'Yhteinen työ', sv: 'Gemensamt arbete', en: 'Joint work' },
  },
} satisfies Record<string, Localized | Record<string, Localized>>;

const REASONS: Record<string, Localized> = {
  single_authority_sufficient: {
    fi: 'yhden viranomaisen palvelut riittävät',
    sv: 'en myndighets tjänster räcker',
    en: 'one authority’s services suffice',
  },
  not_unemployed: { fi: 'ei työtön', sv: 'inte arbetslös', en: 'not unemployed' },
  wrong_area: { fi: 'väärä alue', sv: 'fel område', en: 'wrong area' },
  duplicate: { fi: 'päällekkäinen', sv: 'dubblett', en: 'duplicate' },
  other: { fi: 'muu', sv: 'annat', en: 'other' },
};
const GROUND_TEXTS: Record<string, Localized> = {
  work_capacity_limitations: {
    fi: 'työkyvyn rajoitteet',
    sv: 'begränsningar i arbetsförmågan',
    en: 'limits of work capacity',
  },
  functional_capacity_limitations: {
    fi: 'toimintakyvyn rajoitteet',
    sv: 'begränsningar i funktionsförmågan',
    en: 'limits of functional capacity',
  },
  life_management_problems: {
    fi: 'elämänhallinnan ongelmat',
    sv: 'problem med livshanteringen',
    en: 'problems of life management',
  },
};
const OUTCOME_TEXTS: Record<string, Localized> = {
  employed: { fi: 'työllistyi', sv: 'fick arbete', en: 'employed' },
  education: { fi: 'koulutukseen', sv: 'till utbildning', en: 'education' },
  other_services: { fi: 'muihin palveluihin', sv: 'till andra tjänster', en: 'other services' },
  moved_abroad: { fi: 'muutti ulkomaille', sv: 'flyttade utomlands', en: 'moved abroad' },
  deceased: { fi: 'kuoli', sv: 'avled', en: 'deceased' },
  other: { fi: 'muu', sv: 'annat', en: 'other' },
};

const INDICATORS: Record<string, Localized> = {
  referrals_received: {
    fi: 'Vastaanotetut ohjaukset',
    sv: 'Mottagna hänvisningar',
    en: 'Referrals received',
  },
  referrals_accepted: { fi: 'Hyväksytyt ohjaukset', sv: 'Godkända hänvisningar', en: 'Referrals accepted' },
  referrals_declined: { fi: 'Hylätyt ohjaukset', sv: 'Avböjda hänvisningar', en: 'Referrals declined' },
  referrals_withdrawn: { fi: 'Perutut ohjaukset', sv: 'Återtagna hänvisningar', en: 'Referrals withdrawn' },
  referrals_pending: {
    fi: 'Vastaamattomat ohjaukset',
    sv: 'Obesvarade hänvisningar',
    en: 'Referrals not yet answered',
  },
  referrals_answered: { fi: 'Vastatut ohjaukset', sv: 'Besvarade hänvisningar', en: 'Referrals answered' },
  referrals_answered_by_respond_by: {
    fi: 'Vastattu määräpäivään mennessä',
    sv: 'Besvarade inom svarsdagen',
    en: 'Answered by the response day',
  },
  referrals_answered_by_respond_by_percent: {
    fi: 'Vastattu määräpäivään mennessä (%)',
    sv: 'Besvarade inom svarsdagen (%)',
    en: 'Answered by the response day (%)',
  },
  referrals_answer_days_median: {
    fi: 'Päiviä ohjauksesta vastaukseen (mediaani)',
    sv: 'Dagar från hänvisning till svar (median)',
    en: 'Days from referral to answer (median)',
  },
  referrals_answer_days_p90: {
    fi: 'Päiviä ohjauksesta vastaukseen (90. persentiili)',
    sv: 'Dagar från hänvisning till svar (90:e percentilen)',
    en: 'Days from referral to answer (90th percentile)',
  },
  relationships_started: {
    fi: 'Alkaneet asiakkuudet',
    sv: 'Inledda kundrelationer',
    en: 'Relationships started',
  },
  relationships_active_at_end: {
    fi: 'Aktiiviset asiakkuudet jakson lopussa',
    sv: 'Aktiva kundrelationer vid periodens slut',
    en: 'Relationships active at the end',
  },
  relationships_ended: {
    fi: 'Päättyneet asiakkuudet',
    sv: 'Avslutade kundrelationer',
    en: 'Relationships ended',
  },
  relationships_duration_days_median: {
    fi: 'Asiakkuuden kesto päivinä (mediaani)',
    sv: 'Kundrelationens längd i dagar (median)',
    en: 'Duration of relationship in days (median)',
  },
  plans_due: { fi: 'Suunnitelmat erääntyneet', sv: 'Planer som förfallit', en: 'Plans due' },
  plans_within_3_months: {
    fi: 'Suunnitelma 3 kuukaudessa (§ 4)',
    sv: 'Plan inom 3 månader (4 §)',
    en: 'Plan within 3 months (§4)',
  },
  plans_within_3_months_percent: {
    fi: 'Suunnitelma 3 kuukaudessa (%)',
    sv: 'Plan inom 3 månader (%)',
    en: 'Plan within 3 months (%)',
  },
  days_to_plan_median: {
    fi: 'Päiviä alusta suunnitelmaan (mediaani)',
    sv: 'Dagar från start till plan (median)',
    en: 'Days from start to plan (median)',
  },
  reviews: { fi: 'Tarkistukset', sv: 'Granskningar', en: 'Reviews' },
  reviews_on_time: {
    fi: 'Tarkistukset ajallaan (§ 6)',
    sv: 'Granskningar i tid (6 §)',
    en: 'Reviews on time (§6)',
  },
  reviews_on_time_percent: {
    fi: 'Tarkistukset ajallaan (%)',
    sv: 'Granskningar i tid (%)',
    en: 'Reviews on time (%)',
  },
  review_requests: {
    fi: 'Asiakkaiden tarkistuspyynnöt',
    sv: 'Kundernas begäran om granskning',
    en: 'Clients’ review requests',
  },
  review_requests_refused: { fi: 'Pyynnöt evätty', sv: 'Begäran avslagna', en: 'Requests refused' },
  review_requests_handled_by_due: {
    fi: 'Pyynnöt käsitelty määräajassa',
    sv: 'Begäran behandlade i tid',
    en: 'Requests handled by their due day',
  },
  review_requests_handled: { fi: 'Pyynnöt käsitelty', sv: 'Begäran behandlade', en: 'Requests handled' },
  review_requests_handling_days_median: {
    fi: 'Pyynnön käsittelyaika, mediaani (pv)',
    sv: 'Behandlingstid för begäran, median (dagar)',
    en: 'Days to handle a request, median',
  },
  meetings_held: { fi: 'Pidetyt tapaamiset', sv: 'Hållna möten', en: 'Meetings held' },
  meetings_client_attended: {
    fi: 'Tapaamiset, joissa asiakas läsnä',
    sv: 'Möten där kunden deltog',
    en: 'Meetings the client attended',
  },
  meetings_client_attended_percent: {
    fi: 'Asiakas läsnä (%)',
    sv: 'Kunden deltog (%)',
    en: 'Client attended (%)',
  },
  joint_meetings: {
    fi: 'Arviointi- ja suunnittelutapaamiset',
    sv: 'Bedömnings- och planeringsmöten',
    en: 'Assessment and planning meetings',
  },
  joint_meetings_all_parties: {
    fi: 'Kaikki kolme osapuolta läsnä',
    sv: 'Alla tre parter närvarande',
    en: 'All three parties present',
  },
  joint_meetings_all_parties_percent: {
    fi: 'Kaikki kolme osapuolta läsnä (%)',
    sv: 'Alla tre parter närvarande (%)',
    en: 'All three parties present (%)',
  },
};

/** The label of an indicator code in a language (the code itself when unknown). */
export function indicatorLabel(code: string, lang: Lang): string {
  const direct = INDICATORS[code];
  if (direct) return direct[lang];
  if (code.startsWith('referrals_declined_')) {
    const r = REASONS[code.slice('referrals_declined_'.length)];
    if (r) return `${INDICATORS.referrals_declined?.[lang]}: ${r[lang]}`;
  }
  if (code.startsWith('referrals_received_from_')) {
    const from = { fi: 'Ohjaukset osapuolelta', sv: 'Hänvisningar från parten', en: 'Referrals from' }[lang];
    return `${from} ${code.slice('referrals_received_from_'.length)}`;
  }
  if (code.startsWith('referrals_ground_')) {
    const g = GROUND_TEXTS[code.slice('referrals_ground_'.length)];
    if (g) return `${{ fi: 'Ohjausperuste', sv: 'Grund för hänvisning', en: 'Ground' }[lang]}: ${g[lang]}`;
  }
  if (code.startsWith('relationships_ended_')) {
    const o = OUTCOME_TEXTS[code.slice('relationships_ended_'.length)];
    if (o) return `${INDICATORS.relationships_ended?.[lang]}: ${o[lang]}`;
  }
  return code;
}
