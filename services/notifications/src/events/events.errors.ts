import { defineErrors } from '@tym/platform';

export const EventFeedErrors = defineErrors({
  EVENT_FEED_CURSOR_INVALID: {
    status: 400,
    title: {
      fi: 'Tapahtumasyötteen kohta ei kelpaa',
      sv: 'Positionen i händelseflödet är ogiltig',
      en: 'The event feed cursor is not valid',
    },
  },
});
