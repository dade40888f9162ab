/** What a bar chart shows; shared by the lazy wrapper (chart.tsx) and the chart itself (bar-chart.tsx). */
export interface BarChartProps {
  title: string;
  categories: string[];
  series: { label: string; values: number[] }[];
  unit?: string;
  /** How a category is written under its bars. */
  label?: (category: string) => string;
}
