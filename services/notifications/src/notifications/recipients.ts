import { notificationSettings, type Queryable } from '@tym/db';
import type { Lang } from '@tym/domain';
import { findCaseTeam } from '@tym/referrals';
import { findStaffById, listAreaStaff, listOrganisationStaffWithRole } from '@tym/resourcing';
import { and, eq, inArray, or } from 'drizzle-orm';

/** A staff member who is told: their inbox is (`organisationCode`, `subject`). */
export interface StaffRecipient {
  staffId: string | null;
  organisationCode: string;
  subject: string;
  email: string | null;
}

/** A staff recipient with their notification settings applied. */
export interface ResolvedRecipient extends StaffRecipient {
  language: Lang;
  emailEnabled: boolean;
}

/** Someone outside the staff (a client, a guest) told only by e-mail. */
export interface ExternalRecipient {
  address: string;
  language: Lang;
  /** Further languages the same e-mail repeats itself in (a client whose language is unknown). */
  alsoIn?: Lang[];
}

function dedupe(list: StaffRecipient[]): StaffRecipient[] {
  const seen = new Map<string, StaffRecipient>();
  for (const r of list) {
    const key = `${r.organisationCode}:${r.subject}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}

/** The current case team (services/referrals), with each member's work e-mail. */
export async function caseTeamRecipients(db: Queryable, caseId: string): Promise<StaffRecipient[]> {
  const team = await findCaseTeam(db, caseId);
  const out: StaffRecipient[] = [];
  for (const m of team) {
    const staff = await findStaffById(db, m.staffId);
    if (staff && !staff.active) continue;
    out.push({
      staffId: m.staffId,
      organisationCode: m.organisationCode,
      subject: m.subject,
      email: staff?.email ?? null,
    });
  }
  return dedupe(out);
}

/**
 * The coordinators of a cooperation area who work for one of `organisations` — the parties of
 * the deadline or event (for a client's, the client's parties: another employment authority
 * of the same area is not one, domain.md §1): active staff with the `coordinator` role who
 * are allocated to the area (resourcing's `listAreaStaff`). When nobody is allocated, the
 * coordinators of those organisations — an escalation must reach someone.
 */
export async function areaCoordinators(
  db: Queryable,
  cooperationAreaId: string | null,
  organisations: string[],
): Promise<StaffRecipient[]> {
  if (!organisations.length) return [];
  if (cooperationAreaId) {
    const allocated = await listAreaStaff(db, cooperationAreaId, {
      organisationCodes: organisations,
      role: 'coordinator',
    });
    if (allocated.length) return allocated.map(toRecipient);
  }
  return organisationStaffWithRole(db, organisations, 'coordinator');
}

const toRecipient = (r: {
  staffId: string;
  organisationCode: string;
  subject: string;
  email: string | null;
}) => ({
  staffId: r.staffId,
  organisationCode: r.organisationCode,
  subject: r.subject,
  email: r.email,
});

/** Active staff of the organisations holding `role` (administrators for quota events). */
export async function organisationStaffWithRole(
  db: Queryable,
  organisationCodes: string[],
  role: 'coordinator' | 'admin',
): Promise<StaffRecipient[]> {
  return (await listOrganisationStaffWithRole(db, organisationCodes, role)).map(toRecipient);
}

/** Applies each person's settings: language (else `defaultLanguage`) and e-mail on/off. */
export async function withSettings(
  db: Queryable,
  recipients: StaffRecipient[],
  defaultLanguage: Lang,
): Promise<ResolvedRecipient[]> {
  if (!recipients.length) return [];
  const orgs = [...new Set(recipients.map((r) => r.organisationCode))];
  const rows = await db
    .select()
    .from(notificationSettings)
    .where(
      and(
        inArray(notificationSettings.organisationCode, orgs),
        or(...recipients.map((r) => eq(notificationSettings.subject, r.subject))),
      ),
    );
  const byKey = new Map(rows.map((r) => [`${r.organisationCode}:${r.subject}`, r]));
  return recipients.map((r) => {
    const s = byKey.get(`${r.organisationCode}:${r.subject}`);
    return { ...r, language: s?.language ?? defaultLanguage, emailEnabled: s?.emailEnabled ?? true };
  });
}
