import { defineErrors } from '@tym/platform';

export const ClientLetterErrors = defineErrors({
  CLIENT_LETTER_NOT_FOUND: {
    status: 404,
    title: { fi: 'Kirjettä ei löytynyt', sv: 'Brevet hittades inte', en: 'Letter not found' },
  },
  CLIENT_LETTERS_SUBJECT_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Asiakkuutta tai ohjausta ei löytynyt',
      sv: 'Klientrelationen eller remissen hittades inte',
      en: 'Case or referral not found',
    },
  },
});
