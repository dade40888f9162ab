import type { ChatRequest, EmbeddingsRequest } from '../models/chat-types.js';

/**
 * Every piece of user-supplied text in a request, as a slot that can be read and replaced:
 * message contents (system, user, assistant, tool results, text parts) and tool-call arguments.
 * Working on slots keeps scanning and masking in one place for every request shape.
 */
export interface TextSlot {
  get(): string;
  set(value: string): void;
  /** Applies what `set` left pending (renamed keys, one rebuild per object); called after every set. */
  commit?(): void;
}

const slot = (obj: object, key: string): TextSlot => {
  const o = obj as Record<string, unknown>;
  return {
    get: () => o[key] as string,
    set: (v) => {
      o[key] = v;
    },
  };
};

export function chatTexts(req: ChatRequest): TextSlot[] {
  const out: TextSlot[] = [];
  for (const m of req.messages) {
    if (typeof m.content === 'string') out.push(slot(m, 'content'));
    else if (Array.isArray(m.content)) {
      for (const part of m.content) if (typeof part.text === 'string') out.push(slot(part, 'text'));
    }
    for (const call of m.tool_calls ?? []) {
      if (typeof call.function?.arguments === 'string') out.push(slot(call.function, 'arguments'));
    }
  }
  return out;
}

export function embeddingTexts(req: EmbeddingsRequest): TextSlot[] {
  if (typeof req.input === 'string') return [slot(req, 'input')];
  const inputs = req.input;
  return inputs.map((_, i) => slot(inputs, String(i)));
}
