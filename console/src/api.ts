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

type Body = { error?: { code: string; message: string } };

/** The server's error object (OpenAI's shape) as an ApiError; `fallback` when the body has none. */
const errorOf = (body: Body, fallback: string) =>
  new ApiError(body.error?.code ?? 'JG_INTERNAL', body.error?.message ?? fallback);

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    // A JSON content type only with a body: the server refuses an empty JSON body.
    headers:
      body === undefined
        ? { 'x-jugwon-csrf': csrf }
        : { 'content-type': 'application/json', 'x-jugwon-csrf': csrf },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as Body;
  if (!res.ok) throw errorOf(json, res.statusText);
  return json as T;
}

/** Streams a chat answer: calls onText with each piece; returns the privacy headers. */
export interface Citation {
  n: number;
  docId: string;
  source: string;
  page?: number;
  article?: string;
  heading?: string;
  text: string;
}

export async function streamChat(
  model: string,
  messages: { role: string; content: string }[],
  onText: (t: string) => void,
  collection?: string,
  onCitations?: (c: Citation[]) => void,
  signal?: AbortSignal,
): Promise<{ found: string; masked: number }> {
  const res = await fetch('/v1/chat/completions', {
    method: 'POST',
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
    headers: { 'content-type': 'application/json', 'x-jugwon-csrf': csrf },
    body: JSON.stringify({
      model,
      messages,
      stream: true,
      ...(collection ? { jugwon: { collection, k: 5 } } : {}),
    }),
  });
  if (!res.ok || !res.body) {
    throw errorOf((await res.json().catch(() => ({}))) as Body, res.statusText);
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
        const chunk = JSON.parse(data) as {
          choices?: { delta?: { content?: string } }[];
          citations?: Citation[];
        };
        if (chunk.citations) onCitations?.(chunk.citations);
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

/** Uploads one file as raw bytes, reporting progress from 0 to 1 (fetch cannot report uploads). */
export function upload(path: string, file: File, onProgress: (p: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-jugwon-csrf', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let json: Body = {};
      try {
        json = JSON.parse(xhr.responseText || '{}') as Body;
      } catch {
        // not JSON (a proxy's page): the status text says what happened
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(errorOf(json, xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError('JG_INTERNAL', 'network error'));
    xhr.send(file);
  });
}
