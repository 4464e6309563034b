import { Instant, LocalDate, OrganisationCode, Uuid } from '@tym/platform';
import { type Static, Type } from 'typebox';
import { MunicipalityCode } from '../schemas.js';
import type { CaseTransferRow } from './transfers.repository.js';

export const TransferBody = Type.Object(
  {
    homeMunicipalityCode: MunicipalityCode('The client’s new home municipality (kotikunta)'),
    movedOn: Type.Optional(
      LocalDate(
        'When the home municipality changed: the routing in force that day is used. Between the assessment ' +
          'start and today; today unless given',
      ),
    ),
  },
  { additionalProperties: false, description: 'The client moved: their new home municipality' },
);

const RoutingDto = (description: string) =>
  Type.Object(
    {
      cooperationAreaId: Uuid('Cooperation area'),
      employmentAuthorityCode: OrganisationCode('The client’s employment authority'),
      wellbeingCountyOrganiserCode: OrganisationCode('The client’s HVA organiser'),
    },
    { description },
  );

export const CaseTransferDto = Type.Object(
  {
    transferredOn: LocalDate('When the client’s home municipality changed'),
    from: RoutingDto('The parties and area the case left'),
    to: RoutingDto('The parties and area the case moved to'),
    at: Instant('When it was recorded'),
    actorOrganisation: OrganisationCode('Who transferred it'),
  },
  { description: 'The case moved to the parties of the client’s new home municipality (380/2023 §17)' },
);

export const TransferResultDto = Type.Object(
  {
    caseId: Uuid('The case'),
    transferred: Type.Boolean({
      description:
        'true: the case moved to other parties; false: the same employment authority, HVA and area — only the ' +
        'home municipality changed',
    }),
    transfer: Type.Union([CaseTransferDto, Type.Null()], { description: 'The transfer; null when none' }),
  },
  { description: 'What the move did to the case' },
);

export function toCaseTransferDto(row: CaseTransferRow): Static<typeof CaseTransferDto> {
  return {
    transferredOn: row.transferredOn,
    from: {
      cooperationAreaId: row.fromCooperationAreaId,
      employmentAuthorityCode: row.fromEmploymentAuthorityCode,
      wellbeingCountyOrganiserCode: row.fromWellbeingCountyOrganiserCode,
    },
    to: {
      cooperationAreaId: row.toCooperationAreaId,
      employmentAuthorityCode: row.toEmploymentAuthorityCode,
      wellbeingCountyOrganiserCode: row.toWellbeingCountyOrganiserCode,
    },
    at: row.at.toISOString(),
    actorOrganisation: row.actorOrganisation,
  };
}
