import { Component, lazy, Suspense, type ReactNode } from 'react';
import { usePlatform } from '../../shared/platform/usePlatform';
import { LoadingState } from '../../shared/ui/States';
import { SvgAssetMap } from './SvgAssetMap';
import type { AssetMapProps } from './types';

// mapbox-gl is large: it is fetched only when a token says it can be used.
const MapboxAssetMap = lazy(() => import('./MapboxAssetMap'));

export const NO_TOKEN_NOTICE =
  'No Mapbox access token is configured (MAPBOX_ACCESS_TOKEN), so the map shows asset positions without background tiles.';

class MapboxFailure extends Component<{ fallback: (error: Error) => ReactNode; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error === null ? this.props.children : this.props.fallback(this.state.error);
  }
}

/**
 * The asset map: Mapbox tiles when the platform has a Mapbox token, else (or when Mapbox cannot
 * start, e.g. without WebGL) the built-in SVG map, which needs no network.
 */
export function AssetMap(props: AssetMapProps) {
  const { state } = usePlatform();
  if (state.status === 'loading') return <LoadingState>Loading the map…</LoadingState>;
  const token = state.status === 'success' ? state.data.mapboxAccessToken : null;

  if (token === null) {
    return (
      <div className="asset-map">
        <p className="notice notice--info">{NO_TOKEN_NOTICE}</p>
        <SvgAssetMap {...props} />
      </div>
    );
  }

  return (
    <div className="asset-map">
      <MapboxFailure
        fallback={(error) => (
          <>
            <p className="notice notice--info">
              The Mapbox map could not be shown ({error.message}), so the map shows asset positions without background tiles.
            </p>
            <SvgAssetMap {...props} />
          </>
        )}
      >
        <Suspense fallback={<LoadingState>Loading the map…</LoadingState>}>
          <MapboxAssetMap accessToken={token} {...props} />
        </Suspense>
      </MapboxFailure>
    </div>
  );
}
