import type { Database, Queryable } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { type Actor, recordEvent } from '@tym/jobs';
import { AppError, type Principal } from '@tym/platform';
import { assertCanArrangeCooperation } from '../policy.js';
import { CooperationArrangementErrors } from './cooperation-arrangements.errors.js';
import {
  type ArrangementRow,
  addParties,
  type CountyAreaRow,
  deleteArea,
  findArrangement,
  findCodesOfOtherCounties,
  findCounty,
  findCountyAreas,
  findDependants,
  findRegionAuthorities,
  removeAuthorityParty,
  upsertArea,
  upsertArrangement,
} from './cooperation-arrangements.repository.js';
import { checkCooperationArrangement } from './cooperation-arrangements.rules.js';

export interface CooperationArrangementView {
  wellbeingCountyId: string;
  hvaOrganiserCode: string;
  /** The negotiated arrangement; null while the region has only its default area. */
  arrangement: ArrangementRow | null;
  employmentAuthorityCodes: string[];
  /** The most cooperation areas the region may have (one per employment authority). */
  maxAreas: number;
  areas: CountyAreaRow[];
}

export interface ArrangementInput {
  agreedOn: string;
  decisionReference: string;
  areas: Array<{ code: string; nameFi: string; nameSv: string; employmentAuthorityCodes: string[] }>;
}

async function view(db: Queryable, countyId: string, today: string): Promise<CooperationArrangementView> {
  const county = await findCounty(db, countyId);
  if (!county) {
    throw new AppError(CooperationArrangementErrors.WELLBEING_COUNTY_NOT_FOUND, {
      detail: `No wellbeing services county ${countyId}.`,
    });
  }
  const authorities = await findRegionAuthorities(db, countyId, today);
  return {
    wellbeingCountyId: countyId,
    hvaOrganiserCode: county.organiserCode,
    arrangement: await findArrangement(db, countyId),
    employmentAuthorityCodes: authorities,
    maxAreas: authorities.length,
    areas: await findCountyAreas(db, countyId),
  };
}

export async function getCooperationArrangement(
  db: Queryable,
  countyId: string,
  now: Date,
): Promise<CooperationArrangementView> {
  return view(db, countyId, todayInHelsinki(now));
}

/**
 * Records the negotiated arrangement of an HVA area and applies it (381/2023 §9(1) as
 * amended by 437/2024): the cooperation areas, each with the HVA, Kela and its employment
 * authorities. Areas left out are removed and authorities move between areas only while
 * nothing depends on them there (management group, agreement, staff allocations; for an
 * area, referrals or cases too). One transaction under a lock on the county; a repeated
 * request changes nothing and records no event.
 */
export async function setCooperationArrangement(
  db: Database,
  principal: Principal,
  countyId: string,
  input: ArrangementInput,
  now: Date,
): Promise<CooperationArrangementView> {
  const today = todayInHelsinki(now);
  return db.transaction(async (tx) => {
    const county = await findCounty(tx, countyId, { lock: true });
    if (!county) {
      throw new AppError(CooperationArrangementErrors.WELLBEING_COUNTY_NOT_FOUND, {
        detail: `No wellbeing services county ${countyId}.`,
      });
    }
    const authorities = await findRegionAuthorities(tx, countyId, today);
    assertCanArrangeCooperation(principal, county.organiserCode, authorities);
    const errors = checkCooperationArrangement(countyId, authorities, input.areas);
    if (errors.length) {
      throw new AppError(CooperationArrangementErrors.COOPERATION_ARRANGEMENT_INVALID, {
        detail: `The division of ${countyId} into cooperation areas is not valid; nothing was changed.`,
        errors,
      });
    }
    const taken = await findCodesOfOtherCounties(
      tx,
      countyId,
      input.areas.map((a) => a.code),
    );
    if (taken.length) {
      throw new AppError(CooperationArrangementErrors.COOPERATION_AREA_CODE_TAKEN, {
        detail: `Cooperation area codes of another county: ${taken.join(', ')}.`,
        errors: input.areas.flatMap((a, i) =>
          taken.includes(a.code)
            ? [{ location: `body.areas[${i}].code`, message: 'belongs to another county', rule: 'unique' }]
            : [],
        ),
      });
    }

    const existing = await findCountyAreas(tx, countyId);
    const wantedArea = new Map<string, string>();
    for (const area of input.areas)
      for (const a of area.employmentAuthorityCodes) wantedArea.set(a, area.code);
    const inUse: Array<{ area: string; organisationCode: string | null; kinds: string[] }> = [];
    const removedAreas = existing.filter((e) => !input.areas.some((a) => a.code === e.code));
    for (const area of removedAreas) {
      const kinds = await findDependants(tx, area.id, null);
      if (kinds.length) inUse.push({ area: area.code, organisationCode: null, kinds });
    }
    const leaving: Array<{ areaId: string; organisationCode: string }> = [];
    for (const area of existing) {
      for (const code of area.employmentAuthorityCodes) {
        if (wantedArea.get(code) === area.code) continue;
        leaving.push({ areaId: area.id, organisationCode: code });
        if (removedAreas.includes(area)) continue;
        const kinds = await findDependants(tx, area.id, code);
        if (kinds.length) inUse.push({ area: area.code, organisationCode: code, kinds });
      }
    }
    if (inUse.length) {
      throw new AppError(CooperationArrangementErrors.COOPERATION_AREA_IN_USE, {
        detail:
          'An area to be removed, or an employment authority to be moved, still has work in its cooperation area: ' +
          inUse
            .map((u) => `${u.organisationCode ?? u.area} (${u.kinds.join(', ')}) in ${u.area}`)
            .join('; ') +
          '. Resolve it first; nothing was changed.',
        errors: [{ location: 'body.areas', message: 'an area or authority is in use', rule: 'in_use' }],
        extensions: { inUse },
      });
    }

    let changed = 0;
    for (const area of input.areas) if (await upsertArea(tx, countyId, area, now)) changed += 1;
    for (const l of leaving) await removeAuthorityParty(tx, l.areaId, l.organisationCode);
    changed += leaving.length;
    for (const area of removedAreas) await deleteArea(tx, area.id);
    changed += removedAreas.length;
    for (const area of input.areas) {
      changed += await addParties(tx, area.code, county.organiserCode, area.employmentAuthorityCodes);
    }
    const arrangement = {
      areaCount: input.areas.length,
      agreedOn: input.agreedOn,
      decisionReference: input.decisionReference,
    };
    if (await upsertArrangement(tx, countyId, arrangement, now)) changed += 1;

    const result = await view(tx, countyId, today);
    if (changed > 0) {
      const actor: Actor = { organisation: principal.org, sub: principal.sub };
      await recordEvent(tx, {
        type: 'cooperation_area.arrangement_set',
        occurredAt: now,
        organisationCodes: [county.organiserCode, 'kela', ...authorities],
        subjectType: 'wellbeing_county',
        subjectId: countyId,
        actor,
        payload: {
          wellbeingCountyId: countyId,
          ...arrangement,
          areas: result.areas.map((a) => ({
            cooperationAreaId: a.id,
            code: a.code,
            employmentAuthorityCodes: a.employmentAuthorityCodes,
          })),
        },
      });
    }
    return result;
  });
}
