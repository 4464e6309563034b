import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { fixedClock } from '@tym/platform';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { loadReferenceData, REFERENCE_DATA_DIR } from './reference-data.js';
import { seedReferenceData } from './seed.js';

const TABLES = [
  'organisations',
  'organisation_roles',
  'wellbeing_counties',
  'municipalities',
  'employment_areas',
  'employment_area_municipalities',
  'cooperation_areas',
  'cooperation_area_parties',
];

describe('reference data', () => {
  let database: TestDatabase;
  const clock = fixedClock('2026-03-19T10:00:00Z');

  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of [...TABLES.map((t) => `resourcing.${t}`), 'platform.events']) {
      const r = await database.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
      out[table] = r.rows[0]?.n ?? 0;
    }
    return out;
  };
  const query = async <T extends Record<string, unknown>>(text: string) =>
    (await database.db.execute<T>(sql.raw(text))).rows;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\r\n1,2\n')).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: '1', b: '2' },
    ]);
    expect(() => parseCsv('a,b\n1\n')).toThrow(/fields/);
  });

  it('loads the files consistently', () => {
    const data = loadReferenceData();
    expect(data.municipalities).toHaveLength(309);
    expect(data.municipalities.filter((m) => m.wellbeingCountyId === null)).toHaveLength(16);
    expect(data.counties).toHaveLength(22);
    expect(data.employmentAreas).toHaveLength(45);
    // Every mainland municipality is in exactly one area.
    expect(data.employmentAreas.flatMap((a) => a.municipalityCodes)).toHaveLength(293);
    // Kela + 21 HVAs + Helsinki + 44 employment authorities other than Helsinki.
    expect(data.organisations).toHaveLength(67);
    expect(data.organisations.find((o) => o.code === 'helsinki')?.roles.sort()).toEqual([
      'employment_authority',
      'wellbeing_county',
    ]);
    expect(data.employmentAreas.find((a) => a.id === 'keski-uusimaa')?.hostMunicipalityCode).toBe('186');
    // Kymppi is the joint municipal authority of ten Etelä-Pohjanmaa municipalities.
    expect(data.employmentAreas.find((a) => a.id === 'kymppi')).toMatchObject({
      model: 'joint_authority',
      hostMunicipalityCode: null,
      municipalityCodes: ['005', '010', '052', '233', '300', '403', '408', '759', '934', '989'],
    });
    expect(data.employmentAreas.find((a) => a.id === 'etela-kymenlaakso')).toMatchObject({
      hostMunicipalityCode: '285',
      municipalityCodes: ['075', '285', '489', '624', '935'],
    });
    expect(data.organisations.find((o) => o.code === 'ea-tampereen-seutu')).toMatchObject({
      nameSv: 'Tammerforsregionens sysselsättningsområde',
      kind: 'employment_area',
      roles: ['employment_authority'],
    });
  });

  it('refuses files that leave a mainland municipality without an employment area', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tym-reference-'));
    try {
      for (const file of ['municipalities.csv', 'wellbeing_counties.csv', 'organisation_names.csv']) {
        copyFileSync(new URL(file, REFERENCE_DATA_DIR), join(dir, file));
      }
      const areas = readFileSync(new URL('employment_areas.csv', REFERENCE_DATA_DIR), 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('tampereen-seutu,'))
        .join('\n');
      writeFileSync(join(dir, 'employment_areas.csv'), areas);
      const names = readFileSync(new URL('organisation_names.csv', REFERENCE_DATA_DIR), 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('ea-tampereen-seutu,'))
        .join('\n');
      writeFileSync(join(dir, 'organisation_names.csv'), names);
      expect(() => loadReferenceData(pathToFileURL(`${dir}/`))).toThrow(
        /16 mainland municipalities are in no employment area: 020, 177, 211/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds everything in one run and changes nothing on a second run', async () => {
    const first = await seedReferenceData(database.db, { clock });
    expect(first).toMatchObject({
      municipalities: 309,
      wellbeingCounties: 22,
      organisations: 67,
      employmentAreas: 45,
      cooperationAreas: 22,
    });
    expect(first.changedRows).toBeGreaterThan(0);
    const after1 = await counts();
    expect(after1).toMatchObject({
      'resourcing.organisations': 67,
      // 67 organisations, Helsinki with two roles.
      'resourcing.organisation_roles': 68,
      'resourcing.wellbeing_counties': 22,
      'resourcing.municipalities': 309,
      'resourcing.employment_areas': 45,
      // 293 mainland municipalities less Pertunmaa (588), which merged into Mäntyharju on
      // 1.1.2025, before the employment areas started (municipality_mergers.csv).
      'resourcing.employment_area_municipalities': 292,
      'resourcing.cooperation_areas': 22,
      'platform.events': 1,
    });
    const stamps = await query<{ t: string }>(
      'SELECT max(updated_at)::text AS t FROM resourcing.organisations',
    );

    clock.advance(60_000);
    const second = await seedReferenceData(database.db, { clock });
    expect(second.changedRows).toBe(0);
    expect(await counts()).toEqual(after1);
    expect(await query('SELECT max(updated_at)::text AS t FROM resourcing.organisations')).toEqual(stamps);
    const [event] = await query<{ type: string; payload: { changedRows: number } }>(
      'SELECT type, payload FROM platform.events',
    );
    expect(event).toMatchObject({
      type: 'reference_data.loaded',
      payload: { changedRows: first.changedRows },
    });
  });

  it('repairs a changed statutory fact but keeps what administrators maintain', async () => {
    await database.db.execute(sql`UPDATE resourcing.municipalities SET name_sv = 'X' WHERE code = '091'`);
    await database.db.execute(
      sql`UPDATE resourcing.organisations SET name_en = 'Renamed by admin' WHERE code = 'kela'`,
    );
    const again = await seedReferenceData(database.db, { clock });
    expect(again.changedRows).toBe(1);
    expect(await query(`SELECT name_sv FROM resourcing.municipalities WHERE code = '091'`)).toEqual([
      { name_sv: 'Helsingfors' },
    ]);
    expect(await query(`SELECT name_en FROM resourcing.organisations WHERE code = 'kela'`)).toEqual([
      { name_en: 'Renamed by admin' },
    ]);
  });

  it('gives each county a default cooperation area with its organiser, its employment authorities and Kela', async () => {
    const parties = await query<{ code: string; parties: string[] }>(`
      SELECT ca.code, array_agg(p.organisation_code || ':' || p.role ORDER BY p.organisation_code, p.role) AS parties
        FROM resourcing.cooperation_areas ca
        JOIN resourcing.cooperation_area_parties p ON p.cooperation_area_id = ca.id
       GROUP BY ca.code`);
    const of = (code: string) => parties.find((p) => p.code === code)?.parties;
    expect(of('helsinki')).toEqual([
      'helsinki:employment_authority',
      'helsinki:wellbeing_county',
      'kela:kela',
    ]);
    // Kerava–Sipoo spans two counties, so its authority is a party of both default areas.
    expect(of('vantaa-kerava')).toEqual([
      'ea-kerava-sipoo:employment_authority',
      'ea-vantaa:employment_authority',
      'hva-vantaa-kerava:wellbeing_county',
      'kela:kela',
    ]);
    expect(of('ita-uusimaa')).toEqual([
      'ea-kerava-sipoo:employment_authority',
      'ea-porvoo:employment_authority',
      'hva-ita-uusimaa:wellbeing_county',
      'kela:kela',
    ]);
    // Lahti and the Päijät-Häme area share one county.
    expect(of('paijat-hame')).toEqual([
      'ea-lahti:employment_authority',
      'ea-paijat-hame:employment_authority',
      'hva-paijat-hame:wellbeing_county',
      'kela:kela',
    ]);
    expect(of('pohjanmaa')).toEqual([
      'ea-pietarsaaren-seutu:employment_authority',
      'ea-pohjanmaa:employment_authority',
      'ea-suupohja:employment_authority',
      'hva-pohjanmaa:wellbeing_county',
      'kela:kela',
    ]);
    expect(of('kymenlaakso')).toEqual([
      'ea-etela-kymenlaakso:employment_authority',
      'ea-kouvola:employment_authority',
      'hva-kymenlaakso:wellbeing_county',
      'kela:kela',
    ]);
    expect(of('lappi')).toEqual([
      'ea-meri-lappi:employment_authority',
      'ea-pohjois-ja-ita-lappi:employment_authority',
      'ea-rovaseutu:employment_authority',
      'ea-tunturi-lappi-pello:employment_authority',
      'hva-lappi:wellbeing_county',
      'kela:kela',
    ]);
    // The other county-crossing areas are parties of both counties' areas.
    expect(of('pirkanmaa')).toContain('ea-etelainen-keski-suomi:employment_authority');
    expect(of('keski-suomi')).toContain('ea-etelainen-keski-suomi:employment_authority');
    expect(of('kainuu')).toContain('ea-kainuu-koillismaa:employment_authority');
    expect(of('pohjois-pohjanmaa')).toContain('ea-kainuu-koillismaa:employment_authority');
    expect(of('etela-savo')).toContain('ea-keski-savo:employment_authority');
    expect(of('pohjois-savo')).toContain('ea-keski-savo:employment_authority');
    // Every county has at least one employment authority, so every mainland municipality routes.
    expect(parties).toHaveLength(22);
    for (const p of parties) expect(p.parties.some((x) => x.endsWith(':employment_authority'))).toBe(true);
  });

  it('moves municipalities that an earlier load put in the wrong area, but not an administrator’s', async () => {
    // A database loaded from the earlier 19-area file: Kymppi held the five Kymenlaakso
    // municipalities that form Etelä-Kymenlaakso, and 26 areas were missing.
    const old = await createTestDatabase();
    try {
      const data = loadReferenceData();
      const missing = new Set(['etela-kymenlaakso', 'tampereen-seutu', 'turku', 'oulun-seutu', 'kuopio']);
      const earlier = {
        ...data,
        employmentAreas: data.employmentAreas
          .filter((a) => !missing.has(a.id))
          .map((a) =>
            a.id === 'kymppi'
              ? { ...a, status: 'derived' as const, municipalityCodes: ['075', '285', '489', '624', '935'] }
              : a,
          ),
        organisations: data.organisations.filter((o) => ![...missing].some((id) => o.code === `ea-${id}`)),
      };
      await seedReferenceData(old.db, { clock, data: earlier });
      // An administrator has taken Salo (284) out of the Salo area into an area of their own.
      await old.db.execute(
        sql`DELETE FROM resourcing.employment_area_municipalities WHERE municipality_code = '284'`,
      );
      await old.db.execute(sql`INSERT INTO resourcing.organisations (code, name_fi, name_sv, name_en, kind)
        VALUES ('ea-salon-kaupunki', 'Salo', 'Salo', 'Salo', 'municipality')`);
      await old.db.execute(
        sql`INSERT INTO resourcing.organisation_roles VALUES ('ea-salon-kaupunki', 'employment_authority')`,
      );
      await old.db.execute(sql`INSERT INTO resourcing.employment_areas (id, name_fi, model, status, organisation_code)
        VALUES ('salon-kaupunki', 'Salo', 'alone', 'administered', 'ea-salon-kaupunki')`);
      await old.db.execute(
        sql`INSERT INTO resourcing.employment_area_municipalities VALUES ('284', 'salon-kaupunki')`,
      );
      const memberOf = async (code: string) =>
        (
          await old.db.execute<{ id: string }>(
            sql`SELECT employment_area_id AS id FROM resourcing.employment_area_municipalities WHERE municipality_code = ${code}`,
          )
        ).rows[0]?.id;
      expect(await memberOf('285')).toBe('kymppi');

      const summary = await seedReferenceData(old.db, { clock });
      expect(summary.employmentAreas).toBe(46);
      for (const code of ['075', '285', '489', '624', '935'])
        expect(await memberOf(code)).toBe('etela-kymenlaakso');
      for (const code of ['005', '233', '989']) expect(await memberOf(code)).toBe('kymppi');
      expect(await memberOf('837')).toBe('tampereen-seutu');
      // The administrator's decision stands.
      expect(await memberOf('284')).toBe('salon-kaupunki');
      const members = await old.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM resourcing.employment_area_municipalities`,
      );
      expect(members.rows[0]?.n).toBe(292); // Pertunmaa (588) merged before 2025
      const kymenlaakso = await old.db.execute<{ code: string }>(sql`
        SELECT p.organisation_code AS code FROM resourcing.cooperation_area_parties p
          JOIN resourcing.cooperation_areas ca ON ca.id = p.cooperation_area_id
         WHERE ca.code = 'kymenlaakso' AND p.role = 'employment_authority' ORDER BY 1`);
      // Kymppi no longer serves Kymenlaakso: its party there goes (nothing depends on it), and
      // it joins Etelä-Pohjanmaa's area. Suupohja's authority, still serving both counties, stays.
      expect(kymenlaakso.rows.map((r) => r.code)).toEqual(['ea-etela-kymenlaakso', 'ea-kouvola']);
      const partiesOf = async (area: string) =>
        (
          await old.db.execute<{ code: string }>(sql`
            SELECT p.organisation_code AS code FROM resourcing.cooperation_area_parties p
              JOIN resourcing.cooperation_areas ca ON ca.id = p.cooperation_area_id
             WHERE ca.code = ${area} AND p.role = 'employment_authority' ORDER BY 1`)
        ).rows.map((r) => r.code);
      expect(await partiesOf('etela-pohjanmaa')).toContain('ea-kymppi');
      expect(await partiesOf('pohjanmaa')).toContain('ea-suupohja');

      // And a further run changes nothing.
      expect((await seedReferenceData(old.db, { clock })).changedRows).toBe(0);
    } finally {
      await old.destroy();
    }
  });

  it('keeps a former party of a cooperation area while its staff are allocated there', async () => {
    const old = await createTestDatabase();
    try {
      const data = loadReferenceData();
      const earlier = {
        ...data,
        employmentAreas: data.employmentAreas
          .filter((a) => a.id !== 'etela-kymenlaakso')
          .map((a) =>
            a.id === 'kymppi' ? { ...a, municipalityCodes: ['075', '285', '489', '624', '935'] } : a,
          ),
        organisations: data.organisations.filter((o) => o.code !== 'ea-etela-kymenlaakso'),
      };
      await seedReferenceData(old.db, { clock, data: earlier });
      await old.db.execute(sql`
        WITH s AS (INSERT INTO resourcing.staff (organisation_code, subject, display_name)
                   VALUES ('ea-kymppi', 'k1', 'K') RETURNING id)
        INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte)
        SELECT s.id, ca.id, 0.5 FROM s, resourcing.cooperation_areas ca WHERE ca.code = 'kymenlaakso'`);
      await seedReferenceData(old.db, { clock });
      const parties = await old.db.execute<{ code: string }>(sql`
        SELECT p.organisation_code AS code FROM resourcing.cooperation_area_parties p
          JOIN resourcing.cooperation_areas ca ON ca.id = p.cooperation_area_id
         WHERE ca.code = 'kymenlaakso' AND p.role = 'employment_authority' ORDER BY 1`);
      expect(parties.rows.map((r) => r.code)).toEqual(['ea-etela-kymenlaakso', 'ea-kouvola', 'ea-kymppi']);
      expect((await seedReferenceData(old.db, { clock })).changedRows).toBe(0);
    } finally {
      await old.destroy();
    }
  });

  it('enforces the directory’s rules in the database', async () => {
    const fails = (statement: string) => expect(database.db.execute(sql.raw(statement))).rejects.toThrow();
    // A municipality belongs to one employment area only.
    await fails(`INSERT INTO resourcing.employment_area_municipalities VALUES ('245', 'vantaa')`);
    // A party can only play a role its organisation holds.
    await fails(`INSERT INTO resourcing.cooperation_area_parties
      SELECT id, 'kela', 'wellbeing_county' FROM resourcing.cooperation_areas WHERE code = 'lappi'`);
    await fails(`INSERT INTO resourcing.organisations (code, name_fi, name_sv, name_en, kind)
      VALUES ('Bad Code', 'a', 'b', 'c', 'kela')`);
    await fails(`INSERT INTO resourcing.municipalities VALUES ('12', 'a', 'b', 'fi', 'r', NULL)`);
    await fails(`INSERT INTO resourcing.cooperation_areas (code, name_fi, name_sv, wellbeing_county_id, is_default)
      VALUES ('lappi-2', 'a', 'b', 'lappi', true)`);
    const [staff] = await query<{
      id: string;
    }>(`INSERT INTO resourcing.staff (organisation_code, subject, display_name)
      VALUES ('kela', 's1', 'S') RETURNING id`);
    await fails(`INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte)
      SELECT '${staff?.id}', id, 1.5 FROM resourcing.cooperation_areas WHERE code = 'lappi'`);
    await fails(`INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte)
      SELECT '${staff?.id}', id, 0 FROM resourcing.cooperation_areas WHERE code = 'lappi'`);
    await fails(`UPDATE resourcing.staff SET roles = ARRAY['superuser'] WHERE id = '${staff?.id}'`);
    await fails(`UPDATE resourcing.staff SET languages = ARRAY['fi', 'Swedish'] WHERE id = '${staff?.id}'`);
    await fails(`INSERT INTO resourcing.staff_allocations (staff_id, cooperation_area_id, fte, competences)
      SELECT '${staff?.id}', id, 0.5, ARRAY['Social Work'] FROM resourcing.cooperation_areas WHERE code = 'lappi'`);
    await fails(
      `INSERT INTO resourcing.staff (organisation_code, subject, display_name) VALUES ('kela', 's1', 'Other')`,
    );
  });
});
