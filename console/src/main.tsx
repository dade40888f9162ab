import { type FormEvent, type ReactNode, StrictMode, useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Admin } from './admin.js';
import {
  api,
  type Citation,
  describeCode,
  describeError,
  InputError,
  setCsrf,
  setErrorLanguage,
  streamChat,
} from './api.js';
import { Audit } from './audit.js';
import { Documents } from './documents.js';
import { Evals } from './evals.js';
import { type Lang, words } from './i18n.js';
import { Keys } from './keys.js';
import { Usage } from './usage.js';
import './style.css';
import { ErrorNote, Notice, useAttempt } from './ui.js';

interface Session {
  user: string | null;
  tenant: string | null;
  role: string | null;
  csrf: string | null;
}
interface Model {
  id: string;
  residency: 'onprem' | 'domestic' | 'foreign';
}
interface Turn {
  role: string;
  content: string;
  citations?: Citation[];
  /** Personal data found in the user's own text (highlighted). */
  entities?: Entity[];
  /** The user stopped the answer before it was complete. */
  stopped?: boolean;
}
interface Saved {
  id: string;
  title: string;
  updated: string;
}
interface Entity {
  type: string;
  start: number;
  end: number;
  text: string;
  score: number;
  category: string;
}

function SignIn({ lang, onDone }: { lang: Lang; onDone: (s: Session) => void }) {
  const w = words[lang];
  // Back from the identity provider with a refusal: say why, in the console's words.
  const returned = new URLSearchParams(window.location.search).get('sso_error');
  const [error, setError] = useState(returned ? describeCode(returned, '') : '');
  const [sso, setSso] = useState(false);
  useEffect(() => {
    api<{ enabled: boolean }>('GET', '/api/sso')
      .then((r) => setSso(r.enabled))
      .catch(() => undefined);
  }, []);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      const s = await api<Session>('POST', '/api/session', {
        tenant: f.get('tenant'),
        user: f.get('user'),
        password: f.get('password'),
      });
      onDone(s);
    } catch (err) {
      setError(describeError(err));
    }
  }
  return (
    <form className="card signin" onSubmit={submit}>
      <h1>{w.title}</h1>
      <label>
        {w.tenant}
        <input name="tenant" autoComplete="organization" required />
      </label>
      <label>
        {w.user}
        <input name="user" autoComplete="username" required />
      </label>
      <label>
        {w.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <ErrorNote message={error} />
      <button type="submit">{w.signIn}</button>
      {sso && (
        <p>
          <a href="/api/sso/login">{w.ssoSignIn}</a>
        </p>
      )}
      <p className="hint">{w.noAccount}</p>
    </form>
  );
}

function Chat({ lang }: { lang: Lang }) {
  const w = words[lang];
  const [models, setModels] = useState<Model[]>([]);
  const [model, setModel] = useState('');
  const [input, setInput] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [collections, setCollections] = useState<string[]>([]);
  const [collection, setCollection] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // Conversations the server keeps for this user; `current` is the one on screen.
  const [saved, setSaved] = useState<Saved[]>([]);
  const [current, setCurrent] = useState<string | undefined>();
  const [renaming, setRenaming] = useState<string | undefined>();
  const [newTitle, setNewTitle] = useState('');
  const loadSaved = useCallback(
    () =>
      api<{ data: Saved[] }>('GET', '/api/conversations')
        .then((r) => setSaved(r.data))
        .catch(() => undefined), // an API key without a user keeps none
    [],
  );
  // The conversation being saved, read when a save runs (not when its answer started), and saves
  // one after another: a question sent before the last save ended still joins the same conversation.
  const currentRef = useRef<string | undefined>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const show = (id: string | undefined) => {
    currentRef.current = id;
    setCurrent(id);
  };
  function keep(all: Turn[]): Promise<void> {
    const body = {
      turns: all.map(({ role, content, citations }) => ({
        role,
        content,
        ...(citations ? { citations } : {}),
      })),
    };
    saving.current = saving.current.then(async () => {
      try {
        const id = currentRef.current;
        if (id) await api('PUT', `/api/conversations/${id}`, body);
        else show((await api<{ id: string }>('POST', '/api/conversations', body)).id);
        await loadSaved();
      } catch {
        // Not kept (no console user, or the administrator keeps none): the conversation still works.
      }
    });
    return saving.current;
  }
  async function reopen(id: string) {
    const c = await api<{ turns: Turn[] }>('GET', `/api/conversations/${id}`);
    setTurns(c.turns);
    show(id);
    setNotice('');
  }
  useEffect(() => {
    void loadSaved();
    api<{ data: Model[] }>('GET', '/v1/models')
      .then((r) => {
        setModels(r.data);
        setModel(r.data[0]?.id ?? '');
      })
      .catch((e: unknown) => setError(describeError(e)));
    api<{ data: { name: string }[] }>('GET', '/api/collections')
      .then((r) => setCollections(r.data.map((c) => c.name)))
      .catch(() => undefined);
  }, [loadSaved]);
  const stopper = useRef<AbortController | undefined>(undefined);
  /** Asks the model about `history` (ending with the user's turn) and streams its answer in. */
  async function ask(history: Turn[], question: string) {
    setTurns([...history, { role: 'assistant', content: '' }]);
    setBusy(true);
    setError('');
    const controller = new AbortController();
    stopper.current = controller;
    let answer = '';
    let citations: Citation[] = [];
    try {
      const privacy = await streamChat(
        model,
        history.map(({ role, content }) => ({ role, content })),
        (t) => {
          answer += t;
          setTurns([...history, { role: 'assistant', content: answer, citations }]);
        },
        collection || undefined,
        (c) => {
          citations = c;
        },
        controller.signal,
      );
      setTurns([...history, { role: 'assistant', content: answer, citations }]);
      if (privacy.found) {
        // Show the user which of their own words were found (the detector runs on the server).
        const { entities } = await api<{ entities: Entity[] }>('POST', '/api/pii/scan', { text: question });
        const last = history[history.length - 1] as Turn;
        history[history.length - 1] = { ...last, entities };
        setTurns([...history, { role: 'assistant', content: answer, citations }]);
      }
      await keep([...history, { role: 'assistant', content: answer, citations }]);
      setNotice(
        privacy.found
          ? `${privacy.masked > 0 ? w.pseudonymised : w.foundKept}: ${privacy.found
              .split(';')
              .map((kv) => {
                const [category = '', n = ''] = kv.split('=');
                return `${w.categories[category as keyof typeof w.categories] ?? category} ${n}`;
              })
              .join(', ')}`
          : w.nothingFound,
      );
    } catch (err) {
      if (controller.signal.aborted)
        setTurns([...history, { role: 'assistant', content: answer, citations, stopped: true }]);
      else setError(describeError(err));
    } finally {
      stopper.current = undefined;
      setBusy(false);
    }
  }
  async function send(e?: FormEvent) {
    e?.preventDefault();
    if (!input.trim() || !model || busy) return;
    const history: Turn[] = [...turns, { role: 'user', content: input }];
    setInput('');
    await ask(history, input);
  }
  /** Asks the last question again, in place of its answer. */
  async function regenerate() {
    const history = turns.slice(0, -1);
    const last = history[history.length - 1];
    if (last?.role !== 'user' || busy) return;
    await ask(history, last.content);
  }
  const [copied, setCopied] = useState<number | undefined>();
  async function copy(i: number, text: string) {
    await navigator.clipboard.writeText(text);
    setCopied(i);
  }
  return (
    <section className="card">
      <h2>{w.chat}</h2>
      <label>
        {w.model}
        <select value={model} onChange={(e) => setModel(e.target.value)}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id} · {w.residency[m.residency]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {w.groundIn}
        <select value={collection} onChange={(e) => setCollection(e.target.value)}>
          <option value="">{w.noCollection}</option>
          {collections.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <nav className="conversations" aria-label={w.conversations}>
        <button
          type="button"
          onClick={() => {
            setTurns([]);
            show(undefined);
            setNotice('');
          }}
        >
          {w.newConversation}
        </button>
        <ul>
          {saved.map((c) => (
            <li key={c.id} className={c.id === current ? 'current' : ''}>
              {renaming === c.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void api('PUT', `/api/conversations/${c.id}`, { title: newTitle })
                      .then(loadSaved)
                      .catch((err: unknown) => setError(describeError(err)));
                    setRenaming(undefined);
                  }}
                >
                  <label>
                    <span className="sr-only">{w.conversationTitle}</span>
                    <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} />
                  </label>
                  <button type="submit">{w.save}</button>
                </form>
              ) : (
                <button
                  type="button"
                  className="link"
                  onClick={() => void reopen(c.id).catch((err: unknown) => setError(describeError(err)))}
                >
                  {c.title}
                </button>
              )}
              <button
                type="button"
                className="link"
                aria-label={`${w.rename}: ${c.title}`}
                onClick={() => {
                  setRenaming(c.id);
                  setNewTitle(c.title);
                }}
              >
                {w.rename}
              </button>
              <button
                type="button"
                className="link"
                aria-label={`${w.delete}: ${c.title}`}
                onClick={() =>
                  void api('DELETE', `/api/conversations/${c.id}`)
                    .then(() => {
                      if (c.id === currentRef.current) {
                        setTurns([]);
                        show(undefined);
                      }
                      return loadSaved();
                    })
                    .catch((err: unknown) => setError(describeError(err)))
                }
              >
                {w.delete}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <ol className="turns" aria-live="polite">
        {turns.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns only grow; the index is their identity
          <li key={i} className={t.role}>
            {t.role === 'assistant' ? (
              // Markdown rendered as elements: raw HTML in an answer is dropped, never inserted.
              <div className="markdown">
                <Markdown remarkPlugins={[remarkGfm]} skipHtml>
                  {t.content}
                </Markdown>
              </div>
            ) : t.entities ? (
              highlight(t.content, t.entities)
            ) : (
              t.content
            )}
            {t.stopped && <p className="hint">{w.stopped}</p>}
            {t.role === 'assistant' && t.content && !(busy && i === turns.length - 1) && (
              <div className="turn-actions">
                <button type="button" className="link" onClick={() => void copy(i, t.content)}>
                  {copied === i ? w.copied : w.copy}
                </button>
                {i === turns.length - 1 && (
                  <button type="button" className="link" onClick={() => void regenerate()}>
                    {w.regenerate}
                  </button>
                )}
              </div>
            )}
            {t.citations && t.citations.length > 0 && (
              <ol className="citations" data-testid="citations">
                {t.citations.map((c) => (
                  <li key={c.n}>
                    <details>
                      <summary>
                        [{c.n}]{' '}
                        {[c.source, c.page ? `p. ${c.page}` : '', c.article, c.heading]
                          .filter(Boolean)
                          .join(' · ')}
                      </summary>
                      <blockquote>{c.text}</blockquote>
                    </details>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
      {notice && (
        <p className="notice" data-testid="pii-notice">
          {notice}
        </p>
      )}
      <ErrorNote message={error} />
      <form onSubmit={send} className="row">
        <label className="grow">
          <span className="sr-only">{w.message}</span>
          <textarea
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={(e) => {
              // Enter sends, Shift+Enter breaks the line. While a Korean input method is still
              // composing a syllable, Enter belongs to it and must not send (keyCode 229: Safari).
              if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
              e.preventDefault();
              void send();
            }}
            rows={3}
          />
        </label>
        {busy ? (
          <button type="button" onClick={() => stopper.current?.abort()}>
            {w.stop}
          </button>
        ) : (
          <button type="submit">{w.send}</button>
        )}
      </form>
    </section>
  );
}

function Pii({ lang }: { lang: Lang }) {
  const w = words[lang];
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ entities: Entity[]; masked: string } | undefined>();
  const [error, setError] = useState('');
  async function scan(e: FormEvent) {
    e.preventDefault();
    try {
      setResult(await api('POST', '/api/pii/scan', { text }));
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  }
  return (
    <section className="card">
      <h2>{w.pii}</h2>
      <form onSubmit={scan}>
        <label>
          {w.text}
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={5} />
        </label>
        <button type="submit">{w.scan}</button>
      </form>
      <ErrorNote message={error} />
      {result && (
        <>
          <p className="highlighted" data-testid="pii-highlighted">
            {highlight(text, result.entities)}
          </p>
          {result.entities.length === 0 ? (
            <p>{w.noEntities}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{w.type}</th>
                  <th>{w.text}</th>
                  <th>{w.category}</th>
                  <th>{w.score}</th>
                </tr>
              </thead>
              <tbody>
                {result.entities.map((e) => (
                  <tr key={`${e.start}-${e.end}`}>
                    <td>{e.type}</td>
                    <td>{e.text}</td>
                    <td>{e.category}</td>
                    <td>{e.score.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{w.masked}</h3>
          <pre data-testid="pii-masked">{result.masked}</pre>
        </>
      )}
    </section>
  );
}

/** The signed-in user's own password; the server ends the user's other sessions. */
function Account({ lang }: { lang: Lang }) {
  const w = words[lang];
  const [notice, setNotice] = useState('');
  const [error, attempt] = useAttempt();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setNotice('');
    await attempt(async () => {
      if (f.get('password') !== f.get('confirm')) throw new InputError(w.passwordsDiffer);
      await api('PUT', '/api/session/password', { current: f.get('current'), password: f.get('password') });
      form.reset();
      setNotice(w.passwordChanged);
    });
  }
  return (
    <section className="card">
      <h2>{w.account}</h2>
      <form onSubmit={submit} className="narrow">
        <h3>{w.changePassword}</h3>
        <label>
          {w.currentPassword}
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {w.newPassword}
          <input name="password" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        <label>
          {w.confirmPassword}
          <input name="confirm" type="password" autoComplete="new-password" minLength={12} required />
        </label>
        <ErrorNote message={error} />
        <Notice message={notice} />
        <button type="submit">{w.changePassword}</button>
      </form>
    </section>
  );
}

function highlight(text: string, entities: Entity[]) {
  const out: ReactNode[] = [];
  let at = 0;
  for (const e of [...entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    out.push(text.slice(at, e.start));
    out.push(
      <mark key={e.start} title={`${e.type} · ${e.category}`}>
        {text.slice(e.start, e.end)}
      </mark>,
    );
    at = e.end;
  }
  out.push(text.slice(at));
  return out;
}

type Page = 'chat' | 'pii' | 'documents' | 'usage' | 'evals' | 'audit' | 'keys' | 'admin' | 'account';
const PAGES: { id: Page; roles?: string[] }[] = [
  { id: 'chat' },
  { id: 'documents' },
  { id: 'pii' },
  { id: 'usage' },
  { id: 'evals' },
  { id: 'audit', roles: ['operator', 'admin', 'compliance'] },
  { id: 'keys', roles: ['operator', 'admin'] },
  { id: 'admin', roles: ['operator', 'admin'] },
  { id: 'account' },
];

function App() {
  const [lang, setLang] = useState<Lang>('ko');
  setErrorLanguage(lang);
  const [session, setSession] = useState<Session | undefined>();
  const [page, setPage] = useState<Page>('chat');
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    api<Session>('GET', '/api/session')
      .then((s) => {
        if (s.user && s.csrf) {
          setCsrf(s.csrf);
          setSession(s);
        }
      })
      .catch(() => undefined)
      .finally(() => setChecked(true));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const w = words[lang];
  const toggle = (
    <button type="button" className="link" onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}>
      {w.language}
    </button>
  );
  if (!checked) return null;
  if (!session)
    return (
      <main>
        <header className="bar">{toggle}</header>
        <SignIn
          lang={lang}
          onDone={(s) => {
            setCsrf(s.csrf ?? '');
            setSession(s);
          }}
        />
      </main>
    );
  return (
    <main>
      <header className="bar">
        <h1 className="brand">{w.title}</h1>
        <nav>
          {PAGES.filter((p) => !p.roles || p.roles.includes(session.role ?? '')).map((p) => (
            <button key={p.id} type="button" aria-current={page === p.id} onClick={() => setPage(p.id)}>
              {w[p.id]}
            </button>
          ))}
        </nav>
        <span>
          {session.tenant} · {session.user}
        </span>
        {toggle}
        <button
          type="button"
          className="link"
          onClick={async () => {
            await api('DELETE', '/api/session').catch(() => undefined);
            setSession(undefined);
          }}
        >
          {w.signOut}
        </button>
      </header>
      {page === 'chat' && <Chat lang={lang} />}
      {page === 'pii' && <Pii lang={lang} />}
      {page === 'documents' && <Documents w={w} />}
      {page === 'usage' && <Usage w={w} canSeeAll={session.role === 'operator'} />}
      {page === 'evals' && (
        <Evals w={w} canStart={['operator', 'admin', 'compliance'].includes(session.role ?? '')} />
      )}
      {page === 'audit' && <Audit w={w} />}
      {page === 'keys' && <Keys w={w} />}
      {page === 'admin' && <Admin w={w} />}
      {page === 'account' && <Account lang={lang} />}
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
