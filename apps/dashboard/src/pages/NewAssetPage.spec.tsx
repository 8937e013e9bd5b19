import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { apiError, byMethod, jsonResponse, requestsTo, uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, assetFixture, prosumerUser } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

function installNewAssetApi(post: (body: unknown) => Response) {
  return installApi({
    user: adminUser,
    handlers: {
      '/api/v2_0/users': () => jsonResponse([adminUser, prosumerUser]),
      '/api/v2_0/assets': byMethod({
        GET: () => jsonResponse([]),
        POST: (_url, init) => post(JSON.parse(String(init?.body))),
      }),
      '/api/v2_0/asset/81': () => jsonResponse(assetFixture({ id: 81, name: 'Basement battery', asset_type: 'battery' })),
      '/api/v2_0/asset/81/state': () => jsonResponse({ asset_id: 81, unit: 'MW', latest: null }),
    },
  });
}

function change(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** A click on the pick map, drawn at 800×450 px (jsdom has no layout, so the map's box is given). */
function clickMap(clientX = 400, clientY = 225): void {
  const map = screen.getByRole('group', { name: "Map for picking the asset's location" });
  map.getBoundingClientRect = () => ({ left: 0, top: 0, width: 800, height: 450, right: 800, bottom: 450, x: 0, y: 0, toJSON: () => ({}) });
  fireEvent.click(map, { clientX, clientY });
}

const clickMapCentre = () => clickMap();
const longitude = () => Number((screen.getByLabelText('Longitude') as HTMLInputElement).value);

function errorOf(label: string): string | null {
  const field = screen.getByLabelText(label);
  expect(field.getAttribute('aria-invalid')).toBe('true');
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

async function openForm(): Promise<void> {
  await screen.findByRole('form', { name: 'New asset' });
}

describe('NewAssetPage', () => {
  it('shows the state-of-charge fields for a battery only', async () => {
    installNewAssetApi(() => jsonResponse({}));
    renderApp('/assets/new');
    await openForm();

    expect(screen.queryByLabelText('Maximum state of charge (MWh)')).toBeNull();
    change('Asset type', 'battery');
    expect(screen.getByLabelText('Minimum state of charge (MWh)')).toBeTruthy();
    expect(screen.getByLabelText('Maximum state of charge (MWh)')).toBeTruthy();
    expect(screen.getByLabelText('Efficiency when charging')).toBeTruthy();
    change('Asset type', 'solar');
    expect(screen.queryByLabelText('Minimum state of charge (MWh)')).toBeNull();
  });

  it('sets latitude and longitude from a click on the map (the world, when there are no assets yet)', async () => {
    installNewAssetApi(() => jsonResponse({}));
    renderApp('/assets/new');
    await openForm();
    expect(screen.getByText(/No location set yet/)).toBeTruthy();

    clickMapCentre();

    expect((screen.getByLabelText('Latitude') as HTMLInputElement).value).toBe('15');
    expect((screen.getByLabelText('Longitude') as HTMLInputElement).value).toBe('0');
    expect(screen.getByText(/Location: 15° N, 0° E\./)).toBeTruthy();

    // Zooming in keeps the centre; the same distance from it then means half as many degrees.
    clickMap(600, 225);
    const before = longitude();
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    clickMap(600, 225);
    expect(longitude()).toBeCloseTo(before / 2, 3);
    fireEvent.click(screen.getByRole('button', { name: 'Move east' }));
    clickMap(400, 225);
    expect(longitude()).toBeGreaterThan(0);
  });

  it('creates a battery with every field it needs, and opens its page with a message', async () => {
    const { fetchMock } = installNewAssetApi(() => jsonResponse(assetFixture({ id: 81, name: 'Basement battery', asset_type: 'battery' }), 201));
    const { router } = renderApp('/assets/new');
    await openForm();

    change('Asset name', 'Basement battery');
    change('Asset type', 'battery');
    change('Owner', String(prosumerUser.id));
    change('Capacity (MW)', '0.5');
    change('Minimum state of charge (MWh)', '0.1');
    change('Maximum state of charge (MWh)', '1');
    change('State of charge measured at', '2021-07-01T12:00');
    change('Efficiency when charging', '0.95');
    clickMapCentre();
    fireEvent.click(screen.getByRole('button', { name: 'Create asset' }));

    expect(await screen.findByText('Asset “Basement battery” was created.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/assets/81');
    const [post] = requestsTo(fetchMock, '/api/v2_0/assets', 'POST');
    expect(post.body).toEqual({
      name: 'Basement battery',
      asset_type: 'battery',
      unit: 'MW',
      owner: prosumerUser.id,
      market: 1,
      event_resolution: 15,
      capacity_in_mw: 0.5,
      latitude: 15,
      longitude: 0,
      min_soc_in_mwh: 0.1,
      max_soc_in_mwh: 1,
      // 12:00 in the admin's zone (Asia/Seoul, UTC+9).
      soc_datetime: '2021-07-01T03:00:00.000Z',
      charging_efficiency: 0.95,
      discharging_efficiency: 1,
    });
    expect(post.init.headers).toMatchObject({ 'X-Requested-With': 'flexmeasures-dashboard' });
  });

  it('shows the API’s 422 field errors next to each field, and focuses the first', async () => {
    installNewAssetApi(() =>
      apiError(422, 'UNPROCESSABLE_ENTITY', 'Invalid asset: name is already used by another asset; max_soc_in_mwh is required for a battery.', {
        errors: {
          name: ['is already used by another asset'],
          max_soc_in_mwh: ['is required for a battery'],
          min_soc_in_mwh: ['must not be above max_soc_in_mwh'],
        },
      }),
    );
    renderApp('/assets/new');
    await openForm();
    change('Asset name', 'Seogwipo battery');
    change('Asset type', 'battery');
    change('Capacity (MW)', '2');
    change('Minimum state of charge (MWh)', '5');
    change('Latitude', '33.25');
    change('Longitude', '126.56');
    fireEvent.click(screen.getByRole('button', { name: 'Create asset' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The asset could not be saved. Correct the fields marked below.');
    expect(errorOf('Asset name')).toContain('Asset name is already used by another asset.');
    expect(errorOf('Maximum state of charge (MWh)')).toContain('Maximum state of charge (MWh) is required for a battery.');
    expect(errorOf('Minimum state of charge (MWh)')).toContain('Minimum state of charge (MWh) must not be above maximum state of charge (MWh).');
    expect(screen.getByLabelText('Capacity (MW)').getAttribute('aria-invalid')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Asset name')));
  });

  it('asks for required fields before calling the API', async () => {
    const { fetchMock } = installNewAssetApi(() => jsonResponse({}));
    renderApp('/assets/new');
    await openForm();
    change('Capacity (MW)', 'lots');
    fireEvent.click(screen.getByRole('button', { name: 'Create asset' }));

    expect(errorOf('Asset name')).toContain('Asset name is required.');
    expect(errorOf('Asset type')).toContain('Choose an asset type.');
    expect(errorOf('Latitude')).toContain('Latitude is required.');
    expect(requestsTo(fetchMock, '/api/v2_0/assets', 'POST')).toHaveLength(0);
    const form = screen.getByRole('form', { name: 'New asset' });
    expect(within(form).getByRole('alert').textContent).toContain('Correct the fields marked below');
  });
});
