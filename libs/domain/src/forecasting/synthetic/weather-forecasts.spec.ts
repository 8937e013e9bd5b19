import { generateYear } from './synthetic-year';
import { observationBeliefs, weatherForecastBeliefs } from './weather-forecasts';

const JEJU = { lat: 33.4843866, lng: 126.477859 };
const START = Date.UTC(2015, 5, 1);
const H = 3600_000;
const DAY = 24 * H;

describe('weatherForecastBeliefs', () => {
  const year = generateYear({ seed: 3, startMs: START, days: 60, ...JEJU });
  const options = { seed: 3, fromMs: START, toMs: START + 57 * DAY };

  function rmsErrorByLead(variable: 'temperature' | 'wind_speed' | 'radiation', fromH: number, toH: number): number {
    const truth = variable === 'temperature' ? year.weather.temperature : variable === 'wind_speed' ? year.weather.windSpeed : year.weather.radiation;
    const errors = weatherForecastBeliefs(year.weather, JEJU, variable, options)
      .filter((b) => b.eventStartMs + 15 * 60_000 - b.beliefTimeMs > fromH * H && b.eventStartMs + 15 * 60_000 - b.beliefTimeMs <= toH * H)
      .map((b) => b.value - (truth.values[(b.eventStartMs - START) / truth.resolutionMs] as number));
    return Math.sqrt(errors.reduce((a, e) => a + e * e, 0) / errors.length);
  }

  it.each(['temperature', 'wind_speed', 'radiation'] as const)('%s: the error grows with the lead time', (variable) => {
    const short = rmsErrorByLead(variable, 0, 6);
    const long = rmsErrorByLead(variable, 42, 48);
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(1.5 * short);
  });

  it('issues every 6 hours, covering the next 60 hours, with no wind below zero and no sun at night', () => {
    const beliefs = weatherForecastBeliefs(year.weather, JEJU, 'wind_speed', options);
    expect(new Set(beliefs.map((b) => b.beliefTimeMs % (6 * H)))).toEqual(new Set([0]));
    for (const b of beliefs) {
      expect(b.eventStartMs).toBeGreaterThanOrEqual(b.beliefTimeMs);
      expect(b.eventStartMs + 15 * 60_000 - b.beliefTimeMs).toBeLessThanOrEqual(60 * H);
      expect(b.value).toBeGreaterThanOrEqual(0);
    }
    const night = weatherForecastBeliefs(year.weather, JEJU, 'radiation', options).filter((b) => ((b.eventStartMs / H) % 24) === 16);
    expect(night.length).toBeGreaterThan(0);
    expect(night.every((b) => b.value === 0)).toBe(true);
  });

  it('gives the same beliefs for an issue whatever window is asked for', () => {
    const all = weatherForecastBeliefs(year.weather, JEJU, 'temperature', options);
    const one = weatherForecastBeliefs(year.weather, JEJU, 'temperature', { ...options, fromMs: START + 10 * DAY, toMs: START + 10 * DAY + 1 });
    expect(one).toEqual(all.filter((b) => b.beliefTimeMs === START + 10 * DAY));
    expect(weatherForecastBeliefs(year.weather, JEJU, 'temperature', { ...options, seed: 4 })).not.toEqual(all);
  });
});

describe('observationBeliefs', () => {
  it('believes each value at the end of its event', () => {
    expect(observationBeliefs({ startMs: 0, resolutionMs: 10, values: [1, null, 3] })).toEqual([
      { eventStartMs: 0, beliefTimeMs: 10, value: 1 },
      { eventStartMs: 20, beliefTimeMs: 30, value: 3 },
    ]);
  });
});
