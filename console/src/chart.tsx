import { lazy, Suspense } from 'react';

import type { BarChartProps } from './chart-types.js';

export type { BarChartProps };

// The chart library loads with the first screen that draws a chart, not with the sign-in page.
const Bars = lazy(() => import('./bar-chart.js'));

export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<figure className="chart" aria-busy="true" />}>
      <Bars {...props} />
    </Suspense>
  );
}
