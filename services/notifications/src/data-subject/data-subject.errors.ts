import { defineErrors } from '@tym/platform';

export const DataSubjectErrors = defineErrors({
  DATA_SUBJECT_CLIENT_NOT_FOUND: {
    status: 404,
    title: { fi: 'Asiakasta ei löytynyt', sv: 'Klienten hittades inte', en: 'Client not found' },
  },
});
