import { defineErrors } from '@tym/platform';

export const SituationalPictureErrors = defineErrors({
  SITUATIONAL_PICTURE_LINK_INVALID: {
    status: 404,
    title: {
      fi: 'Linkki on vanhentunut tai virheellinen',
      sv: 'Länken har gått ut eller är ogiltig',
      en: 'The link has expired or is not valid',
    },
  },
});
