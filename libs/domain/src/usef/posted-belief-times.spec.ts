import { expandTimeseries } from '../beliefs/timeseries';
import { formatInstant } from '../beliefs/instant';
import { API_VERSION_RULES, API_VERSIONS, versionNumber } from './api-versions';
import { postedBeliefTimes } from './posted-belief-times';

const events = expandTimeseries({ values: [10, 5, 8], start: '2016-05-01T13:00:00Z', duration: 'PT45M' });
const arrivalMs = Date.parse('2016-05-01T20:00:00Z');
const times = (version: keyof typeof API_VERSION_RULES, fields: { horizon?: string; prior?: string }, exPost = false) =>
  postedBeliefTimes(events, fields, { rules: API_VERSION_RULES[version], arrivalMs, exPost, playMode: false }).map((t) => formatInstant(t).slice(11, 16));

describe('belief times per API version', () => {
  it('v2.0 reads a plain horizon as rolling; v1.x as relative to the end of the whole period', () => {
    expect(times('v2_0', { horizon: 'PT6H' })).toEqual(['07:15', '07:30', '07:45']);
    expect(times('v1_3', { horizon: 'PT6H' })).toEqual(['07:45', '07:45', '07:45']);
    expect(times('v1_3', { horizon: 'R/PT6H' })).toEqual(['07:15', '07:30', '07:45']);
  });

  it('v2.0 takes the prior; v1.x ignores it (introduced with v2.0)', () => {
    expect(times('v2_0', { prior: '2016-05-01T07:45:00Z' })).toEqual(['07:45', '07:45', '07:45']);
    expect(times('v1_2', { prior: '2016-05-01T07:45:00Z' })).toEqual(['20:00', '20:00', '20:00']);
  });

  it('without horizon or prior every version uses the arrival time', () => {
    for (const version of API_VERSIONS) expect(times(version, {})).toEqual(['20:00', '20:00', '20:00']);
  });

  it('only v2.0 converts kW and W; v1.x is MW only (§14.4.8)', () => {
    expect(API_VERSION_RULES.v2_0.powerUnits).toEqual(['MW', 'kW', 'W']);
    expect(API_VERSIONS.filter((v) => v !== 'v2_0').every((v) => API_VERSION_RULES[v].powerUnits.join() === 'MW')).toBe(true);
  });

  it('writes version numbers as the listings do', () => {
    expect(API_VERSIONS.map(versionNumber)).toEqual(['1.0', '1.1', '1.2', '1.3', '2.0']);
  });
});
