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

export function Audit({ w }: { w: Words }) {
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
              <td>{r.time}</td>
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
