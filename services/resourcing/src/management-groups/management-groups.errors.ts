import { defineErrors } from '@tym/platform';

export const ManagementGroupErrors = defineErrors({
  MANAGEMENT_GROUP_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Johtoryhmää ei löytynyt',
      sv: 'Ledningsgruppen hittades inte',
      en: 'No such management group',
    },
  },
  MANAGEMENT_GROUP_LIMIT_EXCEEDED: {
    status: 422,
    title: {
      fi: 'Hyvinvointialueella voi olla enintään yksi johtoryhmä työvoimaviranomaista ja yhteistoiminta-aluetta kohden',
      sv: 'Ett välfärdsområde kan ha högst en ledningsgrupp per arbetskraftsmyndighet och samarbetsområde',
      en: 'An HVA area has at most one management group per employment authority and per cooperation area',
    },
  },
  MANAGEMENT_GROUP_NOT_EMPLOYMENT_AUTHORITY: {
    status: 422,
    title: {
      fi: 'Johtoryhmän asettaa alueen työvoimaviranomainen',
      sv: 'Ledningsgruppen tillsätts av områdets arbetskraftsmyndighet',
      en: 'A management group is set up by an employment authority of the area',
    },
  },
  MANAGEMENT_GROUP_LEADING_PERSON_NOT_ALLOWED: {
    status: 403,
    title: {
      fi: 'Johtavan henkilön nimeää johtoryhmän asettanut työvoimaviranomainen',
      sv: 'Den ledande personen utses av den arbetskraftsmyndighet som tillsatt ledningsgruppen',
      en: 'The leading person is named by the employment authority that set the group up',
    },
  },
  MANAGEMENT_GROUP_LEADING_PERSON_TERM_INVALID: {
    status: 422,
    title: {
      fi: 'Johtava henkilö nimetään enintään johtoryhmän toimikaudeksi',
      sv: 'Den ledande personen utses för högst ledningsgruppens mandatperiod',
      en: 'The leading person is named for at most the group’s term',
    },
  },
  MANAGEMENT_GROUP_CHAIR_INVALID: {
    status: 422,
    title: {
      fi: 'Johtoryhmällä on oltava yksi työvoimaviranomaisen nimeämä puheenjohtaja',
      sv: 'Ledningsgruppen ska ha en ordförande utsedd av arbetskraftsmyndigheten',
      en: 'The group needs exactly one chair, named by the employment authority',
    },
  },
  MANAGEMENT_GROUP_VICE_CHAIR_INVALID: {
    status: 422,
    title: {
      fi: 'Johtoryhmällä on oltava yksi hyvinvointialueen nimeämä varapuheenjohtaja',
      sv: 'Ledningsgruppen ska ha en vice ordförande utsedd av välfärdsområdet',
      en: 'The group needs exactly one vice-chair, named by the wellbeing services county',
    },
  },
  MANAGEMENT_GROUP_PARTY_UNREPRESENTED: {
    status: 422,
    title: {
      fi: 'Jokaisella alueen osapuolella on oltava jäsen ja henkilökohtainen varajäsen',
      sv: 'Varje part i området ska ha en ledamot med personlig ersättare',
      en: 'Every party of the area needs a member with a personal deputy',
    },
  },
  MANAGEMENT_GROUP_MEMBER_STAFF_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Jäsenen henkilötietue ei kuulu jäsenen organisaatioon',
      sv: 'Ledamotens personpost hör inte till ledamotens organisation',
      en: 'The member’s staff record does not belong to the member’s organisation',
    },
  },
  MANAGEMENT_GROUP_DATES_OUT_OF_ORDER: {
    status: 422,
    title: {
      fi: 'Päivämäärät ovat väärässä järjestyksessä',
      sv: 'Datumen är i fel ordning',
      en: 'The dates are out of order',
    },
  },
});
