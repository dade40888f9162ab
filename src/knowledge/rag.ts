import type { ChatMessage } from '../models/chat-types.js';
import { messageText } from '../models/messages.js';
import type { SearchFilter } from './filter.js';
import type { Hit, KnowledgeIndex } from './index-store.js';

/** A passage an answer may cite as [n]: where it comes from, and its text. */
export interface Citation {
  n: number;
  docId: string;
  chunkId: string;
  source: string;
  title: string;
  page: number | null;
  article: string;
  heading: string;
  text: string;
  score: number;
}

export function citationsOf(hits: readonly Hit[]): Citation[] {
  return hits.map((h, i) => ({
    n: i + 1,
    docId: h.docId,
    chunkId: h.chunkId,
    source: h.source,
    title: h.title,
    page: h.page > 0 ? h.page : null,
    article: h.article,
    heading: h.heading,
    text: h.text,
    score: h.score,
  }));
}

/** "source · p. 3 · 제2조(금리)": how a citation is shown. */
export function whereOf(c: Citation): string {
  return [c.source, c.page ? `p. ${c.page}` : '', c.article, c.heading].filter(Boolean).join(' · ');
}

export async function retrieve(
  index: KnowledgeIndex,
  collection: string,
  question: string,
  k: number,
  vector?: number[],
  filter?: SearchFilter,
): Promise<Citation[]> {
  return citationsOf(await index.search(collection, question, k, vector, filter));
}

/**
 * The conversation a model answers from: a system message holding the numbered passages and
 * the rule to cite them, then the user's messages unchanged.
 */
export function groundedMessages(
  messages: readonly ChatMessage[],
  citations: readonly Citation[],
): ChatMessage[] {
  const passages = citations.map((c) => `[${c.n}] (${whereOf(c)})\n${c.text}`).join('\n\n');
  const instruction =
    '다음 자료만 근거로 한국어로 답하세요. 문장마다 근거 자료의 번호를 [1], [2]처럼 붙이세요. ' +
    '자료에 답이 없으면 자료에서 찾을 수 없다고 답하세요.\n' +
    'Answer only from the passages below and cite them as [1], [2]. If they do not contain the answer, say so.\n\n' +
    passages;
  return [{ role: 'system', content: instruction }, ...messages];
}

/** With no model to write an answer, the cited passages themselves are the answer. */
export function passagesAnswer(citations: readonly Citation[]): string {
  if (citations.length === 0) return '관련 자료를 찾지 못했습니다. (No passage found.)';
  return citations.map((c) => `[${c.n}] ${c.text}\n    — ${whereOf(c)}`).join('\n');
}

/** The text of the last user message: what retrieval searches for. */
export function lastQuestion(messages: readonly ChatMessage[]): string {
  const m = [...messages].reverse().find((x) => x.role === 'user');
  return m ? messageText(m, ' ') : '';
}
