import { type FormEvent, useState } from 'react';
import { api, describeError } from './api.js';
import type { Words } from './i18n.js';
import { ErrorNote } from './ui.js';

type Source = 'collection' | 'retained-request' | 'conversation';
interface Hit {
  source: Source;
  tenant: string | null;
  id: string;
  detail: string;
  matches: number;
  excerpt: string;
}
interface Result {
  type: string;
  hits: Hit[];
  counts: Record<Source, number>;
}

/** A data subject's requests (개인정보 보호법 제35조–제37조), for compliance officers: find, export, erase. */
export function Subjects({ w }: { w: Words }) {
  const [value, setValue] = useState('');
  const [reference, setReference] = useState('');
  const [result, setResult] = useState<{ r: Result; erased: boolean } | undefined>();
  const [error, setError] = useState('');
  const body = () => ({ value: value.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) });
  async function find(e?: FormEvent) {
    e?.preventDefault();
    try {
      setResult({ r: await api<Result>('POST', '/api/subjects/find', body()), erased: false });
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  }
  async function download() {
    try {
      const r = await api<Result>('POST', '/api/subjects/export', body());
      const url = URL.createObjectURL(new Blob([JSON.stringify(r, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `정보주체-${reference.trim() || 'export'}.json`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(describeError(err));
    }
  }
  async function erase() {
    if (!window.confirm(w.subjectEraseConfirm)) return;
    // A word that is not personal data may be in every document: asked a second time.
    const force = result?.r.type === 'TEXT';
    if (force && !window.confirm(w.subjectEraseText)) return;
    try {
      setResult({ r: await api<Result>('POST', '/api/subjects/erase', { ...body(), force }), erased: true });
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  }
  const total = result ? result.r.hits.reduce((n, h) => n + h.matches, 0) : 0;
  return (
    <section className="card">
      <h2>{w.subjects}</h2>
      <form onSubmit={find} className="row wrap">
        <label>
          {w.subjectValue}
          <input value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" required />
        </label>
        <label>
          {w.subjectReference}
          <input value={reference} onChange={(e) => setReference(e.target.value)} />
        </label>
        <button type="submit">{w.subjectFind}</button>
        <button type="button" onClick={download} disabled={!result || total === 0}>
          {w.subjectExport}
        </button>
        <button type="button" className="danger" onClick={erase} disabled={!result || total === 0}>
          {w.subjectErase}
        </button>
      </form>
      <ErrorNote message={error} />
      {result && (
        <p className="notice" data-testid="subject-summary">
          {total} {result.erased ? w.subjectErased : w.subjectSummary} ({result.r.type}) ·{' '}
          {(Object.keys(result.r.counts) as Source[])
            .map((s) => `${w.subjectSource[s]} ${result.r.counts[s]}`)
            .join(' · ')}
        </p>
      )}
      {result && !result.erased && result.r.hits.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{w.source}</th>
              <th>{w.tenant}</th>
              <th>{w.detail}</th>
              <th>{w.matches}</th>
              <th>{w.excerpt}</th>
            </tr>
          </thead>
          <tbody>
            {result.r.hits.map((h) => (
              <tr key={`${h.source}:${h.id}:${h.detail}`}>
                <td>{w.subjectSource[h.source]}</td>
                <td>{h.tenant ?? '-'}</td>
                <td>
                  {h.source === 'collection' ? `${h.id} · ` : ''}
                  {h.detail}
                </td>
                <td>{h.matches}</td>
                <td>{h.excerpt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{w.subjectNoVaults}</p>
    </section>
  );
}
