import { defineErrors } from '@tym/platform';

export const PolicyErrors = defineErrors({
  STAFF_RECORD_REQUIRED: {
    status: 403,
    title: {
      fi: 'Henkilökohtainen käyttöoikeus puuttuu (ei henkilöstörekisterissä)',
      sv: 'Personlig åtkomsträtt saknas (inte i personalregistret)',
      en: 'No personal access right: you are not an active staff member in the directory',
    },
  },
});
