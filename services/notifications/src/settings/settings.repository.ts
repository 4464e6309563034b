import { notificationSettings, type Queryable } from '@tym/db';
import { and, eq } from 'drizzle-orm';

export type SettingsRow = typeof notificationSettings.$inferSelect;

export async function findSettings(db: Queryable, org: string, sub: string): Promise<SettingsRow | null> {
  const [row] = await db
    .select()
    .from(notificationSettings)
    .where(and(eq(notificationSettings.organisationCode, org), eq(notificationSettings.subject, sub)));
  return row ?? null;
}

export async function upsertSettings(
  db: Queryable,
  values: {
    organisationCode: string;
    subject: string;
    emailEnabled: boolean;
    language: 'fi' | 'sv' | 'en' | null;
    now: Date;
  },
): Promise<SettingsRow> {
  const [row] = await db
    .insert(notificationSettings)
    .values({
      organisationCode: values.organisationCode,
      subject: values.subject,
      emailEnabled: values.emailEnabled,
      language: values.language,
      updatedAt: values.now,
    })
    .onConflictDoUpdate({
      target: [notificationSettings.organisationCode, notificationSettings.subject],
      set: { emailEnabled: values.emailEnabled, language: values.language, updatedAt: values.now },
    })
    .returning();
  if (!row) throw new Error('settings upsert returned nothing');
  return row;
}
