import type { RunRecord } from './run.js';
import type { ItemResult, Summary } from './score.js';
import { LETTERS } from './suite.js';

/** Runs compared per suite and category, with the items on which the models disagree. */
export interface Comparison {
  runs: { runId: string; created: string; models: string[] }[];
  suites: { suite: string; rows: (Summary & { runId: string })[] }[];
  disagreements: {
    suite: string;
    key: string;
    category: string;
    answer: string;
    answers: Record<string, string>;
  }[];
}

const MAX_DISAGREEMENTS = 500;
const letter = (i: number | null) => (i === null ? '–' : (LETTERS[i] ?? String(i)));

export function compare(runs: readonly { record: RunRecord; items: ItemResult[] }[]): Comparison {
  const suites = new Map<string, (Summary & { runId: string })[]>();
  for (const { record } of runs)
    for (const s of record.results) {
      const rows = suites.get(s.suite) ?? [];
      rows.push({ ...s, runId: record.runId });
      suites.set(s.suite, rows);
    }
  // An item's answers across every model that answered it, in any of the runs.
  const byItem = new Map<
    string,
    { suite: string; key: string; category: string; answer: number; answers: Record<string, string> }
  >();
  for (const { record, items } of runs)
    for (const r of items) {
      const label = runs.length > 1 ? `${r.model} (${record.runId})` : r.model;
      const id = `${r.suite}\u0000${r.key}`;
      const entry = byItem.get(id) ?? {
        suite: r.suite,
        key: r.key,
        category: r.category,
        answer: r.answer,
        answers: {},
      };
      entry.answers[label] = letter(r.predicted);
      byItem.set(id, entry);
    }
  const disagreements = [...byItem.values()]
    .filter((e) => Object.keys(e.answers).length > 1 && new Set(Object.values(e.answers)).size > 1)
    .slice(0, MAX_DISAGREEMENTS)
    .map((e) => ({ ...e, answer: letter(e.answer) }));
  return {
    runs: runs.map(({ record }) => ({
      runId: record.runId,
      created: record.created,
      models: record.options.models,
    })),
    suites: [...suites].map(([suite, rows]) => ({ suite, rows })),
    disagreements,
  };
}

const esc = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '–');

/** Horizontal bars of accuracy with their 95% intervals, one per model. */
function bars(rows: readonly (Summary & { runId: string })[]): string {
  const width = 520;
  const left = 180;
  const h = 26;
  const scale = (x: number) => left + x * (width - left - 20);
  const body = rows
    .map((r, i) => {
      const y = 10 + i * h;
      const acc = Number(r.metrics.accuracy ?? 0);
      const [lo, hi] = (r.metrics.accuracy_ci95 as [number, number] | undefined) ?? [acc, acc];
      return `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(r.model)}</text>
<rect x="${left}" y="${y + 3}" width="${(scale(acc) - left).toFixed(1)}" height="16" fill="#3b6ea5"><title>${pct(acc)} (95% CI ${pct(lo)}–${pct(hi)})</title></rect>
<line x1="${scale(lo).toFixed(1)}" x2="${scale(hi).toFixed(1)}" y1="${y + 11}" y2="${y + 11}" stroke="#111" stroke-width="1.5"/>
<text x="${(scale(hi) + 6).toFixed(1)}" y="${y + 15}">${pct(acc)}</text>`;
    })
    .join('\n');
  const height = 20 + rows.length * h;
  return `<svg role="img" aria-label="accuracy by model" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="12" font-family="sans-serif">
<line x1="${left}" x2="${left}" y1="5" y2="${height - 5}" stroke="#999"/>${body}</svg>`;
}

export function reportHtml(c: Comparison): string {
  const sections = c.suites
    .map(({ suite, rows }) => {
      const categories = [...new Set(rows.flatMap((r) => Object.keys(r.categories)))].sort();
      const extra = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].filter(
        (k) => !['accuracy', 'accuracy_ci95'].includes(k),
      );
      const protocols = [...new Set(rows.map((r) => r.protocol ?? 'official'))].join(', ');
      const shots = [...new Set(rows.map((r) => `${r.shots ?? 0}-shot`))].join(', ');
      return `<section><h2>${esc(suite)}</h2>
<p class="protocol">Scored under the ${esc(protocols)} protocol, ${esc(shots)} (docs/evaluation.md).</p>
${bars(rows)}
<table><thead><tr><th>model</th><th>n</th><th>accuracy (95% CI)</th>${extra.map((k) => `<th>${esc(k)}</th>`).join('')}</tr></thead><tbody>
${rows
  .map((r) => {
    const [lo, hi] = (r.metrics.accuracy_ci95 as [number, number] | undefined) ?? [0, 0];
    return `<tr><td>${esc(r.model)}</td><td>${r.n}</td><td>${pct(r.metrics.accuracy)} (${pct(lo)}–${pct(hi)})</td>${extra
      .map((k) => {
        const v = r.metrics[k];
        return `<td>${k.includes('accuracy') ? pct(v) : esc(v ?? '–')}</td>`;
      })
      .join('')}</tr>`;
  })
  .join('\n')}
</tbody></table>
${
  categories.length > 1
    ? `<h3>By category</h3><table><thead><tr><th>category</th>${rows.map((r) => `<th>${esc(r.model)}</th>`).join('')}</tr></thead><tbody>
${categories.map((cat) => `<tr><td>${esc(cat)}</td>${rows.map((r) => `<td>${r.categories[cat] ? `${pct(r.categories[cat]?.accuracy)} <small>(${r.categories[cat]?.n})</small>` : '–'}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`
    : ''
}</section>`;
    })
    .join('\n');
  const models = [...new Set(c.disagreements.flatMap((d) => Object.keys(d.answers)))];
  const disagreements = c.disagreements.length
    ? `<section><h2>Items the models answer differently (${c.disagreements.length}${c.disagreements.length === MAX_DISAGREEMENTS ? '+' : ''})</h2>
<table><thead><tr><th>suite</th><th>item (file:line)</th><th>category</th><th>answer</th>${models.map((m) => `<th>${esc(m)}</th>`).join('')}</tr></thead><tbody>
${c.disagreements.map((d) => `<tr><td>${esc(d.suite)}</td><td>${esc(d.key)}</td><td>${esc(d.category)}</td><td>${esc(d.answer)}</td>${models.map((m) => `<td class="${d.answers[m] === d.answer ? 'ok' : 'no'}">${esc(d.answers[m] ?? '')}</td>`).join('')}</tr>`).join('\n')}
</tbody></table></section>`
    : '<section><h2>Items the models answer differently</h2><p>None.</p></section>';
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>jugwon 평가 보고서 · evaluation report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="ai-generated" content="partly: model answers (AI Basic Act art. 31)">
<style>
body{font-family:system-ui,"Noto Sans KR",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
th{background:#f2f4f7}td.ok{color:#1a7f37}td.no{color:#b42318}small{color:#666}
</style></head><body>
<h1>jugwon 평가 보고서 <small>evaluation report</small></h1>
<p>Runs: ${c.runs.map((r) => `<code>${esc(r.runId)}</code> (${esc(r.created)}; ${r.models.map(esc).join(', ')})`).join('; ')}.
Accuracy with 95% bootstrap intervals (1,000 resamples); macro accuracy is the mean over categories.
The answers quoted below were generated by AI models. <small>이 보고서의 답변은 AI 모델이 생성했습니다.</small></p>
${sections}
${disagreements}
</body></html>
`;
}
