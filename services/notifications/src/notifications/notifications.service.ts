import { AppError, decodeCursor, encodeCursor, type Principal } from '@tym/platform';
import type { NotificationsDeps } from '../deps.js';
import { findSettings } from '../settings/settings.repository.js';
import { renderNotification } from './notification-texts.js';
import { NotificationErrors } from './notifications.errors.js';
import {
  countUnread,
  findInboxPage,
  type InboxRow,
  markAllRead,
  markRead,
} from './notifications.repository.js';

type Lang = 'fi' | 'sv' | 'en';

export interface NotificationView {
  row: InboxRow;
  title: string;
  body: string;
  link: string | null;
}

interface InboxCursor {
  t: string;
  i: string;
}
const isInboxCursor = (v: unknown): v is InboxCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as InboxCursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as InboxCursor).t)) &&
  typeof (v as InboxCursor).i === 'string' &&
  /^[0-9a-f-]{36}$/.test((v as InboxCursor).i);

/** The reader's language: their setting, else what the request negotiated. */
export async function readerLanguage(
  deps: NotificationsDeps,
  p: Principal,
  requestLang: Lang,
): Promise<Lang> {
  return (await findSettings(deps.db, p.org, p.sub))?.language ?? requestLang;
}

function view(deps: NotificationsDeps, row: InboxRow, lang: Lang): NotificationView {
  const rendered = renderNotification(
    row.kind,
    row.params,
    lang,
    deps.publicBaseUrl ?? 'http://127.0.0.1:3000',
  );
  return { row, ...rendered };
}

export async function listNotifications(
  deps: NotificationsDeps,
  p: Principal,
  lang: Lang,
  query: { unread?: boolean | undefined; cursor?: string | undefined; limit: number },
) {
  let before: { at: Date; id: string } | undefined;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, isInboxCursor);
    if (!c) {
      throw new AppError(NotificationErrors.NOTIFICATION_CURSOR_INVALID, {
        errors: [{ location: 'query.cursor', message: 'is not a cursor of this list' }],
      });
    }
    before = { at: new Date(c.t), id: c.i };
  }
  const owner = { org: p.org, sub: p.sub };
  const rows = await findInboxPage(deps.db, owner, { unread: query.unread, before, limit: query.limit + 1 });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => view(deps, r, lang)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ t: last.createdAt.toISOString(), i: last.id })
        : null,
    unreadCount: await countUnread(deps.db, owner),
  };
}

export async function readNotification(deps: NotificationsDeps, p: Principal, lang: Lang, id: string) {
  const row = await markRead(deps.db, { org: p.org, sub: p.sub }, id, deps.clock.now());
  // Another person's notification does not exist for the caller.
  if (!row) throw new AppError(NotificationErrors.NOTIFICATION_NOT_FOUND);
  return view(deps, row, lang);
}

export async function readAllNotifications(deps: NotificationsDeps, p: Principal) {
  return markAllRead(deps.db, { org: p.org, sub: p.sub }, deps.clock.now());
}
