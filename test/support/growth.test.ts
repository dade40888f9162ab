import { describe, expect, it } from 'vitest';
import { expectLinear } from './growth.js';

// Times given, not measured: what the check decides for each way work can grow.
describe('expectLinear', () => {
  it('fails work that grows with the square of its input', async () => {
    await expect(expectLinear((n) => 30 * n * n, 1, 8, 12)).rejects.toThrow(/twice the large one 4\.00×/);
  });

  it('fails a quadratic part behind a step', async () => {
    // As the step below, and a part that grows with the square: twice 8 takes 3.1× as long.
    await expect(expectLinear((n) => (n === 1 ? 2 : 3.5 * n + 0.5 * n * n), 1, 8, 12)).rejects.toThrow(
      /twice the large one 3\.07×/,
    );
  });

  it('passes linear work', async () => {
    await expectLinear((n) => 30 * n, 1, 8, 12);
  });

  it('passes linear work with a step between the small size and the large one', async () => {
    // The small input fits the caches (2 ms), the larger ones do not (3.5 ms per unit): 14× for 8×.
    await expectLinear((n) => (n === 1 ? 2 : 3.5 * n), 1, 8, 12);
  });

  it('does not judge times below 20 ms', async () => {
    await expectLinear((n) => 0.01 * n * n, 1, 8, 12);
  });
});
