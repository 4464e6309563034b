import { hetuCheckCharacter } from '@tym/domain';

/** A valid personal identity code for a birth date `DDMMYY`, century sign and individual number. */
export function makeHetu(ddmmyy: string, sign: string, individualNumber: string): string {
  return `${ddmmyy}${sign}${individualNumber}${hetuCheckCharacter(ddmmyy, individualNumber)}`;
}

/**
 * A source of distinct valid identity codes born in `MMYY` (days 01–28, individual numbers
 * 002–899: 25,144 codes before it repeats). Give each test file's kinds of clients a month of
 * their own when codes of two sources must never meet.
 */
export function hetuSequence(monthYear = '0480', sign = '-'): () => string {
  if (!/^\d{4}$/.test(monthYear)) throw new RangeError('Expected MMYY');
  let n = 0;
  return () => {
    n += 1;
    const day = String(1 + (Math.floor(n / 898) % 28)).padStart(2, '0');
    return makeHetu(`${day}${monthYear}`, sign, String(2 + (n % 898)).padStart(3, '0'));
  };
}

/** A new valid identity code each call (born in April 1980; one sequence per test file). */
export const nextHetu: () => string = hetuSequence('0480');
