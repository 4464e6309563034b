import { deadlines, type Queryable } from '@tym/db';
import { addDays } from '@tym/domain';
import { and, asc, eq, gt, gte, lt, lte, type SQL, sql } from 'drizzle-orm';

export type DeadlineRow = typeof deadlines.$inferSelect;

export const DEADLINE_VIEW_STATUSES = [
  'upcoming',
  'due_soon',
  'overdue',
  'met',
  'met_late',
  'cancelled',
] as const;
export type DeadlineViewStatus = (typeof DEADLINE_VIEW_STATUSES)[number];

/** A pending deadline is "due soon" when it falls due within this many days (today included). */
export const DUE_SOON_DAYS = 14;

/** The status a reader sees, from the row and today's date in Helsinki. */
export function viewStatusOf(row: { status: string; dueOn: string }, today: string): DeadlineViewStatus {
  if (row.status !== 'pending') return row.status as DeadlineViewStatus;
  if (row.dueOn < today) return 'overdue';
  if (row.dueOn <= addDays(today, DUE_SOON_DAYS)) return 'due_soon';
  return 'upcoming';
}

function statusCondition(status: DeadlineViewStatus, today: string): SQL | undefined {
  const soon = addDays(today, DUE_SOON_DAYS);
  switch (status) {
    case 'overdue':
      return and(eq(deadlines.status, 'pending'), lt(deadlines.dueOn, today));
    case 'due_soon':
      return and(eq(deadlines.status, 'pending'), gte(deadlines.dueOn, today), lte(deadlines.dueOn, soon));
    case 'upcoming':
      return and(eq(deadlines.status, 'pending'), gt(deadlines.dueOn, soon));
    default:
      return eq(deadlines.status, status);
  }
}

export async function findDeadlinePage(
  db: Queryable,
  scope: SQL,
  filter: {
    cooperationAreaId?: string | undefined;
    caseId?: string | undefined;
    kind?: string | undefined;
    status?: DeadlineViewStatus | undefined;
    today: string;
    after?: { dueOn: string; id: string } | undefined;
    limit: number;
  },
): Promise<DeadlineRow[]> {
  return db
    .select()
    .from(deadlines)
    .where(
      and(
        scope,
        filter.cooperationAreaId ? eq(deadlines.cooperationAreaId, filter.cooperationAreaId) : undefined,
        filter.caseId ? eq(deadlines.caseId, filter.caseId) : undefined,
        filter.kind ? eq(deadlines.kind, filter.kind) : undefined,
        filter.status ? statusCondition(filter.status, filter.today) : undefined,
        filter.after
          ? sql`(${deadlines.dueOn}, ${deadlines.id}) > (${filter.after.dueOn}::date, ${filter.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id))
    .limit(filter.limit);
}
