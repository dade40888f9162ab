import type { Redis } from 'ioredis';
import { JugwonError } from '../core/errors.js';
import { FREE_FAILURES, MAX_WAIT_S, type Throttle, type ThrottleKey, throttled } from './sessions.js';

/**
 * Adds a failure to each key and sets when it may try again: ARGV[1] now (ms), then per key its
 * free failures. Counts live a day past the last failure.
 */
const FAILED = `
local now = tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  local count = redis.call('HINCRBY', key, 'count', 1)
  local free = tonumber(ARGV[1 + i])
  if count >= free then
    local wait = math.min(tonumber(ARGV[#ARGV]), 2 ^ (count - free)) * 1000
    redis.call('HSET', key, 'until', now + wait)
  end
  redis.call('PEXPIRE', key, 86400000)
end
return 0
`;

/**
 * The sign-in throttle shared by replicas: failures per user and per address are counted in Redis,
 * so guesses spread over several replicas wait like guesses at one. Unreachable Redis refuses
 * sign-ins (503) rather than letting guesses through unthrottled.
 */
export class RedisThrottle implements Throttle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'jugwon:signin:',
  ) {}

  private key(k: ThrottleKey): string {
    return this.prefix + k[1];
  }

  async check(keys: readonly ThrottleKey[]): Promise<void> {
    let until: (string | null)[];
    try {
      until = await Promise.all(keys.map((k) => this.redis.hget(this.key(k), 'until')));
    } catch {
      throw new JugwonError('JG_COORDINATION_UNAVAILABLE');
    }
    const wait = Math.max(0, ...until.map((u) => Number(u ?? 0) - Date.now()));
    if (wait > 0) throw throttled(wait);
  }

  async failed(keys: readonly ThrottleKey[]): Promise<void> {
    await this.redis
      .eval(
        FAILED,
        keys.length,
        ...keys.map((k) => this.key(k)),
        Date.now(),
        ...keys.map(([kind]) => FREE_FAILURES[kind]),
        MAX_WAIT_S,
      )
      .catch(() => {});
  }

  async succeeded(keys: readonly ThrottleKey[]): Promise<void> {
    // A right password clears the user's count (the address's stays: spraying many users).
    for (const k of keys) if (k[0] === 'user') await this.redis.del(this.key(k)).catch(() => 0);
  }
}
