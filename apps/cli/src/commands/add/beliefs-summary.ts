import type { ImportSummary } from '@flexmeasures/beliefs';
import { countOf } from '../shared/plural';

/** How many rejected rows the command prints; the rest are counted. */
export const REJECTIONS_SHOWN = 20;

/** What `add beliefs` prints when the import is done. */
export function describeImport(file: string, summary: ImportSummary): string {
  const lines = [
    `Imported ${file} into sensor ${summary.sensor}:`,
    `  rows read:      ${summary.rowsRead}`,
    `  stored:         ${countOf(summary.stored, 'belief')}`,
    `  already known:  ${countOf(summary.alreadyKnown, 'belief')}`,
    `  rejected:       ${countOf(summary.rejected, 'row')}`,
  ];
  if (summary.aborted) lines.push('All or nothing: rows were rejected, so nothing was stored.');
  if (summary.rejected > 0) {
    const shown = summary.rejections.slice(0, REJECTIONS_SHOWN);
    lines.push(shown.length < summary.rejected ? `Rejected rows (the first ${shown.length}):` : 'Rejected rows:');
    for (const rejection of shown) lines.push(`  line ${rejection.line}: ${rejection.reason}`);
    if (shown.length < summary.rejected) lines.push(`  … and ${countOf(summary.rejected - shown.length, 'more row')}`);
  }
  return lines.join('\n');
}

/** The error line that goes with exit code 1. */
export function rejectionMessage(summary: ImportSummary): string {
  const rows = countOf(summary.rejected, 'row was', 'rows were');
  if (summary.aborted) return `${rows} rejected, so nothing was stored (--all-or-nothing); fix the rows listed above and import the file again.`;
  if (summary.stored + summary.alreadyKnown === 0) return `${rows} rejected (listed above) and nothing was stored; check the options against the file, e.g. --resample or --timezone.`;
  return `${rows} rejected (listed above); the other rows were stored. Fix the rejected rows and import them.`;
}
