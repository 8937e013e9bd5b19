import type { ImportProgress } from '@flexmeasures/beliefs';
import { Presets, SingleBar } from 'cli-progress';

export interface ProgressDisplay {
  update(progress: ImportProgress): void;
  stop(): void;
}

const SILENT: ProgressDisplay = { update: () => undefined, stop: () => undefined };

/**
 * A bar of bytes read on stderr, only when stderr is a terminal: piped or
 * logged output stays free of control characters.
 */
export function importProgress(totalBytes: number): ProgressDisplay {
  if (!process.stderr.isTTY || totalBytes === 0) return SILENT;
  const bar = new SingleBar(
    { stream: process.stderr, format: 'Importing [{bar}] {percentage}% | {rows} rows | ETA {eta_formatted}', hideCursor: true, etaBuffer: 100 },
    Presets.shades_classic,
  );
  bar.start(totalBytes, 0, { rows: 0 });
  return {
    update: (progress) => bar.update(progress.bytesRead, { rows: progress.rowsRead }),
    stop: () => bar.stop(),
  };
}
