import { addStructure } from '@flexmeasures/assets';
import type { Database } from '@flexmeasures/persistence';
import { DATABASE } from '@flexmeasures/server-core';
import { insertWeatherSensor } from '@flexmeasures/testing';
import { AuthFixture } from '../../test/auth-fixture';

jest.setTimeout(120_000);

const CSV = ['datetime,power (kW)', '2021-01-01T00:00:00Z,-100', '2021-01-01T00:15:00Z,-200', '2021-01-01T00:30:00Z,-300', '2021-01-01T00:45:00Z,-400'].join('\n');

describe('POST /api/v2_0/upload/beliefs', () => {
  const fixture = new AuthFixture();
  let db: Database;
  let ownerId: number;
  let owner: string;
  let other: string;
  let admin: string;
  let weatherSensor: number;
  let assetCount = 0;

  async function addAsset(): Promise<number> {
    const name = `upload asset ${++assetCount}`;
    return db.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query(`INSERT INTO sensor (kind, name, unit, event_resolution_minutes) VALUES ('asset', $1, 'MW', 15) RETURNING id`, [name]);
      await m.query(`INSERT INTO asset (id, name, display_name, asset_type_name, owner_id, capacity_in_mw, latitude, longitude) VALUES ($1, $2, $2, 'solar', $3, 1, 52, 5)`, [
        id,
        name,
        ownerId,
      ]);
      return Number(id);
    });
  }

  const upload = (token: string, query: string) => fixture.http().post(`/api/v2_0/upload/beliefs?${query}`).set('Authorization', token);
  const stored = async (sensor: number): Promise<{ value: number; source: string }[]> =>
    db.dataSource.query(
      `SELECT b.event_value AS value, ds.type || ':' || ds.user_id AS source FROM timed_belief b JOIN data_source ds ON ds.id = b.source_id
        WHERE b.sensor_id = $1 ORDER BY b.event_start`,
      [sensor],
    );

  beforeAll(async () => {
    await fixture.start();
    db = fixture.app.get<Database>(DATABASE);
    await addStructure(db.dataSource);
    ownerId = await fixture.user('owner@example.com', ['Prosumer']);
    await fixture.user('other@example.com', ['Prosumer']);
    await fixture.user('admin@example.com', ['admin']);
    owner = await fixture.token('owner@example.com');
    other = await fixture.token('other@example.com');
    admin = await fixture.token('admin@example.com');
    weatherSensor = await insertWeatherSensor(db.dataSource, { type: 'temperature', latitude: 52, longitude: 5, unit: '°C' });
  });
  afterAll(() => fixture.stop());

  it('stores a raw text/csv body as the uploading user’s data', async () => {
    const asset = await addAsset();
    const response = await upload(owner, `sensor=${asset}&unit=kW&horizon=PT0H`).set('Content-Type', 'text/csv').send(CSV).expect(200);
    expect(response.body).toEqual({
      type: 'UploadBeliefsResponse',
      status: 'PROCESSED',
      message: 'Stored 4 new beliefs from 4 rows; 0 were already known.',
      summary: { sensor: asset, rowsRead: 4, stored: 4, alreadyKnown: 0, rejected: 0, rejections: [], conflicting: 0, aborted: false },
    });
    expect(await stored(asset)).toEqual([-0.1, -0.2, -0.3, -0.4].map((value) => ({ value, source: `user:${ownerId}` })));
  });

  it('takes the CSV from the file field of a form, and resamples it', async () => {
    const asset = await addAsset();
    const hourly = 'time;MW\n2021-01-01 01:00;-1\n2021-01-01 02:00;-2\n';
    const response = await upload(owner, `sensor=${asset}&resample=true&timezone=Europe/Amsterdam&delimiter=;&horizon=PT0H`)
      .field('note', 'ignored')
      .attach('file', Buffer.from(hourly), { filename: 'hourly.csv', contentType: 'text/csv' })
      .expect(200);
    expect(response.body).toMatchObject({ status: 'PROCESSED', summary: { rowsRead: 2, stored: 8 } });
    expect((await stored(asset)).map((b) => b.value)).toEqual([-1, -1, -1, -1, -2, -2, -2, -2]);
  });

  it('reports rejected rows by line; all_or_nothing then stores nothing', async () => {
    const asset = await addAsset();
    const bad = `${CSV}\n2021-01-01T01:00:00Z,lots\n`;
    const whole = await upload(owner, `sensor=${asset}&unit=kW&all_or_nothing=true`).set('Content-Type', 'text/csv').send(bad).expect(200);
    expect(whole.body).toMatchObject({ status: 'REJECTED_ROWS', message: expect.stringMatching(/nothing was stored/), summary: { stored: 0, rejected: 1, aborted: true } });
    expect(whole.body.summary.rejections).toEqual([{ line: 6, reason: expect.stringMatching(/"lots" is not a number/) }]);
    expect(await stored(asset)).toEqual([]);

    const partly = await upload(owner, `sensor=${asset}&unit=kW`).set('Content-Type', 'text/csv').send(bad).expect(200);
    expect(partly.body).toMatchObject({ status: 'REJECTED_ROWS', summary: { stored: 4, rejected: 1, aborted: false } });
  });

  it('refuses another prosumer’s asset, raw or as a form, and stores nothing', async () => {
    const asset = await addAsset();
    const raw = await upload(other, `sensor=${asset}&unit=kW`).set('Content-Type', 'text/csv').send(CSV).expect(400);
    expect(raw.body).toMatchObject({ status: 'UNRECOGNIZED_ASSET', message: expect.stringMatching(/not one of your assets/) });
    await upload(other, `sensor=${asset}&unit=kW`).attach('file', Buffer.from(CSV), 'data.csv').expect(400);
    expect(await stored(asset)).toEqual([]);
  });

  it('lets only administrators upload weather data', async () => {
    const weather = 'datetime,value\n2021-01-01T00:00:00Z,3.5\n';
    const refused = await upload(owner, `sensor=${weatherSensor}`).set('Content-Type', 'text/csv').send(weather).expect(403);
    expect(refused.body).toEqual({ status: 'INVALID_SENDER', message: expect.stringMatching(/Only administrators may upload weather data/) });
    await upload(admin, `sensor=${weatherSensor}&horizon=PT0H`).set('Content-Type', 'text/csv').send(weather).expect(200);
    expect(await stored(weatherSensor)).toHaveLength(1);
  });

  it('says what is wrong with the request', async () => {
    const asset = await addAsset();
    const json = await upload(owner, `sensor=${asset}`).send({ values: [1] }).expect(415);
    expect(json.body.status).toBe('UNSUPPORTED_MEDIA_TYPE');
    const typo = await upload(owner, `sensor=${asset}&allOrNothing=true`).set('Content-Type', 'text/csv').send(CSV).expect(400);
    expect(typo.body.message).toMatch(/Unknown query parameter "allOrNothing"/);
    const unit = await upload(owner, `sensor=${asset}&unit=EUR`).set('Content-Type', 'text/csv').send(CSV).expect(400);
    expect(unit.body).toMatchObject({ status: 'INVALID_UNIT' });
    const noFile = await upload(owner, `sensor=${asset}`).field('other', 'x').expect(400);
    expect(noFile.body.message).toMatch(/no "file" field/);
    const huge = await upload(owner, `sensor=${asset}`).set('Content-Type', 'text/csv').set('Content-Length', String(300 * 1024 * 1024)).send('x').expect(413);
    expect(huge.body).toMatchObject({ status: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/larger than 200 MB/) });
    expect(await stored(asset)).toEqual([]);
  });
});
