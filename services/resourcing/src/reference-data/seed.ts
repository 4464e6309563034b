import {
  cooperationAreas,
  type Database,
  EMPLOYMENT_AREAS_START,
  employmentAreaMunicipalities,
  employmentAreas,
  municipalities,
  organisationRoles,
  organisations,
  type Transaction,
  wellbeingCounties,
} from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { recordEvent } from '@tym/jobs';
import { type Clock, systemClock } from '@tym/platform';
import { eq, sql } from 'drizzle-orm';
import { ensureDefaultAreaParties } from '../cooperation-areas/cooperation-areas.repository.js';
import { loadReferenceData, type ReferenceData } from './reference-data.js';

/** Rows each table holds after the load, and how many rows this run inserted or changed. */
export interface SeedSummary {
  municipalities: number;
  wellbeingCounties: number;
  organisations: number;
  employmentAreas: number;
  cooperationAreas: number;
  changedRows: number;
}

/** `excluded.<column>` of an upsert. */
const excluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Loads the reference data (data/README.md) in one transaction; idempotent.
 *
 * Two kinds of rows are treated differently:
 * - Statutory facts from the official files (municipalities and their names, language and
 *   county; the 22 county organisers) are upserted, and only rows that differ are written.
 * - Employment-area membership (Statistics Finland's classification, data/README.md) is a
 *   statutory fact too: a municipality in another area than the file says moves, and the
 *   area's `status` follows the file — except where an administrator maintains the area
 *   (`administered`), which a reload never touches.
 * - What administrators maintain afterwards (organisation names, employment areas' names,
 *   model and host, cooperation areas and parties) is inserted only when missing, so a
 *   reload never undoes an administrator's change (domain.md §8).
 *
 * A run that changes something records one `reference_data.loaded` event; a run that
 * changes nothing writes nothing at all.
 */
export async function seedReferenceData(
  db: Database,
  options: { clock?: Clock; data?: ReferenceData } = {},
): Promise<SeedSummary> {
  const data = options.data ?? loadReferenceData();
  const clock = options.clock ?? systemClock;
  return db.transaction(async (tx) => {
    let changed = 0;
    const orgRows = await tx
      .insert(organisations)
      .values(
        data.organisations.map(({ code, nameFi, nameSv, nameEn, kind }) => ({
          code,
          nameFi,
          nameSv,
          nameEn,
          kind,
        })),
      )
      .onConflictDoNothing()
      .returning({ code: organisations.code });
    changed += orgRows.length;

    const roleRows = await tx
      .insert(organisationRoles)
      .values(data.organisations.flatMap((o) => o.roles.map((role) => ({ organisationCode: o.code, role }))))
      .onConflictDoNothing()
      .returning({ code: organisationRoles.organisationCode });
    changed += roleRows.length;

    const countyRows = await tx
      .insert(wellbeingCounties)
      .values(data.counties)
      .onConflictDoUpdate({
        target: wellbeingCounties.id,
        set: {
          nameFi: excluded('name_fi'),
          nameSv: excluded('name_sv'),
          organiserCode: excluded('organiser_code'),
        },
        setWhere: sql`(${wellbeingCounties.nameFi}, ${wellbeingCounties.nameSv}, ${wellbeingCounties.organiserCode})
          IS DISTINCT FROM (excluded.name_fi, excluded.name_sv, excluded.organiser_code)`,
      })
      .returning({ id: wellbeingCounties.id });
    changed += countyRows.length;

    const municipalityRows = await tx
      .insert(municipalities)
      .values(data.municipalities)
      .onConflictDoUpdate({
        target: municipalities.code,
        set: {
          nameFi: excluded('name_fi'),
          nameSv: excluded('name_sv'),
          language: excluded('language'),
          regionFi: excluded('region_fi'),
          wellbeingCountyId: excluded('wellbeing_county_id'),
        },
        setWhere: sql`(${municipalities.nameFi}, ${municipalities.nameSv}, ${municipalities.language},
            ${municipalities.regionFi}, ${municipalities.wellbeingCountyId})
          IS DISTINCT FROM (excluded.name_fi, excluded.name_sv, excluded.language, excluded.region_fi,
            excluded.wellbeing_county_id)`,
      })
      .returning({ code: municipalities.code });
    changed += municipalityRows.length;

    // Mergers (municipality_mergers.csv): the last day and the successor, where they differ.
    const mergers = data.mergers ?? [];
    if (mergers.length) {
      const mergerRows = await tx.execute<{ code: string }>(sql`
        UPDATE resourcing.municipalities m
           SET valid_to = v.last_day::date, successor_code = v.successor
          FROM (VALUES ${sql.join(
            mergers.map((x) => sql`(${x.code}, ${x.lastDay}, ${x.successorCode})`),
            sql`, `,
          )}) AS v (code, last_day, successor)
         WHERE m.code = v.code
           AND (m.valid_to, m.successor_code) IS DISTINCT FROM (v.last_day::date, v.successor::char(3))
        RETURNING m.code`);
      changed += mergerRows.rows.length;
    }

    const areaRows = await tx
      .insert(employmentAreas)
      .values(data.employmentAreas.map(({ municipalityCodes: _members, ...area }) => area))
      .onConflictDoNothing()
      .returning({ id: employmentAreas.id });
    changed += areaRows.length;

    // Membership is a statutory fact of the classification (every mainland municipality in
    // one area), so a municipality an earlier load put in the wrong area moves to the file's
    // area — unless an administrator maintains either area (status `administered`: changed
    // through the API), whose decision a reload never undoes.
    const administered = new Set(
      (
        await tx
          .select({ id: employmentAreas.id })
          .from(employmentAreas)
          .where(eq(employmentAreas.status, 'administered'))
      ).map((a) => a.id),
    );
    const fileAreas = data.employmentAreas.filter((a) => !administered.has(a.id));
    const statusRows = fileAreas.length
      ? (
          await tx.execute<{ id: string }>(sql`
            UPDATE resourcing.employment_areas ea
               SET status = v.status, updated_at = ${clock.now()}
              FROM (VALUES ${sql.join(
                fileAreas.map((a) => sql`(${a.id}, ${a.status})`),
                sql`, `,
              )}) AS v (id, status)
             WHERE ea.id = v.id AND ea.status <> 'administered' AND ea.status <> v.status
            RETURNING ea.id`)
        ).rows
      : [];
    changed += statusRows.length;
    const ceasedBeforeStart = new Set(
      (data.mergers ?? []).filter((m) => m.lastDay < EMPLOYMENT_AREAS_START).map((m) => m.code),
    );
    const members = fileAreas.flatMap((a) =>
      a.municipalityCodes
        .filter((code) => !ceasedBeforeStart.has(code))
        .map((code) => ({ municipalityCode: code, employmentAreaId: a.id })),
    );
    if (members.length) {
      // Membership is kept as periods (valid_from/valid_to). The files describe the first
      // period, from EMPLOYMENT_AREAS_START: a municipality with no period gets one, and a
      // first-period row in another area than the file says moves. Later periods (loaded
      // with POST /v1/reference-data/employment-areas) are never touched here.
      const inserted = await tx
        .insert(employmentAreaMunicipalities)
        .values(members)
        .onConflictDoNothing()
        .returning({ code: employmentAreaMunicipalities.municipalityCode });
      changed += inserted.length;
      const moved = await tx.execute<{ code: string }>(sql`
        UPDATE resourcing.employment_area_municipalities eam
           SET employment_area_id = v.area_id
          FROM (VALUES ${sql.join(
            members.map((m) => sql`(${m.municipalityCode}, ${m.employmentAreaId})`),
            sql`, `,
          )}) AS v (code, area_id)
         WHERE eam.municipality_code = v.code
           AND eam.valid_from = ${EMPLOYMENT_AREAS_START}
           AND eam.employment_area_id <> v.area_id
           AND NOT EXISTS (SELECT 1 FROM resourcing.employment_areas current
                            WHERE current.id = eam.employment_area_id AND current.status = 'administered')
        RETURNING eam.municipality_code AS code`);
      changed += moved.rows.length;
    }
    // A municipality that ceased before the employment areas started (Pertunmaa) belongs to none.
    const ceasedRows = await tx.execute<{ code: string }>(sql`
      DELETE FROM resourcing.employment_area_municipalities eam
       USING resourcing.municipalities m
       WHERE m.code = eam.municipality_code AND m.valid_to IS NOT NULL AND eam.valid_from > m.valid_to
      RETURNING eam.municipality_code AS code`);
    changed += ceasedRows.rows.length;

    const coopRows = await tx
      .insert(cooperationAreas)
      .values(
        data.counties.map((c) => ({
          code: c.id,
          nameFi: `${c.nameFi} – TYM-yhteistoiminta-alue`,
          nameSv: `${c.nameSv} – TYM-samarbetsområde`,
          wellbeingCountyId: c.id,
          isDefault: true,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: cooperationAreas.id });
    changed += coopRows.length;
    changed += (await ensureDefaultAreaParties(tx)).length;
    changed += (await removeFormerAuthorityParties(tx, todayInHelsinki(clock.now()))).length;

    if (changed > 0) {
      await recordEvent(tx, {
        type: 'reference_data.loaded',
        occurredAt: clock.now(),
        organisationCodes: [],
        subjectType: 'reference_data',
        subjectId: 'resourcing',
        payload: { changedRows: changed },
      });
    }

    const count = async (table: string) => {
      const result = await tx.execute<{ n: number }>(
        sql.raw(`SELECT count(*)::int AS n FROM resourcing.${table}`),
      );
      return result.rows[0]?.n ?? 0;
    };
    return {
      municipalities: await count('municipalities'),
      wellbeingCounties: await count('wellbeing_counties'),
      organisations: await count('organisations'),
      employmentAreas: await count('employment_areas'),
      cooperationAreas: await count('cooperation_areas'),
      changedRows: changed,
    };
  });
}

/**
 * After membership moved (a municipality an earlier load put in the wrong area), the
 * authority of a reference area may be a party of a county's default cooperation area it
 * no longer serves. Such a party is removed — the area's management group would otherwise
 * have to seat it — but only while nothing depends on it there: none of its staff allocated
 * to the area, no seat in the area's management group or agreement, no referral or case of
 * the area naming it. Otherwise it stays until an administrator resolves it.
 */
export async function removeFormerAuthorityParties(
  tx: Transaction,
  today: string,
): Promise<Array<{ code: string }>> {
  const result = await tx.execute<{ code: string }>(sql`
    DELETE FROM resourcing.cooperation_area_parties p
     USING resourcing.cooperation_areas ca
     WHERE ca.id = p.cooperation_area_id
       AND ca.is_default
       AND p.role = 'employment_authority'
       AND EXISTS (SELECT 1 FROM resourcing.employment_areas ea
                    WHERE ea.organisation_code = p.organisation_code AND ea.status <> 'administered')
       AND NOT EXISTS (SELECT 1 FROM resourcing.employment_areas ea
                         JOIN resourcing.employment_area_municipalities eam ON eam.employment_area_id = ea.id
                         JOIN resourcing.municipalities m ON m.code = eam.municipality_code
                        WHERE ea.organisation_code = p.organisation_code
                          AND m.wellbeing_county_id = ca.wellbeing_county_id
                          AND (eam.valid_to IS NULL OR eam.valid_to >= ${today}::date))
       AND NOT EXISTS (SELECT 1 FROM resourcing.staff_allocations sa
                         JOIN resourcing.staff s ON s.id = sa.staff_id
                        WHERE sa.cooperation_area_id = ca.id AND s.organisation_code = p.organisation_code)
       AND NOT EXISTS (SELECT 1 FROM resourcing.management_groups g
                        WHERE g.cooperation_area_id = ca.id
                          AND (g.employment_authority_code = p.organisation_code
                               OR EXISTS (SELECT 1 FROM resourcing.management_group_members gm
                                           WHERE gm.management_group_id = g.id
                                             AND gm.organisation_code = p.organisation_code)))
       AND NOT EXISTS (SELECT 1 FROM resourcing.agreements a
                         JOIN resourcing.agreement_parties ap ON ap.agreement_id = a.id
                        WHERE a.cooperation_area_id = ca.id AND ap.organisation_code = p.organisation_code)
       -- No referral or case of the area names it: referrals' published query (migration 0018).
       AND cardinality(platform.referrals_area_usage(ca.id, p.organisation_code)) = 0
    RETURNING p.organisation_code AS code`);
  return result.rows;
}
