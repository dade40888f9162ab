import type { ResolvedConfig } from '../core/config.js';
import { Gateway } from '../gateway/gateway.js';
import { ModelRegistry } from '../models/registry.js';
import { detectorFromConfig } from '../privacy/from-config.js';

export interface Embedder {
  embed(texts: string[]): Promise<number[][]>;
  close(): Promise<void>;
}

const BATCH = 32;

/**
 * Embeddings from a configured model, through the gateway: the personal-data policy decides
 * what text may reach the model, exactly as for an API request.
 */
export function embedderFor(config: ResolvedConfig, model: string): Embedder {
  const registry = new ModelRegistry(config.models);
  const gateway = new Gateway(config, registry, detectorFromConfig(config.privacy));
  return {
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const { response } = await gateway.embed(
          { model, input: texts.slice(i, i + BATCH) },
          new AbortController().signal,
        );
        for (const d of [...response.data].sort((a, b) => a.index - b.index)) out.push(d.embedding);
      }
      return out;
    },
    close: () => registry.close(),
  };
}
