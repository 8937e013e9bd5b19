import { isoDurationToMilliseconds } from '@flexmeasures/domain';
import type { Response } from 'supertest';
import { DataFixture, GetService, HostName, PostService, PREFIX, substitute, TestUser, Version } from '../../test/data-fixture';

jest.setTimeout(60_000);

/*
 * Every time-series example of the seed documentation (§14.4 notation, §15
 * simulation, the endpoint pages of §16–20) as a test: the example is posted
 * as printed and must get the documented answer; for GET examples the data
 * is posted first, so that the GET returns exactly the documented values in
 * the documented shape.
 *
 * Placeholders: the seed's connections ("CS 1", "CS 2", "CS 3" and owner/asset
 * ids such as `…company:1:1` or `…localhost:1:3`) name assets of the seed's
 * own demo database. Here those assets are created first and the placeholders
 * are replaced by their real addresses, `<prefix>:<owner id>:<asset id>`.
 * Everything else (markets, weather sensor coordinates, times, values, units)
 * is used as printed. Notation fragments of §14.4 that are not complete
 * messages get the `type`, `connection` and `unit` they need, as marked.
 *
 * Each example starts from an empty belief table, as it would on the seed's
 * demo server, so that "PROCESSED" is the answer to new data.
 */

const CS1 = [306.66, 306.66, 0, 0, 306.66, 306.66];
const CS2 = [306.66, 0, 0, 0, 306.66, 306.66];
const PROGNOSIS_A = [300, 300, 300, 0, 0, 300];
const PROGNOSIS_B = [300, 0, 0, 0, 300, 300];
const PRICES = [
  52.37, 51.14, 49.09, 48.35, 48.47, 49.98, 58.7, 67.76, 69.21, 70.26, 70.46, 70, 70.7, 70.41, 70, 64.53, 65.92, 69.72, 70.51, 75.49, 70.35, 70.01, 66.98,
  58.61,
];
const TEMPERATURES = [20.04, 20.23, 20.41, 20.51, 20.55, 20.57];
const TYPO_SENSOR = 'eal.2018-06.localhost:temperature:33.4843866:126.477859';
const FIXED_SENSOR = 'ea1.2018-06.localhost:temperature:33.4843866:126.477859';

/** What a stored series must look like after the example: values per event, and belief times (one for all, per event, or "arrival"). */
interface StoredCheck {
  /** A placeholder ("CS 1", "…company:1:1") or a market / weather sensor name. */
  readonly sensor: string;
  readonly values: readonly number[];
  readonly firstEvent?: string;
  readonly beliefTimes: string | readonly string[] | 'arrival';
}

/** Data to post before a GET example, so that the GET has the documented values to return. */
interface Setup {
  readonly version: Version;
  readonly service: PostService;
  readonly message: object;
}

interface Example {
  /** Section and line of the seed documentation. */
  readonly where: string;
  readonly version: Version;
  readonly service: PostService | GetService;
  /** v1 also offers getMeterData as a POST (§20). */
  readonly method?: 'GET' | 'POST';
  readonly host: HostName;
  readonly request: object;
  /** Extra replacements for this example only (the seed's "eal." typo). */
  readonly replace?: Readonly<Record<string, string>>;
  readonly setup?: readonly Setup[];
  readonly httpStatus?: number;
  /** The documented response (GET: the documented fields; ours may carry more, e.g. status and resolution). */
  readonly response: object;
  readonly stored?: readonly StoredCheck[];
}

const PROCESSED = (type: string) => ({ type, status: 'PROCESSED', message: 'Request has been processed.' });

/** Belief times `count` steps of `stepMinutes` apart from `first` (UTC). */
function times(first: string, count: number, stepMinutes: number): string[] {
  const start = Date.parse(first);
  return Array.from({ length: count }, (_, i) => new Date(start + i * stepMinutes * 60_000).toISOString().replace('.000Z', 'Z'));
}

// ---- §14.4 notation ---------------------------------------------------------------------------

const GROUPS_1413 = {
  groups: [
    { connections: ['CS 1', 'CS 2'], values: [306.66, 306.66, 0, 0, 306.66, 306.66] },
    { connection: 'CS 3', values: [306.66, 0, 0, 0, 306.66, 306.66] },
  ],
  start: '2016-05-01T12:45:00Z',
  duration: 'PT1H30M',
  unit: 'MW',
};
const FLATTENED_1458 = {
  connections: ['CS 1', 'CS 2'],
  values: [306.66, 306.66, 0, 0, 306.66, 306.66],
  start: '2016-05-01T12:45:00Z',
  duration: 'PT1H30M',
  unit: 'MW',
};
const SHORTHAND_1484 = { values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M' };
/** Printed across a page break (lines 1500–1532); the three entries reassembled. */
const TIMESERIES_1500 = {
  timeseries: [
    { value: 10, start: '2016-05-01T13:00:00Z', duration: 'PT15M' },
    { value: 5, start: '2016-05-01T13:15:00Z', duration: 'PT15M' },
    { value: 8, start: '2016-05-01T13:30:00Z', duration: 'PT15M' },
  ],
};
const PRIOR_1572 = { values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M', prior: '2016-05-01T07:45:00Z' };
const HORIZON_1587 = { values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M', horizon: 'PT6H' };
const NEGATIVE_HORIZON_1604 = { values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M', horizon: '-PT10M' };
/** §14.4.5 (line 1555): a GET filter, "recorded at least 6 hours before the fact and prior to 5 PM on August 1st 2020". */
const BELIEF_FILTER_1555 = { horizon: 'PT6H', prior: '2020-08-01T17:00:00Z' };

/** Fragments become messages: what was added is named here. */
const asMeterData = (fragment: object) => ({ type: 'PostMeterDataRequest', ...fragment });
const asPrognosis = (fragment: object) => ({ type: 'PostPrognosisRequest', connection: 'CS 1', unit: 'MW', ...fragment });

const NOTATION: Example[] = [
  ...(['v1', 'v2_0'] as const).map(
    (version): Example => ({
      where: '§14.4.3 groups, line 1411 (+ type)',
      version,
      service: 'postMeterData',
      host: 'localhost',
      request: asMeterData(GROUPS_1413),
      response: PROCESSED('PostMeterDataResponse'),
      stored: [
        { sensor: 'CS 1', values: CS1, firstEvent: '2016-05-01T12:45:00Z', beliefTimes: 'arrival' },
        { sensor: 'CS 2', values: CS1, firstEvent: '2016-05-01T12:45:00Z', beliefTimes: 'arrival' },
        { sensor: 'CS 3', values: CS2, firstEvent: '2016-05-01T12:45:00Z', beliefTimes: 'arrival' },
      ],
    }),
  ),
  ...(['v1', 'v2_0'] as const).map(
    (version): Example => ({
      where: '§14.4.3 flattened, line 1458 (+ type)',
      version,
      service: 'postMeterData',
      host: 'localhost',
      request: asMeterData(FLATTENED_1458),
      response: PROCESSED('PostMeterDataResponse'),
      stored: [
        { sensor: 'CS 1', values: CS1, firstEvent: '2016-05-01T12:45:00Z', beliefTimes: 'arrival' },
        { sensor: 'CS 2', values: CS1, firstEvent: '2016-05-01T12:45:00Z', beliefTimes: 'arrival' },
      ],
    }),
  ),
  {
    where: '§14.4.4 values shorthand, line 1484 (+ type, connection, unit)',
    version: 'v2_0',
    service: 'postMeterData',
    host: 'localhost',
    request: asMeterData({ connection: 'CS 1', unit: 'MW', ...SHORTHAND_1484 }),
    response: PROCESSED('PostMeterDataResponse'),
    stored: [{ sensor: 'CS 1', values: [10, 5, 8], firstEvent: '2016-05-01T13:00:00Z', beliefTimes: 'arrival' }],
  },
  {
    where: '§14.4.4 timeseries notation, line 1500 (+ type, connection, unit): equal to the shorthand',
    version: 'v2_0',
    service: 'postMeterData',
    host: 'localhost',
    request: asMeterData({ connection: 'CS 1', unit: 'MW', ...TIMESERIES_1500 }),
    response: PROCESSED('PostMeterDataResponse'),
    stored: [{ sensor: 'CS 1', values: [10, 5, 8], firstEvent: '2016-05-01T13:00:00Z', beliefTimes: 'arrival' }],
  },
  {
    where: '§14.4.5 belief filter, line 1555 (in a GET for CS 1)',
    version: 'v2_0',
    service: 'getPrognosis',
    host: 'localhost',
    setup: [
      // Recorded at least 6 h before and prior to 5 PM: passes. Older than the next one.
      { version: 'v2_0', service: 'postPrognosis', message: asPrognosis({ values: [1, 1, 1], start: '2020-08-01T23:00:00Z', duration: 'PT45M', horizon: 'PT8H' }) },
      // Exactly 6 h before (17:15, 17:30, 17:45): not prior to 5 PM.
      { version: 'v2_0', service: 'postPrognosis', message: asPrognosis({ values: [2, 2, 2], start: '2020-08-01T23:00:00Z', duration: 'PT45M', horizon: 'PT6H' }) },
      // At 4.30 PM: passes both, and is the most recent that does.
      { version: 'v2_0', service: 'postPrognosis', message: asPrognosis({ values: [3, 3, 3], start: '2020-08-01T23:00:00Z', duration: 'PT45M', prior: '2020-08-01T16:30:00Z' }) },
      // One hour ahead: fails both.
      { version: 'v2_0', service: 'postPrognosis', message: asPrognosis({ values: [4, 4, 4], start: '2020-08-01T23:00:00Z', duration: 'PT45M', horizon: 'PT1H' }) },
    ],
    request: { type: 'GetPrognosisRequest', connection: 'CS 1', start: '2020-08-01T23:00:00Z', duration: 'PT45M', unit: 'MW', ...BELIEF_FILTER_1555 },
    response: { type: 'GetPrognosisResponse', connection: 'CS 1', values: [3, 3, 3], start: '2020-08-01T23:00:00Z', duration: 'PT45M', unit: 'MW' },
  },
  {
    where: '§14.4.6 prior, line 1572 (+ type, connection, unit): all recorded at 7:45 AM',
    version: 'v2_0',
    service: 'postPrognosis',
    host: 'localhost',
    request: asPrognosis(PRIOR_1572),
    response: PROCESSED('PostPrognosisResponse'),
    stored: [{ sensor: 'CS 1', values: [10, 5, 8], firstEvent: '2016-05-01T13:00:00Z', beliefTimes: '2016-05-01T07:45:00Z' }],
  },
  {
    where: '§14.4.6 horizon PT6H, line 1587 (+ type, connection, unit): 7:15, 7:30 and 7:45 AM',
    version: 'v2_0',
    service: 'postPrognosis',
    host: 'localhost',
    request: asPrognosis(HORIZON_1587),
    response: PROCESSED('PostPrognosisResponse'),
    stored: [{ sensor: 'CS 1', values: [10, 5, 8], beliefTimes: ['2016-05-01T07:15:00Z', '2016-05-01T07:30:00Z', '2016-05-01T07:45:00Z'] }],
  },
  {
    where: '§14.4.6 horizon -PT10M, line 1604 (+ type, connection, unit): 10 minutes after each event',
    version: 'v2_0',
    service: 'postPrognosis',
    host: 'localhost',
    request: asPrognosis(NEGATIVE_HORIZON_1604),
    response: PROCESSED('PostPrognosisResponse'),
    stored: [{ sensor: 'CS 1', values: [10, 5, 8], beliefTimes: ['2016-05-01T13:25:00Z', '2016-05-01T13:40:00Z', '2016-05-01T13:55:00Z'] }],
  },
];

// ---- §15 simulation -----------------------------------------------------------------------------

const C11 = `${PREFIX.company}:1:1`;
const C12 = `${PREFIX.company}:1:2`;

const WEATHER_1718 = {
  type: 'PostWeatherDataRequest',
  sensor: 'ea1.2018-06.io.flexmeasures.company:temperature:33.4843866:126.477859',
  values: TEMPERATURES,
  start: '2015-01-01T15:00:00+09:00',
  duration: 'PT1H30M',
  prior: '2015-01-01T12:00:00+09:00',
  unit: '°C',
};
const KPX_1757 = {
  type: 'PostPriceDataRequest',
  market: 'ea1.2018-06.io.flexmeasures.company:kpx_da',
  values: PRICES,
  start: '2015-01-01T15:00:00+09:00',
  duration: 'PT24H',
  horizon: 'PT33H',
  unit: 'KRW/kWh',
};
const SINGLE_1827 = { type: 'PostMeterDataRequest', connection: C11, value: 220, start: '2015-01-01T00:00:00+00:00', duration: 'PT0H15M', horizon: '-PT5M', unit: 'MW' };
const MULTIPLE_1843 = { type: 'PostMeterDataRequest', connection: C11, values: [220, 210, 200], start: '2015-01-01T00:00:00+00:00', duration: 'PT0H45M', horizon: '-PT5M', unit: 'MW' };
const IDENTICAL_1863 = { type: 'PostMeterDataRequest', connections: [C11, C12], value: 10, start: '2015-01-01T00:00:00+00:00', duration: 'PT0H15M', horizon: '-PT5M', unit: 'MW' };
const DIFFERENT_1882 = {
  type: 'PostMeterDataRequest',
  groups: [
    { connection: C11, value: 220 },
    { connection: C12, value: 300 },
  ],
  start: '2015-01-01T00:00:00+00:00',
  duration: 'PT0H15M',
  horizon: '-PT5M',
  unit: 'MW',
};
const MULTIPLE_MULTIPLE_1906 = {
  type: 'PostMeterDataRequest',
  groups: [
    { connection: C11, values: [220, 210, 200] },
    { connection: C12, values: [300, 303, 306] },
  ],
  start: '2015-01-01T00:00:00+00:00',
  duration: 'PT0H45M',
  horizon: '-PT5M',
  unit: 'MW',
};
const PROGNOSIS_1944 = {
  type: 'GetPrognosisRequest',
  connection: C11,
  start: '2015-01-01T00:00:00+00:00',
  duration: 'PT24H',
  horizon: 'PT6H',
  resolution: 'PT15M',
  unit: 'MW',
};

/**
 * §15 addresses its examples to `/api/<version>/…`: they are run on v2_0
 * (rolling horizons and priors, for which §15 was rewritten, change log
 * §21.1) and on v1_3 (where a plain horizon is counted from the end of the
 * whole period and `prior` is not a field).
 */
const SIMULATION: Example[] = [
  {
    where: '§15.2 weather, line 1718: forecasts made at noon (prior)',
    version: 'v2_0',
    service: 'postWeatherData',
    host: 'company',
    request: WEATHER_1718,
    response: PROCESSED('PostWeatherDataResponse'),
    stored: [{ sensor: 'temperature', values: TEMPERATURES, firstEvent: '2015-01-01T06:00:00Z', beliefTimes: '2015-01-01T03:00:00Z' }],
  },
  {
    where: '§15.2 weather, line 1718, on v1_3 (no prior field in v1.x: believed on arrival)',
    version: 'v1_3',
    service: 'postWeatherData',
    host: 'company',
    request: WEATHER_1718,
    response: PROCESSED('PostWeatherDataResponse'),
    stored: [{ sensor: 'temperature', values: TEMPERATURES, beliefTimes: 'arrival' }],
  },
  {
    where: '§15.3 KPX prices, line 1757, on v1_3: horizon PT33H before the end of the 24 hours',
    version: 'v1_3',
    service: 'postPriceData',
    host: 'company',
    request: KPX_1757,
    response: PROCESSED('PostPriceDataResponse'),
    stored: [{ sensor: 'kpx_da', values: PRICES, firstEvent: '2015-01-01T06:00:00Z', beliefTimes: '2014-12-31T21:00:00Z' }],
  },
  {
    where: '§15.3 KPX prices, line 1757, on v2_0: rolling horizon PT33H',
    version: 'v2_0',
    service: 'postPriceData',
    host: 'company',
    request: KPX_1757,
    response: PROCESSED('PostPriceDataResponse'),
    stored: [{ sensor: 'kpx_da', values: PRICES, beliefTimes: times('2014-12-30T22:00:00Z', 24, 60) }],
  },
  ...(['v2_0', 'v1_3'] as const).flatMap((version): Example[] => {
    const rolling = version === 'v2_0';
    return [
      {
        where: '§15.4.1 single value, single connection, line 1827',
        version,
        service: 'postMeterData',
        host: 'company',
        request: SINGLE_1827,
        response: PROCESSED('PostMeterDataResponse'),
        stored: [{ sensor: C11, values: [220], beliefTimes: '2015-01-01T00:20:00Z' }],
      },
      {
        where: '§15.4.2 multiple values, single connection, line 1843',
        version,
        service: 'postMeterData',
        host: 'company',
        request: MULTIPLE_1843,
        response: PROCESSED('PostMeterDataResponse'),
        stored: [{ sensor: C11, values: [220, 210, 200], beliefTimes: rolling ? times('2015-01-01T00:20:00Z', 3, 15) : '2015-01-01T00:50:00Z' }],
      },
      {
        where: '§15.4.3 single identical value, multiple connections, line 1863',
        version,
        service: 'postMeterData',
        host: 'company',
        request: IDENTICAL_1863,
        response: PROCESSED('PostMeterDataResponse'),
        stored: [
          { sensor: C11, values: [10], beliefTimes: '2015-01-01T00:20:00Z' },
          { sensor: C12, values: [10], beliefTimes: '2015-01-01T00:20:00Z' },
        ],
      },
      {
        where: '§15.4.4 single different values, multiple connections, line 1882',
        version,
        service: 'postMeterData',
        host: 'company',
        request: DIFFERENT_1882,
        response: PROCESSED('PostMeterDataResponse'),
        stored: [
          { sensor: C11, values: [220], beliefTimes: '2015-01-01T00:20:00Z' },
          { sensor: C12, values: [300], beliefTimes: '2015-01-01T00:20:00Z' },
        ],
      },
      {
        where: '§15.4.5 multiple values, multiple connections, line 1906',
        version,
        service: 'postMeterData',
        host: 'company',
        request: MULTIPLE_MULTIPLE_1906,
        response: PROCESSED('PostMeterDataResponse'),
        stored: [
          { sensor: C11, values: [220, 210, 200], beliefTimes: rolling ? times('2015-01-01T00:20:00Z', 3, 15) : '2015-01-01T00:50:00Z' },
          { sensor: C12, values: [300, 303, 306], beliefTimes: rolling ? times('2015-01-01T00:20:00Z', 3, 15) : '2015-01-01T00:50:00Z' },
        ],
      },
      {
        where: '§15.5 getting prognoses, line 1944 (no documented response: the beliefs made at least 6 h ahead, gaps null)',
        version,
        service: 'getPrognosis',
        host: 'company',
        setup: [
          // 6 hours ahead of each quarter-hour: what the example asks for.
          { version: 'v2_0', service: 'postPrognosis', message: { type: 'PostPrognosisRequest', connection: C11, values: [1, 2, 3], start: '2015-01-01T00:00:00Z', duration: 'PT45M', horizon: 'PT6H', unit: 'MW' } },
          // Later updates, only an hour ahead: not selected.
          { version: 'v2_0', service: 'postPrognosis', message: { type: 'PostPrognosisRequest', connection: C11, values: [7, 8, 9], start: '2015-01-01T00:00:00Z', duration: 'PT45M', horizon: 'PT1H', unit: 'MW' } },
        ],
        request: PROGNOSIS_1944,
        response: { type: 'GetPrognosisResponse', connection: C11, values: [1, 2, 3, ...new Array<null>(93).fill(null)], unit: 'MW' },
      },
    ];
  }),
];

// ---- §16–20 endpoint pages -----------------------------------------------------------------------

const GET_METER_DATA = { type: 'GetMeterDataRequest', connection: 'CS 1', start: '2015-01-01T00:00:00Z', duration: 'PT1H30M', unit: 'MW' };
const GET_METER_DATA_RESPONSE = { type: 'GetMeterDataResponse', connection: 'CS 1', values: CS1, start: '2015-01-01T00:00:00Z', duration: 'PT1H30M', unit: 'MW' };
const GET_PROGNOSIS = { type: 'GetPrognosisRequest', connection: 'CS 1', start: '2015-01-01T00:00:00Z', duration: 'PT1H30M', horizon: 'PT6H', resolution: 'PT15M', unit: 'MW' };
const GET_PROGNOSIS_RESPONSE = { type: 'GetPrognosisResponse', connection: 'CS 1', values: CS1, start: '2015-01-01T00:00:00Z', duration: 'PT1H30M', unit: 'MW' };
const meterDataGroups = (start: string) => ({
  type: 'PostMeterDataRequest',
  groups: [
    { connections: ['CS 1', 'CS 3'], values: CS1 },
    { connections: ['CS 2'], values: CS2 },
  ],
  start,
  duration: 'PT1H30M',
  unit: 'MW',
});
const V1_PROGNOSIS = {
  type: 'PostPrognosisRequest',
  groups: [
    { connections: ['CS 1', 'CS 3'], values: PROGNOSIS_A },
    { connections: ['CS 2'], values: PROGNOSIS_B },
  ],
  start: '2015-01-01T00:00:00Z',
  duration: 'PT1H30M',
  horizon: 'PT7H30M',
  unit: 'MW',
};
const V2_PROGNOSIS = {
  type: 'PostPrognosisRequest',
  groups: [
    { connections: ['ea1.2018-06.localhost:1:3', 'ea1.2018-06.localhost:1:4'], values: PROGNOSIS_A },
    { connections: ['ea1.2018-06.localhost:1:5'], values: PROGNOSIS_B },
  ],
  start: '2021-01-01T00:00:00Z',
  duration: 'PT1H30M',
  prior: '2020-12-31T18:00:00Z',
  unit: 'MW',
};
const EPEX_V1 = { type: 'PostPriceDataRequest', market: 'ea1.2018-06.localhost:epex_da', values: PRICES, start: '2015-01-01T15:00:00+09:00', duration: 'PT24H', horizon: 'PT35H', unit: 'EUR/MWh' };
const EPEX_V2 = { type: 'PostPriceDataRequest', market: 'ea1.2018-06.localhost:epex_da', values: PRICES, start: '2021-01-01T00:00:00+01:00', duration: 'PT24H', prior: '2020-12-31T13:00:00+01:00', unit: 'EUR/MWh' };
const weatherGroups = (start: string, timing: object) => ({
  type: 'PostWeatherDataRequest',
  groups: [{ sensor: TYPO_SENSOR, values: TEMPERATURES }],
  start,
  duration: 'PT1H30M',
  ...timing,
  unit: '°C',
});
const V1_WEATHER = weatherGroups('2015-01-01T15:00:00+09:00', { horizon: 'PT3H' });
const V2_WEATHER = weatherGroups('2021-01-01T15:00:00+09:00', { prior: '2021-01-01T12:00:00+09:00' });

/** Meter data for CS 1 as the getMeterData examples return it, posted to the same version. */
const meterSetup = (version: Version): Setup => ({
  version,
  service: 'postMeterData',
  message: { type: 'PostMeterDataRequest', connection: 'CS 1', values: CS1, start: '2015-01-01T00:00:00Z', duration: 'PT1H30M', unit: 'MW' },
});
/** A prognosis for CS 1 made 6 hours ahead of each quarter-hour (v1.x writes a rolling horizon as R/PT6H). */
const prognosisSetup = (version: Version): Setup => ({
  version,
  service: 'postPrognosis',
  message: {
    type: 'PostPrognosisRequest',
    connection: 'CS 1',
    values: CS1,
    start: '2015-01-01T00:00:00Z',
    duration: 'PT1H30M',
    horizon: version === 'v2_0' ? 'PT6H' : 'R/PT6H',
    unit: 'MW',
  },
});

interface PageLines {
  readonly section: string;
  readonly getMeterData: number;
  readonly getPrognosis?: number;
  readonly postMeterData: number;
  readonly postPriceData?: number;
  readonly postPrognosis?: number;
  readonly postWeatherData?: number;
}

const PAGES: Readonly<Record<Version, PageLines>> = {
  v2_0: { section: '§16', getMeterData: 2587, getPrognosis: 2659, postMeterData: 2737, postPriceData: 2819, postPrognosis: 2905, postWeatherData: 3077 },
  v1_3: { section: '§17', getMeterData: 3439, getPrognosis: 3504, postMeterData: 3580, postPriceData: 3661, postPrognosis: 3748, postWeatherData: 3903 },
  v1_2: { section: '§18', getMeterData: 4126, getPrognosis: 4191, postMeterData: 4267, postPriceData: 4348, postPrognosis: 4435, postWeatherData: 4571 },
  v1_1: { section: '§19', getMeterData: 4718, getPrognosis: 4793, postMeterData: 4868, postPriceData: 4949, postPrognosis: 5034, postWeatherData: 5122 },
  v1: { section: '§20', getMeterData: 5277, postMeterData: 5350 },
};

function endpointPage(version: Version): Example[] {
  const page = PAGES[version];
  const v2 = version === 'v2_0';
  const at = (service: string, line: number) => `${page.section} ${version} ${service}, line ${line}`;
  const examples: Example[] = [
    {
      where: at('getMeterData', page.getMeterData),
      version,
      service: 'getMeterData',
      host: 'localhost',
      setup: [meterSetup(version)],
      request: GET_METER_DATA,
      response: GET_METER_DATA_RESPONSE,
    },
    {
      where: at('postMeterData', page.postMeterData),
      version,
      service: 'postMeterData',
      host: 'localhost',
      request: meterDataGroups(v2 ? '2021-01-01T00:00:00Z' : '2015-01-01T00:00:00Z'),
      response: PROCESSED('PostMeterDataResponse'),
      stored: [
        { sensor: 'CS 1', values: CS1, beliefTimes: 'arrival' },
        { sensor: 'CS 2', values: CS2, beliefTimes: 'arrival' },
        { sensor: 'CS 3', values: CS1, beliefTimes: 'arrival' },
      ],
    },
  ];
  if (version === 'v1') {
    examples.unshift({
      where: '§20 v1 getMeterData as a POST, line 5213',
      version,
      service: 'getMeterData',
      method: 'POST',
      host: 'localhost',
      setup: [meterSetup(version)],
      request: GET_METER_DATA,
      response: GET_METER_DATA_RESPONSE,
    });
    return examples;
  }
  examples.push(
    {
      where: at('getPrognosis', page.getPrognosis as number),
      version,
      service: 'getPrognosis',
      host: 'localhost',
      setup: [prognosisSetup(version)],
      request: GET_PROGNOSIS,
      response: GET_PROGNOSIS_RESPONSE,
    },
    v2
      ? {
          where: at('postPriceData', page.postPriceData as number) + ': published at 1pm (prior)',
          version,
          service: 'postPriceData',
          host: 'localhost',
          request: EPEX_V2,
          response: PROCESSED('PostPriceDataResponse'),
          stored: [{ sensor: 'epex_da', values: PRICES, firstEvent: '2020-12-31T23:00:00Z', beliefTimes: '2020-12-31T12:00:00Z' }],
        }
      : {
          where: at('postPriceData', page.postPriceData as number) + ': PT35H before the end of the 24 hours',
          version,
          service: 'postPriceData',
          host: 'localhost',
          request: EPEX_V1,
          response: PROCESSED('PostPriceDataResponse'),
          stored: [{ sensor: 'epex_da', values: PRICES, firstEvent: '2015-01-01T06:00:00Z', beliefTimes: '2014-12-31T19:00:00Z' }],
        },
    v2
      ? {
          where: at('postPrognosis', page.postPrognosis as number) + ': prognosed at 6pm the previous day (prior)',
          version,
          service: 'postPrognosis',
          host: 'localhost',
          request: V2_PROGNOSIS,
          response: PROCESSED('PostPrognosisResponse'),
          stored: ['1:3', '1:4', '1:5'].map((id, i) => ({
            sensor: `ea1.2018-06.localhost:${id}`,
            values: i < 2 ? PROGNOSIS_A : PROGNOSIS_B,
            firstEvent: '2021-01-01T00:00:00Z',
            beliefTimes: '2020-12-31T18:00:00Z',
          })),
        }
      : {
          where: at('postPrognosis', page.postPrognosis as number) + ': prognosed at 6pm the previous day (PT7H30M before the period ends)',
          version,
          service: 'postPrognosis',
          host: 'localhost',
          request: V1_PROGNOSIS,
          response: PROCESSED('PostPrognosisResponse'),
          stored: [
            { sensor: 'CS 1', values: PROGNOSIS_A, beliefTimes: '2014-12-31T18:00:00Z' },
            { sensor: 'CS 2', values: PROGNOSIS_B, beliefTimes: '2014-12-31T18:00:00Z' },
            { sensor: 'CS 3', values: PROGNOSIS_A, beliefTimes: '2014-12-31T18:00:00Z' },
          ],
        },
    {
      where: at('postWeatherData', page.postWeatherData as number) + ' with the "eal." typo corrected to "ea1."',
      version,
      service: 'postWeatherData',
      host: 'localhost',
      request: v2 ? V2_WEATHER : V1_WEATHER,
      replace: { [TYPO_SENSOR]: FIXED_SENSOR },
      response: PROCESSED('PostWeatherDataResponse'),
      stored: [
        v2
          ? { sensor: 'temperature', values: TEMPERATURES, firstEvent: '2021-01-01T06:00:00Z', beliefTimes: '2021-01-01T03:00:00Z' }
          : // PT3H before the end of the period (4.30pm): 1.30pm local time.
            { sensor: 'temperature', values: TEMPERATURES, firstEvent: '2015-01-01T06:00:00Z', beliefTimes: '2015-01-01T04:30:00Z' },
      ],
    },
    {
      where: at('postWeatherData', page.postWeatherData as number) + ' as printed ("eal." is not an entity address)',
      version,
      service: 'postWeatherData',
      host: 'localhost',
      request: v2 ? V2_WEATHER : V1_WEATHER,
      httpStatus: 400,
      response: { status: 'INVALID_DOMAIN' },
      stored: [{ sensor: 'temperature', values: [], beliefTimes: [] }],
    },
  );
  return examples;
}

const EXAMPLES: Example[] = [...NOTATION, ...SIMULATION, ...(['v2_0', 'v1_3', 'v1_2', 'v1_1', 'v1'] as const).flatMap(endpointPage)];

describe('the seed documentation examples for time series', () => {
  const fx = new DataFixture();
  let owner: TestUser;
  /** Placeholder → real address. */
  let addresses: Record<string, string>;
  /** Placeholder or name → sensor id. */
  let sensors: Record<string, number>;

  beforeAll(async () => {
    await fx.start();
    owner = await fx.user('prosumer@example.com', ['Prosumer']);
    const asset = () => fx.asset({ owner: owner.id, type: 'charging_station' });
    const ids: Record<string, number> = {};
    for (const name of ['CS 1', 'CS 2', 'CS 3']) ids[name] = await asset();
    for (const name of [C11, C12]) ids[name] = await asset();
    for (const id of ['1:3', '1:4', '1:5']) ids[`${PREFIX.localhost}:${id}`] = await asset();
    addresses = {
      'CS 1': DataFixture.connection(owner.id, ids['CS 1']),
      'CS 2': DataFixture.connection(owner.id, ids['CS 2']),
      'CS 3': DataFixture.connection(owner.id, ids['CS 3']),
      [C11]: DataFixture.connection(owner.id, ids[C11], 'company'),
      [C12]: DataFixture.connection(owner.id, ids[C12], 'company'),
      ...Object.fromEntries(['1:3', '1:4', '1:5'].map((id) => [`${PREFIX.localhost}:${id}`, DataFixture.connection(owner.id, ids[`${PREFIX.localhost}:${id}`])])),
    };
    sensors = {
      ...ids,
      epex_da: await fx.marketId('epex_da'),
      kpx_da: await fx.market('kpx_da', 'KRW/kWh', 60),
      temperature: await fx.weatherSensor('temperature', 33.4843866, 126.477859, '°C', 15),
    };
  });
  afterAll(() => fx.stop());

  async function send(example: Pick<Example, 'version' | 'service' | 'method' | 'host'>, body: object, asBody = false): Promise<Response> {
    const options = { token: owner.token, host: example.host };
    if (example.method === 'POST' || example.service.startsWith('post')) return fx.post(example.version, example.service as PostService, body, options);
    if (asBody) return fx.getWithBody(example.version, example.service as GetService, body, options);
    return fx.get(example.version, example.service as GetService, body as Record<string, unknown>, options);
  }

  async function checkStored(checks: readonly StoredCheck[], before: number, after: number): Promise<void> {
    for (const check of checks) {
      const rows = await fx.beliefs(sensors[check.sensor]);
      expect({ sensor: check.sensor, values: rows.map((row) => row.value) }).toEqual({ sensor: check.sensor, values: check.values });
      if (check.firstEvent !== undefined) expect(rows[0]?.eventStart).toBe(check.firstEvent);
      if (check.beliefTimes === 'arrival') {
        for (const row of rows) {
          expect(Date.parse(row.beliefTime)).toBeGreaterThanOrEqual(before);
          expect(Date.parse(row.beliefTime)).toBeLessThanOrEqual(after);
        }
      } else {
        const expected = typeof check.beliefTimes === 'string' ? rows.map(() => check.beliefTimes as string) : check.beliefTimes;
        expect({ sensor: check.sensor, beliefTimes: rows.map((row) => row.beliefTime) }).toEqual({ sensor: check.sensor, beliefTimes: expected });
      }
    }
  }

  it.each(EXAMPLES.map((example) => [`${example.where} → ${example.method === 'POST' ? 'POST ' : ''}/api/${example.version}/${example.service}`, example] as const))(
    '%s',
    async (_name, example) => {
      await fx.db.query('DELETE FROM timed_belief');
      const replacements = { ...addresses, ...(example.replace ?? {}) };
      for (const setup of example.setup ?? []) {
        const response = await fx.post(setup.version, setup.service, substitute(setup.message, replacements), { token: owner.token, host: example.host });
        expect({ setup: setup.message, status: response.status, body: response.body }).toMatchObject({ status: 200, body: { status: 'PROCESSED' } });
      }
      const request = substitute(example.request, replacements);
      const expected = substitute(example.response, replacements);
      const before = Date.now();
      const response = await send(example, request);
      const after = Date.now();
      expect({ http: response.status, body: response.body }).toMatchObject({ http: example.httpStatus ?? 200, body: expected });

      if (example.service.startsWith('get')) {
        // Our answer adds status, message and the resolution to the documented fields.
        expect(response.body).toMatchObject({ status: 'PROCESSED', message: 'Request has been processed.', resolution: 'PT15M' });
        const asked = request as { start: string; duration: string };
        expect(Date.parse(response.body.start)).toBe(Date.parse(asked.start));
        expect(isoDurationToMilliseconds(response.body.duration)).toBe(isoDurationToMilliseconds(asked.duration));
        expect(response.body.groups).toBeUndefined();
        if (example.method !== 'POST') {
          // The seed shows GET messages as JSON bodies: the same answer either way.
          const withBody = await send(example, request, true);
          expect(withBody.status).toBe(200);
          expect(withBody.body).toEqual(response.body);
        }
      } else if ((example.httpStatus ?? 200) === 200) {
        expect(response.body).toEqual(expected);
      } else {
        expect(Object.keys(response.body)).toEqual(expect.arrayContaining(['status', 'message']));
      }
      await checkStored(example.stored ?? [], before, after);
    },
  );

  // The control services' examples (postUdiEvent, getDeviceMessage: §15.6–15.7 and the v2_0, v1_3 and
  // v1_2 pages) are tested with the scheduling flow in apps/api/src/modules/control/control.e2e-spec.ts.
});
