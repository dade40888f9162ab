import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, describeError } from './api.js';
import { BarChart } from './chart.js';
import type { Words } from './i18n.js';
import { ErrorNote } from './ui.js';

interface Row {
  tenant: string;
  model: string;
  day: string;
  requests: number;
  errors: number;
  prompt_tokens: number;
  completion_tokens: number;
  avg_latency_ms: number;
}

const monthDay = (day: string) => day.slice(5); // 2026-11-28 → 11-28

export function Usage({ w, canSeeAll }: { w: Words; canSeeAll: boolean }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [tenant, setTenant] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(async (t: string) => {
    try {
      setRows(
        (await api<{ data: Row[] }>('GET', `/api/usage${t ? `?tenant=${encodeURIComponent(t)}` : ''}`)).data,
      );
      setError('');
    } catch (err) {
      setError(describeError(err));
    }
  }, []);
  useEffect(() => {
    void load('');
  }, [load]);
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const models = [...new Set(rows.map((r) => r.model))].sort();
  const series = (f: (r: Row) => number, combine: 'sum' | 'mean' = 'sum') =>
    models.map((m) => ({
      label: m,
      values: days.map((d) => {
        const rs = rows.filter((r) => r.model === m && r.day === d);
        const total = rs.reduce((n, r) => n + f(r), 0);
        return combine === 'mean' && rs.length ? total / rs.length : total;
      }),
    }));
  return (
    <section className="card">
      <h2>{w.usage}</h2>
      {canSeeAll && (
        <form
          className="row"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            void load(tenant);
          }}
        >
          <label className="grow">
            {w.tenant}
            <input value={tenant} onChange={(e) => setTenant(e.target.value)} placeholder={w.allTenants} />
          </label>
          <button type="submit">{w.show}</button>
        </form>
      )}
      <ErrorNote message={error} />
      {rows.length === 0 ? (
        <p>{w.noUsage}</p>
      ) : (
        <>
          <BarChart
            title={w.requestsPerDay}
            categories={days}
            series={series((r) => r.requests)}
            label={monthDay}
          />
          <BarChart
            title={w.tokensPerDay}
            categories={days}
            series={series((r) => r.prompt_tokens + r.completion_tokens)}
            label={monthDay}
          />
          <BarChart
            title={w.latencyPerDay}
            categories={days}
            series={series((r) => r.avg_latency_ms, 'mean')}
            unit=" ms"
            label={monthDay}
          />
          <table data-testid="usage-table">
            <thead>
              <tr>
                <th>{w.day}</th>
                <th>{w.tenant}</th>
                <th>{w.model}</th>
                <th>{w.requestsHeader}</th>
                <th>{w.tokensHeader}</th>
                <th>{w.latencyHeader}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.day}-${r.tenant}-${r.model}`}>
                  <td>{r.day}</td>
                  <td>{r.tenant}</td>
                  <td>{r.model}</td>
                  <td>{r.requests}</td>
                  <td>{(r.prompt_tokens + r.completion_tokens).toLocaleString()}</td>
                  <td>{r.avg_latency_ms.toFixed(0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
