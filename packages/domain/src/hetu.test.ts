import { FinnishSSN } from 'finnish-ssn';
import { describe, expect, it } from 'vitest';
import { hetuCheckCharacter, maskHetu, validateHetu } from './hetu.js';
import { addDays, parseLocalDate } from './local-date.js';

// Check characters computed by hand: '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(DDMMYY + NNN) % 31].
// Each valid code is paired with the same code carrying the next check character.
const VALID_BY_SIGN: ReadonlyArray<
  [sign: string, code: string, wrong: string, birthDate: string, century: number]
> = [
  ['+', '150585+123L', '150585+123M', '1885-05-15', 1800],
  ['-', '010594-123W', '010594-123X', '1994-05-01', 1900],
  ['Y', '010594Y123W', '010594Y123X', '1994-05-01', 1900],
  ['X', '311299X999E', '311299X999F', '1999-12-31', 1900],
  ['W', '120345W234A', '120345W234B', '1945-03-12', 1900],
  ['V', '010101V500U', '010101V500V', '1901-01-01', 1900],
  ['U', '280260U800Y', '280260U8000', '1960-02-28', 1900],
  ['A', '010105A123P', '010105A123R', '2005-01-01', 2000],
  ['B', '150610B456T', '150610B456U', '2010-06-15', 2000],
  ['C', '311219C7891', '311219C7892', '2019-12-31', 2000],
  ['D', '010122D9005', '010122D9006', '2022-01-01', 2000],
  ['E', '151123E250J', '151123E250K', '2023-11-15', 2000],
  ['F', '010124F349W', '010124F349X', '2024-01-01', 2000],
];

describe('validateHetu', () => {
  it.each(VALID_BY_SIGN)('accepts a code with century sign %s', (_sign, code, _wrong, birthDate, century) => {
    expect(validateHetu(code)).toEqual({ ok: true, code, birthDate, century });
  });

  it.each(VALID_BY_SIGN)('rejects a wrong check character with century sign %s', (_sign, _code, wrong) => {
    expect(validateHetu(wrong)).toEqual({ ok: false, reason: 'CHECKSUM' });
  });

  it("accepts the population register's published example 131052-308T", () => {
    expect(validateHetu('131052-308T')).toMatchObject({ ok: true, birthDate: '1952-10-13' });
  });

  it('normalises lower case and surrounding spaces to the canonical code', () => {
    expect(validateHetu('010594y123w')).toEqual({
      ok: true,
      code: '010594Y123W',
      birthDate: '1994-05-01',
      century: 1900,
    });
    expect(validateHetu(' 010105a123p\n')).toMatchObject({ ok: true, code: '010105A123P' });
  });

  it.each(['G', 'Z', '*', '1', '/', ' ', 'Å'])('rejects unknown century sign %j', (sign) => {
    const ddmmyy = '010594';
    const code = `${ddmmyy}${sign}123${hetuCheckCharacter(ddmmyy, '123')}`;
    expect(validateHetu(code)).toEqual({ ok: false, reason: 'CENTURY_SIGN' });
  });

  it.each([
    '',
    '010594-123',
    '010594-123WW',
    '10594-123W',
    '0105941-123W',
    '01O594-123W',
    '010594-12AW',
    '010594-123-',
    '010594--123W',
  ])('rejects malformed %j', (input) => {
    expect(validateHetu(input)).toEqual({ ok: false, reason: 'FORMAT' });
  });

  it.each([
    ['310294-123U', '31 February'],
    ['290223A1237', '29 Feb 2023, not a leap year'],
    ['290200-1239', '29 Feb 1900, not a leap year (century rule)'],
    ['290200+1239', '29 Feb 1800, not a leap year'],
    ['000194-1231', 'day 00'],
    ['011394-123B', 'month 13'],
    ['310494-1230', '31 April'],
  ])('rejects impossible birth date %s (%s)', (code) => {
    expect(validateHetu(code)).toEqual({ ok: false, reason: 'DATE' });
  });

  it('accepts 29 Feb of a leap year, including 2000 (and 290100- is 29 January, not February)', () => {
    expect(validateHetu('290200A1239')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(validateHetu('290100-123F')).toMatchObject({ ok: true, birthDate: '1900-01-29' });
    expect(validateHetu('290296-1232')).toMatchObject({ ok: true, birthDate: '1996-02-29' });
    expect(validateHetu('290200A002C')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
  });

  it('rejects individual numbers 000 and 001, which are never issued', () => {
    expect(validateHetu('010594-000X')).toEqual({ ok: false, reason: 'INDIVIDUAL_NUMBER' });
    expect(validateHetu('010594-001Y')).toEqual({ ok: false, reason: 'INDIVIDUAL_NUMBER' });
  });

  it('accepts ordinary (002–899) and temporary (900–999) individual numbers', () => {
    for (const code of ['010594-0020', '010594-899X', '010594-900Y', '010594-9995']) {
      expect(validateHetu(code).ok).toBe(true);
    }
  });

  it('reports the first failing check: date before checksum', () => {
    expect(validateHetu('310294-123A')).toEqual({ ok: false, reason: 'DATE' });
  });

  it('agrees with the finnish-ssn library wherever that library applies (1850–2029, numbers 002–999)', () => {
    let compared = 0;
    for (let d = '1850-01-01'; d < '2030-01-01'; d = addDays(d, 37)) {
      const { year, month, day } = parseLocalDate(d);
      const ddmmyy = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
      const candidates = year < 1900 ? ['+'] : year < 2000 ? ['-', 'Y', 'X', 'W', 'V', 'U'] : [...'ABCDEF'];
      const sign = candidates[compared % candidates.length];
      const nnn = String(2 + ((compared * 97) % 998)).padStart(3, '0');
      const check = hetuCheckCharacter(ddmmyy, nnn);
      for (const c of [check, check === 'Y' ? '0' : 'Y']) {
        const code = `${ddmmyy}${sign}${nnn}${c}`;
        expect(validateHetu(code).ok, code).toBe(FinnishSSN.validate(code));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(1700);
  });
});

describe('maskHetu', () => {
  it('keeps birth date and century sign only', () => {
    expect(maskHetu('010594Y123W')).toBe('010594Y****');
    expect(maskHetu('010105a123p')).toBe('010105A****');
  });
  it('masks everything when the input is not a valid code', () => {
    expect(maskHetu('010594Y123X')).toBe('***********');
    expect(maskHetu('not a code')).toBe('***********');
  });
});

describe('hetuCheckCharacter', () => {
  it('computes the check character and rejects non-digits', () => {
    expect(hetuCheckCharacter('131052', '308')).toBe('T');
    expect(() => hetuCheckCharacter('13105X', '308')).toThrow(RangeError);
  });
});
