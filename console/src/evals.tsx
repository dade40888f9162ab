import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.js';
import { BarChart } from './chart.js';
import type { Words } from './i18n.js';
import { Choice, ErrorNote } from './ui.js';

interface Result {
  model: string;
  suite: string;
  n: number;
  metrics: Record<string, number | [number, number]>;
  categories: Record<string, { n: number; accuracy: number }>;
}
interface Run {
  runId: string;
  created: string;
  models: string[];
  results: Result[];
}

interface Job {
  id: number;
  suite: string;
  models: string[];
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  runId?: string;
  error?: string;
}

const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '–');

export function Evals({ w, canStart }: { w: Words; canStart: boolean }) {
  const [runs, setRuns] = useState<Run[]>([]);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [suiteNames, setSuiteNames] = useState<string[]>([]);
  const [models, setModels] = useState<string[]>([]);
  const [form, setForm] = useState({ suite: '', models: [] as string[], limit: '' });
  const [error, setError] = useState('');
  const load = useCallback(async () => {
    // Jobs first: a job seen finished has written its run, so the runs read next include it.
    const current = (await api<{ data: Job[] }>('GET', '/api/eval-jobs')).data;
    setRuns((await api<{ data: Run[] }>('GET', '/api/evals')).data);
    setJobs(current);
  }, []);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
    api<{ data: string[] }>('GET', '/api/eval-suites')
      .then((r) => setSuiteNames(r.data))
      .catch(() => undefined);
    api<{ data: { id: string }[] }>('GET', '/v1/models')
      .then((r) => setModels(r.data.map((m) => m.id)))
      .catch(() => undefined);
  }, [load]);
  // While a run is going, its progress is polled; when it ends, the results appear.
  const running = jobs.some((j) => j.state === 'running');
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void load().catch(() => undefined), 1000);
    return () => clearInterval(t);
  }, [running, load]);
  async function start(e: FormEvent) {
    e.preventDefault();
    try {
      await api('POST', '/api/eval-jobs', {
        suite: form.suite,
        models: form.models,
        limit: form.limit || null,
      });
      setError('');
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const suites = [...new Set(runs.flatMap((r) => r.results.map((x) => x.suite)))].sort();
  return (
    <section className="card">
      <h2>{w.evals}</h2>
      <p>{w.evalsHowTo}</p>
      {canStart && (
        <form onSubmit={start} className="row wrap">
          <label>
            {w.suite}
            <Choice
              value={form.suite}
              options={suiteNames}
              none="—"
              onChange={(suite) => setForm({ ...form, suite })}
            />
          </label>
          <fieldset>
            <legend>{w.models}</legend>
            {models.map((m) => (
              <label key={m} className="inline">
                <input
                  type="checkbox"
                  checked={form.models.includes(m)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      models: e.target.checked ? [...form.models, m] : form.models.filter((x) => x !== m),
                    })
                  }
                />
                {m}
              </label>
            ))}
          </fieldset>
          <label>
            {w.limit}
            <input
              type="number"
              min={1}
              value={form.limit}
              onChange={(e) => setForm({ ...form, limit: e.target.value })}
            />
          </label>
          <button type="submit" disabled={!form.suite || form.models.length === 0}>
            {w.startRun}
          </button>
        </form>
      )}
      {jobs.length > 0 && (
        <ul className="uploads" data-testid="eval-jobs">
          {jobs.map((j) => (
            <li key={j.id} className={j.state}>
              {j.suite} · {j.models.join(', ')} —{' '}
              {j.state === 'failed'
                ? j.error
                : j.state === 'done'
                  ? `${w.finished} (${j.runId})`
                  : `${j.done}/${j.total}`}
              <progress
                value={j.total ? j.done / j.total : 0}
                max={1}
                aria-label={`${j.suite} ${j.models.join(', ')}`}
              />
            </li>
          ))}
        </ul>
      )}
      <ErrorNote message={error} />
      {suites.map((suite) => {
        const rows = runs.flatMap((r) =>
          r.results.filter((x) => x.suite === suite).map((x) => ({ ...x, runId: r.runId })),
        );
        return (
          <div key={suite}>
            <h3>{suite}</h3>
            <BarChart
              title={`${suite} · ${w.accuracy}`}
              categories={[suite]}
              series={rows.map((x) => ({
                label: `${x.model} (${x.runId})`,
                values: [100 * Number(x.metrics.accuracy ?? 0)],
              }))}
              unit="%"
            />
            <table data-testid={`eval-${suite}`}>
              <thead>
                <tr>
                  <th>{w.model}</th>
                  <th>run</th>
                  <th>n</th>
                  <th>{w.accuracy} (95% CI)</th>
                  <th>macro</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x) => {
                  const [lo, hi] = (x.metrics.accuracy_ci95 as [number, number] | undefined) ?? [0, 0];
                  return (
                    <tr key={`${x.runId}-${x.model}`}>
                      <td>{x.model}</td>
                      <td>
                        <code>{x.runId}</code>
                      </td>
                      <td>{x.n}</td>
                      <td>
                        {pct(x.metrics.accuracy)} ({pct(lo)}–{pct(hi)})
                      </td>
                      <td>{pct(x.metrics.macro_accuracy)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      {runs.length === 0 && <p>{w.noRuns}</p>}
    </section>
  );
}
