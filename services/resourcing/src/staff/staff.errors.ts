import { defineErrors } from '@tym/platform';

export const StaffErrors = defineErrors({
  STAFF_NOT_FOUND: {
    status: 404,
    title: { fi: 'Henkilöä ei löytynyt', sv: 'Personen hittades inte', en: 'No such staff member' },
  },
  STAFF_SUBJECT_TAKEN: {
    status: 409,
    title: {
      fi: 'Organisaatiolla on jo henkilö tällä tunnisteella',
      sv: 'Organisationen har redan en person med denna identifierare',
      en: 'The organisation already has a staff member with this subject',
    },
  },
  ALLOCATION_EXCEEDS_FULL_TIME: {
    status: 422,
    title: {
      fi: 'Henkilön kohdennukset ylittävät kokoaikaisen työajan',
      sv: 'Personens fördelningar överskrider heltid',
      en: 'The allocations exceed full time',
    },
  },
  NOT_A_PARTY_OF_AREA: {
    status: 422,
    title: {
      fi: 'Organisaatio ei ole yhteistoiminta-alueen osapuoli',
      sv: 'Organisationen är inte part i samarbetsområdet',
      en: 'The organisation is not a party of the cooperation area',
    },
  },
});
