import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, type ResolvedConfig, resolveConfig } from '../core/config.js';

import { DEFAULT_CONFIG_FILE } from './options.js';

export { DEFAULT_CONFIG_FILE };

/**
 * The configuration every command uses: --config FILE, else ./jugwon.yaml when present, else the
 * built-in defaults (one embedded model); --data-dir, where a command has it, replaces only the
 * data folder.
 */
export function configFromOptions(file: string | undefined, dataDir?: string): ResolvedConfig {
  const config = file
    ? loadConfig(file)
    : existsSync(DEFAULT_CONFIG_FILE)
      ? loadConfig(DEFAULT_CONFIG_FILE)
      : resolveConfig({
          models: [
            { id: 'local', provider: 'llamacpp', path: './data/models/default.gguf', residency: 'onprem' },
          ],
        });
  return dataDir ? Object.freeze({ ...config, dataDir: resolve(dataDir) }) : config;
}
