import { isEventType } from '@tym/jobs';
import { AppError, decodeCursor, encodeCursor } from '@tym/platform';
import type { NotificationsDeps } from '../deps.js';
import { type FeedEventRow, findFeedEvents } from './events.repository.js';

interface FeedCursor {
  p: number;
}
const isFeedCursor = (v: unknown): v is FeedCursor =>
  typeof v === 'object' &&
  v !== null &&
  Number.isSafeInteger((v as FeedCursor).p) &&
  (v as FeedCursor).p >= 0;

export function feedCursor(position: number): string {
  return encodeCursor({ p: position });
}

export interface FeedPage {
  items: FeedEventRow[];
  /** Where to continue: after the last item, or the same place when nothing is new. */
  nextCursor: string;
  hasMore: boolean;
}

/**
 * A page of the organisation's event feed after `after`. The cursor is never null: a
 * system that has caught up keeps polling with the cursor it got, and sees new events as
 * they are committed (positions are assigned in commit order, so none slips behind it).
 */
export async function readFeed(
  deps: NotificationsDeps,
  org: string,
  query: { after?: string | undefined; types?: string[] | undefined; limit: number },
): Promise<FeedPage> {
  let afterPosition = 0;
  if (query.after) {
    const c = decodeCursor(query.after, isFeedCursor);
    if (!c) {
      throw new AppError('EVENT_FEED_CURSOR_INVALID', {
        detail: 'Pass a nextCursor of this feed as it was given.',
        errors: [{ location: 'query.after', message: 'is not a cursor of this feed' }],
      });
    }
    afterPosition = c.p;
  }
  // A filter naming a type the catalog does not know would silently match nothing.
  const unknown = (query.types ?? []).filter((t) => !isEventType(t));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'Filter by event types of the catalog; GET /v1/event-types lists them.',
      errors: unknown.map((t) => ({
        location: 'query.types',
        message: `${t} is not an event type`,
        rule: 'event_type',
      })),
    });
  }
  const rows = await findFeedEvents(deps.db, org, afterPosition, query.types, query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: feedCursor(last?.position ?? afterPosition),
    hasMore: rows.length > query.limit,
  };
}
