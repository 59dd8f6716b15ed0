import { describe, expect, it } from 'vitest';
import { addressInNetworks, parseNetwork, plainAddress } from './school-networks.js';

describe('parseNetwork', () => {
  it('accepts IPv4 and IPv6 blocks and bare addresses, in canonical form', () => {
    expect(parseNetwork('192.0.2.0/24')).toEqual({ ok: true, cidr: '192.0.2.0/24' });
    expect(parseNetwork(' 10.59.0.0/16 ')).toEqual({ ok: true, cidr: '10.59.0.0/16' });
    expect(parseNetwork('198.51.100.7')).toEqual({ ok: true, cidr: '198.51.100.7/32' });
    expect(parseNetwork('2001:DB8:0:0::/48')).toEqual({ ok: true, cidr: '2001:db8::/48' });
    expect(parseNetwork('2001:db8::1')).toEqual({ ok: true, cidr: '2001:db8::1/128' });
  });

  it('refuses host bits, blocks too wide, prefixes too long and text, saying why', () => {
    const message = (raw: string) => {
      const r = parseNetwork(raw);
      return r.ok ? r.cidr : r.message;
    };
    expect(message('10.59.1.5/16')).toMatch(/vouliez-vous 10\.59\.0\.0\/16/);
    expect(message('0.0.0.0/0')).toMatch(/trop large/);
    expect(message('10.0.0.0/7')).toMatch(/trop large/);
    expect(message('::/0')).toMatch(/trop large/);
    expect(message('10.0.0.0/33')).toMatch(/dépasse/);
    expect(message('10.0.0.0/abc')).toMatch(/préfixe/);
    expect(message('lycee.example.fr')).toMatch(/n’est pas un réseau IP/);
    expect(message('10.0.0.256/24')).toMatch(/n’est pas un réseau IP/);
  });
});

describe('addressInNetworks', () => {
  it('finds an address in a block, IPv4-mapped IPv6 included, and ignores garbage', () => {
    expect(addressInNetworks('192.0.2.77', ['192.0.2.0/24'])).toBe(true);
    expect(addressInNetworks('::ffff:192.0.2.77', ['192.0.2.0/24'])).toBe(true);
    expect(addressInNetworks('192.0.3.1', ['192.0.2.0/24'])).toBe(false);
    expect(addressInNetworks('2001:db8:0:1::5', ['2001:db8::/48'])).toBe(true);
    expect(addressInNetworks('2001:db9::5', ['2001:db8::/48'])).toBe(false);
    expect(addressInNetworks("1.2.3.4'; drop table x", ['1.2.3.0/24'])).toBe(false);
  });
});

describe('plainAddress', () => {
  it('turns an IPv4-mapped IPv6 address into its IPv4 address and leaves the rest as it is', () => {
    expect(plainAddress('::ffff:192.0.2.10')).toBe('192.0.2.10');
    expect(plainAddress('::FFFF:198.51.100.7')).toBe('198.51.100.7');
    expect(plainAddress('192.0.2.10')).toBe('192.0.2.10');
    expect(plainAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(plainAddress('::ffff:999.0.0.1')).toBe('::ffff:999.0.0.1');
  });
});
