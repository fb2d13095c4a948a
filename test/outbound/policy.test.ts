// The address rules of outbound requests. Expected ranges and names come from the IANA IPv4 and IPv6
// Special-Purpose Address Registries (RFC 6890 and its updates), not from the code under test.
import { describe, expect, it } from 'vitest';
import { AllowList, refusedBy } from '../../src/outbound/index.ts';

describe('refusedBy', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.169.254', 'link-local'], ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['224.0.0.1', 'multicast'], ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved (incl. broadcast)'], ['192.0.2.10', 'documentation'], ['198.18.0.1', 'benchmarking'],
    ['::1', 'loopback'], ['::', 'unspecified'], ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'], ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'], ['::ffff:127.0.0.1', 'IPv4-mapped IPv6'], ['::ffff:7f00:1', 'IPv4-mapped IPv6'], ['::ffff:a9fe:a9fe', 'IPv4-mapped IPv6'],
    ['::127.0.0.1', 'IPv4-compatible IPv6'], ['64:ff9b::7f00:1', 'NAT64 (embeds an IPv4 address)'], ['2002:7f00:1::1', '6to4 (embeds an IPv4 address)'],
    ['2001:db8::1', 'documentation'],
  ])('refuses %s (%s)', (address, rule) => {
    expect(refusedBy(address)?.rule).toBe(rule);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '223.255.255.255', '2606:4700:4700::1111', '2a00:1450:4007::200e'])(
    'lets the public address %s through', (address) => {
      expect(refusedBy(address)).toBeNull();
    });

  it('names the range', () => {
    expect(refusedBy('172.20.1.1')).toEqual({ rule: 'private', range: '172.16.0.0/12' });
  });
});

describe('AllowList', () => {
  it('covers the addresses and ranges listed, nothing more', () => {
    const a = new AllowList(['127.0.0.1', ' 10.0.0.0/8', 'fd00::/8', '']);
    expect(a.allows('127.0.0.1')).toBe(true);
    expect(a.allows('127.0.0.2')).toBe(false);
    expect(a.allows('10.200.0.1')).toBe(true);
    expect(a.allows('192.168.0.1')).toBe(false);
    expect(a.allows('fd00::5')).toBe(true);
    expect(a.allows('fc00::5')).toBe(false);
  });

  it('reads AGORA_OUTBOUND_ALLOW, and AGORA_ALLOW_PRIVATE_URLS=true allows everything', () => {
    expect(AllowList.fromEnv({ AGORA_OUTBOUND_ALLOW: '192.168.1.0/24' }).allows('192.168.1.7')).toBe(true);
    expect(AllowList.fromEnv({}).allows('192.168.1.7')).toBe(false);
    expect(AllowList.fromEnv({ AGORA_ALLOW_PRIVATE_URLS: 'true' }).allows('169.254.169.254')).toBe(true);
  });

  it.each(['localhost', '10.0.0.0/33', '1.2.3.4/8/1', 'fd00::/129'])('refuses the entry %s, naming it', (entry) => {
    expect(() => new AllowList([entry])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(`"${entry}"`) }));
  });
});
