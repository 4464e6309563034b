import { defineErrors } from '@tym/platform';

export const NotificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    title: { fi: 'Ilmoitusta ei löytynyt', sv: 'Meddelandet hittades inte', en: 'Notification not found' },
  },
  NOTIFICATION_CURSOR_INVALID: {
    status: 400,
    title: { fi: 'Sivutuskohta ei kelpaa', sv: 'Sidmarkören är ogiltig', en: 'The cursor is not valid' },
  },
});
