import { defineErrors } from '@tym/platform';

export const WebhookEndpointErrors = defineErrors({
  WEBHOOK_ENDPOINT_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Webhook-päätepistettä ei löytynyt',
      sv: 'Webhook-slutpunkten hittades inte',
      en: 'No such webhook endpoint',
    },
  },
  WEBHOOK_URL_NOT_ALLOWED: {
    status: 422,
    title: {
      fi: 'Webhook-osoite ei ole sallittu',
      sv: 'Webhook-adressen är inte tillåten',
      en: 'The webhook URL is not allowed',
    },
  },
  WEBHOOK_ENDPOINT_LIMIT_REACHED: {
    status: 422,
    title: {
      fi: 'Organisaatiolla on jo enimmäismäärä webhook-päätepisteitä',
      sv: 'Organisationen har redan det högsta antalet webhook-slutpunkter',
      en: 'The organisation already has the maximum number of webhook endpoints',
    },
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    status: 409,
    title: {
      fi: 'Webhook-päätepiste on poistettu käytöstä',
      sv: 'Webhook-slutpunkten är inaktiverad',
      en: 'The webhook endpoint is disabled',
    },
  },
});
