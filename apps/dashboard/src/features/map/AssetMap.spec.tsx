import { render, screen } from '@testing-library/react';
import type { PlatformInfo } from '../../shared/api/platform';
import { PlatformContext, type PlatformResource } from '../../shared/platform/PlatformContext';
import { platformInfo } from '../../test-utils/fixtures';
import { AssetMap } from './AssetMap';

function renderMap(info: PlatformInfo) {
  const platform: PlatformResource = { state: { status: 'success', data: info }, reload: () => undefined };
  return render(
    <PlatformContext.Provider value={platform}>
      <AssetMap label="Map of your assets" assets={[{ id: 1, name: 'Battery', asset_type: 'battery', latitude: 33.4, longitude: 126.5 }]} />
    </PlatformContext.Provider>,
  );
}

afterEach(() => jest.restoreAllMocks());

describe('AssetMap', () => {
  it('draws the built-in map without a Mapbox token, and says why there are no tiles', () => {
    renderMap(platformInfo);
    expect(screen.getByText(/No Mapbox access token is configured \(MAPBOX_ACCESS_TOKEN\)/)).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Map of your assets' })).toBeTruthy();
  });

  it('falls back to the built-in map, with the reason, when Mapbox cannot start (jsdom cannot even load it)', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    renderMap({ ...platformInfo, mapboxAccessToken: 'pk.test' });
    expect(screen.getByRole('status').textContent).toBe('Loading the map…');
    expect(await screen.findByText(/The Mapbox map could not be shown/, {}, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Battery (Battery)' })).toBeTruthy();
  });
});
