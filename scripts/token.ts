// `pnpm token --org <code> --role <role> [--role <role>…] [--sub <id>] [--hours <n>]`
// Prints a bearer token of the development identity provider that the local system accepts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROLES } from '@tym/platform';
import { createSigner } from 'fast-jwt';

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    role: { type: 'string', multiple: true },
    sub: { type: 'string' },
    hours: { type: 'string', default: '12' },
    audience: { type: 'string', default: 'tym-api' },
  },
});
const roles = (values.role ?? []).flatMap((r) => r.split(',')).filter(Boolean);
const usage = `usage: pnpm token --org <organisation code> --role <${ROLES.join('|')}> [--sub <id>] [--hours <n>]`;
if (!values.org || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.org)) {
  process.stderr.write(
    `${usage}\n  --org is an organisation code such as kela, helsinki, hva-ita-uusimaa, ea-kerava-sipoo\n`,
  );
  process.exit(2);
}
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (!roles.length || unknown.length) {
  process.stderr.write(`${usage}\n  unknown role: ${unknown.join(', ') || '(none given)'}\n`);
  process.exit(2);
}
const hours = Number(values.hours);
// The system refuses tokens that claim to live longer (AUTH_MAX_TOKEN_LIFETIME_SECONDS, 24 h).
if (!Number.isFinite(hours) || hours <= 0 || hours > 24) {
  process.stderr.write(`${usage}\n  --hours must be between 0 and 24\n`);
  process.exit(2);
}
const dir = fileURLToPath(new URL('../.dev/', import.meta.url));
const issuer = JSON.parse(readFileSync(`${dir}auth-issuers.json`, 'utf8'))[0] as { issuer: string };
const sign = createSigner({
  key: readFileSync(`${dir}dev-idp.private.pem`, 'utf8'),
  algorithm: 'ES256',
  kid: 'dev-1',
  iss: issuer.issuer,
  aud: values.audience,
  expiresIn: hours * 3600 * 1000,
});
process.stdout.write(`${sign({ sub: values.sub ?? `${values.org}-${roles[0]}`, org: values.org, roles })}\n`);
