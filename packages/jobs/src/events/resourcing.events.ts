import { Type } from 'typebox';
import { defineEvent } from './event-definition.js';
import {
  AGREEMENT,
  AREA,
  AREA_PARTIES,
  GROUP,
  OTHER,
  OWN_ORGANISATION,
  quotaExample,
  STAFF,
} from './event-examples.js';
import { Code, Codes, Id, LocalDate, Nullable, Payload, quotaFields, Version } from './event-schemas.js';

/** Directory, agreements, staffing and quotas (services/resourcing). */
export const resourcingEvents = {
  // --- Resourcing (services/resourcing) --------------------------------------------------------
  'quota.exceeded': defineEvent({
    description: 'A party’s caseload in a cooperation area went over its capacity (soft quota).',
    subject: 'cooperation_area',
    payload: Payload(quotaFields, 'A quota crossing'),
    audience: AREA_PARTIES,
    recipients: 'organisation_admins',
    subscribable: true,
    texts: {
      fi: {
        title: 'Kiintiö ylittyi: {organisationCode}',
        body: 'Osapuolen {organisationCode} asiakkaita on {activeCases}, kapasiteetti {capacity}.',
      },
      sv: {
        title: 'Kvoten överskreds: {organisationCode}',
        body: 'Parten {organisationCode} har {activeCases} klienter, kapaciteten är {capacity}.',
      },
      en: {
        title: 'Quota exceeded: {organisationCode}',
        body: '{organisationCode} has {activeCases} active cases against a capacity of {capacity}.',
      },
    },
    example: quotaExample,
  }),
  'staffing.below_commitment': defineEvent({
    description: 'A party allocated fewer staff to the area than it committed under the agreement.',
    subject: 'cooperation_area',
    payload: Payload(quotaFields, 'A staffing crossing'),
    audience: AREA_PARTIES,
    recipients: 'organisation_admins',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilöstö alittaa sitoumuksen: {organisationCode}',
        body: 'Osapuoli {organisationCode} on kohdentanut alueelle {allocatedFte} henkilötyövuotta, sitoumus on {committedFte}.',
      },
      sv: {
        title: 'Personalen understiger åtagandet: {organisationCode}',
        body: 'Parten {organisationCode} har anvisat {allocatedFte} årsverken till området, åtagandet är {committedFte}.',
      },
      en: {
        title: 'Staffing below commitment: {organisationCode}',
        body: '{organisationCode} has allocated {allocatedFte} FTE to the area against a commitment of {committedFte}.',
      },
    },
    example: { ...quotaExample, status: 'below_commitment', allocatedFte: 1.5, activeCases: 30 },
  }),
  'quota.restored': defineEvent({
    description: 'A party’s caseload and staffing are back within the agreement.',
    subject: 'cooperation_area',
    payload: Payload(quotaFields, 'A restored quota'),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Kiintiö palautui: {organisationCode}',
        body: 'Osapuolen {organisationCode} tilanne on taas sopimuksen mukainen.',
      },
      sv: {
        title: 'Kvoten återställd: {organisationCode}',
        body: 'Situationen för parten {organisationCode} följer åter avtalet.',
      },
      en: {
        title: 'Quota restored: {organisationCode}',
        body: '{organisationCode} is back within the agreement.',
      },
    },
    example: { ...quotaExample, status: 'ok', previousStatus: 'over_capacity', activeCases: 55 },
  }),
  'cooperation_area.arrangement_set': defineEvent({
    description: 'A wellbeing services county’s cooperation areas and their employment authorities were set.',
    subject: 'wellbeing_county',
    payload: Payload(
      {
        wellbeingCountyId: Code('The wellbeing services county'),
        areaCount: Type.Integer({ minimum: 0, description: 'How many cooperation areas' }),
        agreedOn: LocalDate('When the arrangement was agreed'),
        decisionReference: Nullable(Code('The decision’s reference'), 'The decision’s reference, if any'),
        areas: Type.Array(
          Payload(
            {
              cooperationAreaId: Id('The area'),
              code: Code('The area’s code'),
              employmentAuthorityCodes: Codes('Its employment authorities'),
            },
            'One area',
          ),
          { description: 'The areas after the change' },
        ),
      },
      'A cooperation arrangement',
    ),
    audience: 'The county’s organiser, Kela and the employment authorities',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistoiminta-alueet päivitetty',
        body: 'Hyvinvointialueen yhteistoiminta-alueet ({areaCount}) päivitettiin, sovittu {agreedOn}.',
      },
      sv: {
        title: 'Samarbetsområdena uppdaterade',
        body: 'Välfärdsområdets samarbetsområden ({areaCount}) uppdaterades, överenskommet {agreedOn}.',
      },
      en: {
        title: 'Cooperation areas updated',
        body: 'The county’s cooperation areas ({areaCount}) were updated, agreed on {agreedOn}.',
      },
    },
    example: {
      wellbeingCountyId: 'vantaa-kerava',
      areaCount: 1,
      agreedOn: '2025-01-01',
      decisionReference: null,
      areas: [
        { cooperationAreaId: AREA, code: 'vantaa-kerava', employmentAuthorityCodes: ['ea-kerava-sipoo'] },
      ],
    },
  }),
  'cooperation_area.parties_added': defineEvent({
    description: 'Parties joined a cooperation area.',
    subject: 'cooperation_area',
    payload: Payload(
      {
        cooperationAreaId: Id('The area'),
        parties: Type.Array(
          Payload({ organisationCode: Code('The party'), role: Code('Its role') }, 'One party'),
          { description: 'The parties added' },
        ),
      },
      'Parties added to an area',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistoiminta-alueelle lisättiin osapuolia',
        body: 'Yhteistoiminta-alueelle lisättiin osapuolia.',
      },
      sv: { title: 'Parter lades till i samarbetsområdet', body: 'Parter lades till i samarbetsområdet.' },
      en: { title: 'Parties added to a cooperation area', body: 'Parties were added to a cooperation area.' },
    },
    example: {
      cooperationAreaId: AREA,
      parties: [{ organisationCode: 'ea-vantaa', role: 'employment_authority' }],
    },
  }),
  'agreement.created': defineEvent({
    description: 'A cooperation agreement was drafted by the management group (381/2023 §11).',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        managementGroupId: Id('The management group'),
        version: Version('Its first version'),
        validFrom: LocalDate('From'),
        validTo: Nullable(LocalDate('To'), 'Until, if it ends'),
      },
      'A new agreement',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistyösopimus luotu',
        body: 'Yhteistoiminta-alueelle luotiin yhteistyösopimus, voimassa {validFrom} alkaen.',
      },
      sv: {
        title: 'Samarbetsavtal skapat',
        body: 'Ett samarbetsavtal skapades för samarbetsområdet, giltigt från {validFrom}.',
      },
      en: {
        title: 'Cooperation agreement created',
        body: 'A cooperation agreement was created for the area, valid from {validFrom}.',
      },
    },
    example: {
      agreementId: AGREEMENT,
      managementGroupId: GROUP,
      version: 1,
      validFrom: '2026-01-01',
      validTo: null,
    },
  }),
  'agreement.version_created': defineEvent({
    description: 'A new version of a cooperation agreement was drafted.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        version: Version('The new version'),
        previousVersion: Version('The version before'),
      },
      'A new agreement version',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistyösopimuksesta uusi versio',
        body: 'Yhteistyösopimuksesta laadittiin versio {version}.',
      },
      sv: {
        title: 'Ny version av samarbetsavtalet',
        body: 'Version {version} av samarbetsavtalet utarbetades.',
      },
      en: {
        title: 'New cooperation agreement version',
        body: 'Version {version} of the cooperation agreement was drafted.',
      },
    },
    example: { agreementId: AGREEMENT, version: 2, previousVersion: 1 },
  }),
  'agreement.party_approved': defineEvent({
    description: 'One party approved a version of the cooperation agreement.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        version: Version('The version'),
        organisationCode: Code('The party that approved'),
        approvedOn: LocalDate('When'),
      },
      'A party’s approval',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Osapuoli hyväksyi yhteistyösopimuksen',
        body: '{organisationCode} hyväksyi yhteistyösopimuksen version {version} {approvedOn}.',
      },
      sv: {
        title: 'En part godkände samarbetsavtalet',
        body: '{organisationCode} godkände version {version} av samarbetsavtalet {approvedOn}.',
      },
      en: {
        title: 'A party approved the cooperation agreement',
        body: '{organisationCode} approved version {version} of the agreement on {approvedOn}.',
      },
    },
    example: { agreementId: AGREEMENT, version: 1, organisationCode: 'kela', approvedOn: '2025-12-15' },
  }),
  'agreement.approved': defineEvent({
    description: 'Every party approved the cooperation agreement: it is in force.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        version: Version('The version'),
        validFrom: LocalDate('From'),
        validTo: Nullable(LocalDate('To'), 'Until, if it ends'),
      },
      'An approved agreement',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteistyösopimus hyväksytty',
        body: 'Yhteistyösopimuksen versio {version} on hyväksytty ja voimassa {validFrom} alkaen.',
      },
      sv: {
        title: 'Samarbetsavtalet godkänt',
        body: 'Version {version} av samarbetsavtalet är godkänd och gäller från {validFrom}.',
      },
      en: {
        title: 'Cooperation agreement approved',
        body: 'Version {version} of the agreement is approved and in force from {validFrom}.',
      },
    },
    example: { agreementId: AGREEMENT, version: 1, validFrom: '2026-01-01', validTo: null },
  }),
  'agreement.staffing_reviewed': defineEvent({
    description: 'The adequacy of the staff committed under the agreement was reviewed.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        staffingReviewId: Id('The review'),
        reviewedOn: LocalDate('When'),
        adequate: Type.Boolean({ description: 'Whether the staffing was found adequate' }),
        nextReviewDueOn: LocalDate('When the next review is due'),
      },
      'A staffing review',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilöstön riittävyys arvioitu',
        body: 'Henkilöstön riittävyys arvioitiin {reviewedOn}. Seuraava arviointi viimeistään {nextReviewDueOn}.',
      },
      sv: {
        title: 'Personalens tillräcklighet bedömd',
        body: 'Personalens tillräcklighet bedömdes {reviewedOn}. Nästa bedömning senast {nextReviewDueOn}.',
      },
      en: {
        title: 'Staffing adequacy reviewed',
        body: 'Staffing adequacy was reviewed on {reviewedOn}. Next review by {nextReviewDueOn}.',
      },
    },
    example: {
      agreementId: AGREEMENT,
      staffingReviewId: OTHER,
      reviewedOn: '2026-06-01',
      adequate: true,
      nextReviewDueOn: '2027-06-01',
    },
  }),
  'agreement.joint_costs_recorded': defineEvent({
    description: 'The joint costs of a year were recorded under the agreement.',
    subject: 'agreement',
    payload: Payload(
      {
        agreementId: Id('The agreement'),
        year: Type.Integer({ minimum: 2000, maximum: 2999, description: 'The year' }),
        budgetCents: Nullable(
          Type.Integer({ description: 'Budget in cents' }),
          'Budget in euro cents, if set',
        ),
        actualCents: Nullable(
          Type.Integer({ description: 'Actual in cents' }),
          'Actual costs in euro cents, if known',
        ),
      },
      'Joint costs of a year',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Yhteiset kustannukset kirjattu',
        body: 'Vuoden {year} yhteiset kustannukset kirjattiin.',
      },
      sv: {
        title: 'Gemensamma kostnader registrerade',
        body: 'De gemensamma kostnaderna för år {year} registrerades.',
      },
      en: { title: 'Joint costs recorded', body: 'The joint costs of {year} were recorded.' },
    },
    example: { agreementId: AGREEMENT, year: 2026, budgetCents: 12_000_000, actualCents: null },
  }),
  'management_group.created': defineEvent({
    description: 'The management group of a cooperation area was set up (381/2023 §10).',
    subject: 'management_group',
    payload: Payload(
      {
        managementGroupId: Id('The group'),
        cooperationAreaId: Id('The area'),
        employmentAuthorityCode: Code('The employment authority that set it up'),
        termStartOn: LocalDate('Its term starts'),
        termEndOn: LocalDate('Its term ends'),
      },
      'A management group',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Johtoryhmä asetettu',
        body: 'Yhteistoiminta-alueelle asetettiin johtoryhmä toimikaudelle {termStartOn}–{termEndOn}.',
      },
      sv: {
        title: 'Ledningsgrupp tillsatt',
        body: 'En ledningsgrupp tillsattes för samarbetsområdet för perioden {termStartOn}–{termEndOn}.',
      },
      en: {
        title: 'Management group set up',
        body: 'A management group was set up for the area for the term {termStartOn}–{termEndOn}.',
      },
    },
    example: {
      managementGroupId: GROUP,
      cooperationAreaId: AREA,
      employmentAuthorityCode: 'ea-kerava-sipoo',
      termStartOn: '2025-01-01',
      termEndOn: '2028-12-31',
    },
  }),
  'management_group.updated': defineEvent({
    description: 'The management group’s details changed.',
    subject: 'management_group',
    payload: Payload(
      {
        managementGroupId: Id('The group'),
        changedFields: Codes('Which fields changed'),
        version: Version('Its version'),
      },
      'A changed management group',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Johtoryhmän tiedot muuttuivat',
        body: 'Johtoryhmän tiedot päivitettiin (versio {version}).',
      },
      sv: {
        title: 'Ledningsgruppens uppgifter ändrades',
        body: 'Ledningsgruppens uppgifter uppdaterades (version {version}).',
      },
      en: {
        title: 'Management group updated',
        body: 'The management group’s details were updated (version {version}).',
      },
    },
    example: { managementGroupId: GROUP, changedFields: ['termEndOn'], version: 2 },
  }),
  'management_group.targets_set': defineEvent({
    description: 'The management group set its targets (indicators) for a year.',
    subject: 'management_group',
    payload: Payload(
      {
        managementGroupId: Id('The group'),
        year: Type.Integer({ minimum: 2000, maximum: 2999, description: 'The year' }),
        indicators: Codes('The indicators set'),
      },
      'Targets of a year',
    ),
    audience: AREA_PARTIES,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: { title: 'Johtoryhmän tavoitteet asetettu', body: 'Johtoryhmä asetti tavoitteet vuodelle {year}.' },
      sv: { title: 'Ledningsgruppens mål satta', body: 'Ledningsgruppen satte målen för år {year}.' },
      en: { title: 'Management group targets set', body: 'The management group set its targets for {year}.' },
    },
    example: { managementGroupId: GROUP, year: 2026, indicators: ['employed_share'] },
  }),
  'staff.created': defineEvent({
    description: 'A staff member was added to an organisation’s directory.',
    subject: 'staff',
    payload: Payload(
      { staffId: Id('The staff member'), organisationCode: Code('Their organisation') },
      'A new staff member',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilöstöön lisättiin henkilö',
        body: 'Organisaation {organisationCode} henkilöstöön lisättiin henkilö.',
      },
      sv: {
        title: 'En person lades till i personalen',
        body: 'En person lades till i personalen hos {organisationCode}.',
      },
      en: { title: 'Staff member added', body: 'A staff member was added to {organisationCode}.' },
    },
    example: { staffId: STAFF, organisationCode: 'kela' },
  }),
  'staff.updated': defineEvent({
    description: 'A staff member’s details changed (which fields, not their values).',
    subject: 'staff',
    payload: Payload(
      {
        staffId: Id('The staff member'),
        organisationCode: Code('Their organisation'),
        changedFields: Codes('Which fields changed'),
      },
      'A changed staff member',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilön tiedot muuttuivat',
        body: 'Organisaation {organisationCode} henkilön tietoja päivitettiin.',
      },
      sv: {
        title: 'En persons uppgifter ändrades',
        body: 'Uppgifterna för en person hos {organisationCode} uppdaterades.',
      },
      en: {
        title: 'Staff member updated',
        body: 'A staff member’s details at {organisationCode} were updated.',
      },
    },
    example: { staffId: STAFF, organisationCode: 'kela', changedFields: ['roles'] },
  }),
  'staff.allocations_changed': defineEvent({
    description: 'The cooperation areas a staff member is allocated to changed.',
    subject: 'staff',
    payload: Payload(
      {
        staffId: Id('The staff member'),
        organisationCode: Code('Their organisation'),
        cooperationAreaIds: Codes('The areas now'),
        previousCooperationAreaIds: Codes('The areas before'),
      },
      'Changed allocations',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Henkilön aluekohdennukset muuttuivat',
        body: 'Organisaation {organisationCode} henkilön kohdennukset yhteistoiminta-alueille muuttuivat.',
      },
      sv: {
        title: 'En persons områdesfördelning ändrades',
        body: 'En persons fördelning på samarbetsområden hos {organisationCode} ändrades.',
      },
      en: {
        title: 'Staff allocations changed',
        body: 'A staff member’s allocations to cooperation areas at {organisationCode} changed.',
      },
    },
    example: {
      staffId: STAFF,
      organisationCode: 'kela',
      cooperationAreaIds: [AREA],
      previousCooperationAreaIds: [],
    },
  }),
  'organisation.created': defineEvent({
    description: 'An organisation was added to the directory.',
    subject: 'organisation',
    payload: Payload(
      { organisationCode: Code('The organisation'), roles: Codes('Its roles, e.g. employment_authority') },
      'A new organisation',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: { title: 'Organisaatio lisätty', body: 'Organisaatio {organisationCode} lisättiin palveluun.' },
      sv: { title: 'Organisation tillagd', body: 'Organisationen {organisationCode} lades till i tjänsten.' },
      en: {
        title: 'Organisation added',
        body: 'The organisation {organisationCode} was added to the service.',
      },
    },
    example: { organisationCode: 'ea-vantaa', roles: ['employment_authority'] },
  }),
  'organisation.updated': defineEvent({
    description: 'An organisation’s details or roles changed.',
    subject: 'organisation',
    payload: Payload(
      {
        organisationCode: Code('The organisation'),
        changedFields: Type.Optional(Codes('Which fields changed')),
        addedRoles: Type.Optional(Codes('Roles it took on')),
      },
      'A changed organisation',
    ),
    audience: OWN_ORGANISATION,
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Organisaation tiedot muuttuivat',
        body: 'Organisaation {organisationCode} tiedot päivitettiin.',
      },
      sv: {
        title: 'Organisationens uppgifter ändrades',
        body: 'Uppgifterna för organisationen {organisationCode} uppdaterades.',
      },
      en: { title: 'Organisation updated', body: 'The details of {organisationCode} were updated.' },
    },
    example: { organisationCode: 'ea-vantaa', changedFields: ['names'] },
  }),
  'employment_area.created': defineEvent({
    description: 'An employment area (työllisyysalue) and its municipalities were added.',
    subject: 'employment_area',
    payload: Payload(
      {
        employmentAreaId: Code('The employment area'),
        organisationCode: Code('Its employment authority'),
        municipalityCodes: Codes('Its municipalities'),
        wellbeingCountyIds: Codes('The wellbeing services counties it lies in'),
      },
      'A new employment area',
    ),
    audience: 'The employment authority of the area',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: { title: 'Työllisyysalue lisätty', body: 'Työllisyysalue lisättiin ({organisationCode}).' },
      sv: {
        title: 'Sysselsättningsområde tillagt',
        body: 'Ett sysselsättningsområde lades till ({organisationCode}).',
      },
      en: { title: 'Employment area added', body: 'An employment area was added ({organisationCode}).' },
    },
    example: {
      employmentAreaId: 'kerava-sipoo',
      organisationCode: 'ea-kerava-sipoo',
      municipalityCodes: ['245', '753'],
      wellbeingCountyIds: ['vantaa-kerava'],
    },
  }),
  'employment_area.updated': defineEvent({
    description: 'An employment area changed: its municipalities or details.',
    subject: 'employment_area',
    payload: Payload(
      {
        employmentAreaId: Code('The employment area'),
        organisationCode: Code('Its employment authority'),
        changedFields: Codes('Which fields changed'),
        addedMunicipalityCodes: Codes('Municipalities added'),
        removedMunicipalityCodes: Codes('Municipalities removed'),
      },
      'A changed employment area',
    ),
    audience: 'The employment authority of the area',
    recipients: 'none',
    subscribable: true,
    texts: {
      fi: {
        title: 'Työllisyysalue muuttui',
        body: 'Työllisyysalueen tiedot päivitettiin ({organisationCode}).',
      },
      sv: {
        title: 'Sysselsättningsområdet ändrades',
        body: 'Sysselsättningsområdets uppgifter uppdaterades ({organisationCode}).',
      },
      en: { title: 'Employment area updated', body: 'An employment area was updated ({organisationCode}).' },
    },
    example: {
      employmentAreaId: 'kerava-sipoo',
      organisationCode: 'ea-kerava-sipoo',
      changedFields: ['municipalityCodes'],
      addedMunicipalityCodes: ['186'],
      removedMunicipalityCodes: [],
    },
  }),
  'reference_data.loaded': defineEvent({
    description: 'Reference data (organisations, municipalities, employment areas) was loaded or updated.',
    subject: 'reference_data',
    payload: Payload(
      {
        dataset: Type.Optional(Code('Which dataset, e.g. employment_areas')),
        validFrom: Type.Optional(LocalDate('From when the loaded data is in force')),
        moved: Type.Optional(Type.Integer({ minimum: 0, description: 'Municipalities that moved' })),
        added: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows added' })),
        ended: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows ended' })),
        changedRows: Type.Optional(Type.Integer({ minimum: 0, description: 'Rows changed by the seed' })),
      },
      'A reference data load',
    ),
    audience: 'Nobody: it concerns the whole service (no organisation codes)',
    recipients: 'none',
    subscribable: false,
    texts: {
      fi: {
        title: 'Viitetiedot päivitetty',
        body: 'Palvelun viitetiedot (organisaatiot, kunnat, alueet) päivitettiin.',
      },
      sv: {
        title: 'Referensuppgifterna uppdaterade',
        body: 'Tjänstens referensuppgifter (organisationer, kommuner, områden) uppdaterades.',
      },
      en: {
        title: 'Reference data updated',
        body: 'The service’s reference data (organisations, municipalities, areas) was updated.',
      },
    },
    example: { dataset: 'employment_areas', validFrom: '2026-01-01', moved: 1, added: 0, ended: 0 },
  }),
} as const;
