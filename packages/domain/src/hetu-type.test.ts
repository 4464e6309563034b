import { describe, expect, it } from 'vitest';
import { hetuCheckCharacter } from './hetu.js';
import { checkIdentityCodeType, IDENTITY_CODE_TYPES, identityCodeTypeOf } from './hetu-type.js';

const code = (ddmmyy: string, sign: string, n: string) =>
  `${ddmmyy}${sign}${n}${hetuCheckCharacter(ddmmyy, n)}`;

describe('identity code type (temporary identifiers 900–999)', () => {
  it('knows the two types', () => {
    expect(IDENTITY_CODE_TYPES).toEqual(['henkilotunnus', 'temporary']);
  });

  it.each([
    ['002', 'henkilotunnus'],
    ['123', 'henkilotunnus'],
    ['899', 'henkilotunnus'],
    ['900', 'temporary'],
    ['950', 'temporary'],
    ['999', 'temporary'],
  ] as const)('individual number %s is a %s', (n, type) => {
    expect(identityCodeTypeOf(code('010594', '-', n))).toBe(type);
    expect(identityCodeTypeOf(code('010105', 'A', n))).toBe(type);
  });

  it('accepts a code whose declared type matches its individual number', () => {
    expect(checkIdentityCodeType(code('010594', '-', '123'), 'henkilotunnus')).toEqual({ ok: true });
    expect(checkIdentityCodeType(code('010594', 'Y', '901'), 'temporary')).toEqual({ ok: true });
  });

  it('refuses a temporary identifier that is not declared temporary', () => {
    expect(checkIdentityCodeType(code('010594', '-', '901'), 'henkilotunnus')).toEqual({
      ok: false,
      reason: 'TEMPORARY_NOT_DECLARED',
    });
  });

  it('refuses a temporary declaration of a real henkilötunnus', () => {
    expect(checkIdentityCodeType(code('010594', '-', '899'), 'temporary')).toEqual({
      ok: false,
      reason: 'NOT_TEMPORARY',
    });
  });

  it('throws on anything that is not a valid code (validate with validateHetu first)', () => {
    expect(() => identityCodeTypeOf('010594-123X')).toThrow(RangeError);
  });
});
