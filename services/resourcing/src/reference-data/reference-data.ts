import { existsSync, readFileSync } from 'node:fs';
import type {
  EmploymentAreaModel,
  EmploymentAreaStatus,
  MunicipalityLanguage,
  OrganisationKind,
  PartyRole,
} from '@tym/db';
import { parseCsv } from './csv.js';

/** `services/resourcing/data/`: the same path from `src/` and `dist/`. */
export const REFERENCE_DATA_DIR = new URL('../../data/', import.meta.url);

export const KELA_CODE = 'kela';

/**
 * The organisation that is the employment authority of an employment area: `ea-<id>`,
 * except where a city is its own area and already an organisation (Helsinki holds the
 * employment authority and the HVA role itself, domain.md §1).
 */
export function employmentAreaOrganisationCode(areaId: string): string {
  return areaId === 'helsinki' ? 'helsinki' : `ea-${areaId}`;
}

/** The organiser of social and health care in a county: `hva-<id>`, or the City of Helsinki. */
export function countyOrganiserCode(countyId: string): string {
  return countyId === 'helsinki' ? 'helsinki' : `hva-${countyId}`;
}

export interface ReferenceMunicipality {
  code: string;
  nameFi: string;
  nameSv: string;
  language: MunicipalityLanguage;
  regionFi: string;
  wellbeingCountyId: string | null;
}

export interface ReferenceCounty {
  id: string;
  nameFi: string;
  nameSv: string;
  organiserCode: string;
}

export interface ReferenceOrganisation {
  code: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  kind: OrganisationKind;
  roles: PartyRole[];
}

export interface ReferenceEmploymentArea {
  id: string;
  nameFi: string;
  nameProvisional: boolean;
  model: EmploymentAreaModel;
  hostMunicipalityCode: string | null;
  status: EmploymentAreaStatus;
  organisationCode: string;
  municipalityCodes: string[];
}

/** A municipality that ceased: its last day and the municipality it merged into. */
export interface ReferenceMerger {
  code: string;
  lastDay: string;
  successorCode: string;
}

export interface ReferenceData {
  municipalities: ReferenceMunicipality[];
  /** Municipalities that merged into another (`municipality_mergers.csv`); may be absent. */
  mergers?: ReferenceMerger[];
  counties: ReferenceCounty[];
  organisations: ReferenceOrganisation[];
  employmentAreas: ReferenceEmploymentArea[];
}

const MODELS: Record<string, EmploymentAreaModel> = {
  alone: 'alone',
  'host municipality': 'host_municipality',
  'joint municipal authority': 'joint_authority',
};
const LANGUAGES = new Set<string>(['fi', 'sv', 'bilingual']);
const KINDS = new Set<string>([
  'municipality',
  'employment_area',
  'joint_municipal_authority',
  'wellbeing_county',
  'kela',
]);
const PROVISIONAL = ' (name provisional)';

function read(dir: URL, file: string): Array<Record<string, string>> {
  return parseCsv(readFileSync(new URL(file, dir), 'utf8'));
}

function need(row: Record<string, string>, column: string, file: string): string {
  const value = row[column]?.trim();
  if (!value) throw new Error(`${file}: ${column} is empty in ${JSON.stringify(row)}`);
  return value;
}

/**
 * Reads and cross-checks the reference files (data/README.md). A file that contradicts
 * another (an area's counties not matching its members', an organisation without names)
 * stops the load: reference data is either consistent or not loaded at all.
 */
export function loadReferenceData(dir: URL = REFERENCE_DATA_DIR): ReferenceData {
  const names = new Map(
    read(dir, 'organisation_names.csv').map((r) => {
      const kind = need(r, 'kind', 'organisation_names.csv');
      if (!KINDS.has(kind)) throw new Error(`organisation_names.csv: unknown kind ${kind}`);
      return [
        need(r, 'code', 'organisation_names.csv'),
        {
          nameFi: need(r, 'name_fi', 'organisation_names.csv'),
          nameSv: need(r, 'name_sv', 'organisation_names.csv'),
          nameEn: need(r, 'name_en', 'organisation_names.csv'),
          kind: kind as OrganisationKind,
        },
      ];
    }),
  );
  const organisations = new Map<string, ReferenceOrganisation>();
  const addOrganisation = (code: string, role: PartyRole) => {
    const existing = organisations.get(code);
    if (existing) {
      if (!existing.roles.includes(role)) existing.roles.push(role);
      return;
    }
    const n = names.get(code);
    if (!n) throw new Error(`organisation_names.csv has no row for ${code}`);
    organisations.set(code, { code, ...n, roles: [role] });
  };
  addOrganisation(KELA_CODE, 'kela');

  const counties = read(dir, 'wellbeing_counties.csv').map((r): ReferenceCounty => {
    const id = need(r, 'id', 'wellbeing_counties.csv');
    const organiserCode = countyOrganiserCode(id);
    addOrganisation(organiserCode, 'wellbeing_county');
    const organiser = organisations.get(organiserCode);
    const nameFi = need(r, 'name_fi', 'wellbeing_counties.csv');
    if (organiser?.nameFi !== nameFi) {
      throw new Error(`county ${id}: organisation_names.csv names its organiser ${organiser?.nameFi}`);
    }
    // The county and its organiser carry the same name (the county is the organiser).
    return { id, nameFi, nameSv: organiser.nameSv, organiserCode };
  });
  const countyIds = new Set(counties.map((c) => c.id));

  const municipalities = read(dir, 'municipalities.csv').map((r): ReferenceMunicipality => {
    const code = need(r, 'code', 'municipalities.csv');
    if (!/^[0-9]{3}$/.test(code)) throw new Error(`municipalities.csv: bad code ${code}`);
    const language = need(r, 'language', 'municipalities.csv');
    if (!LANGUAGES.has(language)) throw new Error(`municipalities.csv: ${code} has language ${language}`);
    const county = r.wellbeing_county?.trim() || null;
    if (county !== null && !countyIds.has(county)) {
      throw new Error(`municipalities.csv: ${code} names unknown county ${county}`);
    }
    return {
      code,
      nameFi: need(r, 'name_fi', 'municipalities.csv'),
      nameSv: need(r, 'name_sv', 'municipalities.csv'),
      language: language as MunicipalityLanguage,
      regionFi: need(r, 'region_fi', 'municipalities.csv'),
      wellbeingCountyId: county,
    };
  });
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const byNameFi = new Map(municipalities.map((m) => [m.nameFi, m]));
  const claimed = new Map<string, string>();

  const employmentAreas = read(dir, 'employment_areas.csv').map((r): ReferenceEmploymentArea => {
    const id = need(r, 'id', 'employment_areas.csv');
    const model = MODELS[need(r, 'model', 'employment_areas.csv')];
    if (!model) throw new Error(`employment_areas.csv: ${id} has unknown model ${r.model}`);
    const status = need(r, 'status', 'employment_areas.csv');
    if (status !== 'verified' && status !== 'derived') {
      throw new Error(`employment_areas.csv: ${id} has unknown status ${status}`);
    }
    const municipalityCodes = need(r, 'member_codes', 'employment_areas.csv').split(';');
    const touched = new Set<string>();
    for (const code of municipalityCodes) {
      const m = byCode.get(code);
      if (!m) throw new Error(`employment_areas.csv: ${id} lists unknown municipality ${code}`);
      if (!m.wellbeingCountyId)
        throw new Error(`employment_areas.csv: ${id} lists Åland municipality ${code}`);
      const other = claimed.get(code);
      if (other) throw new Error(`employment_areas.csv: ${code} is in both ${other} and ${id}`);
      claimed.set(code, id);
      touched.add(m.wellbeingCountyId);
    }
    const listed = need(r, 'wellbeing_counties', 'employment_areas.csv').split(';').sort();
    if (listed.join(';') !== [...touched].sort().join(';')) {
      throw new Error(
        `employment_areas.csv: ${id} lists counties ${listed} but its members are in ${[...touched]}`,
      );
    }
    const hostName = r.host_municipality?.trim();
    const host = hostName ? byNameFi.get(hostName) : undefined;
    if (hostName && (!host || !municipalityCodes.includes(host.code))) {
      throw new Error(`employment_areas.csv: ${id} names host ${hostName}, which is not a member`);
    }
    const rawName = need(r, 'name_fi', 'employment_areas.csv');
    const organisationCode = employmentAreaOrganisationCode(id);
    addOrganisation(organisationCode, 'employment_authority');
    return {
      id,
      nameFi: rawName.endsWith(PROVISIONAL) ? rawName.slice(0, -PROVISIONAL.length) : rawName,
      nameProvisional: rawName.endsWith(PROVISIONAL),
      model,
      hostMunicipalityCode: host?.code ?? null,
      status,
      organisationCode,
      municipalityCodes,
    };
  });

  // The classification covers the whole mainland: every municipality with a county is in
  // exactly one area (two areas is refused above), or its clients could not be routed.
  const unrouted = municipalities
    .filter((m) => m.wellbeingCountyId && !claimed.has(m.code))
    .map((m) => m.code);
  if (unrouted.length) {
    throw new Error(
      `employment_areas.csv: ${unrouted.length} mainland municipalities are in no employment area: ${unrouted.join(', ')}`,
    );
  }

  const unused = [...names.keys()].filter((code) => !organisations.has(code));
  if (unused.length)
    throw new Error(`organisation_names.csv names unused organisations: ${unused.join(', ')}`);
  const mergerFile = existsSync(new URL('municipality_mergers.csv', dir));
  const mergers = (mergerFile ? read(dir, 'municipality_mergers.csv') : []).map((r): ReferenceMerger => {
    const code = need(r, 'code', 'municipality_mergers.csv');
    const successorCode = need(r, 'successor_code', 'municipality_mergers.csv');
    const lastDay = need(r, 'last_day', 'municipality_mergers.csv');
    if (!byCode.has(code) || !byCode.has(successorCode) || code === successorCode) {
      throw new Error(`municipality_mergers.csv: ${code} -> ${successorCode} names an unknown municipality`);
    }
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(lastDay)) {
      throw new Error(`municipality_mergers.csv: ${code} has last_day ${lastDay}`);
    }
    return { code, lastDay, successorCode };
  });
  return {
    municipalities,
    mergers,
    counties,
    organisations: [...organisations.values()],
    employmentAreas,
  };
}
