import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import type { Role, TrustedIssuer } from '../auth.js';
import { createPiiCipher, type PiiCipher } from '../pii-crypto.js';

export interface TestIssuer {
  issuer: TrustedIssuer;
  privateKeyPem: string;
  /** Signs a token of this issuer; claims override the defaults. */
  mint(
    claims: { sub?: string; org: string; roles: Role[] | string[] } & Record<string, unknown>,
    options?: MintOptions,
  ): string;
}

export interface MintOptions {
  audience?: string;
  expiresInSeconds?: number;
  kid?: string;
}

export const TEST_AUDIENCE = 'tym-api';

/** A throw-away identity provider: an ES256 key pair and the issuer entry that trusts it. */
export function createTestIssuer(name: string, organisations: string[], kid = `${name}-1`): TestIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const issuer: TrustedIssuer = {
    issuer: `https://idp.${name}.test`,
    organisations,
    algorithms: ['ES256'],
    keys: [{ kid, publicKeyPem }],
  };
  return {
    issuer,
    privateKeyPem,
    mint: (claims, options = {}) =>
      signToken(privateKeyPem, issuer.issuer, claims, options.kid ?? kid, options),
  };
}

export function signToken(
  privateKeyPem: string,
  iss: string,
  claims: Record<string, unknown>,
  kid: string,
  options: MintOptions = {},
): string {
  const sign = createSigner({
    key: privateKeyPem,
    algorithm: 'ES256',
    kid,
    iss,
    aud: options.audience ?? TEST_AUDIENCE,
    expiresIn: (options.expiresInSeconds ?? 3600) * 1000,
  });
  return sign({ sub: 'test-user', ...claims });
}

/** A cipher with fresh random keys, for tests. */
export function createTestPiiCipher(): PiiCipher {
  return createPiiCipher({
    encryptionKeys: { test: randomBytes(32).toString('base64') },
    currentKeyId: 'test',
    blindIndexKey: randomBytes(32).toString('base64'),
  });
}

/**
 * Signs exactly the header and payload given (ES256), with no claim added or checked: for
 * tokens a real identity provider would never issue (claims of the wrong type, `crit`).
 */
export function signRawToken(
  privateKeyPem: string,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'ES256', typ: 'JWT', ...header })}.${enc(payload)}`;
  const signature = createSign('sha256')
    .update(input)
    .sign({ key: privateKeyPem, dsaEncoding: 'ieee-p1363' })
    .toString('base64url');
  return `${input}.${signature}`;
}
