import { useEffect, useState } from 'react';
import { api } from './api.js';
import { BarChart } from './chart.js';
import type { Words } from './i18n.js';
import { ErrorNote } from './ui.js';

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

const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '–');

export function Evals({ w }: { w: Words }) {
  const [runs, setRuns] = useState<Run[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ data: Run[] }>('GET', '/api/evals')
      .then((r) => setRuns(r.data))
      .catch((e: Error) => setError(e.message));
  }, []);
  const suites = [...new Set(runs.flatMap((r) => r.results.map((x) => x.suite)))].sort();
  return (
    <section className="card">
      <h2>{w.evals}</h2>
      <p>{w.evalsHowTo}</p>
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
