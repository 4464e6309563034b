import { defineErrors } from '@tym/platform';

/** Error codes of joint meetings, as data (style.md, Errors). */
export const MeetingErrors = defineErrors({
  MEETING_NOT_FOUND: {
    status: 404,
    title: { fi: 'Tapaamista ei löytynyt', sv: 'Mötet hittades inte', en: 'No such meeting' },
  },
  MEETING_IN_PAST: {
    status: 422,
    title: {
      fi: 'Tapaaminen ei voi alkaa menneisyydessä',
      sv: 'Mötet kan inte börja i det förflutna',
      en: 'The meeting cannot start in the past',
    },
  },
  MEETING_DURATION_INVALID: {
    status: 422,
    title: {
      fi: 'Tapaamisen keston on oltava positiivinen',
      sv: 'Mötets längd måste vara positiv',
      en: 'The meeting’s duration must be positive',
    },
  },
  MEETING_END_BEFORE_START: {
    status: 422,
    title: {
      fi: 'Tapaaminen ei voi päättyä ennen alkuaan',
      sv: 'Mötet kan inte sluta innan det börjar',
      en: 'The meeting cannot end before it starts',
    },
  },
  MEETING_TIME_ZONE_UNKNOWN: {
    status: 422,
    title: { fi: 'Tuntematon aikavyöhyke', sv: 'Okänd tidszon', en: 'Unknown time zone' },
  },
  MEETING_START_INVALID: {
    status: 422,
    title: {
      fi: 'Alkamisaika ei ole todellinen kellonaika',
      sv: 'Starttiden är inte en verklig tidpunkt',
      en: 'The start is not a real date and time',
    },
  },
  MEETING_PLACE_REQUIRED: {
    status: 422,
    title: {
      fi: 'Tapaamispaikka tai etäyhteys puuttuu',
      sv: 'Mötesplats eller distansförbindelse saknas',
      en: 'The address or the remote link is missing',
    },
  },
  MEETING_PARTICIPANT_NOT_A_PARTY: {
    status: 422,
    title: {
      fi: 'Osallistujan organisaatio ei ole asiakkuuden osapuoli',
      sv: 'Deltagarens organisation är inte part i klientrelationen',
      en: 'The participant’s organisation is not a party of the case',
    },
  },
  MEETING_PARTICIPANT_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Henkilöä ei löydy henkilöstörekisteristä tai hän ei tee TYM-työtä',
      sv: 'Personen finns inte i personalregistret eller arbetar inte med TYM',
      en: 'No such active staff member in the directory',
    },
  },
  MEETING_PARTICIPANT_DUPLICATE: {
    status: 422,
    title: {
      fi: 'Osallistuja on mainittu kahdesti',
      sv: 'Deltagaren anges två gånger',
      en: 'The participant is listed twice',
    },
  },
  MEETING_PARTICIPANT_NOT_FOUND: {
    status: 422,
    title: {
      fi: 'Osallistujaa ei ole tässä tapaamisessa',
      sv: 'Deltagaren finns inte i detta möte',
      en: 'No such participant in this meeting',
    },
  },
  MEETING_CONFLICT: {
    status: 409,
    title: {
      fi: 'Osallistujalla on jo tapaaminen samaan aikaan',
      sv: 'Deltagaren har redan ett möte vid samma tid',
      en: 'A staff participant already has a meeting at that time',
    },
  },
  MEETING_NOT_SCHEDULED: {
    status: 409,
    title: {
      fi: 'Tapaaminen ei ole enää suunniteltu',
      sv: 'Mötet är inte längre planerat',
      en: 'The meeting is no longer scheduled',
    },
  },
  MEETING_NOT_STARTED: {
    status: 409,
    title: {
      fi: 'Tapaaminen ei ole vielä alkanut',
      sv: 'Mötet har inte börjat ännu',
      en: 'The meeting has not started yet',
    },
  },
  MEETING_NOT_HELD: {
    status: 409,
    title: {
      fi: 'Tapaamista ei ole merkitty pidetyksi',
      sv: 'Mötet har inte markerats som hållet',
      en: 'The meeting has not been marked as held',
    },
  },
  MEETING_CLOSED: {
    status: 409,
    title: {
      fi: 'Tapaaminen on suljettu eikä sitä voi muuttaa',
      sv: 'Mötet är stängt och kan inte ändras',
      en: 'The meeting is closed and read-only',
    },
  },
  MEETING_AGENDA_ITEM_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Esityslistan kohtaa ei ole tässä tapaamisessa',
      sv: 'Punkten finns inte på detta mötes föredragningslista',
      en: 'No such agenda item in this meeting',
    },
  },
  MEETING_DECISION_OWNER_NOT_A_PARTY: {
    status: 422,
    title: {
      fi: 'Toimenpiteen vastuuorganisaatio ei ole asiakkuuden osapuoli',
      sv: 'Åtgärdens ansvariga organisation är inte part i klientrelationen',
      en: 'The action owner is not a party of the case',
    },
  },
  MEETING_RESPONSE_NOT_ALLOWED: {
    status: 403,
    title: {
      fi: 'Voit vastata kutsuun vain omasta puolestasi',
      sv: 'Du kan bara svara på inbjudan för din egen del',
      en: 'You may answer the invitation only for yourself',
    },
  },
});
