import { defineErrors } from '@tym/platform';

export const ReferralErrors = defineErrors({
  REFERRAL_NOT_FOUND: {
    status: 404,
    title: { fi: 'Ohjausta ei löytynyt', sv: 'Hänvisningen hittades inte', en: 'No such referral' },
  },
  REFERRAL_GROUNDS_REQUIRED: {
    status: 422,
    title: {
      fi: 'Ohjaukselle on annettava vähintään yksi peruste',
      sv: 'Hänvisningen behöver minst en grund',
      en: 'A referral needs at least one ground',
    },
  },
  REFERRAL_CLIENT_HAS_OPEN_CASE: {
    status: 409,
    title: {
      fi: 'Asiakkaalla on jo avoin asiakkuus tällä yhteistoiminta-alueella',
      sv: 'Klienten har redan en öppen klientrelation i detta samarbetsområde',
      en: 'The client already has an open client relationship in this cooperation area',
    },
  },
  REFERRAL_ALREADY_PENDING: {
    status: 409,
    title: {
      fi: 'Asiakkaalla on jo käsittelemätön ohjaus tälle alueelle',
      sv: 'Klienten har redan en obehandlad hänvisning till detta område',
      en: 'The client already has a pending referral to this area',
    },
  },
  REFERRAL_NOT_SUBMITTED: {
    status: 409,
    title: {
      fi: 'Ohjaus on jo käsitelty',
      sv: 'Hänvisningen har redan behandlats',
      en: 'The referral has already been accepted, declined or withdrawn',
    },
  },
  REFERRAL_ASSESSMENT_START_INVALID: {
    status: 422,
    title: {
      fi: 'Arvioinnin alkamispäivä ei kelpaa',
      sv: 'Bedömningens startdatum är ogiltigt',
      en: 'The assessment start date is not allowed',
    },
  },
  REFERRAL_DECISION_NOT_ALLOWED: {
    status: 403,
    title: {
      fi: 'Vain asiakkaan työvoimaviranomaisen tai hyvinvointialueen alueelle kohdennettu henkilöstö voi hyväksyä tai hylätä ohjauksen',
      sv: 'Endast personal hos klientens arbetskraftsmyndighet eller välfärdsområde som är tilldelad området kan godkänna eller avslå hänvisningen',
      en: 'Only staff of the client’s employment authority or HVA allocated to the area can accept or decline the referral',
    },
  },
  REFERRAL_WITHDRAW_NOT_REFERRER: {
    status: 403,
    title: {
      fi: 'Vain ohjaaja voi perua ohjauksen',
      sv: 'Endast den som hänvisade kan återkalla hänvisningen',
      en: 'Only the referrer can withdraw the referral',
    },
  },
  REFERRAL_CLIENT_DETAILS_NOT_ALLOWED: {
    status: 403,
    title: {
      fi: 'Vain asiakkaan osapuolet voivat vahvistaa asiakastietojen muutokset',
      sv: 'Endast klientens parter kan bekräfta ändringar i klientuppgifterna',
      en: 'Only the client’s parties can confirm changes to the client’s details',
    },
  },
  REFERRAL_CLIENT_DETAILS_NOT_PENDING: {
    status: 409,
    title: {
      fi: 'Ohjauksella ei ole vahvistamattomia asiakastietoja',
      sv: 'Hänvisningen har inga obekräftade klientuppgifter',
      en: 'The referral has no client details waiting for confirmation',
    },
  },
});
