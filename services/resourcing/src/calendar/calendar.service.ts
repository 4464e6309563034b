import {
  addDaysDeadline,
  addMonthsDeadline,
  DEADLINE_DATE_RANGE,
  DeadlineOutOfRangeError,
  type DueDate,
  explainDueDate,
  isLocalDate,
  todayInHelsinki,
} from '@tym/domain';
import { AppError, type Clock, type InvalidField, type Lang } from '@tym/platform';

export interface DueDateAnswer extends Omit<DueDate, 'basis'> {
  explanation: string;
  statute: string;
}

/**
 * A time limit counted under 150/1930 (laki säädettyjen määräaikain laskemisesta): months
 * by §3 (same day number, else the month's last day) or days by §2, then moved past
 * weekends and holidays by §5. `from` defaults to today in Helsinki.
 */
export function computeDueDate(
  clock: Clock,
  query: { from?: string; months?: number; days?: number },
  lang: Lang,
): DueDateAnswer {
  const given = [query.months, query.days].filter((v) => v !== undefined).length;
  if (given !== 1) {
    const message = given ? 'give months or days, not both' : 'give months or days';
    const errors: InvalidField[] = (given ? ['query.days'] : ['query.months', 'query.days']).map(
      (location) => ({
        location,
        message,
        rule: 'oneOf',
      }),
    );
    throw new AppError('VALIDATION_FAILED', { detail: `${message}.`, errors });
  }
  const from = query.from ?? todayInHelsinki(clock.now());
  if (!isLocalDate(from)) {
    throw new AppError('VALIDATION_FAILED', {
      detail: 'query.from is not a calendar date.',
      errors: [{ location: 'query.from', message: 'is not a calendar date (YYYY-MM-DD)', rule: 'format' }],
    });
  }
  let due: DueDate;
  try {
    due =
      query.months !== undefined
        ? addMonthsDeadline(from, query.months)
        : addDaysDeadline(from, query.days ?? 0);
  } catch (err) {
    if (!(err instanceof DeadlineOutOfRangeError)) throw err;
    const location =
      err.subject === 'from' ? 'query.from' : query.months !== undefined ? 'query.months' : 'query.days';
    const message =
      err.subject === 'from'
        ? `must lie in ${DEADLINE_DATE_RANGE.min}–${DEADLINE_DATE_RANGE.max}`
        : `takes the due date past ${DEADLINE_DATE_RANGE.max}`;
    throw new AppError('VALIDATION_FAILED', {
      detail: `${location} ${message}.`,
      errors: [{ location, message, rule: 'range' }],
    });
  }
  const { basis: _basis, ...rest } = due;
  return {
    ...rest,
    explanation: explainDueDate(due, lang),
    statute: due.unit === 'months' ? '150/1930 §3, §5' : '150/1930 §2, §5',
  };
}
