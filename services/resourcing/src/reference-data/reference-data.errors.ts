import { defineErrors } from '@tym/platform';

export const ReferenceDataErrors = defineErrors({
  REFERENCE_DATA_INVALID: {
    status: 422,
    title: {
      fi: 'Viitetiedot eivät kelpaa',
      sv: 'Referensuppgifterna är ogiltiga',
      en: 'The reference data is not valid',
    },
  },
  REFERENCE_DATA_OUT_OF_ORDER: {
    status: 409,
    title: {
      fi: 'Voimaantulopäivä on ennen viimeksi ladattuja tietoja',
      sv: 'Giltighetsdagen ligger före de senast inlästa uppgifterna',
      en: 'The validity date is before the latest loaded data',
    },
  },
});
