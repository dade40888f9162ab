import { randomUUID } from 'node:crypto';
import { keyFile, type Sealed, seal, unseal } from '../audit/retention.js';
import { JugwonError } from '../core/errors.js';
import type { Detector } from '../privacy/engine.js';
import type { Principal } from '../tenancy/auth.js';
import { oneAtATimeFor } from '../tenancy/users.js';
import type { Platform } from './platform.js';
import { destroyExpiredConversations } from './retention.js';

/** One turn as the console keeps it (the user's words and the answers, citations included). */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
  citations?: unknown[];
}

const MAX_TURNS = 500;
const MAX_BYTES = 2 * 1024 * 1024;
/**
 * Conversations a user keeps, and the most the console lists: every one stays reachable, and a
 * user (or a script with a session) cannot fill the disk 2 MB at a time.
 */
export const MAX_CONVERSATIONS = 200;
/** Conversations read at once when all are read (a data subject's request). */
const PAGE = 50;

/** The console user a conversation belongs to: conversations are a signed-in person's, not a key's. */
function owner(p: Principal | undefined): { tenantId: string; userId: string } {
  const userId = p?.userId;
  if (!p?.userName || !userId)
    throw new JugwonError('JG_FORBIDDEN', { action: 'keep conversations without signing in to the console' });
  return { tenantId: p.tenantId, userId };
}

/**
 * Console conversations, kept per user so a reload or another device finds them. Their text holds
 * whatever the user typed (personal data included), so it is sealed with AES-256-GCM under a key
 * apart from the database — a copy of the database alone reads nothing — and the sealed row names
 * its id (a body cannot be moved to another conversation); titles, listed as they are, have their
 * personal data replaced by its type. Kept `console.conversationDays` after the last change, then
 * deleted.
 */
export class Conversations {
  private key: Buffer | undefined;
  constructor(private readonly platform: Platform) {}

  private get sealingKey(): Buffer {
    this.key ??= keyFile(this.platform.config.audit.keysDir, 'conversations-aes256.key');
    return this.key;
  }

  private seal(id: string, turns: ConversationTurn[]) {
    return seal(this.sealingKey, id, JSON.stringify(turns));
  }

  private open(id: string, row: Sealed): ConversationTurn[] {
    return JSON.parse(unseal(this.sealingKey, id, row));
  }

  private check(turns: unknown): ConversationTurn[] {
    if (!Array.isArray(turns) || turns.length > MAX_TURNS)
      throw new JugwonError('JG_INVALID_REQUEST', {
        problem: `turns must be a list of at most ${MAX_TURNS}`,
      });
    for (const t of turns)
      if (!t || (t.role !== 'user' && t.role !== 'assistant') || typeof t.content !== 'string')
        throw new JugwonError('JG_INVALID_REQUEST', {
          problem: 'each turn has a role (user or assistant) and content',
        });
    if (Buffer.byteLength(JSON.stringify(turns)) > MAX_BYTES)
      throw new JugwonError('JG_INVALID_REQUEST', {
        problem: `a conversation holds at most ${MAX_BYTES} bytes`,
      });
    return turns.map((t: ConversationTurn) => ({
      role: t.role,
      content: t.content,
      ...(Array.isArray(t.citations) ? { citations: t.citations } : {}),
    }));
  }

  /** Destroys conversations past the retention period (all of them when it is 0), with proof in the trail. */
  private async expire(): Promise<void> {
    await destroyExpiredConversations(this.platform);
  }

  async list(p: Principal | undefined) {
    const o = owner(p);
    await this.expire();
    return this.platform.store.db
      .selectFrom('conversations')
      .select(['id', 'title', 'created_at as created', 'updated_at as updated'])
      .where('user_id', '=', o.userId)
      .orderBy('updated_at', 'desc')
      .limit(MAX_CONVERSATIONS)
      .execute();
  }

  async get(p: Principal | undefined, id: string) {
    const o = owner(p);
    await this.expire();
    const row = await this.platform.store.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', o.userId)
      .executeTakeFirst();
    // Another user's conversation is as absent as one that does not exist.
    if (!row) throw new JugwonError('JG_CONVERSATION_NOT_FOUND');
    // Answers that leave the service carry their AI Basic Act label (unless the tenant is exempt).
    const labelled = (p?.tenant?.ai_label ?? 'on') !== 'off';
    const turns = this.open(row.id, row).map((t) =>
      labelled && t.role === 'assistant' ? { ...t, ai_generated: true } : t,
    );
    return { id: row.id, title: row.title, created: row.created_at, updated: row.updated_at, turns };
  }

  async create(p: Principal | undefined, title: string, turns: unknown) {
    const o = owner(p);
    if (this.platform.config.console.conversationDays === 0)
      throw new JugwonError('JG_FORBIDDEN', { action: 'keep conversations (the administrator keeps none)' });
    const checked = this.check(turns);
    const id = randomUUID();
    const now = new Date().toISOString();
    const row = {
      id,
      tenant_id: o.tenantId,
      user_id: o.userId,
      title: cleanTitle(title, checked, this.platform.detector),
      created_at: now,
      updated_at: now,
      ...this.seal(id, checked),
    };
    // Counted and added in one transaction, one save of a user at a time.
    const { store } = this.platform;
    await store.db.transaction().execute(async (tx) => {
      await oneAtATimeFor(tx, store.dialect, o.userId);
      const { kept } = await tx
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<number>().as('kept'))
        .where('user_id', '=', o.userId)
        .executeTakeFirstOrThrow();
      if (Number(kept) >= MAX_CONVERSATIONS)
        throw new JugwonError('JG_CONVERSATION_LIMIT', { limit: MAX_CONVERSATIONS });
      await tx.insertInto('conversations').values(row).execute();
    });
    return { id };
  }

  async update(p: Principal | undefined, id: string, change: { title?: string; turns?: unknown }) {
    const current = await this.get(p, id);
    const turns = change.turns === undefined ? current.turns : this.check(change.turns);
    await this.platform.store.db
      .updateTable('conversations')
      .set({
        title:
          change.title !== undefined
            ? cleanTitle(change.title, turns, this.platform.detector)
            : current.title,
        updated_at: new Date().toISOString(),
        ...(change.turns !== undefined ? this.seal(id, turns) : {}),
      })
      .where('id', '=', id)
      .execute();
    return { id };
  }

  /**
   * Every kept conversation (of one tenant), opened: a data subject's request reads them all. Read
   * a page at a time (each may hold 2 MB), so the whole store is never in memory at once.
   */
  async *all(tenantId?: string) {
    await this.expire();
    let after = '';
    for (;;) {
      const rows = await this.platform.store.db
        .selectFrom('conversations')
        .selectAll()
        .$if(tenantId !== undefined, (q) => q.where('tenant_id', '=', tenantId as string))
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const row of rows)
        yield {
          id: row.id,
          tenantId: row.tenant_id,
          userId: row.user_id,
          title: row.title,
          turns: this.open(row.id, row),
        };
      if (rows.length < PAGE) return;
      after = (rows.at(-1) as { id: string }).id;
    }
  }

  /** Replaces a conversation's title and turns (an erasure), sealed again. */
  async rewrite(id: string, title: string, turns: ConversationTurn[]): Promise<void> {
    await this.platform.store.db
      .updateTable('conversations')
      .set({ title, ...this.seal(id, turns) })
      .where('id', '=', id)
      .execute();
  }

  async remove(p: Principal | undefined, id: string) {
    await this.get(p, id); // someone else's, or none: not found
    await this.platform.store.db.deleteFrom('conversations').where('id', '=', id).execute();
  }
}

/**
 * A title: the one given, else the first question's start; one line, at most 80 characters. It is
 * stored and listed as it is, so the personal data in it is replaced by its type first
 * ("고객 〔PERSON〕(〔PHONE〕)의 대출…").
 */
function cleanTitle(title: string, turns: ConversationTurn[], detector: Detector): string {
  let t = (title.trim() || turns.find((x) => x.role === 'user')?.content || '새 대화').replace(/\s+/g, ' ');
  t = t.slice(0, 400);
  for (const e of [...detector.detect(t)].sort((a, b) => b.start - a.start))
    t = `${t.slice(0, e.start)}〔${e.type}〕${t.slice(e.end)}`;
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}
