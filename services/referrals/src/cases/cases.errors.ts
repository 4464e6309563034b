import { defineErrors } from '@tym/platform';

export const CaseErrors = defineErrors({
  CASE_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Asiakkuutta ei löytynyt',
      sv: 'Klientrelationen hittades inte',
      en: 'No such client relationship',
    },
  },
  CASE_ACTION_NOT_ALLOWED: {
    status: 403,
    title: {
      fi: 'Voit nähdä asiakkuuden tilan mutta et muuttaa sitä',
      sv: 'Du kan se klientrelationens status men inte ändra den',
      en: 'You may see the status of this client relationship but not change it',
    },
  },
  CASE_ENDED: {
    status: 409,
    title: {
      fi: 'Asiakkuus on päättynyt',
      sv: 'Klientrelationen har upphört',
      en: 'The client relationship has ended',
    },
  },
  CASE_NOT_ACTIVE: {
    status: 409,
    title: {
      fi: 'Asiakkuudella ei ole vielä sovittua monialaista suunnitelmaa',
      sv: 'Klientrelationen har ännu ingen överenskommen sektorsövergripande plan',
      en: 'The client relationship has no agreed joint plan yet',
    },
  },
  CASE_DATE_INVALID: {
    status: 422,
    title: { fi: 'Päivämäärä ei kelpaa', sv: 'Datumet är ogiltigt', en: 'The date is not allowed' },
  },
  CASE_TEAM_STAFF_NOT_FOUND: {
    status: 422,
    title: {
      fi: 'Henkilöä ei löydy henkilöstörekisteristä',
      sv: 'Personen finns inte i personalregistret',
      en: 'No such staff member in the directory',
    },
  },
  CASE_TEAM_STAFF_INACTIVE: {
    status: 422,
    title: {
      fi: 'Henkilö ei enää tee TYM-työtä',
      sv: 'Personen arbetar inte längre med TYM',
      en: 'The staff member no longer does TYM work',
    },
  },
  CASE_TEAM_NOT_A_PARTY: {
    status: 422,
    title: {
      fi: 'Henkilön organisaatio ei ole asiakkaan osapuoli',
      sv: 'Personens organisation är inte part för klienten',
      en: 'The staff member’s organisation is not one of the client’s parties',
    },
  },
  CASE_TEAM_ALREADY_MEMBER: {
    status: 409,
    title: {
      fi: 'Henkilö on jo tiimissä',
      sv: 'Personen är redan med i teamet',
      en: 'The staff member is already on the team',
    },
  },
  CASE_TEAM_NOT_MEMBER: {
    status: 422,
    title: {
      fi: 'Henkilö ei ole tiimissä',
      sv: 'Personen är inte med i teamet',
      en: 'The staff member is not on the team',
    },
  },
  CASE_TEAM_LAST_MEMBER: {
    status: 409,
    title: {
      fi: 'Tiimin viimeistä jäsentä ei voi poistaa',
      sv: 'Teamets sista medlem kan inte tas bort',
      en: 'The last member of the team cannot be removed',
    },
  },
  CASE_DUTIES_NOT_AUTHORITY: {
    status: 403,
    title: {
      fi: 'Velvollisuuksien selvittämisen kirjaa työvoimaviranomainen tai hyvinvointialue',
      sv: 'Arbetskraftsmyndigheten eller välfärdsområdet registrerar att skyldigheterna förklarats',
      en: 'The employment authority or the HVA records that the duties were explained',
    },
  },
  CASE_ENDING_ALREADY_PROPOSED: {
    status: 409,
    title: {
      fi: 'Asiakkuuden päättämistä on jo ehdotettu',
      sv: 'Att avsluta klientrelationen har redan föreslagits',
      en: 'Ending the client relationship has already been proposed',
    },
  },
  CASE_ENDING_NOT_PROPOSED: {
    status: 409,
    title: {
      fi: 'Asiakkuuden päättämistä ei ole ehdotettu',
      sv: 'Att avsluta klientrelationen har inte föreslagits',
      en: 'Ending the client relationship has not been proposed',
    },
  },
  CASE_ENDING_ALREADY_CONFIRMED: {
    status: 409,
    title: {
      fi: 'Organisaatiosi on jo vahvistanut päättämisen',
      sv: 'Din organisation har redan bekräftat avslutandet',
      en: 'Your organisation has already confirmed the ending',
    },
  },
  CASE_ENDING_NOT_A_REQUIRED_PARTY: {
    status: 403,
    title: {
      fi: 'Organisaatiosi ei ole päättämisen vahvistava osapuoli',
      sv: 'Din organisation är inte en part som bekräftar avslutandet',
      en: 'Your organisation is not one of the parties that confirm the ending',
    },
  },
  CASE_ENDING_PARTIES_INCOMPLETE: {
    status: 422,
    title: {
      fi: 'Yhteistoiminta-alueelta puuttuu Kela-osapuoli',
      sv: 'Samarbetsområdet saknar en part med Fpa-rollen',
      en: 'The cooperation area has no party in the Kela role',
    },
  },
  CASE_REVIEW_REQUEST_NOT_FOUND: {
    status: 404,
    title: {
      fi: 'Tarkistuspyyntöä ei löytynyt',
      sv: 'Begäran om granskning hittades inte',
      en: 'No such review request',
    },
  },
  CASE_REVIEW_REQUEST_NOT_OPEN: {
    status: 409,
    title: {
      fi: 'Tarkistuspyyntö ei ole enää avoinna',
      sv: 'Begäran om granskning är inte längre öppen',
      en: 'The review request is no longer open',
    },
  },
  CASE_REVIEW_REFUSAL_NOT_EMPLOYMENT_AUTHORITY: {
    status: 403,
    title: {
      fi: 'Vain asiakkaan työvoimaviranomainen voi jättää tarkistuksen tekemättä',
      sv: 'Endast klientens arbetskraftsmyndighet kan avslå en begäran om granskning',
      en: 'Only the client’s employment authority may refuse a review request',
    },
  },
  CASE_REVIEW_REFUSAL_REASON_REQUIRED: {
    status: 422,
    title: {
      fi: 'Tarkistuspyynnön epäämiselle on kirjattava perustelu',
      sv: 'Ett avslag på en begäran om granskning ska motiveras',
      en: 'A refusal of a review request needs its reason',
    },
  },
  CASE_ENDING_OUTCOME_REQUIRED: {
    status: 422,
    title: {
      fi: 'Kerro, mihin asiakas siirtyy (outcome)',
      sv: 'Ange vad klienten går vidare till (outcome)',
      en: 'Say what the client goes on to (outcome)',
    },
  },
  CASE_ENDING_OUTCOME_AMBIGUOUS: {
    status: 422,
    title: {
      fi: 'Anna joko outcome tai vanha reasonCode, ei molempia',
      sv: 'Ange antingen outcome eller det gamla reasonCode, inte båda',
      en: 'Give either outcome or the old reasonCode, not both',
    },
  },
});
