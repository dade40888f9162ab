/**
 * Grouped bars as plain SVG: the console's charts are small (days × models), and SVG keeps them
 * crisp, accessible (each bar has a title) and free of a charting dependency.
 */
const COLORS = ['#1d4e89', '#f0b429', '#3ebd93', '#d64545', '#8662c7', '#2bb0ed'];

export function BarChart({
  title,
  categories,
  series,
  unit = '',
  label = (c) => c,
}: {
  title: string;
  categories: string[];
  series: { label: string; values: number[] }[];
  unit?: string;
  /** How a category is written under its bars. */
  label?: (category: string) => string;
}) {
  const width = 640;
  const height = 200;
  const left = 48;
  const bottom = 28;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const group = (width - left) / Math.max(1, categories.length);
  const bar = Math.min(48, Math.max(2, (group * 0.8) / Math.max(1, series.length)));
  const start = (group - bar * series.length) / 2; // the bars of a category centred under its label
  const y = (v: number) => ((height - bottom) * v) / max;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%">
        <line x1={left} x2={width} y1={height - bottom} y2={height - bottom} stroke="#999" />
        <text x={left - 6} y={12} textAnchor="end" fontSize="11">
          {Math.round(max).toLocaleString()}
        </text>
        {categories.map((c, i) => (
          <g key={c}>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              return (
                <rect
                  key={s.label}
                  x={left + i * group + start + j * bar}
                  y={height - bottom - y(v)}
                  width={bar - 1}
                  height={y(v)}
                  fill={COLORS[j % COLORS.length]}
                >
                  <title>{`${c} · ${s.label}: ${v.toLocaleString()}${unit}`}</title>
                </rect>
              );
            })}
            <text x={left + i * group + group / 2} y={height - 8} textAnchor="middle" fontSize="11">
              {label(c)}
            </text>
          </g>
        ))}
      </svg>
      <ul className="legend">
        {series.map((s, j) => (
          <li key={s.label}>
            <span style={{ background: COLORS[j % COLORS.length] }} /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
