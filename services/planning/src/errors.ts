import { defineErrors } from '@tym/platform';

/** Codes shared by the meeting and plan modules (the case they belong to). */
export const CaseAccessErrors = defineErrors({
  CASE_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Asiakkuutta ei löytynyt',
      sv: 'Klientrelationen hittades inte',
      en: 'No such client relationship',
    },
  },
  CASE_ENDED: {
    status: 409,
    title: {
      fi: 'Asiakkuus on päättynyt',
      sv: 'Klientrelationen har upphört',
      en: 'The client relationship has ended',
    },
  },
  STAFF_RECORD_REQUIRED: {
    status: 403,
    title: {
      fi: 'Henkilökohtainen käyttöoikeus puuttuu (ei henkilöstörekisterissä)',
      sv: 'Personlig åtkomsträtt saknas (inte i personalregistret)',
      en: 'No personal access right: you are not an active staff member in the directory',
    },
  },
});
