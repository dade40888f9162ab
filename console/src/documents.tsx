import { type DragEvent, type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, describeCode, describeError, upload } from './api.js';
import type { Words } from './i18n.js';
import { ActionsHeader, ErrorNote } from './ui.js';

interface Doc {
  docId: string;
  source: string;
  chunks: number;
  state: 'indexed' | 'processing' | 'failed';
  since?: string;
  error?: { code: string; message: string };
}
interface Hit {
  docId: string;
  text: string;
  score: number;
  source: string;
  article: string;
  page: number;
}
interface UploadState {
  name: string;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  message?: string;
}

export function Documents({ w }: { w: Words }) {
  const [collections, setCollections] = useState<{ name: string; chunks: number }[]>([]);
  const [collection, setCollection] = useState('');
  const [docs, setDocs] = useState<Doc[]>([]);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[] | undefined>();
  const [error, setError] = useState('');

  const refresh = useCallback(async (name: string) => {
    const list = await api<{ data: { name: string; chunks: number }[] }>('GET', '/api/collections');
    setCollections(list.data);
    if (name && list.data.some((c) => c.name === name))
      setDocs(
        (await api<{ data: Doc[] }>('GET', `/api/collections/${encodeURIComponent(name)}/documents`)).data,
      );
    else setDocs([]);
  }, []);
  useEffect(() => {
    refresh('').catch((e: unknown) => setError(describeError(e)));
  }, [refresh]);
  // While someone's upload is being indexed, the list follows it until it is indexed or failed.
  const processing = docs.some((d) => d.state === 'processing');
  useEffect(() => {
    if (!processing) return;
    const timer = setInterval(() => refresh(collection).catch(() => undefined), 2000);
    return () => clearInterval(timer);
  }, [processing, collection, refresh]);

  async function send(files: File[]) {
    if (!collection) {
      setError(w.collectionFirst);
      return;
    }
    setError('');
    const states: UploadState[] = files.map((f) => ({ name: f.name, progress: 0, status: 'uploading' }));
    setUploads(states);
    const update = (i: number, s: Partial<UploadState>) => {
      states[i] = { ...(states[i] as UploadState), ...s };
      setUploads([...states]);
    };
    await Promise.all(
      files.map((f, i) =>
        upload(
          `/api/collections/${encodeURIComponent(collection)}/documents/${encodeURIComponent(f.name)}`,
          f,
          (p) => update(i, { progress: p }),
        )
          .then(() => update(i, { status: 'done', progress: 1 }))
          .catch((e: unknown) => update(i, { status: 'error', message: describeError(e) })),
      ),
    );
    await refresh(collection);
  }

  function drop(e: DragEvent) {
    e.preventDefault();
    void send([...e.dataTransfer.files]);
  }

  async function search(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await api<{ data: Hit[] }>(
        'POST',
        `/api/collections/${encodeURIComponent(collection)}/search`,
        { query, k: 5 },
      );
      setHits(r.data);
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <section className="card">
      <h2>{w.documents}</h2>
      <label>
        {w.collection}
        <input
          list="collections"
          value={collection}
          onChange={(e) => {
            setCollection(e.target.value);
            setHits(undefined);
            refresh(e.target.value).catch(() => undefined);
          }}
        />
        <datalist id="collections">
          {collections.map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
      </label>
      <fieldset className="drop" onDragOver={(e) => e.preventDefault()} onDrop={drop}>
        <legend>{w.dropHere}</legend>
        <label>
          {w.chooseFiles}
          <input type="file" multiple onChange={(e) => void send([...(e.target.files ?? [])])} />
        </label>
      </fieldset>
      {uploads.length > 0 && (
        <ul className="uploads">
          {uploads.map((u) => (
            <li key={u.name} className={u.status}>
              {u.name} —{' '}
              {u.status === 'error'
                ? u.message
                : u.status === 'done'
                  ? w.uploaded
                  : `${Math.round(u.progress * 100)}%`}
              <progress value={u.progress} max={1} aria-label={u.name} />
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={error} />
      {docs.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{w.document}</th>
              <th>{w.status}</th>
              <th>{w.chunks}</th>
              <ActionsHeader w={w} />
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.docId}>
                <td>{d.docId}</td>
                <td className={`state-${d.state}`}>{stateText(d, w)}</td>
                <td>{d.chunks}</td>
                <td>
                  <button
                    type="button"
                    onClick={() =>
                      api(
                        'DELETE',
                        `/api/collections/${encodeURIComponent(collection)}/documents/${encodeURIComponent(d.docId)}`,
                      )
                        .then(() => refresh(collection))
                        .catch((e: unknown) => setError(describeError(e)))
                    }
                    aria-label={`${d.state === 'failed' && d.chunks === 0 ? w.dismiss : w.delete}: ${d.docId}`}
                  >
                    {d.state === 'failed' && d.chunks === 0 ? w.dismiss : w.delete}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={search} className="row">
        <label className="grow">
          {w.searchCollection}
          <input value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit" disabled={!collection}>
          {w.search}
        </button>
      </form>
      {hits && (
        <ol className="hits" data-testid="hits">
          {hits.map((h) => (
            <li key={`${h.docId}-${h.text.slice(0, 20)}`}>
              <strong>
                {[h.source, h.article, h.page ? `p. ${h.page}` : ''].filter(Boolean).join(' · ')}
              </strong>
              <p>{h.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A document's state in words: indexed, processing since when, or failed and why. */
function stateText(d: Doc, w: Words): string {
  const since = d.since ? ` (${new Date(d.since).toLocaleString(w.locale)})` : '';
  if (d.state === 'indexed') return w.stateIndexed;
  if (d.state === 'processing') return `${w.stateProcessing}${since}`;
  const kept = d.chunks > 0 ? ` — ${w.keptPrevious}` : '';
  return `${w.stateFailed}${since}: ${d.error ? describeCode(d.error.code, d.error.message) : ''}${kept}`;
}
