import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { installApi } from '../test-utils/apiMock';
import { apiError, byMethod, jsonResponse, noContent, requestsTo, uninstallFetch } from '../test-utils/fetchMock';
import { jejuAssets, prosumerUser } from '../test-utils/fixtures';
import { renderApp } from '../test-utils/renderApp';

afterEach(uninstallFetch);

const battery = jejuAssets.find((asset) => asset.id === 80)!;

function installAssetApi(patch: (body: Record<string, unknown>) => Response = (body) => jsonResponse({ ...battery, ...body })) {
  return installApi({
    user: prosumerUser,
    handlers: {
      '/api/v2_0/asset/80': byMethod({
        GET: () => jsonResponse(battery),
        PATCH: (_url, init) => patch(JSON.parse(String(init?.body))),
        DELETE: () => noContent(),
      }),
      '/api/v2_0/asset/80/state': () => jsonResponse({ asset_id: 80, unit: 'MW', latest: null }),
      '/api/v2_0/getConnection': () => jsonResponse({ type: 'GetConnectionResponse', connections: ['ea1.2018-06.localhost:5000:3:80'], names: ['Seogwipo battery'] }),
      '/api/v2_0/assets': () => jsonResponse(jejuAssets.filter((asset) => asset.id !== 80)),
    },
  });
}

describe('AssetPage', () => {
  it('shows the API info and the latest state next to the editable fields', async () => {
    installAssetApi();
    renderApp('/assets/80');

    expect(await screen.findByRole('heading', { level: 1, name: 'Seogwipo battery' })).toBeTruthy();
    const info = screen.getByRole('region', { name: 'API info for this asset' });
    expect(info.textContent).toContain('80');
    expect(info.textContent).toContain('prosumer (id 3)');
    expect(info.textContent).toContain('ea1.2018-06.localhost:5000:3:80');
    expect((screen.getByLabelText('Maximum state of charge (MWh)') as HTMLInputElement).value).toBe('4');
    // A prosumer cannot hand an asset over.
    expect(screen.queryByLabelText('Owner')).toBeNull();
    expect(await screen.findByText(/No data yet/)).toBeTruthy();
  });

  it('saves only the fields that changed, and says so', async () => {
    const { fetchMock } = installAssetApi();
    renderApp('/assets/80');
    fireEvent.change(await screen.findByLabelText('Capacity (MW)'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Current state of charge (MWh)'), { target: { value: '1.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes to “Seogwipo battery” were saved.')).toBeTruthy();
    expect(requestsTo(fetchMock, '/api/v2_0/asset/80', 'PATCH').map(({ body }) => body)).toEqual([{ capacity_in_mw: 3, soc_in_mwh: 1.5 }]);
    expect((screen.getByLabelText('Capacity (MW)') as HTMLInputElement).value).toBe('3');
  });

  it('says when there is nothing to save, without a request', async () => {
    const { fetchMock } = installAssetApi();
    renderApp('/assets/80');
    fireEvent.click(await screen.findByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Nothing to save: no field was changed.');
    expect(requestsTo(fetchMock, '/api/v2_0/asset/80', 'PATCH')).toHaveLength(0);
  });

  it('shows an error that is not about one field in the alert region', async () => {
    installAssetApi(() => apiError(403, 'CSRF_CHECK_FAILED', 'A change made with the dashboard session must carry the header.'));
    renderApp('/assets/80');
    fireEvent.change(await screen.findByLabelText('Capacity (MW)'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The asset could not be saved: A change made with the dashboard session must carry the header.',
    );
  });

  it('deletes only after confirmation, then goes back to the list with a message', async () => {
    const { fetchMock } = installAssetApi();
    const { router } = renderApp('/assets/80');
    const open = await screen.findByRole('button', { name: 'Delete asset' });

    fireEvent.click(open);
    let dialog = screen.getByRole('dialog', { name: 'Delete asset “Seogwipo battery”?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);

    fireEvent.click(open);
    dialog = screen.getByRole('dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requestsTo(fetchMock, '/api/v2_0/asset/80', 'DELETE')).toHaveLength(0);

    fireEvent.click(open);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('Asset “Seogwipo battery” was deleted.')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/assets');
    expect(requestsTo(fetchMock, '/api/v2_0/asset/80', 'DELETE')).toHaveLength(1);
  });

  it('keeps the dialog open with the reason when deleting fails', async () => {
    const { handlers } = installAssetApi();
    handlers['/api/v2_0/asset/80'] = byMethod({ GET: () => jsonResponse(battery), DELETE: () => apiError(409, 'CONFLICT', 'A schedule is being computed for this asset.') });
    renderApp('/assets/80');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete asset' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('A schedule is being computed for this asset.');
    await waitFor(() => expect((within(dialog).getByRole('button', { name: 'Delete' }) as HTMLButtonElement).disabled).toBe(false));
  });

  it('keeps focus inside the dialog (Tab from the last button goes to the first)', async () => {
    installAssetApi();
    renderApp('/assets/80');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete asset' }));
    const dialog = screen.getByRole('dialog');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Delete' }));
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
  });

  it('explains an asset that does not exist', async () => {
    installApi({ user: prosumerUser, handlers: { '/api/v2_0/asset/404': () => apiError(404, 'NOT_FOUND', 'No asset with id 404.') } });
    renderApp('/assets/404');
    expect((await screen.findByRole('alert')).textContent).toContain('No asset with id 404.');
    expect(screen.getByRole('link', { name: 'Back to the assets' })).toBeTruthy();
  });
});
