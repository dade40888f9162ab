/** Calls to the server's own documented endpoints; the session cookie rides along. */
let csrf = '';
export const setCsrf = (token: string) => {
  csrf = token;
};

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-jugwon-csrf': csrf },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new ApiError(json.error?.code ?? 'JG_INTERNAL', json.error?.message ?? res.statusText);
  return json as T;
}

/** Streams a chat answer: calls onText with each piece; returns the privacy headers. */
export async function streamChat(
  model: string,
  messages: { role: string; content: string }[],
  onText: (t: string) => void,
): Promise<{ found: string; masked: number }> {
  const res = await fetch('/v1/chat/completions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-jugwon-csrf': csrf },
    body: JSON.stringify({ model, messages, stream: true }),
  });
  if (!res.ok || !res.body) {
    const json = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw new ApiError(json.error?.code ?? 'JG_INTERNAL', json.error?.message ?? res.statusText);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const e of events) {
      const data = e.replace(/^data: /, '');
      if (data === '[DONE]') continue;
      try {
        const chunk = JSON.parse(data) as { choices?: { delta?: { content?: string } }[] };
        const text = chunk.choices?.[0]?.delta?.content;
        if (text) onText(text);
      } catch {
        /* a keep-alive or partial line */
      }
    }
  }
  return {
    found: res.headers.get('x-jugwon-pii-found') ?? '',
    masked: Number(res.headers.get('x-jugwon-pii-masked') ?? 0),
  };
}
