import { lazy, Suspense } from 'react';

export interface BarChartProps {
  title: string;
  categories: string[];
  series: { label: string; values: number[] }[];
  unit?: string;
  /** How a category is written under its bars. */
  label?: (category: string) => string;
}

// The chart library loads with the first screen that draws a chart, not with the sign-in page.
const Bars = lazy(() => import('./bar-chart.js'));

export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<figure className="chart" aria-busy="true" />}>
      <Bars {...props} />
    </Suspense>
  );
}
