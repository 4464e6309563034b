import { defineErrors } from '@tym/platform';

export const MunicipalityErrors = defineErrors({
  MUNICIPALITY_NOT_FOUND: {
    status: 404,
    title: { fi: 'Kuntaa ei löytynyt', sv: 'Kommunen hittades inte', en: 'No such municipality' },
  },
  MUNICIPALITY_OUTSIDE_TYM: {
    status: 422,
    title: {
      fi: 'Kunta ei kuulu monialaisen tuen piiriin (Ahvenanmaa)',
      sv: 'Kommunen omfattas inte av det sektorsövergripande stödet (Åland)',
      en: 'The municipality is outside multidisciplinary employment support (Åland)',
    },
  },
  EMPLOYMENT_AREA_NOT_CONFIGURED: {
    status: 422,
    title: {
      fi: 'Kunnan työllisyysaluetta ei ole vielä määritetty',
      sv: 'Kommunens sysselsättningsområde har ännu inte konfigurerats',
      en: 'The municipality’s employment area is not configured yet',
    },
  },
  COOPERATION_AREA_NOT_CONFIGURED: {
    status: 422,
    title: {
      fi: 'Kunnalle ei ole määritetty yhteistoiminta-aluetta',
      sv: 'Inget samarbetsområde har konfigurerats för kommunen',
      en: 'No cooperation area is configured for the municipality',
    },
  },
});
