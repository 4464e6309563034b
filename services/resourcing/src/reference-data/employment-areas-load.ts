import type { Database, Transaction } from '@tym/db';
import { addDays, type LocalDate, todayInHelsinki } from '@tym/domain';
import { type Actor, recordEvent } from '@tym/jobs';
import { AppError, type InvalidField } from '@tym/platform';
import { sql } from 'drizzle-orm';
import { ensureDefaultAreaParties } from '../cooperation-areas/cooperation-areas.repository.js';
import { parseCsv } from './csv.js';
import { ReferenceDataErrors } from './reference-data.errors.js';
import { removeFormerAuthorityParties } from './seed.js';

export interface MembershipChangeSummary {
  validFrom: LocalDate;
  /** Municipalities in another area from `validFrom` than the day before. */
  moved: Array<{ municipalityCode: string; from: string; to: string }>;
  /** Municipalities that had no area and have one from `validFrom`. */
  added: Array<{ municipalityCode: string; to: string }>;
  /** Municipalities that ceased (merged) by `validFrom`: their membership ends the day before. */
  ended: Array<{ municipalityCode: string; from: string; successorCode: string | null }>;
  /** Listed in the file but ceased by `validFrom` (e.g. Pertunmaa 588 in the 2025 classification). */
  ceasedIgnored: string[];
  unchanged: number;
}

interface MunicipalityFact {
  code: string;
  countyId: string | null;
  validTo: string | null;
  successorCode: string | null;
}

/**
 * Checks a file in the shared `employment_areas.csv` format (columns `id` and `member_codes`
 * are read; names, model and host stay as administrators keep them) against the
 * municipalities that exist on `validFrom`: every area known, every code a mainland
 * municipality, no municipality in two areas, every existing mainland municipality in one.
 * Returns the wanted area of each municipality and the listed codes that had ceased.
 */
export function checkEmploymentAreaFile(
  text: string,
  validFrom: LocalDate,
  areaIds: Set<string>,
  facts: Map<string, MunicipalityFact>,
): { wanted: Map<string, string>; ceasedIgnored: string[] } {
  const errors: InvalidField[] = [];
  let rows: Array<Record<string, string>> = [];
  try {
    rows = parseCsv(text);
  } catch (err) {
    errors.push({ location: 'body', message: `not CSV: ${(err as Error).message}`, rule: 'csv' });
  }
  if (!errors.length && !rows.length) {
    errors.push({ location: 'body', message: 'the file has no employment areas', rule: 'non_empty' });
  }
  const wanted = new Map<string, string>();
  const ceasedIgnored: string[] = [];
  const exists = (f: MunicipalityFact) => f.validTo === null || f.validTo >= validFrom;
  rows.forEach((row, i) => {
    const location = `body[line ${i + 2}]`;
    const id = row.id?.trim() ?? '';
    if (!areaIds.has(id)) {
      errors.push({
        location: `${location}.id`,
        message: `no employment area "${id}"; add it first (POST /v1/employment-areas)`,
        rule: 'employment_area',
      });
      return;
    }
    const codes = (row.member_codes ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!codes.length) {
      errors.push({
        location: `${location}.member_codes`,
        message: 'lists no municipality',
        rule: 'non_empty',
      });
    }
    for (const code of codes) {
      const fact = facts.get(code);
      if (!fact) {
        errors.push({
          location: `${location}.member_codes`,
          message: `no municipality ${code}`,
          rule: 'municipality',
        });
      } else if (!fact.countyId) {
        errors.push({
          location: `${location}.member_codes`,
          message: `${code} is in Åland, outside TYM`,
          rule: 'mainland',
        });
      } else if (!exists(fact)) {
        ceasedIgnored.push(code);
      } else if (wanted.has(code) && wanted.get(code) !== id) {
        errors.push({
          location: `${location}.member_codes`,
          message: `${code} is also in ${wanted.get(code)}`,
          rule: 'one_area',
        });
      } else {
        wanted.set(code, id);
      }
    }
  });
  if (!errors.length) {
    const missing = [...facts.values()].filter((f) => f.countyId && exists(f) && !wanted.has(f.code));
    if (missing.length) {
      errors.push({
        location: 'body',
        message: `mainland municipalities in no employment area on ${validFrom}: ${missing.map((f) => f.code).join(', ')}`,
        rule: 'every_mainland_municipality',
      });
    }
  }
  if (errors.length) {
    throw new AppError(ReferenceDataErrors.REFERENCE_DATA_INVALID, {
      detail: `The employment areas file is not valid for ${validFrom}; nothing was loaded.`,
      errors,
    });
  }
  return { wanted, ceasedIgnored: [...new Set(ceasedIgnored)].sort() };
}

/**
 * Loads a new period of employment-area membership from `validFrom` (e.g. next year's
 * classification), in one transaction, idempotently. A municipality whose area changes gets
 * its open period closed the day before and a new one from `validFrom` (a period that
 * already starts on `validFrom` is corrected in place); one that ceased by `validFrom` has
 * its period ended. Earlier dates keep routing by the earlier periods, and cases keep the
 * parties stored when they were created. A run that changes nothing writes nothing.
 */
export async function loadEmploymentAreaPeriod(
  db: Database,
  input: { csv: string; validFrom: LocalDate; now: Date; actor: Actor },
): Promise<MembershipChangeSummary> {
  const { validFrom } = input;
  return db.transaction(async (tx) => {
    // One load at a time: two concurrent loads would both close the same periods.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('resourcing.employment_area_periods'))`);
    const facts = new Map(
      (
        await tx.execute<{
          code: string;
          county_id: string | null;
          valid_to: string | null;
          successor_code: string | null;
        }>(
          sql`SELECT code, wellbeing_county_id AS county_id, valid_to::text, successor_code
                FROM resourcing.municipalities`,
        )
      ).rows.map((r) => [
        r.code,
        { code: r.code, countyId: r.county_id, validTo: r.valid_to, successorCode: r.successor_code },
      ]),
    );
    const areaIds = new Set(
      (await tx.execute<{ id: string }>(sql`SELECT id FROM resourcing.employment_areas`)).rows.map(
        (r) => r.id,
      ),
    );
    const { wanted, ceasedIgnored } = checkEmploymentAreaFile(input.csv, validFrom, areaIds, facts);

    const open = new Map(
      (
        await tx.execute<{ code: string; area_id: string; valid_from: string }>(sql`
          SELECT municipality_code AS code, employment_area_id AS area_id, valid_from::text
            FROM resourcing.employment_area_municipalities WHERE valid_to IS NULL`)
      ).rows.map((r) => [r.code, { areaId: r.area_id, validFrom: r.valid_from }]),
    );
    const latest = [...open.values()].reduce(
      (max, p) => (p.validFrom > max ? p.validFrom : max),
      '0000-01-01',
    );
    if (validFrom < latest) {
      throw new AppError(ReferenceDataErrors.REFERENCE_DATA_OUT_OF_ORDER, {
        detail: `Membership loaded from ${latest} exists; a new period must start on or after it.`,
        errors: [{ location: 'query.validFrom', message: `is before ${latest}`, rule: 'after_latest' }],
        extensions: { latestValidFrom: latest },
      });
    }

    const summary: MembershipChangeSummary = {
      validFrom,
      moved: [],
      added: [],
      ended: [],
      ceasedIgnored,
      unchanged: 0,
    };
    const dayBefore = addDays(validFrom, -1);
    for (const [code, areaId] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
      const current = open.get(code);
      if (current?.areaId === areaId) {
        summary.unchanged += 1;
        continue;
      }
      if (current) {
        await endOrCorrect(tx, code, current.validFrom, validFrom, dayBefore, areaId);
        summary.moved.push({ municipalityCode: code, from: current.areaId, to: areaId });
      } else {
        await insertPeriod(tx, code, areaId, validFrom);
        summary.added.push({ municipalityCode: code, to: areaId });
      }
    }
    for (const [code, current] of [...open].sort(([a], [b]) => a.localeCompare(b))) {
      if (wanted.has(code)) continue;
      // Not wanted: the municipality ceased by validFrom (the check refused any other gap).
      await endOrCorrect(tx, code, current.validFrom, validFrom, dayBefore, null);
      summary.ended.push({
        municipalityCode: code,
        from: current.areaId,
        successorCode: facts.get(code)?.successorCode ?? null,
      });
    }

    const changed = summary.moved.length + summary.added.length + summary.ended.length;
    if (changed > 0) {
      await ensureDefaultAreaParties(tx);
      await removeFormerAuthorityParties(tx, todayInHelsinki(input.now));
      await recordEvent(tx, {
        type: 'reference_data.loaded',
        occurredAt: input.now,
        organisationCodes: [],
        subjectType: 'reference_data',
        subjectId: 'resourcing',
        actor: input.actor,
        payload: {
          dataset: 'employment_areas',
          validFrom,
          moved: summary.moved.length,
          added: summary.added.length,
          ended: summary.ended.length,
        },
      });
    }
    return summary;
  });
}

/** Ends the open period the day before `validFrom` (or, when it starts then, corrects or removes it). */
async function endOrCorrect(
  tx: Transaction,
  code: string,
  periodFrom: string,
  validFrom: string,
  dayBefore: string,
  newAreaId: string | null,
): Promise<void> {
  if (periodFrom >= validFrom) {
    if (newAreaId) {
      await tx.execute(sql`UPDATE resourcing.employment_area_municipalities SET employment_area_id = ${newAreaId}
                            WHERE municipality_code = ${code} AND valid_to IS NULL`);
    } else {
      await tx.execute(sql`DELETE FROM resourcing.employment_area_municipalities
                            WHERE municipality_code = ${code} AND valid_to IS NULL`);
    }
    return;
  }
  await tx.execute(sql`UPDATE resourcing.employment_area_municipalities SET valid_to = ${dayBefore}::date
                        WHERE municipality_code = ${code} AND valid_to IS NULL`);
  if (newAreaId) await insertPeriod(tx, code, newAreaId, validFrom);
}

async function insertPeriod(tx: Transaction, code: string, areaId: string, validFrom: string): Promise<void> {
  await tx.execute(sql`INSERT INTO resourcing.employment_area_municipalities
                         (municipality_code, employment_area_id, valid_from)
                       VALUES (${code}, ${areaId}, ${validFrom}::date)`);
}
