import { expect } from 'vitest';

/**
 * Checks that work grows about linearly with its input, as the attack tests need: `time(n)` does
 * the work on an input of size n (asserting what it must) and returns the milliseconds it took.
 * After a warm-up on half the small size, the best of three runs on the large size must take less
 * than `bound` times the best of three on the small one (the best, so a busy moment of a shared
 * machine does not decide); below 20 ms the ratio is noise and is not checked. A ratio over the
 * bound is measured up to twice more: a quadratic step fails every time, while a test file running
 * beside it on two cores (and the collector it sets off) rarely slows all three. Then twice the
 * large size must take less than DOUBLING times the large size (see below) before it fails.
 */
export async function expectLinear(
  time: (n: number) => number | Promise<number>,
  small: number,
  large: number,
  bound: number,
): Promise<void> {
  await time(Math.max(1, Math.floor(small / 2)));
  const best = async (n: number) => Math.min(await time(n), await time(n), await time(n));
  let ratio = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const a = await best(small);
    const b = await best(large);
    ratio = b > 20 ? b / Math.max(a, 0.5) : 0;
    if (ratio < bound) return;
  }
  // Still over: either work that grows faster than its input, or a step — the small input's work
  // fits the processor's caches and the large one's does not (linear work measured here at up to
  // 14× for 8× the text, from one size on). Past the step, twice the large input takes about twice
  // as long; a quadratic step takes four times as long there too.
  let doubling = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const b = await best(large);
    doubling = (await best(2 * large)) / Math.max(b, 0.5);
    if (doubling < DOUBLING) return;
  }
  expect(
    doubling,
    `${large / small}× the input took ${ratio.toFixed(1)}× as long, twice the large one ${doubling.toFixed(2)}×`,
  ).toBeLessThan(DOUBLING);
}

/** Twice the input past the caches' step: ~2× the time when linear, 4× when quadratic. */
const DOUBLING = 3;

/** The milliseconds `work` takes, for `expectLinear`'s `time`. */
export function timed(work: () => unknown): number {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

/** `n` distinct mobile numbers, each in a short sentence ("연락처 010-1000-0000"): up to 90,000. */
export const distinctPhones = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `연락처 010-${1000 + (i % 9000)}-${String(10000 + i).slice(-4)}`);
