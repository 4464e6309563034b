import { DEADLINE_KINDS, type DueDate, explainDueDate, type Lang, todayInHelsinki } from '@tym/domain';
import { AppError, decodeCursor, encodeCursor, type Principal } from '@tym/platform';
import type { NotificationsDeps } from '../deps.js';
import { deadlineScopeCondition, deadlineScopeOf, seesCase } from './deadline-visibility.js';
import { DeadlineErrors } from './deadlines.errors.js';
import {
  type DeadlineRow,
  type DeadlineViewStatus,
  findDeadlinePage,
  viewStatusOf,
} from './deadlines.repository.js';

export interface DeadlineView {
  row: DeadlineRow;
  status: DeadlineViewStatus;
  explanation: string | null;
}

interface DeadlineCursor {
  d: string;
  i: string;
}
const isDeadlineCursor = (v: unknown): v is DeadlineCursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as DeadlineCursor).d === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test((v as DeadlineCursor).d) &&
  typeof (v as DeadlineCursor).i === 'string' &&
  /^[0-9a-f-]{36}$/.test((v as DeadlineCursor).i);

const BASES = ['time_limit', 'retention', 'term'];

/**
 * How the date was computed, in words (explainDueDate of @tym/domain), from the stored
 * computation; null for dates written into a plan (client report, plan actions), which no
 * rule computes.
 */
export function explanationOf(row: DeadlineRow, lang: Lang): string | null {
  const c = row.computation;
  const complete =
    typeof c.from === 'string' &&
    typeof c.amount === 'number' &&
    (c.unit === 'months' || c.unit === 'days') &&
    typeof c.nominalOn === 'string' &&
    typeof c.basis === 'string' &&
    BASES.includes(c.basis);
  if (!complete) return null;
  try {
    return explainDueDate(
      {
        from: c.from,
        amount: c.amount,
        unit: c.unit,
        nominalOn: c.nominalOn,
        dueOn: row.dueOn,
        monthEndClamped: c.monthEndClamped === true,
        skipped: Array.isArray(c.skipped) ? c.skipped : [],
        basis: c.basis,
      } as DueDate,
      lang,
    );
  } catch {
    return null;
  }
}

export function isDeadlineKind(kind: string): boolean {
  return (DEADLINE_KINDS as readonly string[]).includes(kind);
}

export async function listDeadlines(
  deps: NotificationsDeps,
  p: Principal,
  lang: Lang,
  query: {
    cooperationAreaId?: string | undefined;
    caseId?: string | undefined;
    kind?: string | undefined;
    status?: DeadlineViewStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: DeadlineView[]; nextCursor: string | null }> {
  let after: { dueOn: string; id: string } | undefined;
  if (query.cursor) {
    const c = decodeCursor(query.cursor, isDeadlineCursor);
    if (!c) {
      throw new AppError(DeadlineErrors.DEADLINE_CURSOR_INVALID, {
        errors: [{ location: 'query.cursor', message: 'is not a cursor of this list' }],
      });
    }
    after = { dueOn: c.d, id: c.i };
  }
  const scope = await deadlineScopeOf(deps.db, p);
  if (query.caseId && !(await seesCase(deps.db, scope, query.caseId))) {
    throw new AppError(DeadlineErrors.DEADLINE_CASE_NOT_FOUND);
  }
  const today = todayInHelsinki(deps.clock.now());
  const rows = await findDeadlinePage(deps.db, deadlineScopeCondition(scope), {
    cooperationAreaId: query.cooperationAreaId,
    caseId: query.caseId,
    kind: query.kind,
    status: query.status,
    today,
    after,
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => ({
      row,
      status: viewStatusOf(row, today),
      explanation: explanationOf(row, lang),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ d: last.dueOn, i: last.id }) : null,
  };
}
