import { describe, expect, it } from 'vitest';
import { checkEndpointUrl } from './endpoint-url.js';

const prod = { allowedHosts: [], allowPrivateAddresses: false };
const test = { allowedHosts: ['127.0.0.1', 'localhost'], allowPrivateAddresses: true };

describe('endpoint URL rules', () => {
  it('accepts public https URLs', () => {
    expect(checkEndpointUrl('https://hooks.kela.fi/tym?x=1', prod)).toEqual({
      ok: true,
      url: 'https://hooks.kela.fi/tym?x=1',
    });
  });

  it('refuses http, credentials, fragments and addresses inside', () => {
    const refused = [
      'http://hooks.kela.fi/tym',
      'ftp://hooks.kela.fi/',
      'https://user:pw@hooks.kela.fi/',
      'https://hooks.kela.fi/#x',
      'https://localhost/hook',
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[fd00:ec2::254]/',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'not a url',
      `https://hooks.kela.fi/${'x'.repeat(2100)}`,
    ];
    for (const url of refused) expect(checkEndpointUrl(url, prod).ok, url).toBe(false);
  });

  it('lets configured hosts use http and private addresses when allowed, never metadata', () => {
    expect(checkEndpointUrl('http://127.0.0.1:8080/hook', test).ok).toBe(true);
    expect(checkEndpointUrl('http://localhost:8080/hook', test).ok).toBe(true);
    expect(checkEndpointUrl('http://10.0.0.1/hook', test).ok).toBe(false);
    expect(checkEndpointUrl('https://10.0.0.1/hook', test).ok).toBe(true);
    expect(checkEndpointUrl('https://169.254.169.254/', test).ok).toBe(false);
    expect(checkEndpointUrl('https://[fd00:ec2::254]/', test).ok).toBe(false);
  });
});
