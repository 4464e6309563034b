// Creates the development identity provider: an ES256 key pair in .dev/ (git-ignored) and
// the trusted-issuer list the services read (AUTH_ISSUERS_FILE). Development only: this
// issuer may vouch for every organisation (`*`).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../.dev/', import.meta.url));
mkdirSync(dir, { recursive: true });
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
writeFileSync(`${dir}dev-idp.private.pem`, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
  mode: 0o600,
});
const issuers = [
  {
    issuer: 'https://idp.dev.tym.local',
    organisations: ['*'],
    algorithms: ['ES256'],
    keys: [{ kid: 'dev-1', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() }],
  },
];
writeFileSync(`${dir}auth-issuers.json`, `${JSON.stringify(issuers, null, 2)}\n`);

// Development keys for identity-code encryption and its blind index (production: a secret store).
const b64 = () => randomBytes(32).toString('base64');
writeFileSync(
  `${dir}secrets.env`,
  `PII_ENCRYPTION_KEYS=dev1:${b64()}\nPII_CURRENT_KEY_ID=dev1\nPII_BLIND_INDEX_KEY=${b64()}\n`,
  { mode: 0o600 },
);
