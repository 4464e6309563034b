import { defineErrors } from '@tym/platform';

export const AgreementErrors = defineErrors({
  AGREEMENT_NOT_FOUND: {
    status: 404,
    title: { fi: 'Sopimusta ei löytynyt', sv: 'Avtalet hittades inte', en: 'No such cooperation agreement' },
  },
  AGREEMENT_VERSION_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Sopimusversiota ei löytynyt',
      sv: 'Avtalsversionen hittades inte',
      en: 'No such agreement version',
    },
  },
  AGREEMENT_KELA_MISSING: {
    status: 422,
    title: {
      fi: 'Kela puuttuu sopimuksen osapuolista',
      sv: 'FPA saknas bland avtalets parter',
      en: 'Kela is missing from the agreement’s parties',
    },
  },
  AGREEMENT_PARTY_MISSING: {
    status: 422,
    title: {
      fi: 'Sopimuksesta puuttuu työvoimaviranomainen tai hyvinvointialue',
      sv: 'Avtalet saknar arbetskraftsmyndighet eller välfärdsområde',
      en: 'The agreement lacks an employment authority or the wellbeing services county',
    },
  },
  AGREEMENT_COMMITMENT_PARTY_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Henkilöstösitoumus on osapuolelta, joka ei ole sopimuksen osapuoli',
      sv: 'Personalåtagandet gäller en part som inte är part i avtalet',
      en: 'A staffing commitment names an organisation that is not a party of the agreement',
    },
  },
  COMMITMENT_FTE_INVALID: {
    status: 422,
    title: {
      fi: 'Henkilötyövuosien määrä ei kelpaa',
      sv: 'Antalet årsverken är ogiltigt',
      en: 'The full-time equivalents are not valid',
    },
  },
  COST_SHARES_INVALID: {
    status: 422,
    title: {
      fi: 'Kustannusosuudet eivät vastaa jakotapaa',
      sv: 'Kostnadsandelarna motsvarar inte fördelningssättet',
      en: 'The cost shares do not fit the cost-sharing rule',
    },
  },
  COST_SHARES_NOT_100: {
    status: 422,
    title: {
      fi: 'Sovittujen prosenttiosuuksien summa ei ole 100',
      sv: 'De avtalade procentandelarna summerar inte till 100',
      en: 'The agreed percentages do not add up to 100',
    },
  },
  KELA_CONTRIBUTION_INVALID: {
    status: 422,
    title: {
      fi: 'Kelan rahoitusosuus ei kelpaa',
      sv: 'FPA:s finansieringsandel är ogiltig',
      en: 'Kela’s contribution is not valid',
    },
  },
  AGREEMENT_DATES_OUT_OF_ORDER: {
    status: 422,
    title: {
      fi: 'Päivämäärät ovat väärässä järjestyksessä',
      sv: 'Datumen är i fel ordning',
      en: 'The dates are out of order',
    },
  },
  AGREEMENT_VALIDITY_OVERLAP: {
    status: 409,
    title: {
      fi: 'Alueella on jo sopimus, jonka voimassaolo on päällekkäinen',
      sv: 'Området har redan ett avtal med överlappande giltighet',
      en: 'Another agreement of the area is valid during the same days',
    },
  },
  STAFFING_REVIEW_IN_FUTURE: {
    status: 422,
    title: {
      fi: 'Henkilöstön riittävyyden arviointi ei voi olla tulevaisuudessa',
      sv: 'Bedömningen av personalens tillräcklighet kan inte ligga i framtiden',
      en: 'A staffing review cannot be dated in the future',
    },
  },
  COST_SHARE_YEAR_OUTSIDE_VALIDITY: {
    status: 422,
    title: {
      fi: 'Sopimus ei ole voimassa pyydettynä vuonna',
      sv: 'Avtalet gäller inte det begärda året',
      en: 'The agreement is not valid in that year',
    },
  },
  JOINT_COSTS_NOT_RECORDED: {
    status: 422,
    title: {
      fi: 'Vuoden yhteisiä kustannuksia ei ole kirjattu',
      sv: 'Årets gemensamma kostnader har inte registrerats',
      en: 'No joint costs are recorded for that year',
    },
  },
  COST_SHARE_NO_STAFF: {
    status: 422,
    title: {
      fi: 'Sopimukseen ei ole sitoutettu henkilöstöä, jonka suhteessa jakaa',
      sv: 'Avtalet har ingen personal att fördela i proportion till',
      en: 'The agreement commits no staff to share in proportion to',
    },
  },
  KELA_AMOUNT_EXCEEDS_JOINT_COSTS: {
    status: 422,
    title: {
      fi: 'Kelan sovittu summa ylittää yhteiset kustannukset',
      sv: 'FPA:s avtalade belopp överstiger de gemensamma kostnaderna',
      en: 'Kela’s agreed amount exceeds the joint costs',
    },
  },
});
