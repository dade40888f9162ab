import { errorMessage } from './errors.js';
import type { Lang } from './i18n.js';

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

let lang: Lang = 'ko';
/** The console's language, for the messages of errors. */
export const setErrorLanguage = (l: Lang) => {
  lang = l;
};

/** An error the server reported inside a result (a failed upload), as the console says it. */
export const describeCode = (code: string, serverMessage: string) => errorMessage(code, serverMessage, lang);

/**
 * The server's error object (OpenAI's shape) as an ApiError whose message is the console's own,
 * in the console's language (see errors.ts); `fallback` when the body has none.
 */
const errorOf = (body: Body, fallback: string) => {
  const code = body.error?.code ?? 'JG_INTERNAL';
  return new ApiError(code, errorMessage(code, body.error?.message ?? fallback, lang));
};

/** A problem the console itself found in what the user entered; its message is the console's own words. */
export class InputError extends Error {}

/** What to show for any error: an ApiError's or InputError's message; anything else (a network failure, a bug), a plain sentence. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError || err instanceof InputError) return err.message;
  if ((err as { name?: string })?.name === 'AbortError') return '';
  return errorMessage('JG_INTERNAL', '', lang);
}

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
): Promise<{ found: string; masked: number; aiGenerated: boolean }> {
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
    aiGenerated: res.headers.get('x-jugwon-ai-generated') === 'true',
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
