import { fireEvent, screen, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { jsonResponse, uninstallFetch } from '../test-utils/fetchMock';
import { adminUser, assetFixture, jejuAssets, prosumerUser } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

const owner11 = { ...prosumerUser, id: 11, username: 'station-owner', email: 'stations@example.com' };

function installAssets(assets = jejuAssets, user = adminUser) {
  return installApi({
    user,
    handlers: {
      '/api/v2_0/assets': () => jsonResponse(assets),
      '/api/v2_0/users?include_inactive=true': () => jsonResponse([adminUser, prosumerUser, owner11]),
      '/api/v2_0/getConnection': () =>
        jsonResponse({ type: 'GetConnectionResponse', connections: assets.map((asset) => `ea1.2018-06.localhost:5000:${asset.owner}:${asset.id}`), names: [] }),
    },
  });
}

/** The text of one column, row by row. */
function column(index: number): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[index]?.textContent ?? '');
}

const names = () => column(0).map((text) => text.replace(/(Solar|Wind|Battery|Charging station)$/, ''));

describe('AssetsPage', () => {
  it('lists the seed’s columns for people: location, capacity in MW, resolution, owner name, entity address', async () => {
    installAssets();
    renderApp('/assets');

    const solar = (await screen.findByRole('link', { name: 'Jeju Haenyeo Museum - PV' })).closest('tr') as HTMLElement;
    const cells = within(solar).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells).toEqual([
      'Jeju Haenyeo Museum - PVSolar',
      '33.5236° N, 126.8634° E',
      '0.664 MW',
      '15 minutes',
      '65',
      'prosumer',
      'ea1.2018-06.localhost:5000:3:65',
    ]);
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent?.replace(/[▲▼↕]/g, ''))).toEqual([
      'Name', 'Location', 'Capacity', 'Resolution', 'Asset id', 'Owner', 'Entity address',
    ]);
    expect(screen.getByRole('link', { name: 'Create asset' }).getAttribute('href')).toBe('/assets/new');
  });

  it('searches by name, type and owner (words in any order)', async () => {
    installAssets();
    renderApp('/assets');
    await screen.findByRole('link', { name: 'Seogwipo battery' });
    const search = screen.getByLabelText('Search assets');

    fireEvent.change(search, { target: { value: 'charger slow' } });
    expect(names()).toEqual(['Test station - slow charger']);

    fireEvent.change(search, { target: { value: 'battery' } });
    expect(names()).toEqual(['Seogwipo battery']);

    fireEvent.change(search, { target: { value: 'station-owner' } });
    expect(names()).toEqual(['Test station - fast charger', 'Test station - slow charger']);

    fireEvent.change(search, { target: { value: 'nuclear' } });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No assets match “nuclear”.')).toBeTruthy();
  });

  it('starts filtered by ?q= (the type summary’s links)', async () => {
    installAssets();
    renderApp('/assets?q=charging_station');
    await screen.findByRole('link', { name: 'Test station - fast charger' });
    expect((screen.getByLabelText('Search assets') as HTMLInputElement).value).toBe('charging_station');
    expect(names()).toHaveLength(2);
  });

  it('sorts by a column, and the other way round on a second click, announcing it with aria-sort', async () => {
    installAssets();
    renderApp('/assets');
    await screen.findByRole('link', { name: 'Seogwipo battery' });
    expect(names()).toEqual([
      'Hallasan wind park', 'Jeju Haenyeo Museum - PV', 'Seogwipo battery', 'Test station - fast charger', 'Test station - slow charger',
    ]);

    const capacity = screen.getByRole('button', { name: /^Capacity/ });
    fireEvent.click(capacity);
    expect(column(2)).toEqual(['0.007 MW', '0.05 MW', '0.664 MW', '2 MW', '12 MW']);
    expect(capacity.closest('th')?.getAttribute('aria-sort')).toBe('ascending');

    fireEvent.click(capacity);
    expect(column(2)).toEqual(['12 MW', '2 MW', '0.664 MW', '0.05 MW', '0.007 MW']);
    expect(capacity.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('button', { name: /^Name/ }).closest('th')?.getAttribute('aria-sort')).toBeNull();
  });

  it('pages through many assets, and a search starts again at the first page', async () => {
    const many = Array.from({ length: 65 }, (_, index) =>
      assetFixture({ id: index + 1, name: `Asset ${String(index + 1).padStart(2, '0')}`, asset_type: index % 2 === 0 ? 'solar' : 'wind' }),
    );
    installAssets(many);
    renderApp('/assets');

    expect(await screen.findByText('Showing 1 to 10 of 65 assets.')).toBeTruthy();
    expect(screen.getByText('Page 1 of 7')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('Showing 11 to 20 of 65 assets.')).toBeTruthy();
    expect(names()[0]).toBe('Asset 11');

    fireEvent.change(screen.getByLabelText('Assets per page'), { target: { value: '50' } });
    expect(screen.getByText('Showing 1 to 50 of 65 assets.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('Showing 51 to 65 of 65 assets.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(screen.getByLabelText('Search assets'), { target: { value: 'wind' } });
    expect(screen.getByText('Showing 1 to 32 of 32 assets matching “wind”.')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Pages of assets' })).toBeNull();
  });

  it('shows a prosumer their own assets without the create button', async () => {
    installAssets(jejuAssets.filter((asset) => asset.owner === prosumerUser.id), prosumerUser);
    renderApp('/assets');
    await screen.findByRole('link', { name: 'Seogwipo battery' });
    expect(screen.queryByRole('link', { name: 'Create asset' })).toBeNull();
    expect(new Set(column(5))).toEqual(new Set(['prosumer']));
  });

  it('explains an empty list', async () => {
    installAssets([], prosumerUser);
    renderApp('/assets');
    expect(await screen.findByText('There are no assets yet.')).toBeTruthy();
  });
});
