// charts: dependency-free SVG charts for self-contained HTML reports (no scripts, no CDN), shared by the engines
// that write reports (learn's evaluation report, decision's backtest report). Depends on nothing.
export { lineChart, type ChartSeries, type LineChartOptions } from './line-chart.js';
export { barChart, percent, stackedBars, type BarChartOptions, type BarGroup, type StackedBarOptions } from './bar-chart.js';
export { esc, PALETTE } from './svg-basics.js';
