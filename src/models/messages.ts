import type { ChatMessage } from './chat-types.js';

/** Text of a message: a string, or the text parts of multi-part content joined by `separator`. */
export function messageText(m: ChatMessage, separator = ''): string {
  if (typeof m.content === 'string') return m.content;
  if (Array.isArray(m.content))
    return m.content.map((p) => (typeof p.text === 'string' ? p.text : '')).join(separator);
  return '';
}
