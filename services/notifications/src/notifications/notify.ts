import { emailMessages, inboxItems, type Queryable } from '@tym/db';
import type { Lang } from '@tym/domain';
import { type NotificationParams, renderEmail } from './notification-texts.js';
import type { ExternalRecipient, ResolvedRecipient } from './recipients.js';

export interface NotifyOptions {
  /** Base of the links in notifications and e-mails (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** Language of people who have not chosen one. */
  defaultLanguage: Lang;
}

export const DEFAULT_NOTIFY_OPTIONS: NotifyOptions = {
  publicBaseUrl: 'http://127.0.0.1:3000',
  defaultLanguage: 'fi',
};

/** One thing to tell: ids, codes and dates only. */
export interface Notice {
  kind: string;
  /** What caused it: `event:<uuid>` or `deadline:<id>:v<version>:<step>`. */
  sourceKey: string;
  caseId: string | null;
  cooperationAreaId: string | null;
  params: NotificationParams;
}

/** An iCalendar attachment for one recipient (meeting invitations and changes). */
export type IcsFor = (
  recipient: { staff?: ResolvedRecipient; address?: string },
  lang: Lang,
) => Promise<{ ics: string; method: string } | null>;

export interface Delivered {
  inbox: number;
  /** Outbox messages written now; enqueue `email.send` for them after the commit. */
  emailIds: string[];
}

/** The inbox rows of a notice for `staff` (unique per notice and person). */
function inboxRowsOf(notice: Notice, staff: ResolvedRecipient[], now: Date) {
  return staff.map((r) => ({
    organisationCode: r.organisationCode,
    subject: r.subject,
    staffId: r.staffId,
    kind: notice.kind,
    sourceKey: notice.sourceKey,
    caseId: notice.caseId,
    cooperationAreaId: notice.cooperationAreaId,
    params: notice.params,
    createdAt: now,
  }));
}

/** The outbox row of one rendered e-mail of a notice (unique per notice and recipient key). */
function emailRowOf(
  notice: Notice,
  recipientKey: string,
  to: string,
  language: Lang,
  rendered: { subject: string; text: string },
  ics: { ics: string; method: string } | null,
  now: Date,
): typeof emailMessages.$inferInsert {
  return {
    sourceKey: notice.sourceKey,
    recipientKey,
    toAddress: to,
    language,
    kind: notice.kind,
    subjectLine: rendered.subject,
    bodyText: rendered.text,
    ics: ics?.ics ?? null,
    icsMethod: ics?.method ?? null,
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
  };
}

/**
 * Writes a notice into the inboxes of `staff` and the e-mail outbox (staff who have e-mail on
 * and an address; external recipients by address), inside the caller's transaction. Unique
 * keys make a second run add nothing.
 */
export async function deliverNotice(
  tx: Queryable,
  notice: Notice,
  staff: ResolvedRecipient[],
  external: ExternalRecipient[],
  options: NotifyOptions,
  now: Date,
  icsFor?: IcsFor,
): Promise<Delivered> {
  let inbox = 0;
  if (staff.length) {
    const rows = await tx
      .insert(inboxItems)
      .values(inboxRowsOf(notice, staff, now))
      .onConflictDoNothing()
      .returning({ id: inboxItems.id });
    inbox = rows.length;
  }

  const emails: Array<typeof emailMessages.$inferInsert> = [];
  const message = async (
    recipientKey: string,
    to: string,
    lang: Lang,
    who: Parameters<IcsFor>[0],
    alsoIn: Lang[] = [],
  ) => {
    const versions = [lang, ...alsoIn].map((l) =>
      renderEmail(notice.kind, notice.params, l, options.publicBaseUrl),
    );
    const rendered = {
      subject: versions.map((v) => v.subject).join(' / '),
      text: versions.map((v) => v.text).join('\n\n----\n\n'),
    };
    const ics = icsFor ? await icsFor(who, lang) : null;
    emails.push(emailRowOf(notice, recipientKey, to, lang, rendered, ics, now));
  };
  for (const r of staff) {
    if (r.emailEnabled && r.email) {
      await message(`${r.organisationCode}:${r.subject}`, r.email, r.language, { staff: r });
    }
  }
  for (const e of external) {
    await message(`address:${e.address.toLowerCase()}`, e.address, e.language, e, e.alsoIn);
  }
  let emailIds: string[] = [];
  if (emails.length) {
    const rows = await tx
      .insert(emailMessages)
      .values(emails)
      .onConflictDoNothing()
      .returning({ id: emailMessages.id });
    emailIds = rows.map((r) => r.id);
  }
  return { inbox, emailIds };
}

/**
 * Several notices to staff only (the firings of a batch of deadline steps), inside the
 * caller's transaction: one insert of every inbox row and one of every e-mail, the rows and
 * unique keys exactly those `deliverNotice` writes for each. The e-mails written now are
 * returned per notice, in order.
 */
export async function deliverNotices(
  tx: Queryable,
  items: Array<{ notice: Notice; staff: ResolvedRecipient[] }>,
  options: NotifyOptions,
  now: Date,
): Promise<Array<{ emailIds: string[] }>> {
  const inboxRows = items.flatMap(({ notice, staff }) => inboxRowsOf(notice, staff, now));
  if (inboxRows.length) await tx.insert(inboxItems).values(inboxRows).onConflictDoNothing();
  const emails: Array<typeof emailMessages.$inferInsert> = [];
  for (const { notice, staff } of items) {
    for (const r of staff) {
      if (!r.emailEnabled || !r.email) continue;
      const rendered = renderEmail(notice.kind, notice.params, r.language, options.publicBaseUrl);
      emails.push(
        emailRowOf(notice, `${r.organisationCode}:${r.subject}`, r.email, r.language, rendered, null, now),
      );
    }
  }
  const bySource = new Map<string, string[]>();
  if (emails.length) {
    const rows = await tx
      .insert(emailMessages)
      .values(emails)
      .onConflictDoNothing()
      .returning({ id: emailMessages.id, sourceKey: emailMessages.sourceKey });
    for (const r of rows) bySource.set(r.sourceKey, [...(bySource.get(r.sourceKey) ?? []), r.id]);
  }
  return items.map(({ notice }) => ({ emailIds: bySource.get(notice.sourceKey) ?? [] }));
}
