import { defineErrors } from '@tym/platform';

export const AssignmentSuggestionErrors = defineErrors({
  CASE_NOT_FOUND: {
    status: 404,
    title: { fi: 'Asiakkuutta ei löytynyt', sv: 'Klientrelationen hittades inte', en: 'No such case' },
  },
});
