import type { Queryable } from '@tym/db';
import { todayInHelsinki } from '@tym/domain';
import { DEFAULT_REMINDER_LEAD_DAYS, findAgreementSettings } from '@tym/resourcing';

export { DEFAULT_REMINDER_LEAD_DAYS };

/** Lead days by area and day, for one sweep or one dispatch (agreements change rarely). */
export type LeadDaysCache = Map<string, readonly number[]>;

/**
 * Days before a deadline that its reminders go out: the setting of the cooperation agreement
 * in force in the deadline's area (services/resourcing), else 14 and 3 days. Read as of the
 * day the deadline version was set, so the steps of one version are the same wherever and
 * whenever they are computed (dispatcher, processor, sweep).
 */
export async function reminderLeadDays(
  db: Queryable,
  row: { cooperationAreaId: string | null; updatedAt: Date },
  cache?: LeadDaysCache,
): Promise<readonly number[]> {
  if (!row.cooperationAreaId) return DEFAULT_REMINDER_LEAD_DAYS;
  const on = todayInHelsinki(row.updatedAt);
  const key = `${row.cooperationAreaId}:${on}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const settings = await findAgreementSettings(db, row.cooperationAreaId, on);
  const days = settings.reminderLeadDays.length ? settings.reminderLeadDays : DEFAULT_REMINDER_LEAD_DAYS;
  cache?.set(key, days);
  return days;
}
