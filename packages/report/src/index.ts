// Public API of @ringside/report: the demo run report (schema, HTML page, writer) and a generic
// scenario table report (markdown + HTML) for the chaos suite.
export { REPORT_ERROR_CODE, ReportError } from './report-error.ts';
export type { ReportErrorCode } from './report-error.ts';

export {
  ATTRIBUTION_SEGMENTS,
  attributionSegmentSchema,
  demoReportSchema,
  latencyDistributionSchema,
  latencyHeadlineSchema,
  parseDemoReport,
  percentilePointSchema,
  runEventSchema,
  stateChangeSchema,
} from './demo-report.ts';
export type {
  AttributionSegment,
  DemoReport,
  LatencyDistribution,
  LatencyHeadline,
  PercentilePoint,
  RunEvent,
  StateChange,
} from './demo-report.ts';

export {
  DEFAULT_PERCENTILES,
  percentilePointsFromEncoded,
  percentilePointsFromHistogram,
} from './percentile-points.ts';
export type { PercentileSource } from './percentile-points.ts';

export { escapeHtml, formatNs } from './html-text.ts';
export { DEMO_PLOT_IDS, renderReportHtml } from './render-html.ts';
export { writeReport } from './write-report.ts';
export type { WrittenReport } from './write-report.ts';

export {
  escapeMarkdownCell,
  parseTableReport,
  renderTableHtml,
  renderTableMarkdown,
  tableReportSchema,
  tableRowSchema,
  writeTableReport,
} from './table-report.ts';
export type { TableReport, TableRow, WrittenTableReport } from './table-report.ts';
