import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, parseKeyList } from './pii-crypto.js';

const k = () => randomBytes(32).toString('base64');

describe('PII cipher', () => {
  const old = k();
  const next = k();
  const index = k();
  const v1 = createPiiCipher({ encryptionKeys: { a: old }, currentKeyId: 'a', blindIndexKey: index });
  const v2 = createPiiCipher({
    encryptionKeys: { a: old, b: next },
    currentKeyId: 'b',
    blindIndexKey: index,
  });

  it('round-trips, with a fresh IV each time and the key id inside', () => {
    const c1 = v1.encrypt('010594Y9032');
    const c2 = v1.encrypt('010594Y9032');
    expect(c1).not.toBe(c2);
    expect(c1.startsWith('v1.a.')).toBe(true);
    expect(c1).not.toContain('010594');
    expect(v1.decrypt(c1)).toBe('010594Y9032');
  });

  it('decrypts old ciphertexts after rotation and flags them for re-encryption', () => {
    const oldCt = v1.encrypt('131052-308T');
    expect(v2.decrypt(oldCt)).toBe('131052-308T');
    expect(v2.needsRotation(oldCt)).toBe(true);
    expect(v2.needsRotation(v2.encrypt('x'))).toBe(false);
    expect(() => v1.decrypt(v2.encrypt('x'))).toThrow(/no encryption key b/);
  });

  it('detects tampering and a wrong associated value', () => {
    const ct = v1.encrypt('131052-308T', 'client:1');
    const parts = ct.split('.');
    const flipped = Buffer.from(parts[3] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    parts[3] = flipped.toString('base64url');
    expect(() => v1.decrypt(parts.join('.'), 'client:1')).toThrow();
    expect(() => v1.decrypt(ct, 'client:2')).toThrow();
    expect(v1.decrypt(ct, 'client:1')).toBe('131052-308T');
  });

  it('gives a stable blind index that survives key rotation and differs by key', () => {
    expect(v1.blindIndex('131052-308T')).toBe(v2.blindIndex('131052-308T'));
    expect(v1.blindIndex('131052-308T')).not.toBe(v1.blindIndex('131052-308U'));
    const other = createPiiCipher({ encryptionKeys: { a: old }, currentKeyId: 'a', blindIndexKey: k() });
    expect(other.blindIndex('131052-308T')).not.toBe(v1.blindIndex('131052-308T'));
  });

  it('refuses bad key material', () => {
    expect(() =>
      createPiiCipher({ encryptionKeys: { a: 'short' }, currentKeyId: 'a', blindIndexKey: index }),
    ).toThrow(/32 bytes/);
    expect(() =>
      createPiiCipher({ encryptionKeys: { a: old }, currentKeyId: 'z', blindIndexKey: index }),
    ).toThrow(/current/);
    expect(() =>
      createPiiCipher({ encryptionKeys: { a: old }, currentKeyId: 'a', blindIndexKey: old }),
    ).toThrow(/differ/);
    expect(parseKeyList(`a:${old}, b:${next}`)).toEqual({ a: old, b: next });
    expect(() => parseKeyList('nokey')).toThrow();
  });
});
