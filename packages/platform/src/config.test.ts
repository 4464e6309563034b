import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaseConfigSchema, ConfigError, loadConfig, loadIssuers } from './config.js';
import { createTestIssuer } from './testing/tokens.js';

describe('config', () => {
  it('applies defaults and coerces types', () => {
    const config = loadConfig(BaseConfigSchema, { PORT: '8080', DOCS_UI_ENABLED: 'false' });
    expect(config.PORT).toBe(8080);
    expect(config.DOCS_UI_ENABLED).toBe(false);
    expect(config.DEFAULT_LANGUAGE).toBe('fi');
    expect(config.BODY_LIMIT_BYTES).toBe(1_048_576);
    expect(config.AUTH_CLOCK_TOLERANCE_SECONDS).toBe(30);
    expect(config.AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe(86_400);
    expect(config.RATE_LIMIT_AUTH_FAILURES_MAX).toBe(100);
    expect(config.TRUST_PROXY).toBe('');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DEFAULT_LANGUAGE', 'de'],
    ['BODY_LIMIT_BYTES', '10'],
    ['RATE_LIMIT_MAX', '0'],
    ['RATE_LIMIT_AUTH_FAILURES_MAX', '0'],
    ['AUTH_CLOCK_TOLERANCE_SECONDS', '-1'],
    ['AUTH_MAX_TOKEN_LIFETIME_SECONDS', '10'],
  ])('fails fast on %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig(BaseConfigSchema, { [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig(BaseConfigSchema, { [name]: value })).toThrow(name);
  });

  it('reads trusted issuers inline or from a file, and refuses broken lists', () => {
    const issuer = createTestIssuer('cfg', ['kela']).issuer;
    expect(loadIssuers({ AUTH_ISSUERS: JSON.stringify([issuer]) })).toEqual([issuer]);
    const dir = mkdtempSync(join(tmpdir(), 'tym-cfg-'));
    writeFileSync(join(dir, 'issuers.json'), JSON.stringify([issuer]));
    expect(loadIssuers({ AUTH_ISSUERS_FILE: join(dir, 'issuers.json') })).toEqual([issuer]);
    expect(() => loadIssuers({})).toThrow(/AUTH_ISSUERS/);
    expect(() => loadIssuers({ AUTH_ISSUERS_FILE: join(dir, 'missing.json') })).toThrow(/cannot be read/);
    expect(() => loadIssuers({ AUTH_ISSUERS: '{' })).toThrow(/not valid JSON/);
    expect(() => loadIssuers({ AUTH_ISSUERS: '[]' })).toThrow(/empty/);
    expect(() =>
      loadIssuers({ AUTH_ISSUERS: JSON.stringify([{ ...issuer, algorithms: ['HS256'] }]) }),
    ).toThrow(/algorithms/);
    expect(() => loadIssuers({ AUTH_ISSUERS: JSON.stringify([{ ...issuer, organisations: [] }]) })).toThrow(
      /organisations/,
    );
    expect(() => loadIssuers({ AUTH_ISSUERS: JSON.stringify([{ ...issuer, keys: [] }]) })).toThrow(
      /keys or jwksUri/,
    );
  });
});
