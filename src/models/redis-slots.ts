import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { JugwonError } from '../core/errors.js';
import type { Slot, SlotNode, SlotRequest, SlotScheduler } from './slots.js';

/**
 * Shared Lua: the arguments every script starts with (now, lease length, grant channel prefix,
 * the nodes), reclaiming the slots of replicas that stopped refreshing their leases, choosing a
 * node (least outstanding for its weight, ties to the fewest assigned; ejected nodes only when no
 * other is left) and handing free slots to queued tickets in tag order.
 */
const COMMON = `
local used, assigned, leases, queue, tickets, state, finish = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local now = tonumber(ARGV[1])
local leaseMs = tonumber(ARGV[2])
local channel = ARGV[3]
local nn = tonumber(ARGV[4])
local nodes = {}
for i = 1, nn do
  local b = 4 + (i - 1) * 3
  nodes[i] = { label = ARGV[b + 1], max = tonumber(ARGV[b + 2]), weight = tonumber(ARGV[b + 3]) }
end
local rest = 5 + nn * 3

local function set(csv)
  local s = {}
  for l in string.gmatch(csv or '', '[^,]+') do s[l] = true end
  return s
end

local function count(h, label) return tonumber(redis.call('HGET', h, label) or '0') end

local function pick(hard, soft)
  local untried, healthy = {}, {}
  for _, n in ipairs(nodes) do
    if not hard[n.label] then
      untried[#untried + 1] = n
      if not soft[n.label] then healthy[#healthy + 1] = n end
    end
  end
  local from = untried
  if #healthy > 0 then from = healthy end
  local best, bestLoad, bestShare = nil, math.huge, math.huge
  for _, n in ipairs(from) do
    local u = count(used, n.label)
    if u < n.max then
      local load = u / n.weight
      local share = (count(assigned, n.label) + 1) / n.weight
      if load < bestLoad or (load == bestLoad and share < bestShare) then
        best, bestLoad, bestShare = n.label, load, share
      end
    end
  end
  return best
end

local function grant(label, id)
  redis.call('HINCRBY', used, label, 1)
  redis.call('HINCRBY', assigned, label, 1)
  redis.call('ZADD', leases, now + leaseMs, id .. '|' .. label)
end

local function reclaim()
  for _, lease in ipairs(redis.call('ZRANGEBYSCORE', leases, '-inf', now)) do
    redis.call('HINCRBY', used, string.match(lease, '|([^|]+)$'), -1)
    redis.call('ZREM', leases, lease)
  end
end

local function dispatch()
  for _, id in ipairs(redis.call('ZRANGE', queue, 0, 255)) do
    local info = redis.call('HGET', tickets, id)
    if not info then
      redis.call('ZREM', queue, id)
    else
      local replica, deadline, start, hard, soft = string.match(info, '^([^;]*);([^;]*);([^;]*);([^;]*);([^;]*)$')
      if tonumber(deadline) < now then
        redis.call('ZREM', queue, id)
        redis.call('HDEL', tickets, id)
      else
        local label = pick(set(hard), set(soft))
        if label then
          grant(label, id)
          redis.call('ZREM', queue, id)
          redis.call('HDEL', tickets, id)
          redis.call('HSET', state, 'vt', start)
          redis.call('PUBLISH', channel .. replica, id .. '|' .. label)
        end
      end
    end
  end
end
`;

/** ARGV after the common ones: id, replica, tenant, share, batch (0/1), hard, soft, queue limit. */
const ACQUIRE = `${COMMON}
local id, replica, tenant = ARGV[rest], ARGV[rest + 1], ARGV[rest + 2]
local share, batch = tonumber(ARGV[rest + 3]), tonumber(ARGV[rest + 4])
local hard, soft, limit = ARGV[rest + 5], ARGV[rest + 6], tonumber(ARGV[rest + 7])
reclaim()
local vt = tonumber(redis.call('HGET', state, 'vt') or '0')
local start = math.max(vt, tonumber(redis.call('HGET', finish, tenant) or '0'))
if redis.call('ZCARD', queue) == 0 then
  local label = pick(set(hard), set(soft))
  if label then
    redis.call('HSET', finish, tenant, start + 1 / share)
    redis.call('HSET', state, 'vt', start)
    grant(label, id)
    return {'granted', label}
  end
end
if redis.call('ZCARD', queue) >= limit then return {'full'} end
redis.call('HSET', finish, tenant, start + 1 / share)
redis.call('ZADD', queue, batch * 1e9 + start, id)
redis.call('HSET', tickets, id, replica .. ';' .. (now + leaseMs) .. ';' .. start .. ';' .. hard .. ';' .. soft)
dispatch()
return {'queued'}
`;

/** ARGV after the common ones: the lease to give back. */
const RELEASE = `${COMMON}
local lease = ARGV[rest]
if redis.call('ZREM', leases, lease) == 1 then
  redis.call('HINCRBY', used, string.match(lease, '|([^|]+)$'), -1)
end
reclaim()
dispatch()
return 1
`;

/** ARGV after the common ones: the ticket to take out of the queue. 1 if it was still waiting. */
const CANCEL = `${COMMON}
local id = ARGV[rest]
redis.call('HDEL', tickets, id)
return redis.call('ZREM', queue, id)
`;

/** ARGV after the common ones: how many leases, the leases, then waiting tickets: all kept alive. */
const TICK = `${COMMON}
local held = tonumber(ARGV[rest])
for i = 1, held do redis.call('ZADD', leases, 'XX', now + leaseMs, ARGV[rest + i]) end
for i = rest + held + 1, #ARGV do
  local info = redis.call('HGET', tickets, ARGV[i])
  if info then
    local replica, deadline, others = string.match(info, '^([^;]*);([^;]*);(.*)$')
    redis.call('HSET', tickets, ARGV[i], replica .. ';' .. (now + leaseMs) .. ';' .. others)
  end
end
reclaim()
dispatch()
return 1
`;

type Run = (keys: string[], args: (string | number)[]) => Promise<unknown>;

interface Waiting {
  model: string;
  resolve: (label: string) => void;
}

/**
 * Request slots of pools shared by replicas, held in Redis: each node's count of requests in
 * flight, the queue of waiting requests and the fair-queuing tags are cluster-wide, so a node's
 * maxConcurrency and the tenants' shares hold across every replica. A slot is a lease its replica
 * renews; a replica that dies gives its slots back when the leases run out. A freed slot goes to
 * the best waiting ticket whichever replica holds it (told over pub/sub).
 */
export class RedisSlotsHub {
  readonly replica = randomUUID();
  private readonly waiting = new Map<string, Waiting>();
  /** Tickets whose request left while waiting: a slot granted to one anyway is given back. */
  private readonly cancelled = new Map<string, string>();
  /** Leases held by this replica, per model. */
  private readonly held = new Map<string, Set<string>>();
  private readonly runners = new Map<string, { nodes: SlotNode[]; run: (script: string) => Run }>();
  private readonly timer: NodeJS.Timeout;
  private subscribed: Promise<unknown> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix = 'jugwon:',
    private readonly leaseMs = 30_000,
  ) {
    this.timer = setInterval(() => void this.tick().catch(() => {}), Math.max(50, Math.floor(leaseMs / 3)));
    this.timer.unref();
    subscriber.on('message', (_channel: string, message: string) => this.granted(message));
  }

  private channel(): string {
    return `${this.prefix}pool-grant:`;
  }

  /** The scheduler of one model's pool. */
  scheduler(model: string, nodes: SlotNode[], queueLimit: number): SlotScheduler {
    const keys = ['used', 'assigned', 'leases', 'queue', 'tickets', 'state', 'finish'].map(
      (k) => `${this.prefix}pool:${model}:${k}`,
    );
    const common = () => [
      Date.now(),
      this.leaseMs,
      this.channel(),
      nodes.length,
      ...nodes.flatMap((n) => [n.label, Number.isFinite(n.max) ? n.max : 1e9, n.weight]),
    ];
    const run =
      (script: string): Run =>
      async (_keys, args) => {
        try {
          return await this.redis.eval(script, keys.length, ...keys, ...common(), ...args);
        } catch {
          throw new JugwonError('JG_COORDINATION_UNAVAILABLE');
        }
      };
    this.runners.set(model, { nodes, run });
    this.subscribed ??= this.subscriber.subscribe(`${this.channel()}${this.replica}`);
    const hub = this;
    return {
      get waiting() {
        let n = 0;
        for (const w of hub.waiting.values()) if (w.model === model) n++;
        return n;
      },
      acquire: (r) => this.acquire(model, run, r, queueLimit),
      close: async () => {},
    };
  }

  private slot(model: string, run: (script: string) => Run, id: string, label: string): Slot {
    const lease = `${id}|${label}`;
    let leases = this.held.get(model);
    if (!leases) {
      leases = new Set();
      this.held.set(model, leases);
    }
    leases.add(lease);
    let released = false;
    return {
      label,
      release: () => {
        if (released) return;
        released = true;
        leases.delete(lease);
        // A lease that cannot be given back now runs out on its own.
        void run(RELEASE)([], [lease]).catch(() => {});
      },
    };
  }

  private async acquire(
    model: string,
    run: (s: string) => Run,
    r: SlotRequest,
    queueLimit: number,
  ): Promise<Slot> {
    const nodes = this.runners.get(model)?.nodes ?? [];
    if (nodes.every((n) => r.hard.has(n.label)))
      throw new JugwonError('JG_UPSTREAM_ERROR', { model, status: 'every endpoint failed' });
    await this.subscribed;
    const id = randomUUID();
    // Registered before asking: the grant can arrive before the answer that says "queued".
    const granted = new Promise<string>((resolve) => this.waiting.set(id, { model, resolve }));
    let answer: unknown;
    try {
      answer = await run(ACQUIRE)(
        [],
        [
          id,
          this.replica,
          r.ticket.tenant,
          r.ticket.share,
          r.ticket.priority === 'batch' ? 1 : 0,
          [...r.hard].join(','),
          [...r.soft].join(','),
          queueLimit,
        ],
      );
    } catch (e) {
      this.waiting.delete(id);
      throw e;
    }
    const [status, label] = answer as [string, string?];
    if (status === 'granted') {
      this.waiting.delete(id);
      return this.slot(model, run, id, label as string);
    }
    if (status === 'full') {
      this.waiting.delete(id);
      const busy = new JugwonError('JG_MODEL_BUSY', { model });
      busy.retryAfter = 1;
      throw busy;
    }
    const onAbort = () => {
      if (!this.waiting.delete(id)) return;
      this.cancelled.set(id, model);
      void run(CANCEL)([], [id])
        .then((stillQueued) => {
          if (Number(stillQueued) === 1) this.cancelled.delete(id);
        })
        .catch(() => {});
    };
    let rejectWait: (e: unknown) => void = () => {};
    const left = new Promise<never>((_, reject) => {
      rejectWait = reject;
    });
    const onLeave = () => {
      onAbort();
      rejectWait(r.signal.reason);
    };
    if (r.signal.aborted) onLeave();
    r.signal.addEventListener('abort', onLeave, { once: true });
    try {
      return this.slot(model, run, id, await Promise.race([granted, left]));
    } finally {
      r.signal.removeEventListener('abort', onLeave);
    }
  }

  /** A slot handed to one of this replica's tickets; given straight back if it stopped waiting. */
  private granted(message: string): void {
    const sep = message.indexOf('|');
    const id = message.slice(0, sep);
    const label = message.slice(sep + 1);
    const w = this.waiting.get(id);
    if (w) {
      this.waiting.delete(id);
      w.resolve(label);
      return;
    }
    const model = this.cancelled.get(id);
    if (model === undefined) return;
    this.cancelled.delete(id);
    void this.runners
      .get(model)
      ?.run(RELEASE)([], [`${id}|${label}`])
      .catch(() => {});
  }

  /** Renews this replica's leases and waiting tickets, and reclaims those of replicas gone. */
  private async tick(): Promise<void> {
    for (const [model, r] of this.runners) {
      const leases = [...(this.held.get(model) ?? [])];
      const tickets = [...this.waiting].filter(([, w]) => w.model === model).map(([id]) => id);
      await r.run(TICK)([], [leases.length, ...leases, ...tickets]);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.subscriber.disconnect();
  }
}
