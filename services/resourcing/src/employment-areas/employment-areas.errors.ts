import { defineErrors } from '@tym/platform';

export const EmploymentAreaErrors = defineErrors({
  EMPLOYMENT_AREA_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Työllisyysaluetta ei löytynyt',
      sv: 'Sysselsättningsområdet hittades inte',
      en: 'No such employment area',
    },
  },
  EMPLOYMENT_AREA_EXISTS: {
    status: 409,
    title: {
      fi: 'Työllisyysalue on jo olemassa',
      sv: 'Sysselsättningsområdet finns redan',
      en: 'The employment area already exists',
    },
  },
  MUNICIPALITY_ALREADY_IN_AREA: {
    status: 409,
    title: {
      fi: 'Kunta kuuluu jo toiseen työllisyysalueeseen',
      sv: 'Kommunen hör redan till ett annat sysselsättningsområde',
      en: 'The municipality already belongs to another employment area',
    },
  },
  MUNICIPALITY_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Tuntematon kuntanumero',
      sv: 'Okänd kommunkod',
      en: 'Unknown municipality code',
    },
  },
  HOST_MUNICIPALITY_NOT_MEMBER: {
    status: 422,
    title: {
      fi: 'Vastuukunta ei ole alueen jäsen',
      sv: 'Värdkommunen hör inte till området',
      en: 'The host municipality is not a member of the area',
    },
  },
});
