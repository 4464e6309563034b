import { defineErrors } from '@tym/platform';

export const WebhookDeliveryErrors = defineErrors({
  WEBHOOK_DELIVERY_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Webhook-toimitusta ei löytynyt',
      sv: 'Webhook-leveransen hittades inte',
      en: 'No such webhook delivery',
    },
  },
  WEBHOOK_DELIVERY_IN_PROGRESS: {
    status: 409,
    title: {
      fi: 'Toimitus on vielä kesken',
      sv: 'Leveransen pågår fortfarande',
      en: 'The delivery is still in progress',
    },
  },
  WEBHOOK_DELIVERY_CURSOR_INVALID: {
    status: 400,
    title: { fi: 'Sivutusavain ei kelpaa', sv: 'Sidmarkören är ogiltig', en: 'The cursor is not valid' },
  },
});
