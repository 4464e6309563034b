import type { TestPlatform } from '@tym/platform/testing';

/** A staff member as the tests need one; created through resourcing's own routes. */
export interface StaffSpec {
  org: string;
  /** The token subject of the person. */
  sub: string;
  /** Roles of the person (`admin` is a token role only and is left out of the staff record). */
  roles: string[];
  /** Cooperation area codes to allocate the person to, 0.5 FTE each (at most two). */
  areas?: string[];
  active?: boolean;
  email?: string;
}

/** The directory of a test app: cooperation areas by code and staff through resourcing's routes. */
export interface Directory {
  /** Cooperation area id by code (`vantaa-kerava`, `helsinki`, …); throws for an unknown code. */
  area(code: string): string;
  /** Creates a staff member as their organisation's admin; returns the id. */
  staff(spec: StaffSpec): Promise<string>;
}

type Platform = Pick<TestPlatform, 'app' | 'bearer'>;

/** The cooperation areas of the reference data, read once through `GET /v1/cooperation-areas`. */
export async function loadDirectory(t: Platform): Promise<Directory> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/v1/cooperation-areas',
    headers: { authorization: t.bearer('kela', ['admin']) },
  });
  if (res.statusCode !== 200) throw new Error(`cooperation areas ${res.statusCode}: ${res.body}`);
  const ids = new Map<string, string>();
  for (const a of res.json().items as Array<{ id: string; code: string }>) ids.set(a.code, a.id);
  const area = (code: string): string => {
    const id = ids.get(code);
    if (!id) throw new Error(`no cooperation area ${code}`);
    return id;
  };
  return {
    area,
    staff: (spec) => createStaff(t, area, spec),
  };
}

async function createStaff(t: Platform, area: (code: string) => string, spec: StaffSpec): Promise<string> {
  const admin = { authorization: t.bearer(spec.org, ['admin'], `${spec.org}-admin`) };
  const created = await t.app.inject({
    method: 'POST',
    url: '/v1/staff',
    headers: admin,
    payload: {
      subject: spec.sub,
      displayName: `Staff ${spec.sub}`,
      roles: spec.roles.filter((r) => r !== 'admin'),
      ...(spec.active === undefined ? {} : { active: spec.active }),
      ...(spec.email ? { email: spec.email } : {}),
    },
  });
  if (created.statusCode !== 201) throw new Error(`staff create ${created.statusCode}: ${created.body}`);
  const id = created.json().id as string;
  if (spec.areas?.length) {
    const put = await t.app.inject({
      method: 'PUT',
      url: `/v1/staff/${id}/allocations`,
      headers: admin,
      payload: { allocations: spec.areas.map((code) => ({ cooperationAreaId: area(code), fte: 0.5 })) },
    });
    if (put.statusCode !== 200) throw new Error(`allocations ${put.statusCode}: ${put.body}`);
  }
  return id;
}
