import { createStyle, type Report, renderCounts, renderVerdicts } from '@vigie/core/report';

/** The console view: the header, every verdict that did not pass (or all with `all`), the counts. */
export function renderIntegration(
  report: Report,
  header: string,
  color: boolean,
  extra: string[] = [],
): string {
  const style = createStyle(color);
  const shown = report.verdicts.filter((v) => v.status !== 'pass');
  const out = [style.bold(`vigie test-integration · ${header}`)];
  if (shown.length > 0) out.push(renderVerdicts(shown, style));
  out.push(...extra.map((e) => style.dim(e)));
  const label =
    report.status === 'fail'
      ? style.fail('FAIL')
      : report.status === 'warn'
        ? style.warn('WARN')
        : style.pass('PASS');
  out.push(`${renderCounts(report.counts, style)} → ${label}`);
  return `${out.join('\n\n')}\n`;
}
