import { defineErrors } from '@tym/platform';

export const DeadlineErrors = defineErrors({
  DEADLINE_CURSOR_INVALID: {
    status: 400,
    title: { fi: 'Sivutuskohta ei kelpaa', sv: 'Sidmarkören är ogiltig', en: 'The cursor is not valid' },
  },
  DEADLINE_CASE_NOT_FOUND: {
    status: 404,
    title: { fi: 'Asiakkuutta ei löytynyt', sv: 'Klientrelationen hittades inte', en: 'Case not found' },
  },
  ERASURE_HOLD_EXISTS: {
    status: 409,
    title: {
      fi: 'Poistolla on jo voimassa oleva pito',
      sv: 'Raderingen har redan ett gällande uppskov',
      en: 'The case already has an active erasure hold',
    },
  },
  ERASURE_HOLD_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Voimassa olevaa poiston pitoa ei ole',
      sv: 'Inget gällande uppskov av raderingen',
      en: 'No active erasure hold',
    },
  },
  ERASURE_ALREADY_DONE: {
    status: 409,
    title: {
      fi: 'Asiakkaan tiedot on jo poistettu',
      sv: 'Klientens uppgifter har redan raderats',
      en: 'The client’s data has already been erased',
    },
  },
});
