import type { ResolvedConfig } from '../core/config.js';
import { JugwonError } from '../core/errors.js';
import type { ModelConfig, ModelProvider, ProviderDeps } from './provider.js';
import { llamacpp } from './providers/llamacpp/index.js';
import { openaiCompatible } from './providers/openai-compatible/index.js';

export type { ModelConfig, ModelProvider };

/** The configured models, each behind its provider, in configuration order. */
export class ModelRegistry {
  private readonly byId = new Map<string, ModelProvider>();

  constructor(
    models: ResolvedConfig['models'],
    make: (m: ModelConfig) => ModelProvider = (m) => createProvider(m),
  ) {
    for (const m of models) this.byId.set(m.id, make(m));
  }

  get(id: string): ModelProvider {
    const p = this.byId.get(id);
    if (!p) throw new JugwonError('JG_MODEL_NOT_FOUND', { model: id });
    return p;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  list(): ModelProvider[] {
    return [...this.byId.values()];
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.list().map((p) => p.close()));
  }
}

export function createProvider(m: ModelConfig, deps: ProviderDeps = {}): ModelProvider {
  switch (m.provider) {
    case 'openai-compatible':
      return openaiCompatible(m, deps);
    case 'llamacpp':
      return llamacpp(m);
  }
}
