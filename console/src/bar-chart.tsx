import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { BarChartProps } from './chart-types.js';

// Only what grouped bars need, so the bundle carries no other chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLORS = ['#1d4e89', '#f0b429', '#3ebd93', '#d64545', '#8662c7', '#2bb0ed'];

/** Grouped bars (Chart.js on a canvas); the canvas's text alternative lists every value. */
export default function BarChart({ title, categories, series, unit = '', label = (c) => c }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const labels = categories.map(label);
  // Redrawn when the figures change, not on every render of the screen around it.
  const figures = JSON.stringify([labels, series, unit]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `figures` stands for all the inputs
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: COLORS[i % COLORS.length] as string,
        })),
      },
      options: {
        animation: false, // figures, not a show; also calm for people who ask for less motion
        maintainAspectRatio: false,
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: { label: (c) => `${c.dataset.label}: ${Number(c.raw).toLocaleString()}${unit}` },
          },
        },
        scales: { y: { beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [figures]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div className="chart-area">
        <canvas ref={canvas} role="img" aria-label={describe(title, labels, series, unit)} />
      </div>
    </figure>
  );
}

/** Every value in words, for screen readers (the canvas itself is only pixels). */
function describe(title: string, labels: string[], series: BarChartProps['series'], unit: string): string {
  const parts = labels.flatMap((c, i) =>
    series.map((s) => `${c} ${s.label} ${(s.values[i] ?? 0).toLocaleString()}${unit}`),
  );
  return `${title}: ${parts.join('; ')}`;
}
