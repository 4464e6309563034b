import { defineErrors } from '@tym/platform';

/** Error codes of the joint plan, as data (style.md, Errors). */
export const PlanErrors = defineErrors({
  PLAN_VERSION_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Suunnitelman versiota ei löytynyt',
      sv: 'Planversionen hittades inte',
      en: 'No such plan version',
    },
  },
  PLAN_ACTION_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Suunnitelman toimenpidettä ei löytynyt',
      sv: 'Planens åtgärd hittades inte',
      en: 'No such plan action',
    },
  },
  PLAN_NO_DRAFT: {
    status: 409,
    title: {
      fi: 'Suunnitelmalla ei ole luonnosta',
      sv: 'Planen har inget utkast',
      en: 'The plan has no draft',
    },
  },
  PLAN_INCOMPLETE: {
    status: 422,
    title: {
      fi: 'Suunnitelmasta puuttuu lain edellyttämiä tietoja',
      sv: 'Planen saknar uppgifter som lagen kräver',
      en: 'The plan lacks contents the law requires',
    },
  },
  PLAN_CONTENT_INVALID: {
    status: 422,
    title: {
      fi: 'Suunnitelman sisältö ei kelpaa',
      sv: 'Planens innehåll är ogiltigt',
      en: 'The plan contents are not valid',
    },
  },
  PLAN_ACTION_OWNER_NOT_A_PARTY: {
    status: 422,
    title: {
      fi: 'Toimenpiteen vastuuorganisaatio ei ole asiakkuuden osapuoli',
      sv: 'Åtgärdens ansvariga organisation är inte part i klientrelationen',
      en: 'The action owner is not a party of the case',
    },
  },
  PLAN_ACTION_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Toimenpidettä ei ole suunnitelmassa',
      sv: 'Åtgärden finns inte i planen',
      en: 'No such action in the plan',
    },
  },
  PLAN_ALREADY_SUBMITTED: {
    status: 409,
    title: {
      fi: 'Luonnos on jo lähetetty hyväksyttäväksi',
      sv: 'Utkastet har redan skickats för godkännande',
      en: 'The draft is already submitted for approval',
    },
  },
  PLAN_NOT_SUBMITTED: {
    status: 409,
    title: {
      fi: 'Luonnosta ei ole lähetetty hyväksyttäväksi',
      sv: 'Utkastet har inte skickats för godkännande',
      en: 'The draft has not been submitted for approval',
    },
  },
  PLAN_DRAFT_CHANGED: {
    status: 409,
    title: {
      fi: 'Luonnos on muuttunut lähettämisen jälkeen',
      sv: 'Utkastet har ändrats efter att det skickades',
      en: 'The draft changed after it was submitted',
    },
  },
  PLAN_APPROVAL_NOT_REQUIRED: {
    status: 422,
    title: {
      fi: 'Tämän osapuolen hyväksyntää ei tarvita',
      sv: 'Denna parts godkännande behövs inte',
      en: 'This party’s approval is not required',
    },
  },
  PLAN_APPROVAL_NOT_ALLOWED: {
    status: 403,
    title: {
      fi: 'Voit hyväksyä suunnitelman vain oman organisaatiosi puolesta',
      sv: 'Du kan godkänna planen endast för din egen organisation',
      en: 'You may approve only for your own organisation',
    },
  },
  PLAN_APPROVAL_METHOD_INVALID: {
    status: 422,
    title: {
      fi: 'Asiakkaan hyväksynnän tapa puuttuu tai ei kuulu organisaation hyväksyntään',
      sv: 'Sättet för kundens godkännande saknas eller hör inte till en organisations godkännande',
      en: 'The client’s approval needs its method; an organisation’s takes none',
    },
  },
  PLAN_ALREADY_APPROVED: {
    status: 409,
    title: {
      fi: 'Hyväksyntä on jo annettu',
      sv: 'Godkännandet har redan getts',
      en: 'This approval is already given',
    },
  },
  PLAN_NOT_AGREED: {
    status: 409,
    title: {
      fi: 'Asiakkuudella ei ole sovittua suunnitelmaa',
      sv: 'Klientrelationen har ingen överenskommen plan',
      en: 'The case has no agreed plan',
    },
  },
  PLAN_REVIEW_DATE_INVALID: {
    status: 422,
    title: {
      fi: 'Tarkistuspäivä ei kelpaa',
      sv: 'Datumet för översynen är ogiltigt',
      en: 'The review date is not allowed',
    },
  },
  PLAN_REVIEW_NOT_EMPLOYMENT_AUTHORITY: {
    status: 403,
    title: {
      fi: 'Vain asiakkaan työvoimaviranomainen kirjaa suunnitelman tarkistamisen',
      sv: 'Endast kundens arbetskraftsmyndighet registrerar översynen av planen',
      en: 'Only the client’s employment authority records a review of the plan',
    },
  },
  PLAN_ACTION_NOT_OWNER: {
    status: 403,
    title: {
      fi: 'Vain toimenpiteen vastuuorganisaatio voi muuttaa sen tilaa',
      sv: 'Endast åtgärdens ansvariga organisation kan ändra dess status',
      en: 'Only the action’s owner organisation may change its status',
    },
  },
  PLAN_CLIENT_PARTICIPATION_INVALID: {
    status: 422,
    title: {
      fi: 'Asiakkaan osallistumisen kirjaus ei kelpaa',
      sv: 'Registreringen av klientens deltagande är ogiltig',
      en: 'The record of the client’s participation is not valid',
    },
  },
});
