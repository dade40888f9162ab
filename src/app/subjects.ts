import { JugwonError } from '../core/errors.js';
import { readSettings } from '../knowledge/settings.js';
import { createDetector, type Detector } from '../privacy/engine.js';
import type { Principal } from '../tenancy/auth.js';
import { type Actor, adminRecord } from './admin.js';
import { Conversations } from './conversations.js';
import { embedInBatches } from './embeddings.js';
import type { Platform } from './platform.js';

/**
 * Data subjects' requests (개인정보 보호법 제35조–제37조: access, correction and erasure): find
 * everything held about one person — by 주민등록번호, phone, e-mail or name — across the
 * collections, retained requests and kept conversations, export it, or erase it. Pseudonym vaults
 * are never stored (a request's stand-ins live only as long as the request), and the audit trail
 * holds counts, never values; neither has anything to find. Each request is itself audited, with
 * its reference and outcome and never the value.
 */

/** What an erased value is replaced with, everywhere it was held. */
export const ERASED = '〔삭제됨〕';

export type SubjectSource = 'collection' | 'retained-request' | 'conversation';

export interface SubjectHit {
  source: SubjectSource;
  tenant: string | null;
  /** collection name, request id or conversation id */
  id: string;
  /** the document in a collection; the user of a conversation */
  detail: string;
  /** The document, for a collection's hit. */
  docId?: string;
  matches: number;
  /** The text around the first match, the match itself marked «…». */
  excerpt: string;
  /** The whole text (export only). */
  text?: string;
}

export interface SubjectResult {
  type: string;
  hits: SubjectHit[];
  counts: Record<SubjectSource, number>;
}

const SEPARATORS = '[\\s.\\-–—/()]{0,3}';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The pattern of one person's value as it may be written: an identifier written with digits
 * (주민등록번호, phone, account) matches with any separators or none between its digits;
 * anything else (a name, an e-mail) matches as written, ignoring case.
 */
export function subjectPattern(value: string): RegExp {
  const v = value.normalize('NFKC').trim();
  const digits = v.replace(/\D/g, '');
  if (digits.length >= 6 && /^[\d\s.\-–—/()+]+$/.test(v))
    return new RegExp(`(?<!\\d)${[...digits].join(SEPARATORS)}(?!\\d)`, 'gu');
  if ([...v].length < 2 || v.length > 200)
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'the value to look for',
      problem: 'must be 2 to 200 characters (a name, e-mail, phone or registration number)',
    });
  return new RegExp(escapeRegExp(v), 'giu');
}

function excerpt(text: string, re: RegExp): { matches: number; excerpt: string } {
  const all = [...text.matchAll(re)];
  const first = all[0];
  if (!first || first.index === undefined) return { matches: 0, excerpt: '' };
  const start = Math.max(0, first.index - 40);
  const end = Math.min(text.length, first.index + first[0].length + 40);
  const around =
    `${start > 0 ? '…' : ''}${text.slice(start, first.index)}«${first[0]}»` +
    `${text.slice(first.index + first[0].length, end)}${end < text.length ? '…' : ''}`;
  return { matches: all.length, excerpt: around.replace(/\s+/g, ' ') };
}

/** Who may answer a data subject: the platform's operator (everything), a tenant's compliance officer (its own). */
function scopeOf(p: Principal): { tenantName?: string; tenantId?: string } {
  if (p.role === 'operator') return {};
  if (p.role === 'compliance') return { tenantName: p.tenantName, tenantId: p.tenantId };
  throw new JugwonError('JG_FORBIDDEN', { action: "handle data subjects' requests" });
}

/**
 * The kind of value given (for the record), else TEXT. The value alone has no context ("홍길동"
 * with no title or label scores low), and an officer gives it as someone's: a low threshold.
 */
let valueDetector: Detector | undefined;
function typeOf(value: string): string {
  valueDetector ??= createDetector({ threshold: 0.2 });
  const found = valueDetector.detect(value).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  return found && found.end - found.start >= value.trim().length * 0.6 ? found.type : 'TEXT';
}

async function collect(
  platform: Platform,
  p: Principal,
  value: string,
  whole: boolean,
): Promise<SubjectResult> {
  const scope = scopeOf(p);
  const re = subjectPattern(value);
  const hits: SubjectHit[] = [];
  const add = (h: Omit<SubjectHit, 'matches' | 'excerpt'>, text: string) => {
    const found = excerpt(text, re);
    if (found.matches > 0) hits.push({ ...h, ...found, ...(whole ? { text } : {}) });
  };
  const settings = readSettings(platform.config.dataDir);
  const index = await platform.knowledge();
  for (const { name } of await index.collections()) {
    const owner = settings[name]?.tenant ?? null;
    if (scope.tenantName !== undefined && owner !== scope.tenantName) continue;
    for await (const c of index.chunks(name))
      add(
        {
          source: 'collection',
          tenant: owner,
          id: name,
          detail: `${c.source} (${c.chunk_id})`,
          docId: c.doc_id,
        },
        `${c.title}\n${c.heading}\n${c.text}`,
      );
  }
  if (platform.retention)
    for await (const r of platform.retention.all(scope.tenantName))
      add({ source: 'retained-request', tenant: r.tenant, id: r.requestId, detail: r.created }, r.body);
  const users = new Map(
    (await platform.store.db.selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  const tenants = new Map(
    (await platform.store.db.selectFrom('tenants').select(['id', 'name']).execute()).map((t) => [
      t.id,
      t.name,
    ]),
  );
  for await (const c of new Conversations(platform).all(scope.tenantId))
    add(
      {
        source: 'conversation',
        tenant: tenants.get(c.tenantId) ?? null,
        id: c.id,
        detail: users.get(c.userId) ?? c.userId,
      },
      [c.title, ...c.turns.map((t) => t.content)].join('\n'),
    );
  const counts = { collection: 0, 'retained-request': 0, conversation: 0 };
  for (const h of hits) counts[h.source] += h.matches;
  return { type: typeOf(value), hits, counts };
}

const summary = (r: SubjectResult) =>
  `${r.type}: ${r.counts.collection} in collections, ${r.counts['retained-request']} in retained requests, ${r.counts.conversation} in conversations`;

function record(
  platform: Platform,
  actor: Actor,
  action: string,
  reference: string | undefined,
  r: SubjectResult,
) {
  return platform.ledger.write({
    audit: adminRecord(
      actor,
      action,
      actor.principal.role === 'operator' ? '' : actor.principal.tenantName,
      `${reference ? `${reference}; ` : ''}${summary(r)}`,
    ),
  });
}

/** Where the person's value is held (excerpts), audited as `subject.find`. */
export async function findSubject(
  platform: Platform,
  actor: Actor,
  value: string,
  reference?: string,
): Promise<SubjectResult> {
  const r = await collect(platform, actor.principal, value, false);
  await record(platform, actor, 'subject.find', reference, r);
  return r;
}

/** Everything held about the person, whole texts included (the copy given to them), audited. */
export async function exportSubject(
  platform: Platform,
  actor: Actor,
  value: string,
  reference?: string,
): Promise<SubjectResult & { generated: string }> {
  const r = await collect(platform, actor.principal, value, true);
  await record(platform, actor, 'subject.export', reference, r);
  return { ...r, generated: new Date().toISOString() };
}

/**
 * Erases the value wherever it is held: replaced by 〔삭제됨〕 in collection chunks (re-analysed,
 * re-embedded, the full-text index rebuilt and old versions pruned), in retained requests (sealed
 * again) and in kept conversations. Audited as `subject.erase` with what was erased.
 */
export async function eraseSubject(
  platform: Platform,
  actor: Actor,
  value: string,
  reference?: string,
  o: { force?: boolean } = {},
): Promise<SubjectResult> {
  const r = await collect(platform, actor.principal, value, false);
  // A value that is not recognised as personal data ("고객", a word) may be in every document:
  // erasing it is irreversible, so it needs to be asked for explicitly.
  if (r.type === 'TEXT' && !o.force)
    throw new JugwonError('JG_INVALID_VALUE', {
      what: 'the value to erase',
      problem:
        'is not recognised as a 주민등록번호, phone, e-mail, name or other personal data; erasing it changes every text that holds it — confirm with force (--force)',
    });
  const re = subjectPattern(value);
  const erase = (text: string) => text.replace(re, ERASED);
  const index = await platform.knowledge();
  const settings = readSettings(platform.config.dataDir);
  const byCollection = new Map<string, Set<string>>();
  for (const h of r.hits)
    if (h.source === 'collection') {
      const docs = byCollection.get(h.id) ?? new Set<string>();
      docs.add(h.docId as string);
      byCollection.set(h.id, docs);
    }
  for (const [name, docs] of byCollection) {
    const model = settings[name]?.embeddingModel;
    const dataClass = settings[name]?.dataClass;
    const caller = {
      requestId: actor.requestId ?? 'subject-erase',
      route: `${actor.route} subject erase`,
      principal: actor.principal,
      signal: new AbortController().signal,
      ...(dataClass ? { dataClasses: [dataClass] } : {}),
    };
    await index.rewriteChunks(name, docs, erase, model ? embedInBatches(platform, caller, model) : undefined);
  }
  for (const h of r.hits)
    if (h.source === 'retained-request' && platform.retention)
      await platform.retention.reseal(h.id, erase(await platform.retention.open(h.id)));
  const conversations = new Conversations(platform);
  const ids = new Set(r.hits.filter((h) => h.source === 'conversation').map((h) => h.id));
  if (ids.size > 0)
    for await (const c of conversations.all())
      if (ids.has(c.id))
        await conversations.rewrite(
          c.id,
          erase(c.title),
          c.turns.map((t) => ({ ...t, content: erase(t.content) })),
        );
  await record(platform, actor, 'subject.erase', reference, r);
  return r;
}
