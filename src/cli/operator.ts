import type { Actor } from '../app/admin.js';
import type { Platform } from '../app/platform.js';

/**
 * Runs one action as the local operator on the configured data folder, with the application
 * service it needs. The platform and the service are loaded only when the command runs, so a
 * command's start-up pays for what it uses.
 */
export async function asOperator<S, T>(
  configFile: string | undefined,
  loadService: () => Promise<S>,
  fn: (platform: Platform, actor: Actor, service: S) => Promise<T>,
): Promise<T> {
  const [{ configFromOptions }, { cliActor, withPlatform }, service] = await Promise.all([
    import('./config.js'),
    import('./platform.js'),
    loadService(),
  ]);
  return withPlatform(configFromOptions(configFile), (platform) => fn(platform, cliActor(), service));
}
