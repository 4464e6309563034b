import { createTestDatabase, type TestDatabase } from '@tym/db/testing';
import { fixedClock } from '@tym/platform';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { loadReferenceData } from './reference-data.js';
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
    expect(data.employmentAreas).toHaveLength(19);
    // Kela + 21 HVAs + Helsinki + 18 employment authorities other than Helsinki.
    expect(data.organisations).toHaveLength(41);
    expect(data.organisations.find((o) => o.code === 'helsinki')?.roles.sort()).toEqual([
      'employment_authority',
      'wellbeing_county',
    ]);
    const provisional = data.employmentAreas.find((a) => a.id === 'pori');
    expect(provisional).toMatchObject({ nameFi: 'Porin seudun työllisyysalue', nameProvisional: true });
    expect(data.employmentAreas.find((a) => a.id === 'keski-uusimaa')?.hostMunicipalityCode).toBe('186');
  });

  it('seeds everything in one run and changes nothing on a second run', async () => {
    const first = await seedReferenceData(database.db, { clock });
    expect(first).toMatchObject({
      municipalities: 309,
      wellbeingCounties: 22,
      organisations: 41,
      employmentAreas: 19,
      cooperationAreas: 22,
    });
    expect(first.changedRows).toBeGreaterThan(0);
    const after1 = await counts();
    expect(after1).toMatchObject({
      'resourcing.organisations': 41,
      // 41 organisations, Helsinki with two roles.
      'resourcing.organisation_roles': 42,
      'resourcing.wellbeing_counties': 22,
      'resourcing.municipalities': 309,
      'resourcing.employment_areas': 19,
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
      'ea-suupohja:employment_authority',
      'hva-pohjanmaa:wellbeing_county',
      'kela:kela',
    ]);
    // A county with no configured employment area yet: the organiser and Kela only.
    expect(of('lappi')).toEqual(['hva-lappi:wellbeing_county', 'kela:kela']);
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
