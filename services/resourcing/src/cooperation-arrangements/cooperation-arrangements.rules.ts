import type { InvalidField } from '@tym/platform';

/**
 * How many cooperation areas (each with its own management group) an HVA area may have:
 * at least one, and at most one per employment authority of the area. 381/2023 §9(1) as
 * amended by 437/2024: the HVA and the employment authorities of its area first negotiate
 * the number of management groups; each group has its cooperation area.
 */
export function cooperationAreaCountAllowed(
  areaCount: number,
  employmentAuthoritiesInRegion: number,
): boolean {
  return areaCount >= 1 && areaCount <= employmentAuthoritiesInRegion;
}

export interface ArrangementAreaInput {
  code: string;
  employmentAuthorityCodes: string[];
}

/**
 * The negotiated split of an HVA area into cooperation areas (381/2023 §9(1) as amended by
 * 437/2024): the number of areas within `cooperationAreaCountAllowed`; each area the HVA
 * together with one or more employment authorities of the region; every authority of the
 * region in exactly one area; the county's default area (code = county id) kept, since it
 * is where the region's data started. Returns the wrong fields (empty = valid).
 */
export function checkCooperationArrangement(
  countyId: string,
  regionAuthorities: string[],
  areas: ArrangementAreaInput[],
): InvalidField[] {
  const errors: InvalidField[] = [];
  if (!cooperationAreaCountAllowed(areas.length, regionAuthorities.length)) {
    errors.push({
      location: 'body.areas',
      message: `${areas.length} cooperation areas; the region's ${regionAuthorities.length} employment authorities allow 1–${regionAuthorities.length} (381/2023 §9(1))`,
      rule: 'area_count',
    });
  }
  const region = new Set(regionAuthorities);
  const placed = new Map<string, number>();
  const codes = new Set<string>();
  areas.forEach((area, i) => {
    if (codes.has(area.code)) {
      errors.push({
        location: `body.areas[${i}].code`,
        message: `${area.code} is listed twice`,
        rule: 'unique',
      });
    }
    codes.add(area.code);
    if (!area.employmentAuthorityCodes.length) {
      errors.push({
        location: `body.areas[${i}].employmentAuthorityCodes`,
        message: 'a cooperation area needs at least one employment authority',
        rule: 'authority_per_area',
      });
    }
    area.employmentAuthorityCodes.forEach((code, j) => {
      const location = `body.areas[${i}].employmentAuthorityCodes[${j}]`;
      if (!region.has(code)) {
        errors.push({
          location,
          message: `${code} is not an employment authority of ${countyId}`,
          rule: 'authority_in_region',
        });
      } else if (placed.has(code)) {
        errors.push({
          location,
          message: `${code} is already in ${areas[placed.get(code) ?? 0]?.code}`,
          rule: 'one_area_per_authority',
        });
      } else {
        placed.set(code, i);
      }
    });
  });
  const missing = regionAuthorities.filter((code) => !placed.has(code));
  if (missing.length) {
    errors.push({
      location: 'body.areas',
      message: `employment authorities in no cooperation area: ${missing.join(', ')}`,
      rule: 'every_authority',
    });
  }
  if (!codes.has(countyId)) {
    errors.push({
      location: 'body.areas',
      message: `the county's default cooperation area (${countyId}) must be one of the areas`,
      rule: 'default_area',
    });
  }
  return errors;
}
