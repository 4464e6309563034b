import { formatLocalDate, isValidDateParts, type LocalDate } from './local-date.js';

/**
 * Finnish personal identity code (henkilötunnus), `DDMMYYCNNNT`: birth date, century sign,
 * individual number, check character. The data 381/2023 §11(2) lets the parties process;
 * defined in 661/2009 §11 (population information act), with the century signs
 * added on 1 Jan 2023 (domain.md §6).
 *
 * Validation is done here rather than by `finnish-ssn`: that library gives no reason, accepts
 * the individual numbers 000 and 001, and its pattern rejects real codes of the years
 * 1800–1849 (`+`) and 2030–2099 (`A`–`F`). hetu.test.ts uses it as an independent oracle.
 *
 * Input is trimmed and upper-cased before validation: codes are issued only in upper case,
 * so a lower-case `a` can mean nothing but `A`, and people do type `010594y123a`. The
 * returned `code` is the canonical upper-case form — store and compare that one.
 */
export type HetuInvalidReason = 'FORMAT' | 'CENTURY_SIGN' | 'DATE' | 'INDIVIDUAL_NUMBER' | 'CHECKSUM';

export type HetuValidation =
  | { ok: true; code: string; birthDate: LocalDate; century: number }
  | { ok: false; reason: HetuInvalidReason };

/** Century sign → first year of the century. `-` and `Y`–`U` are 1900s; `A`–`F` are 2000s. */
export const HETU_CENTURY_SIGNS: Readonly<Record<string, number>> = Object.freeze({
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
});

/** Check characters indexed by `Number(DDMMYY + NNN) % 31` (no G, I, O, Q, Z). */
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Shape only: six digits, any sign, three digits, a digit or letter. */
const HETU_SHAPE = /^(\d{2})(\d{2})(\d{2})(.)(\d{3})([0-9A-Z])$/;

/** The check character for a birth date `DDMMYY` and individual number `NNN`. */
export function hetuCheckCharacter(ddmmyy: string, individualNumber: string): string {
  const c =
    /^\d{6}$/.test(ddmmyy) && /^\d{3}$/.test(individualNumber)
      ? CHECK_CHARACTERS[Number(ddmmyy + individualNumber) % 31]
      : undefined;
  if (c === undefined) throw new RangeError('Expected six digits and three digits');
  return c;
}

/**
 * Validates a personal identity code and says why it is invalid. Checks, in order: shape
 * (`FORMAT`), century sign (`CENTURY_SIGN`), a real birth date (`DATE`, leap years included),
 * individual number 002–999 (`INDIVIDUAL_NUMBER`: 000 and 001 are never issued; 900–999 are
 * temporary identifiers, valid here — whether one is acceptable is `checkIdentityCodeType`'s
 * rule, hetu-type.ts) and the check character (`CHECKSUM`).
 */
export function validateHetu(input: string): HetuValidation {
  const code = input.trim().toUpperCase();
  const m = HETU_SHAPE.exec(code);
  if (m === null) return { ok: false, reason: 'FORMAT' };
  const [, dd = '', mm = '', yy = '', sign = '', individualNumber = '', check = ''] = m;

  const century = Object.hasOwn(HETU_CENTURY_SIGNS, sign) ? HETU_CENTURY_SIGNS[sign] : undefined;
  if (century === undefined) {
    return { ok: false, reason: 'CENTURY_SIGN' };
  }

  const birth = { year: century + Number(yy), month: Number(mm), day: Number(dd) };
  if (!isValidDateParts(birth)) return { ok: false, reason: 'DATE' };

  if (Number(individualNumber) < 2) return { ok: false, reason: 'INDIVIDUAL_NUMBER' };

  if (hetuCheckCharacter(dd + mm + yy, individualNumber) !== check) return { ok: false, reason: 'CHECKSUM' };

  return { ok: true, code, birthDate: formatLocalDate(birth), century };
}

/**
 * The code for display to people outside the case team: birth date and century sign kept,
 * individual number and check character masked (`010594Y123A` → `010594Y****`). Anything
 * that is not a valid code is masked entirely, so a mistyped code never leaks either.
 */
export function maskHetu(code: string): string {
  const v = validateHetu(code);
  return v.ok ? `${v.code.slice(0, 7)}****` : '*'.repeat(11);
}
