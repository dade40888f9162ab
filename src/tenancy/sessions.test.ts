import { describe, expect, it } from 'vitest';
import { addressKey, SignInThrottle, type ThrottleKey } from './sessions.js';

const keysFor = (user: string, ip: string): ThrottleKey[] => [
  ['user', `user\u0000bank\u0000${user}`],
  ['ip', `ip\u0000${addressKey(ip)}`],
];

describe('the sign-in throttle', () => {
  it('keeps a locked user locked however many other users fail meanwhile', () => {
    const throttle = new SignInThrottle();
    const now = Date.now();
    for (let i = 0; i < 5; i++) throttle.failed(keysFor('kim', '10.0.0.1'), now);
    expect(() => throttle.check(keysFor('kim', '10.9.9.9'), now)).toThrow(/JG_SIGNIN_THROTTLED|wait/i);
    // An attacker fails for 20,000 made-up users from as many addresses to push kim out.
    for (let i = 0; i < 20_000; i++)
      throttle.failed(keysFor(`user${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`), now);
    expect(() => throttle.check(keysFor('kim', '10.9.9.9'), now)).toThrow();
  });

  it('counts an IPv6 /64 as one address: a machine given a whole network is still throttled', () => {
    const throttle = new SignInThrottle();
    const now = Date.now();
    for (let i = 0; i < 20; i++) throttle.failed(keysFor(`u${i}`, `2001:db8:1:2::${i.toString(16)}`), now);
    expect(() => throttle.check(keysFor('someone', '2001:db8:1:2:ffff:1:2:3'), now)).toThrow();
    expect(() => throttle.check(keysFor('someone', '2001:db8:1:3::1'), now)).not.toThrow();
  });
});

describe('addressKey', () => {
  it('keeps IPv4 (also mapped into IPv6) and cuts IPv6 to its /64, however it is written', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0db8:0000:0001:0000:0000:0000:0005')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:DB8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('')).toBe('');
  });
});
