import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth.js';

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[{{{{' }), 1)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: 'q\\"[[[[', b: ['x'] }), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: '\\', b: [[['x']]] }), 3)).toBe(true);
    expect(nestsDeeperThan(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 128)).toBe(true);
  });
});
