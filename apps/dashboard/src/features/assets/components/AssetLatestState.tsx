import { useCallback } from 'react';
import { formatQuantity } from '../../../shared/format/numbers';
import { formatDateTime, formatRelativeTime } from '../../../shared/format/time';
import { useDisplayTimezone } from '../../../shared/format/useDisplayTimezone';
import { useAsyncResource } from '../../../shared/hooks/useAsyncResource';
import { ErrorState, LoadingState } from '../../../shared/ui/States';
import { fetchAssetState, type LatestBelief } from '../assetsApi';

/** USEF signs: positive is consumption, negative production. */
function direction(value: number): string {
  if (value > 0) return ' (consumption)';
  if (value < 0) return ' (production)';
  return '';
}

function Reading({ reading, unit }: { reading: LatestBelief; unit: string }) {
  const timezone = useDisplayTimezone();
  return (
    <dl className="details details--compact">
      <div>
        <dt>Latest value</dt>
        <dd>
          {formatQuantity(reading.value, unit)}
          {direction(reading.value)}
        </dd>
      </div>
      <div>
        <dt>At</dt>
        <dd>
          {formatDateTime(reading.event_start, timezone)} ({formatRelativeTime(reading.event_start)})
        </dd>
      </div>
      <div>
        <dt>Source</dt>
        <dd>
          {reading.source.name} ({reading.source.type})
        </dd>
      </div>
    </dl>
  );
}

/** The asset's latest reading, fetched when shown. */
export function AssetLatestState({ assetId }: { assetId: number }) {
  const load = useCallback((signal: AbortSignal) => fetchAssetState(assetId, signal), [assetId]);
  const { state, reload } = useAsyncResource(load);

  if (state.status === 'loading') return <LoadingState>Loading the latest state…</LoadingState>;
  if (state.status === 'error') return <ErrorState title="The latest state could not be loaded." error={state.error} onRetry={reload} />;
  if (state.data.latest === null) {
    return <p className="muted">No data yet. Readings posted for this asset (e.g. with postMeterData) will show here.</p>;
  }
  return <Reading reading={state.data.latest} unit={state.data.unit} />;
}
