// learn/report: evaluation reports (metrics table + ROC, KS, survival-by-band and calibration charts) as
// self-contained HTML with inline SVG, and as plain text for the terminal.
export { buildBinaryReport, buildSurvivalReport, type EvaluationReport, type MetricRow, type CurveData } from './evaluation-report.js';
export { renderHtmlReport, formatMetricsTable } from './html-report.js';
export { lineChart, type ChartSeries, type LineChartOptions } from '../../charts/index.js';
export { evaluateModel, loadModelFile, scoreSurvival, scoreBinary, survivalGrid, type EvaluateModelOptions } from './evaluate-model.js';
