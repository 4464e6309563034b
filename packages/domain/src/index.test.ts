import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

describe('@tym/domain entry point', () => {
  it('re-exports every module', () => {
    expect(domain.LANGS).toEqual(['fi', 'sv', 'en']);
    const exported = Object.entries(domain)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    expect(exported).toEqual(
      expect.arrayContaining([
        'isLocalDate',
        'todayInHelsinki',
        'endOfDayInHelsinki',
        'validateHetu',
        'maskHetu',
        'nonWorkingDay',
        'addMonthsDeadline',
        'addDaysDeadline',
        'explainDueDate',
        'planDueOn',
        'managementGroupTermEndsOn',
      ]),
    );
  });
});
