import { type FormEvent, useState } from 'react';
import { api, describeError } from './api.js';
import type { Words } from './i18n.js';
import { ErrorNote } from './ui.js';

interface Record {
  seq: number;
  time: string;
  tenant: string;
  route: string;
  decision: string;
  status: number;
  [k: string]: unknown;
}

/**
 * Last month on the officer's own calendar, as YYYY-MM (the review is of a month that has ended):
 * on 1 December before 09:00 in Seoul, UTC's calendar still said October.
 */
function lastMonth(): string {
  const d = new Date();
  const year = d.getMonth() === 0 ? d.getFullYear() - 1 : d.getFullYear();
  const month = d.getMonth() === 0 ? 12 : d.getMonth();
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The monthly access-record review (안전성 확보조치 기준 제8조): open it, download it, sign it off. */
function Review({ w, canSignOff }: { w: Words; canSignOff: boolean }) {
  const [month, setMonth] = useState(lastMonth());
  const [note, setNote] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  async function signOff(e: FormEvent) {
    e.preventDefault();
    try {
      await api('POST', '/api/audit/signoff', { month, note });
      setDone(`${month}: ${w.signedOff}`);
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  }
  const report = (format: string) => `/api/audit/report?month=${encodeURIComponent(month)}&format=${format}`;
  return (
    <form onSubmit={signOff} className="row wrap" aria-label={w.monthlyReview}>
      <strong>{w.monthlyReview}</strong>
      <label>
        {w.month}
        <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
      </label>
      <a href={report('html')} target="_blank" rel="noreferrer">
        {w.openReport}
      </a>
      <a href={report('csv')}>{w.downloadCsv}</a>
      <a href={`/api/audit/pseudonymisation?month=${encodeURIComponent(month)}&format=csv`}>
        {w.processingRecords}
      </a>
      {canSignOff && (
        <>
          <label>
            {w.signOffNote}
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </label>
          <button type="submit">{w.signOff}</button>
        </>
      )}
      {done && (
        <span className="notice" data-testid="signoff-result">
          {done}
        </span>
      )}
      <ErrorNote message={error} />
    </form>
  );
}

export function Audit({ w, canSignOff }: { w: Words; canSignOff: boolean }) {
  const [filter, setFilter] = useState({ from: '', to: '', tenant: '', user: '', decision: '' });
  const [records, setRecords] = useState<Record[]>([]);
  const [detail, setDetail] = useState<Record | undefined>();
  const [verify, setVerify] = useState('');
  const [error, setError] = useState('');
  async function load(e?: FormEvent) {
    e?.preventDefault();
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    try {
      setRecords((await api<{ data: Record[] }>('GET', `/api/audit?${q}`)).data);
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  }
  async function check() {
    try {
      const r = await api<{ ok: boolean; records: number; firstBad?: { seq: number; problem: string } }>(
        'POST',
        '/api/audit/verify',
      );
      setVerify(
        r.ok ? `${w.verifyOk} (${r.records})` : `${w.verifyBad}: #${r.firstBad?.seq} ${r.firstBad?.problem}`,
      );
    } catch (err) {
      setError(describeError(err));
    }
  }
  const field = (k: keyof typeof filter, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={filter[k]} onChange={(e) => setFilter({ ...filter, [k]: e.target.value })} />
    </label>
  );
  return (
    <section className="card">
      <h2>{w.audit}</h2>
      <Review w={w} canSignOff={canSignOff} />
      <form onSubmit={load} className="row wrap">
        {field('from', w.from, 'date')}
        {field('to', w.to, 'date')}
        {field('tenant', w.tenant)}
        {field('user', w.user)}
        {field('decision', w.decision)}
        <button type="submit">{w.show}</button>
        <button type="button" onClick={check}>
          {w.verifyChain}
        </button>
      </form>
      {verify && (
        <p className="notice" data-testid="verify-result">
          {verify}
        </p>
      )}
      <ErrorNote message={error} />
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{w.time}</th>
            <th>{w.tenant}</th>
            <th>{w.route}</th>
            <th>{w.decision}</th>
            <th>{w.status}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr
              key={r.seq}
              onClick={() => setDetail(r)}
              tabIndex={0}
              onKeyDown={(e) => e.key === 'Enter' && setDetail(r)}
            >
              <td>{r.seq}</td>
              <td>
                {/* On the reader's clock; the stored UTC instant on hover and in the detail. */}
                <time dateTime={r.time} title={r.time}>
                  {new Date(r.time).toLocaleString(w.locale)}
                </time>
              </td>
              <td>{r.tenant}</td>
              <td>{r.route}</td>
              <td>{r.decision}</td>
              <td>{r.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {detail && (
        <figure>
          <figcaption>
            {w.detail} #{detail.seq}
          </figcaption>
          <pre>{JSON.stringify(detail, null, 2)}</pre>
        </figure>
      )}
    </section>
  );
}
