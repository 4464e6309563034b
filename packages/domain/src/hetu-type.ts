import { validateHetu } from './hetu.js';

/**
 * What kind of identifier a valid-looking personal identity code is.
 *
 * A henkilötunnus is given by the Digital and Population Data Services Agency (DVV) and
 * recorded in the population information system (Laki väestötietojärjestelmästä ja Digi- ja
 * väestötietoviraston varmennepalveluista 661/2009 §11; its form in the government decree on
 * the population information system 128/2010, with the century signs added from 1.1.2023).
 * DVV issues individual numbers 002–899 only. By DVV's practice the numbers 900–999 are left
 * for **temporary identifiers** that organisations such as hospitals form when a person's
 * real code is not (yet) known; they are never recorded in the population information system
 * and do not identify a person the way a henkilötunnus does.
 *
 * So a code with an individual number 900–999 is accepted only when the caller declares it
 * `temporary`, and a `temporary` declaration of a 002–899 code is refused.
 */
export const IDENTITY_CODE_TYPES = ['henkilotunnus', 'temporary'] as const;
export type IdentityCodeType = (typeof IDENTITY_CODE_TYPES)[number];

export type IdentityCodeTypeCheck =
  | { ok: true }
  | { ok: false; reason: 'TEMPORARY_NOT_DECLARED' | 'NOT_TEMPORARY' };

/** The type a valid code is by its individual number; throws on a code `validateHetu` refuses. */
export function identityCodeTypeOf(code: string): IdentityCodeType {
  const v = validateHetu(code);
  if (!v.ok) throw new RangeError('Not a valid identity code');
  return Number(v.code.slice(7, 10)) >= 900 ? 'temporary' : 'henkilotunnus';
}

/** Whether the declared type of a valid code matches its individual number. */
export function checkIdentityCodeType(code: string, declared: IdentityCodeType): IdentityCodeTypeCheck {
  const actual = identityCodeTypeOf(code);
  if (actual === declared) return { ok: true };
  return { ok: false, reason: actual === 'temporary' ? 'TEMPORARY_NOT_DECLARED' : 'NOT_TEMPORARY' };
}
