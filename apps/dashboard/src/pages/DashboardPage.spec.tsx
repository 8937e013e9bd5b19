import { fireEvent, screen, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { apiError, callsTo, jsonResponse, networkError, uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, databaseDownReport, jejuAssets, platformInfo, prosumerUser, readyReport } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

function healthPanel(): Promise<HTMLElement> {
  return screen.findByRole('region', { name: 'System health' });
}

/** The status text shown for a check ("Up" / "Down"), located by the check's label. */
async function checkStatus(label: string): Promise<string> {
  const row = await checkRow(label);
  return within(row).getByText(/^(Up|Down)$/).textContent ?? '';
}

async function checkRow(label: string): Promise<HTMLElement> {
  const row = within(await healthPanel()).getByText(label).closest('li');
  if (row === null) throw new Error(`No health check row for ${label}`);
  return row;
}

describe('DashboardPage: map of assets and summary of asset types', () => {
  it('puts every asset on the built-in map (no Mapbox token) and says why there are no tiles', async () => {
    installApi({ user: adminUser, handlers: { '/api/v2_0/assets': () => jsonResponse(jejuAssets) } });
    renderApp('/');

    const map = await screen.findByRole('group', { name: 'Map of all assets' });
    expect(screen.getByText(/No Mapbox access token is configured \(MAPBOX_ACCESS_TOKEN\), so the map shows asset positions without background tiles/)).toBeTruthy();
    const markers = within(map).getAllByRole('button');
    expect(markers.map((marker) => marker.getAttribute('aria-label')).sort()).toEqual([
      'Hallasan wind park (Wind)',
      'Jeju Haenyeo Museum - PV (Solar)',
      'Seogwipo battery (Battery)',
      'Test station - fast charger (Charging station)',
      'Test station - slow charger (Charging station)',
    ]);
  });

  it('loads the latest state of an asset only when it is selected, in the user’s units and time', async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    const { fetchMock } = installApi({
      user: prosumerUser,
      handlers: {
        '/api/v2_0/assets': () => jsonResponse(jejuAssets),
        '/api/v2_0/asset/80/state': () =>
          jsonResponse({
            asset_id: 80,
            unit: 'MW',
            latest: { value: 1.5, event_start: fiveMinutesAgo, event_end: fiveMinutesAgo, belief_time: fiveMinutesAgo, source: { id: 4, name: 'Meter company', type: 'MDC' } },
          }),
      },
    });
    renderApp('/');

    const map = await screen.findByRole('group', { name: 'Map of your assets' });
    expect(callsTo(fetchMock, '/api/v2_0/asset/80/state')).toBe(0);
    const battery = within(map).getByRole('button', { name: 'Seogwipo battery (Battery)' });
    fireEvent.click(battery);

    const panel = screen.getByRole('region', { name: 'Selected asset' });
    expect(within(panel).getByRole('heading', { name: 'Seogwipo battery' })).toBeTruthy();
    expect(await within(panel).findByText('1.5 MW (consumption)')).toBeTruthy();
    expect(panel.textContent).toContain('5 minutes ago');
    expect(panel.textContent).toContain('Meter company (MDC)');
    expect(within(panel).getByRole('link', { name: 'Open the asset page' }).getAttribute('href')).toBe('/assets/80');
    expect(battery.getAttribute('aria-pressed')).toBe('true');
    expect(callsTo(fetchMock, '/api/v2_0/asset/80/state')).toBe(1);

    fireEvent.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Selected asset' })).toBeNull();
  });

  it('says so when an asset has no data yet, and selects markers with the keyboard', async () => {
    installApi({
      user: prosumerUser,
      handlers: {
        '/api/v2_0/assets': () => jsonResponse(jejuAssets),
        '/api/v2_0/asset/70/state': () => jsonResponse({ asset_id: 70, unit: 'MW', latest: null }),
      },
    });
    renderApp('/');

    const wind = await screen.findByRole('button', { name: 'Hallasan wind park (Wind)' });
    fireEvent.keyDown(wind, { key: 'Enter' });
    expect(await screen.findByText(/No data yet/)).toBeTruthy();
  });

  it('counts the assets of each type, most common first, each linking to the filtered list', async () => {
    installApi({ user: adminUser, handlers: { '/api/v2_0/assets': () => jsonResponse(jejuAssets) } });
    renderApp('/');

    const summary = await screen.findByRole('region', { name: 'Asset types' });
    const items = within(summary).getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(['Charging station2 assets', 'Battery1 asset', 'Solar1 asset', 'Wind1 asset']);
    expect(within(summary).getByRole('link', { name: 'Charging station' }).getAttribute('href')).toBe('/assets?q=charging_station');
  });

  it('tells an admin without assets how to add one, and a prosumer whom to ask', async () => {
    installApi({ user: adminUser });
    const { unmount } = renderApp('/');
    expect(await screen.findByRole('link', { name: 'Create an asset' })).toBeTruthy();
    unmount();

    installApi({ user: prosumerUser });
    renderApp('/');
    expect(await screen.findByText(/ask them to add yours/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Create an asset' })).toBeNull();
  });

  it('reports assets that cannot be loaded, and loads them again on request', async () => {
    const { handlers } = installApi({ user: adminUser, handlers: { '/api/v2_0/assets': () => apiError(500, 'INTERNAL_SERVER_ERROR', 'Database down.') } });
    renderApp('/');

    const alert = await screen.findByText('The assets could not be loaded.');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('Database down.');
    handlers['/api/v2_0/assets'] = () => jsonResponse(jejuAssets);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('group', { name: 'Map of all assets' })).toBeTruthy();
  });
});

describe('DashboardPage: platform panels', () => {
  it('welcomes the user with platform name, environment, database and queue mode', async () => {
    installApi({ user: adminUser });
    renderApp('/');

    const welcome = await screen.findByRole('region', { name: `Welcome to ${platformInfo.platformName}` });
    const text = welcome.textContent ?? '';
    expect(text).toContain('staging');
    expect(text).toContain('Embedded database (PGlite)');
    expect(text).toContain('In-process job queue (no Redis)');
    expect(text).toContain('Asia/Seoul');
  });

  it('shows every readiness check as up when the platform is ready', async () => {
    installApi({ user: adminUser });
    renderApp('/');

    expect(await within(await healthPanel()).findByText(/Ready: all checks passed/)).toBeTruthy();
    expect(await checkStatus('Database')).toBe('Up');
    expect(await checkStatus('Job queue')).toBe('Up');
  });

  it('shows the database as down (in text) when readiness answers 503', async () => {
    const { fetchMock, handlers } = installApi({ user: adminUser, handlers: { '/api/health/ready': () => jsonResponse(databaseDownReport, 503) } });
    renderApp('/');

    expect(await within(await healthPanel()).findByText(/Not ready/)).toBeTruthy();
    expect(await checkStatus('Database')).toBe('Down');
    expect((await checkRow('Database')).textContent).toContain('ECONNREFUSED');
    expect(await checkStatus('Job queue')).toBe('Up');

    handlers['/api/health/ready'] = () => jsonResponse(readyReport);
    fireEvent.click(within(await healthPanel()).getByRole('button', { name: 'Check again' }));

    expect(await within(await healthPanel()).findByText(/Ready: all checks passed/)).toBeTruthy();
    expect(await checkStatus('Database')).toBe('Up');
    expect(callsTo(fetchMock, '/api/health/ready')).toBe(2);
  });

  it('reports a health check that cannot be run, without hiding the welcome panel', async () => {
    installApi({ user: adminUser, handlers: { '/api/health/ready': networkError } });
    renderApp('/');

    const alert = await within(await healthPanel()).findByRole('alert');
    expect(alert.textContent).toMatch(/health check could not be run/i);
    expect(await screen.findByRole('region', { name: `Welcome to ${platformInfo.platformName}` })).toBeTruthy();
  });
});
