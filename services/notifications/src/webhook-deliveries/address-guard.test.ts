import { describe, expect, it } from 'vitest';
import { AddressRefusedError, classifyAddress, resolveTarget } from './address-guard.js';

const strict = { allowPrivateAddresses: false };
const lenient = { allowPrivateAddresses: true };

describe('webhook address guard', () => {
  it('allows public unicast addresses only, by default', () => {
    for (const a of ['8.8.8.8', '2001:4860:4860::8888', '195.197.54.100']) {
      expect(classifyAddress(a, strict)).toEqual({ allowed: true });
    }
    for (const a of [
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '127.0.0.1',
      '::1',
      '100.64.0.1',
      '169.254.1.1',
      'fe80::1',
      'fc00::1',
      '224.0.0.1',
      'ff02::1',
      '0.0.0.0',
      '::',
      '255.255.255.255',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
    ]) {
      expect(classifyAddress(a, strict).allowed, a).toBe(false);
    }
  });

  it('lets private and loopback addresses through when allowed, but never metadata or link-local', () => {
    for (const a of ['127.0.0.1', '::1', '10.0.0.1', '100.64.0.1', 'fd12::1']) {
      expect(classifyAddress(a, lenient).allowed, a).toBe(true);
    }
    for (const a of [
      '169.254.169.254',
      'fd00:ec2::254',
      'fd00:ec2:0:0:0:0:0:254',
      '100.100.100.200',
      '::ffff:169.254.169.254',
      'fe80::1',
      '0.0.0.0',
      '224.0.0.1',
    ]) {
      const verdict = classifyAddress(a, lenient);
      expect(verdict.allowed, a).toBe(false);
    }
    expect(classifyAddress('169.254.169.254', lenient)).toEqual({
      allowed: false,
      reason: '169.254.169.254 is a cloud metadata address',
    });
  });

  it('refuses a host if any of its addresses is refused, and returns the checked address', async () => {
    const lookup = async (host: string) =>
      host === 'mixed.example'
        ? [
            { address: '93.184.216.34', family: 4 },
            { address: '10.0.0.5', family: 4 },
          ]
        : [{ address: '93.184.216.34', family: 4 }];
    await expect(resolveTarget('mixed.example', strict, lookup)).rejects.toThrow(AddressRefusedError);
    await expect(resolveTarget('public.example', strict, lookup)).resolves.toEqual({
      address: '93.184.216.34',
      family: 4,
    });
    await expect(resolveTarget('[::1]', strict, lookup)).rejects.toThrow(/loopback/);
    await expect(resolveTarget('[::1]', lenient, lookup)).resolves.toEqual({ address: '::1', family: 6 });
    await expect(resolveTarget('localhost', strict)).rejects.toThrow(/loopback/);
  });
});
