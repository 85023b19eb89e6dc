import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Rng } from '../synth/prng.js';
import { V } from '../synth/values.js';
import { isEmail, isIPv4, isIPv6, isIpAddress, isMacAddress } from './network.js';

describe('EMAIL', () => {
  it('accepts practical addresses', () => {
    for (const v of [
      'zhang.wei@example.com.cn',
      'a+b@qq.com',
      '12345678@163.com',
      "o'brien@mail.ie",
      'x_y@sub-domain.example.org',
    ])
      expect(isEmail(v), v).toBe(true);
  });
  it('rejects malformed ones', () => {
    for (const v of [
      'a..b@x.com',
      '.a@x.com',
      'a.@x.com',
      'a@b',
      'a@b.c',
      'a@@b.com',
      'a b@x.com',
      'a@-x.com',
      'a@x-.com',
      'a@x.c0m',
      '@x.com',
    ])
      expect(isEmail(v), v).toBe(false);
  });
  test.prop([fc.emailAddress()])('fast-check e-mail addresses with a letter TLD are accepted', (e) => {
    const tld = e.slice(e.lastIndexOf('.') + 1);
    fc.pre(
      /^[a-z]{2,}$/i.test(tld) &&
        e.length <= 254 &&
        e.indexOf('@') <= 64 &&
        !/[!#$&*/=?^`{|}~]/.test(e.slice(0, e.indexOf('@'))),
    );
    expect(isEmail(e)).toBe(true);
  });
});

describe('IP_ADDRESS', () => {
  it('parses IPv4 (no leading zeros, 0–255) and IPv6 (compression, IPv4 tail)', () => {
    for (const v of [
      '192.168.1.1',
      '0.0.0.0',
      '255.255.255.255',
      '2001:db8::1',
      '::1',
      '::',
      'fe80::1:2',
      '::ffff:192.168.1.1',
      '1:2:3:4:5:6:7:8',
      '1::',
    ])
      expect(isIpAddress(v), v).toBe(true);
    for (const v of [
      '256.1.1.1',
      '192.168.01.1',
      '1.2.3',
      '1.2.3.4.5',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '12:30:45',
      'g::1',
      '1.2.3.4 ',
      '02:00',
    ])
      expect(isIpAddress(v), v).toBe(false);
  });
  test.prop([fc.ipV4()])('any IPv4 from fast-check parses', (ip) => {
    expect(isIPv4(ip)).toBe(true);
  });
  test.prop([fc.ipV6()])('any IPv6 from fast-check parses', (ip) => {
    expect(isIPv6(ip)).toBe(true);
  });
  test.prop([fc.integer()])('generated IPs are accepted', (seed) => {
    expect(isIpAddress(V.ip(new Rng(seed)))).toBe(true);
  });
});

describe('MAC_ADDRESS', () => {
  it('accepts colon, dash and Cisco forms; rejects mixed separators and bad hex', () => {
    for (const v of ['00:1A:2B:3C:4D:5E', '00-1a-2b-3c-4d-5e', '001a.2b3c.4d5e']) expect(isMacAddress(v), v).toBe(true);
    for (const v of ['00:1A:2B-3C:4D:5E', '00:1G:2B:3C:4D:5E', '001A2B3C4D5E', '00:1A:2B:3C:4D'])
      expect(isMacAddress(v), v).toBe(false);
  });
  test.prop([fc.integer()])('generated MACs are accepted', (seed) => {
    expect(isMacAddress(V.mac(new Rng(seed)))).toBe(true);
  });
});
