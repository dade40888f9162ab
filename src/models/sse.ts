/** The longest event (or line) an upstream may send: past it the stream fails, memory stays bounded. */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024;

/**
 * Server-sent events: parse an upstream byte stream into `data:` payloads, and format ours.
 * Handles events split across network chunks, CRLF line ends, comments and multi-line data. Each
 * chunk is searched for line ends once (a long line arriving in many small chunks stays linear).
 */
export async function* sseData(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  // The start of a line whose end has not come yet, in pieces (appending to one string and
  // searching it again would be quadratic in a long line's chunks).
  let pending: string[] = [];
  let pendingChars = 0;
  let data: string[] = [];
  let dataChars = 0;
  function* line(raw: string): Generator<string> {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l === '') {
      if (data.length > 0) yield data.join('\n');
      data = [];
      dataChars = 0;
    } else if (l.startsWith('data:')) {
      const payload = l.slice(l.charAt(5) === ' ' ? 6 : 5);
      data.push(payload);
      dataChars += payload.length;
    }
  }
  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const piece = text.slice(from, nl);
      yield* line(pending.length > 0 ? pending.join('') + piece : piece);
      pending = [];
      pendingChars = 0;
      from = nl + 1;
    }
    if (from < text.length) {
      pending.push(text.slice(from));
      pendingChars += text.length - from;
    }
    if (pendingChars + dataChars > MAX_EVENT_CHARS)
      throw new Error(`an event of the stream is longer than ${MAX_EVENT_CHARS} characters`);
  }
  const rest = pending.join('') + decoder.decode();
  if (rest.startsWith('data:')) data.push(rest.slice(rest.charAt(5) === ' ' ? 6 : 5));
  if (data.length > 0) yield data.join('\n');
}

export const sseEvent = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;
export const SSE_DONE = 'data: [DONE]\n\n';
