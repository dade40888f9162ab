import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api, describeError } from './api.js';
import { BarChart } from './chart.js';
import type { Words } from './i18n.js';
import { ActionsHeader, Choice, ErrorNote } from './ui.js';

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

interface Disagreement {
  suite: string;
  key: string;
  category: string;
  answer: string;
  answers: Record<string, string>;
}

/** Metrics beyond accuracy and its interval (macro accuracy, KoBBQ's bias scores…). */
const extra = (rows: readonly Result[]) =>
  [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].filter(
    (k) => k !== 'accuracy' && k !== 'accuracy_ci95',
  );

/** Accuracy per category (subject, exam, bias category) for each model, when there is more than one. */
function CategoryTable({ w, rows }: { w: Words; rows: (Result & { runId: string })[] }) {
  const categories = [...new Set(rows.flatMap((r) => Object.keys(r.categories)))].sort();
  if (categories.length < 2) return null;
  return (
    <table>
      <thead>
        <tr>
          <th>{w.category}</th>
          {rows.map((r) => (
            <th key={`${r.runId}-${r.model}`}>{r.model}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {categories.map((c) => (
          <tr key={c}>
            <td>{c}</td>
            {rows.map((r) => (
              <td key={`${r.runId}-${r.model}`}>
                {r.categories[c] ? `${pct(r.categories[c]?.accuracy)} (${r.categories[c]?.n})` : '–'}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '–');

export function Evals({ w, canStart }: { w: Words; canStart: boolean }) {
  const [runs, setRuns] = useState<Run[]>([]);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [suiteNames, setSuiteNames] = useState<string[]>([]);
  const [models, setModels] = useState<string[]>([]);
  const [form, setForm] = useState({ suite: '', models: [] as string[], limit: '' });
  const [error, setError] = useState('');
  const [items, setItems] = useState<{ runId: string; rows: Disagreement[] } | undefined>();
  async function showItems(runId: string) {
    try {
      const r = await api<{ comparison: { disagreements: Disagreement[] } }>('GET', `/api/evals/${runId}`);
      setItems({ runId, rows: r.comparison.disagreements });
    } catch (err) {
      setError(describeError(err));
    }
  }
  const load = useCallback(async () => {
    // Jobs first: a job seen finished has written its run, so the runs read next include it.
    const current = (await api<{ data: Job[] }>('GET', '/api/eval-jobs')).data;
    setRuns((await api<{ data: Run[] }>('GET', '/api/evals')).data);
    setJobs(current);
  }, []);
  useEffect(() => {
    load().catch((e: unknown) => setError(describeError(e)));
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
      setError(describeError(err));
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
                  {extra(rows).map((k) => (
                    <th key={k}>{k}</th>
                  ))}
                  <ActionsHeader w={w} />
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
                      {extra(rows).map((k) => (
                        <td key={k}>
                          {k.includes('accuracy') ? pct(x.metrics[k]) : String(x.metrics[k] ?? '–')}
                        </td>
                      ))}
                      <td>
                        <button type="button" onClick={() => void showItems(x.runId)}>
                          {w.itemDifferences}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <CategoryTable w={w} rows={rows} />
          </div>
        );
      })}
      {items && (
        <figure>
          <figcaption>
            {w.itemDifferences} · <code>{items.runId}</code>
          </figcaption>
          {items.rows.length === 0 ? (
            <p>{w.noDifferences}</p>
          ) : (
            <table data-testid="disagreements">
              <thead>
                <tr>
                  <th>{w.suite}</th>
                  <th>{w.item}</th>
                  <th>{w.category}</th>
                  <th>{w.rightAnswer}</th>
                  {Object.keys(items.rows[0]?.answers ?? {}).map((m) => (
                    <th key={m}>{m}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.rows.map((d) => (
                  <tr key={`${d.suite}-${d.key}`}>
                    <td>{d.suite}</td>
                    <td>{d.key}</td>
                    <td>{d.category}</td>
                    <td>{d.answer}</td>
                    {Object.entries(d.answers).map(([m, a]) => (
                      <td key={m} className={a === d.answer ? 'ok' : 'no'}>
                        {a}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </figure>
      )}
      {runs.length === 0 && <p>{w.noRuns}</p>}
    </section>
  );
}
