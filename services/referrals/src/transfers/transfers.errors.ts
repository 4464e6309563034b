import { defineErrors } from '@tym/platform';

export const TransferErrors = defineErrors({
  CASE_TRANSFER_NOT_AUTHORITY: {
    status: 403,
    title: {
      fi: 'Asiakkuuden siirtää asiakkaan työvoimaviranomainen tai hyvinvointialue',
      sv: 'Klientrelationen flyttas av klientens arbetskraftsmyndighet eller välfärdsområde',
      en: 'The client’s employment authority or HVA transfers the client relationship',
    },
  },
  CASE_TRANSFER_OPEN_CASE_EXISTS: {
    status: 409,
    title: {
      fi: 'Asiakkaalla on jo avoin asiakkuus uudella alueella',
      sv: 'Klienten har redan en öppen klientrelation i det nya området',
      en: 'The client already has an open client relationship in the new area',
    },
  },
});
