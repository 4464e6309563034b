import {
  addDays,
  endOfDayInHelsinki,
  type LocalDate,
  startOfDayInHelsinki,
  todayInHelsinki,
} from '@tym/domain';

/**
 * The timers of one deadline version (architecture.md, Jobs): reminders `lead` days before
 * it is due, the due notice at the start of the due day, and the escalation when the due day
 * has ended (the deadline is met by anything before the end of its day, domain.md §3) — all
 * on Europe/Helsinki dates. A `case.erasure` deadline has one step: erase once its day has
 * ended (381/2023 §12(2)).
 */
export type DeadlineStep = `remind-${number}` | 'due' | 'escalate' | 'erase';

export interface DeadlineTimer {
  step: DeadlineStep;
  /** The local date the step belongs to. */
  fireOn: LocalDate;
  /** The instant it becomes due. */
  fireAt: Date;
}

export interface TimerSource {
  kind: string;
  dueOn: LocalDate;
  /** When this version was written (moves and new deadlines set it). */
  updatedAt: Date;
}

export const ERASURE_KIND = 'case.erasure';
/** The longest lead time honoured; bounds the sweep's look-ahead. */
export const MAX_LEAD_DAYS = 90;

/** Lead days as the agreement gives them: positive, at most MAX_LEAD_DAYS, largest first. */
export function normaliseLeadDays(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isInteger(d) && d > 0 && d <= MAX_LEAD_DAYS))].sort(
    (a, b) => b - a,
  );
}

/**
 * Every step of a deadline version. A reminder whose day came before the version was set
 * does not apply (a deadline set 2 days ahead gets no "14 days" reminder), so the same
 * version always has the same steps wherever they are computed: the dispatcher, the sweep
 * and the processor agree.
 */
export function timersOf(row: TimerSource, leadDays: readonly number[]): DeadlineTimer[] {
  if (row.kind === ERASURE_KIND) {
    return [{ step: 'erase', fireOn: addDays(row.dueOn, 1), fireAt: endOfDayInHelsinki(row.dueOn) }];
  }
  const setOn = todayInHelsinki(row.updatedAt);
  const timers: DeadlineTimer[] = [];
  for (const lead of normaliseLeadDays(leadDays)) {
    const fireOn = addDays(row.dueOn, -lead);
    if (fireOn >= setOn)
      timers.push({ step: `remind-${lead}`, fireOn, fireAt: startOfDayInHelsinki(fireOn) });
  }
  timers.push({ step: 'due', fireOn: row.dueOn, fireAt: startOfDayInHelsinki(row.dueOn) });
  timers.push({
    step: 'escalate',
    fireOn: addDays(row.dueOn, 1),
    fireAt: endOfDayInHelsinki(row.dueOn),
  });
  return timers;
}

/** The final step of a version: once it has fired, the sweep leaves the version alone. */
export function finalStepOf(kind: string): DeadlineStep {
  return kind === ERASURE_KIND ? 'erase' : 'escalate';
}

/** The lead days of a `remind-<n>` step, else null. */
export function leadOf(step: string): number | null {
  const m = /^remind-(\d+)$/.exec(step);
  return m ? Number(m[1]) : null;
}
