import { describe, expect, it, vi } from 'vitest';

const getLlama = vi.fn(async (o: { gpu: unknown }) => ({ gpu: o.gpu }));
vi.mock('node-llama-cpp', () => ({ getLlama, LlamaLogLevel: { error: 'error' } }));

describe('llama.cpp runtimes', () => {
  it("load one runtime per GPU setting, so each model gets its own setting, not the first model's", async () => {
    const { runtime, loadedRuntimes } = await import('./index.js');
    const cpu = await runtime(false);
    const gpu = await runtime(true);
    expect(await runtime(false)).toBe(cpu); // loaded once per setting
    expect(getLlama.mock.calls.map((c) => c[0].gpu)).toEqual([false, 'auto']);
    expect(cpu).not.toBe(gpu);
    expect(loadedRuntimes().sort()).toEqual([false, true]);
  });
});
