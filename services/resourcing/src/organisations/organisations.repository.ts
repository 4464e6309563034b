import {
  cooperationAreaParties,
  cooperationAreas,
  employmentAreas,
  type OrganisationKind,
  organisationRoles,
  organisations,
  type PartyRole,
  type Queryable,
  wellbeingCounties,
} from '@tym/db';
import { asc, eq, sql } from 'drizzle-orm';

export interface OrganisationRow {
  code: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  kind: OrganisationKind;
  roles: PartyRole[];
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganisationAreaRow {
  id: string;
  code: string;
  nameFi: string;
  nameSv: string;
  roles: PartyRole[];
}

const rolesOf = sql<PartyRole[]>`coalesce(
  (SELECT array_agg(r.role ORDER BY r.role) FROM resourcing.organisation_roles r
    WHERE r.organisation_code = organisations.code), '{}'::text[])`;

const columns = {
  code: organisations.code,
  nameFi: organisations.nameFi,
  nameSv: organisations.nameSv,
  nameEn: organisations.nameEn,
  kind: organisations.kind,
  roles: rolesOf,
  createdAt: organisations.createdAt,
  updatedAt: organisations.updatedAt,
};

export async function findOrganisationRows(
  db: Queryable,
  filter: { role?: PartyRole } = {},
): Promise<OrganisationRow[]> {
  const query = db.select(columns).from(organisations);
  const filtered = filter.role
    ? query.where(
        sql`EXISTS (SELECT 1 FROM resourcing.organisation_roles r
          WHERE r.organisation_code = organisations.code AND r.role = ${filter.role})`,
      )
    : query;
  return filtered.orderBy(asc(organisations.code));
}

/** The organisation; its row locked when `forUpdate`, so concurrent renames queue up. */
export async function findOrganisationRow(
  db: Queryable,
  code: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrganisationRow | null> {
  if (options.forUpdate) {
    // Locked on its own: FOR UPDATE cannot name a schema-qualified table beside the roles subquery.
    await db
      .select({ code: organisations.code })
      .from(organisations)
      .where(eq(organisations.code, code))
      .for('update');
  }
  const [row] = await db.select(columns).from(organisations).where(eq(organisations.code, code));
  return row ?? null;
}

/** The cooperation areas an organisation is a party of, with its roles in each. */
export async function findOrganisationAreaRows(db: Queryable, code: string): Promise<OrganisationAreaRow[]> {
  return db
    .select({
      id: cooperationAreas.id,
      code: cooperationAreas.code,
      nameFi: cooperationAreas.nameFi,
      nameSv: cooperationAreas.nameSv,
      roles: sql<
        PartyRole[]
      >`array_agg(${cooperationAreaParties.role} ORDER BY ${cooperationAreaParties.role})`,
    })
    .from(cooperationAreaParties)
    .innerJoin(cooperationAreas, eq(cooperationAreas.id, cooperationAreaParties.cooperationAreaId))
    .where(eq(cooperationAreaParties.organisationCode, code))
    .groupBy(cooperationAreas.id)
    .orderBy(asc(cooperationAreas.code));
}

export async function findEmploymentAreaIdOf(db: Queryable, code: string): Promise<string | null> {
  const [row] = await db
    .select({ id: employmentAreas.id })
    .from(employmentAreas)
    .where(eq(employmentAreas.organisationCode, code));
  return row?.id ?? null;
}

export async function findCountyIdOrganisedBy(db: Queryable, code: string): Promise<string | null> {
  const [row] = await db
    .select({ id: wellbeingCounties.id })
    .from(wellbeingCounties)
    .where(eq(wellbeingCounties.organiserCode, code));
  return row?.id ?? null;
}

export async function updateOrganisationNames(
  db: Queryable,
  code: string,
  names: { nameFi?: string; nameSv?: string; nameEn?: string },
  now: Date,
): Promise<void> {
  await db
    .update(organisations)
    .set({ ...names, updatedAt: now })
    .where(eq(organisations.code, code));
}

/** Inserts the organisation unless it exists; true when this call created it. */
export async function insertOrganisationIfMissing(
  db: Queryable,
  row: { code: string; nameFi: string; nameSv: string; nameEn: string; kind: OrganisationKind },
  now: Date,
): Promise<boolean> {
  const rows = await db
    .insert(organisations)
    .values({ ...row, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ code: organisations.code });
  return rows.length > 0;
}

/** Gives the organisation a party role unless it holds it; true when this call added it. */
export async function insertOrganisationRoleIfMissing(
  db: Queryable,
  code: string,
  role: PartyRole,
): Promise<boolean> {
  const rows = await db
    .insert(organisationRoles)
    .values({ organisationCode: code, role })
    .onConflictDoNothing()
    .returning({ code: organisationRoles.organisationCode });
  return rows.length > 0;
}
