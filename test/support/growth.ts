import { expect } from 'vitest';

/**
 * Checks that work grows about linearly with its input, as the attack tests need: `time(n)` does
 * the work on an input of size n (asserting what it must) and returns the milliseconds it took.
 * After a warm-up on half the small size, the large size must take less than `bound` times as
 * long as the small one; below 20 ms the ratio is noise and is not checked.
 */
export async function expectLinear(
  time: (n: number) => number | Promise<number>,
  small: number,
  large: number,
  bound: number,
): Promise<void> {
  await time(Math.max(1, Math.floor(small / 2)));
  const a = await time(small);
  const b = await time(large);
  if (b > 20) expect(b / Math.max(a, 0.5)).toBeLessThan(bound);
}
