import { defineErrors } from '@tym/platform';

export const CooperationAreaErrors = defineErrors({
  COOPERATION_AREA_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Yhteistoiminta-aluetta ei löytynyt',
      sv: 'Samarbetsområdet hittades inte',
      en: 'No such cooperation area',
    },
  },
});
