/**
 * The dashboard's journeys in a real browser: headless Chromium (Debian's,
 * through playwright-core) against the api serving the built dashboard in the
 * embedded default, as `npm start` runs it. Every journey keeps numbered
 * screenshots in tmp/browser-artifacts/<journey>/.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from './support/chromium';
import { apiRequest, BrowserPlatform, Credentials, requestToken, startBrowserPlatform } from './support/platform';
import { screenshotsOf } from './support/screenshots';

jest.setTimeout(180_000);

/** The field's value once it has one (the token arrives after a request). */
async function filledValue(field: Locator, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await field.inputValue();
    if (value) return value;
    if (Date.now() > until) throw new Error('the field stayed empty');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface AssetRecord {
  readonly id: number;
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly capacity_in_mw: number;
}

describeWithChromium('dashboard journeys (headless Chromium)', () => {
  let platform: BrowserPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    platform = await startBrowserPlatform('dashboard-journeys');
    browser = await launchChromium();
    // Two assets of the prosumer's far apart, so the map spans a region and clicks land between them.
    const token = await platform.adminToken();
    const users = await apiRequest<{ id: number; email: string }[]>(platform.baseUrl, token, 'GET', '/api/v2_0/users');
    const prosumer = users.find((u) => u.email === platform.prosumer.email);
    for (const [name, latitude, longitude] of [
      ['Harbour solar', 51.9, 4.4],
      ['Dune wind', 52.9, 6.2],
    ] as const) {
      await apiRequest(platform.baseUrl, token, 'POST', '/api/v2_0/assets', {
        name,
        asset_type: name.includes('solar') ? 'solar' : 'wind',
        unit: 'MW',
        owner: prosumer?.id,
        market: 1,
        event_resolution: 15,
        capacity_in_mw: 3,
        latitude,
        longitude,
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: platform.baseUrl });
    page = await context.newPage();
  });

  afterEach(async () => context?.close());

  async function logIn(who: Credentials): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  }

  it('logs in, creates a battery by clicking the map, finds it on the dashboard, edits it and deletes it', async () => {
    const shot = screenshotsOf('asset-lifecycle');
    await page.goto('/assets');
    await page.waitForURL(/\/login/);
    await shot(page, 'sent-to-login');
    await logIn(platform.admin);
    await page.waitForURL(/\/assets$/);
    await shot(page, 'assets-after-login');

    await page.getByRole('link', { name: 'Create asset' }).click();
    const form = page.getByRole('form', { name: 'New asset' });
    await form.getByLabel('Asset name').fill('Polder battery');
    await form.getByLabel('Asset type').selectOption('battery');
    await form.getByLabel('Capacity (MW)').fill('2.5');
    await form.getByLabel('Minimum state of charge (MWh)').fill('0.5');
    await form.getByLabel('Maximum state of charge (MWh)').fill('5');
    const map = page.getByRole('group', { name: "Map for picking the asset's location" });
    const box = await map.boundingBox();
    if (!box) throw new Error('the pick map has no size');
    await map.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    const latitude = Number(await form.getByLabel('Latitude').inputValue());
    const longitude = Number(await form.getByLabel('Longitude').inputValue());
    expect(Number.isFinite(latitude) && latitude !== 0).toBe(true);
    expect(Number.isFinite(longitude) && longitude !== 0).toBe(true);
    await shot(page, 'new-battery-location-picked');
    await form.getByRole('button', { name: 'Create asset' }).click();
    await page.waitForURL(/\/assets\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await shot(page, 'battery-created');

    const token = await platform.adminToken();
    const created = await apiRequest<AssetRecord>(platform.baseUrl, token, 'GET', `/api/v2_0/asset/${id}`);
    expect(created).toMatchObject({ name: 'Polder battery', capacity_in_mw: 2.5 });
    expect(created.latitude).toBeCloseTo(latitude, 4);
    expect(created.longitude).toBeCloseTo(longitude, 4);

    await page.getByRole('link', { name: 'Dashboard' }).click();
    const marker = page.getByRole('button', { name: /^Polder battery \(/ });
    await marker.waitFor();
    const types = page.getByRole('region', { name: 'Asset types' });
    await expect(types.textContent()).resolves.toMatch(/battery/i);
    await marker.focus();
    await page.keyboard.press('Enter');
    const selected = page.getByRole('region', { name: 'Selected asset' });
    await selected.waitFor();
    await expect(selected.textContent()).resolves.toContain('Polder battery');
    await shot(page, 'dashboard-battery-selected');
    await selected.getByRole('link', { name: 'Open the asset page' }).click();
    await page.waitForURL(new RegExp(`/assets/${id}$`));

    const edit = page.getByRole('form', { name: 'Edit asset' });
    await edit.getByLabel('Capacity (MW)').fill('3.75');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: /saved/i }).first().waitFor();
    await shot(page, 'battery-edited');
    expect((await apiRequest<AssetRecord>(platform.baseUrl, token, 'GET', `/api/v2_0/asset/${id}`)).capacity_in_mw).toBe(3.75);

    await page.getByRole('button', { name: 'Delete asset' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete asset/ });
    await shot(page, 'delete-confirmation');
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.waitForURL(/\/assets$/);
    await page.getByText('Asset “Polder battery” was deleted.').waitFor();
    await shot(page, 'battery-deleted');
    const gone = await fetch(`${platform.baseUrl}/api/v2_0/asset/${id}`, { headers: { Authorization: token } });
    expect(gone.status).toBe(404);
  });

  it('shows a prosumer no Users menu and "not allowed" on the users page', async () => {
    const shot = screenshotsOf('prosumer-not-allowed');
    await logIn(platform.prosumer);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Assets' }).count()).resolves.toBe(1);
    await expect(nav.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
    await expect(nav.getByRole('link', { name: 'Tasks' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: /^Harbour solar \(/ }).waitFor();
    await shot(page, 'prosumer-dashboard');
    await page.goto('/users');
    await page.getByText('You are not allowed to see this page.').waitFor();
    await shot(page, 'users-not-allowed');
  });

  it('lets an admin deactivate a user, who then cannot log in', async () => {
    const shot = screenshotsOf('deactivate-user');
    // A user of its own, so the other journeys keep their prosumer.
    const target = platform.spare;
    await logIn(platform.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('link', { name: 'Lou Leaving' }).click();
    await shot(page, 'user-page');
    await page.getByRole('button', { name: 'Deactivate user' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /deactivated/ }).first().waitFor();
    await shot(page, 'user-deactivated');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login/);

    await page.getByLabel('Email address').fill(target.email);
    await page.getByLabel('Password', { exact: true }).fill(target.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: /deactivated/ }).waitFor();
    await shot(page, 'login-refused');
    expect(page.url()).toMatch(/\/login/);
    await expect(requestToken(platform.baseUrl, target)).rejects.toThrow(/403|401/);
  });

  it('makes a fresh API token on the account page that works with the API', async () => {
    const shot = screenshotsOf('account-token');
    await logIn(platform.prosumer);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'Make a fresh API token' }).click();
    const field = page.getByLabel('API token');
    await field.waitFor();
    const token = await filledValue(field);
    await shot(page, 'token-made');
    const whoami = await fetch(`${platform.baseUrl}/api/whoami`, { headers: { Authorization: token } });
    expect(whoami.status).toBe(200);
    expect(((await whoami.json()) as { email: string }).email).toBe(platform.prosumer.email);
    const assets = await apiRequest<AssetRecord[]>(platform.baseUrl, token, 'GET', '/api/v2_0/assets');
    expect(assets.map((a) => a.name).sort()).toEqual(['Dune wind', 'Harbour solar']);
  });
});
