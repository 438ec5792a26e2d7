export { renderDrift } from './console/drift.js';
export { renderProfile } from './console/profile.js';
export { renderConsole } from './console/render-console.js';
export { renderSplit } from './console/split.js';
export { createStyle, num, type Style } from './console/style.js';
export { renderCounts, renderVerdicts } from './console/verdicts.js';
export { renderJunit } from './junit/render-junit.js';
export { createReport, REPORT_SCHEMA_VERSION, type Report, type ReportInput } from './model.js';
