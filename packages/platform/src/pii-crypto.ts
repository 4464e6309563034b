import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encryption of personal identity codes at rest (architecture.md, Data): AES-256-GCM with
 * the key id inside the ciphertext, so keys rotate without a flag day, and a keyed
 * HMAC-SHA256 blind index for exact lookup without decrypting.
 *
 * Ciphertext format: `v1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>`.
 */
export interface PiiCipher {
  currentKeyId: string;
  encrypt(plaintext: string, associatedData?: string): string;
  decrypt(ciphertext: string, associatedData?: string): string;
  /** Deterministic lookup token of a normalised value. */
  blindIndex(normalised: string): string;
  /** True when the ciphertext was made with an older key and should be re-encrypted. */
  needsRotation(ciphertext: string): boolean;
}

export interface PiiKeys {
  /** keyId → 32-byte key, base64. */
  encryptionKeys: Record<string, string>;
  currentKeyId: string;
  /** 32-byte HMAC key, base64; never rotated casually (the index would change). */
  blindIndexKey: string;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function decodeKey(name: string, b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes in base64`);
  return key;
}

export function createPiiCipher(keys: PiiKeys): PiiCipher {
  const enc = new Map<string, Buffer>();
  for (const [id, b64] of Object.entries(keys.encryptionKeys)) {
    if (!KEY_ID.test(id)) throw new Error(`encryption key id ${id} is not valid`);
    enc.set(id, decodeKey(`encryption key ${id}`, b64));
  }
  const current = enc.get(keys.currentKeyId);
  if (!current) throw new Error(`the current encryption key ${keys.currentKeyId} is not among the keys`);
  const hmacKey = decodeKey('blind index key', keys.blindIndexKey);
  if (
    enc.has(keys.currentKeyId) &&
    [...enc.values()].some((k) => k.length === hmacKey.length && timingSafeEqual(k, hmacKey))
  ) {
    throw new Error('the blind index key must differ from every encryption key');
  }

  return {
    currentKeyId: keys.currentKeyId,
    encrypt(plaintext, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      if (aad) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        'v1',
        keys.currentKeyId,
        iv.toString('base64url'),
        ct.toString('base64url'),
        tag.toString('base64url'),
      ].join('.');
    },
    decrypt(ciphertext, aad) {
      const [version, keyId, iv, ct, tag] = ciphertext.split('.');
      if (version !== 'v1' || !keyId || !iv || ct === undefined || !tag)
        throw new Error('not a v1 ciphertext');
      const key = enc.get(keyId);
      if (!key) throw new Error(`no encryption key ${keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      if (aad) decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    blindIndex(normalised) {
      return createHmac('sha256', hmacKey).update(normalised, 'utf8').digest('base64url');
    },
    needsRotation(ciphertext) {
      return ciphertext.split('.')[1] !== keys.currentKeyId;
    },
  };
}

/** `kid1:base64,kid2:base64` → record (the env format of PII_ENCRYPTION_KEYS). */
export function parseKeyList(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0) throw new Error('PII_ENCRYPTION_KEYS must look like kid1:base64,kid2:base64');
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}
