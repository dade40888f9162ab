import type { AuditRecord } from '../audit/log.js';
import type { Platform } from './platform.js';

const DAY_MS = 86_400_000;

/**
 * Destroys what is past its retention period — retained request bodies (`audit.retainRequestsDays`)
 * and kept console conversations (`console.conversationDays`) — and leaves the proof in the audit
 * trail: one `retention.destroy` record per kind destroyed, naming how many and what cut-off.
 * Runs when the server starts, every hour, and before conversations are read.
 */
export async function destroyExpired(
  platform: Platform,
  now = new Date(),
): Promise<{ requests: number; conversations: number }> {
  return {
    requests: await destroy(platform, 'retained_requests', platform.config.audit.retainRequestsDays, now),
    conversations: await destroyExpiredConversations(platform, now),
  };
}

export function destroyExpiredConversations(platform: Platform, now = new Date()): Promise<number> {
  return destroy(platform, 'conversations', platform.config.console.conversationDays, now);
}

async function destroy(
  platform: Platform,
  table: 'retained_requests' | 'conversations',
  days: number,
  now: Date,
): Promise<number> {
  const before = new Date(now.getTime() - days * DAY_MS).toISOString();
  const db = platform.store.db;
  const r =
    table === 'conversations'
      ? await db.deleteFrom('conversations').where('updated_at', '<', before).executeTakeFirst()
      : await db.deleteFrom('retained_requests').where('created_at', '<', before).executeTakeFirst();
  const n = Number(r.numDeletedRows);
  if (n > 0) {
    const what = table === 'conversations' ? 'kept conversations' : 'retained request bodies';
    const record: AuditRecord = {
      time: now.toISOString(),
      kind: 'admin',
      tenant: '',
      keyId: null,
      user: null,
      route: 'retention',
      decision: 'retention.destroy',
      status: 0,
      outcome: 'ok',
      target: `${n} ${what} last changed before ${before} (kept ${days} days), destroyed`,
    };
    await platform.ledger.write({ audit: record });
  }
  return n;
}
