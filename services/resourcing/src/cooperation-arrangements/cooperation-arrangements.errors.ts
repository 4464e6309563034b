import { defineErrors } from '@tym/platform';

export const CooperationArrangementErrors = defineErrors({
  WELLBEING_COUNTY_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Hyvinvointialuetta ei löytynyt',
      sv: 'Välfärdsområdet hittades inte',
      en: 'No such wellbeing services county',
    },
  },
  COOPERATION_ARRANGEMENT_INVALID: {
    status: 422,
    title: {
      fi: 'Yhteistoiminta-alueiden jako ei kelpaa',
      sv: 'Indelningen i samarbetsområden är ogiltig',
      en: 'The division into cooperation areas is not valid',
    },
  },
  COOPERATION_AREA_CODE_TAKEN: {
    status: 409,
    title: {
      fi: 'Yhteistoiminta-alueen tunnus on toisen hyvinvointialueen käytössä',
      sv: 'Samarbetsområdets kod används av ett annat välfärdsområde',
      en: 'The cooperation area code belongs to another county',
    },
  },
  COOPERATION_AREA_IN_USE: {
    status: 409,
    title: {
      fi: 'Yhteistoiminta-alueella on johtoryhmä, sopimus, henkilöstöä tai asiakkaita',
      sv: 'Samarbetsområdet har en ledningsgrupp, ett avtal, personal eller klienter',
      en: 'The cooperation area has a management group, agreement, staff or clients',
    },
  },
});
