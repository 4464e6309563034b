import { defineErrors } from '@tym/platform';

export const ClientErrors = defineErrors({
  CLIENT_NOT_FOUND: {
    status: 404,
    title: { fi: 'Asiakasta ei löytynyt', sv: 'Klienten hittades inte', en: 'No such client' },
  },
  CLIENT_MUNICIPALITY_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Kotikunnan koodia ei ole olemassa',
      sv: 'Hemkommunens kod finns inte',
      en: 'The home municipality code does not exist',
    },
  },
  CLIENT_DETAILS_MISMATCH: {
    status: 422,
    title: {
      fi: 'Henkilötunnus kuuluu asiakkaalle, jonka nimet eroavat annetuista',
      sv: 'Personbeteckningen hör till en klient vars namn skiljer sig från de angivna',
      en: 'The identity code belongs to a client whose names differ from the ones given',
    },
  },
  IDENTITY_CODE_FORMAT_INVALID: {
    status: 422,
    title: {
      fi: 'Henkilötunnus ei ole oikeassa muodossa',
      sv: 'Personbeteckningen har fel format',
      en: 'The personal identity code is not in the right format',
    },
  },
  IDENTITY_CODE_CENTURY_SIGN_UNKNOWN: {
    status: 422,
    title: {
      fi: 'Henkilötunnuksen välimerkki on tuntematon',
      sv: 'Personbeteckningens skiljetecken är okänt',
      en: 'The century sign of the personal identity code is unknown',
    },
  },
  IDENTITY_CODE_DATE_INVALID: {
    status: 422,
    title: {
      fi: 'Henkilötunnuksen syntymäaika on mahdoton',
      sv: 'Personbeteckningens födelsedatum är omöjligt',
      en: 'The birth date in the personal identity code is impossible',
    },
  },
  IDENTITY_CODE_INDIVIDUAL_NUMBER_INVALID: {
    status: 422,
    title: {
      fi: 'Henkilötunnuksen yksilönumero ei ole käytössä',
      sv: 'Personbeteckningens individnummer används inte',
      en: 'The individual number of the personal identity code is never issued',
    },
  },
  IDENTITY_CODE_CHECKSUM_MISMATCH: {
    status: 422,
    title: {
      fi: 'Henkilötunnuksen tarkistusmerkki ei täsmää',
      sv: 'Personbeteckningens kontrolltecken stämmer inte',
      en: 'The check character of the personal identity code does not match',
    },
  },
  IDENTITY_CODE_TEMPORARY_NOT_DECLARED: {
    status: 422,
    title: {
      fi: 'Henkilötunnus on tilapäinen tunniste (yksilönumero 900–999), mutta sitä ei ole ilmoitettu tilapäiseksi',
      sv: 'Personbeteckningen är en tillfällig identifierare (individnummer 900–999) men har inte angetts som tillfällig',
      en: 'The identity code is a temporary identifier (individual number 900–999) but is not declared temporary',
    },
  },
  IDENTITY_CODE_NOT_TEMPORARY: {
    status: 422,
    title: {
      fi: 'Henkilötunnus ei ole tilapäinen tunniste (yksilönumero 002–899)',
      sv: 'Personbeteckningen är ingen tillfällig identifierare (individnummer 002–899)',
      en: 'The identity code is not a temporary identifier (individual number 002–899)',
    },
  },
});
