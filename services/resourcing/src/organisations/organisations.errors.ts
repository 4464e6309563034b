import { defineErrors } from '@tym/platform';

export const OrganisationErrors = defineErrors({
  ORGANISATION_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Organisaatiota ei löytynyt',
      sv: 'Organisationen hittades inte',
      en: 'No such organisation',
    },
  },
});
