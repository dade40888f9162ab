import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import { JugwonError } from './errors.js';

const model = { id: 'm', provider: 'openai-compatible', baseUrl: 'http://10.0.0.1/v1', residency: 'onprem' };

/** The configuration a number is placed in, by its path. */
function withValue(path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === 'models') return { models: [{ ...model, [rest[0] as string]: value }] };
  if (head === 'tenants') return { tenants: [{ name: 'acme', [rest[0] as string]: value }] };
  return { [head as string]: { [rest[0] as string]: value } };
}

/** The path as the error names it: a model's or tenant's key is under its index. */
const named = (path: string) => path.replace(/^(models|tenants)\./, '$1.0.');

function problem(path: string, value: unknown): string | undefined {
  try {
    resolveConfig(withValue(path, value));
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(JugwonError);
    expect((e as JugwonError).code).toBe('JG_CONFIG_INVALID');
    return (e as JugwonError).message;
  }
}

describe('numbers in the configuration', () => {
  const durations = ['models.timeoutMs', 'models.healthCheckMs', 'server.requestTimeoutMs'];

  it('refuses a duration past what timers hold (Node sets it to 1 ms), negative, fractional or textual', () => {
    for (const path of durations) {
      for (const bad of [2_147_483_648, 1e12, -1, 1.5, '1000'])
        expect([path, bad, problem(path, bad)]).toEqual([path, bad, expect.stringContaining(named(path))]);
      expect(problem(path, 2_147_483_647)).toBeUndefined();
    }
  });

  it('refuses tenant limits past exact whole numbers, and bodies no parser could read', () => {
    for (const path of ['tenants.tokensPerDay', 'tenants.rpm', 'tenants.uploadBytes']) {
      for (const bad of [1e300, 2 ** 53, 0, -5, 2.5])
        expect([path, bad, problem(path, bad)]).toEqual([path, bad, expect.stringContaining(named(path))]);
      expect(problem(path, Number.MAX_SAFE_INTEGER)).toBeUndefined();
    }
    expect(problem('server.bodyLimitBytes', 1e15)).toContain('server.bodyLimitBytes');
    expect(problem('server.bodyLimitBytes', 64 * 1024 * 1024)).toBeUndefined();
    expect(problem('models.contextLength', 1e12)).toContain('models.0.contextLength');
  });
});
