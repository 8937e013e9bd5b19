import type { Caller } from '@flexmeasures/assets';
import {
  API_VERSION_RULES,
  ApiVersion,
  convertUnit,
  DomainError,
  formatInstant,
  GetDataRequest,
  millisecondsToIsoDuration,
  NamingAuthoritySettings,
  POWER_UNITS,
  readGetDataRequest,
  REQUESTED_RESOLUTION_STATUS,
} from '@flexmeasures/domain';
import type { DataSource } from 'typeorm';
import { BeliefsRepository } from './beliefs.repository';
import { GET_ENDPOINTS, GetEndpointName } from './data-endpoints';
import { DataSourcesRepository } from './data-sources.repository';
import { SensorResolver } from './sensor-resolver';
import type { AssetSensor } from './sensors.repository';

export interface GetContext {
  readonly version: ApiVersion;
  readonly caller: Caller;
  readonly naming: NamingAuthoritySettings;
}

/** A series in the response: `null` where no belief passed the filters. */
export interface ConnectionSeries {
  readonly connection: string;
  readonly values: readonly (number | null)[];
}

export interface GetDataResponse {
  readonly type: string;
  readonly status: 'PROCESSED';
  readonly message: string;
  readonly start: string;
  readonly duration: string;
  readonly resolution: string;
  readonly unit: string;
  readonly connection?: string;
  readonly values?: readonly (number | null)[];
  readonly groups?: readonly ConnectionSeries[];
}

/** The most beliefs one GET may return per connection (a year of 5-minute data). */
export const MAX_VALUES_PER_CONNECTION = 366 * 24 * 12;

/**
 * The unit of the answer: the requested one if this version accepts it, else
 * the asset's own unit where the version accepts that, else MW (v1.x is MW
 * only, whatever unit an asset stores in).
 */
function responseUnit(requested: string | undefined, sensorUnit: string, accepted: readonly string[]): string {
  if (requested !== undefined) {
    if (!accepted.includes(requested)) {
      throw new DomainError('INVALID_UNIT', `Unit "${requested}" is not accepted here; use ${accepted.join(', ')}.`, { unit: requested });
    }
    return requested;
  }
  return accepted.includes(sensorUnit) ? sensorUnit : 'MW';
}

function checkWindow(request: GetDataRequest, sensor: AssetSensor, binMs: number): void {
  if (binMs % sensor.resolutionMs !== 0) {
    throw new DomainError(
      REQUESTED_RESOLUTION_STATUS,
      `A resolution of ${millisecondsToIsoDuration(binMs)} is not a multiple of the ${millisecondsToIsoDuration(sensor.resolutionMs)} resolution of asset ${sensor.id}; ask for e.g. ${millisecondsToIsoDuration(sensor.resolutionMs * 4)}.`,
      { field: 'resolution' },
    );
  }
  if (request.startMs % sensor.resolutionMs !== 0 && sensor.resolutionMs <= 3_600_000) {
    throw new DomainError('INVALID_PERIOD', `"start" must be on the ${millisecondsToIsoDuration(sensor.resolutionMs)} grid of asset ${sensor.id}, e.g. on the hour.`, { field: 'start' });
  }
  if (request.durationMs % binMs !== 0) {
    throw new DomainError('INVALID_PERIOD', `"duration" must be a whole number of ${millisecondsToIsoDuration(binMs)} steps.`, { field: 'duration' });
  }
  if (request.durationMs / binMs > MAX_VALUES_PER_CONNECTION) {
    throw new DomainError('INVALID_PERIOD', `At most ${MAX_VALUES_PER_CONNECTION} values per connection per request; ask for a shorter period or a coarser resolution.`, { field: 'duration' });
  }
}

/**
 * getMeterData and getPrognosis for every API version: per connection, the
 * latest belief per event that passes the horizon, prior and source filters,
 * in the sensor's resolution or a multiple of it.
 */
export class GetBeliefsService {
  private readonly resolver: SensorResolver;
  private readonly sources: DataSourcesRepository;
  private readonly beliefs = new BeliefsRepository();

  constructor(private readonly dataSource: DataSource) {
    this.resolver = new SensorResolver(dataSource);
    this.sources = new DataSourcesRepository(dataSource);
  }

  async get(name: GetEndpointName, body: unknown, context: GetContext): Promise<GetDataResponse> {
    const endpoint = GET_ENDPOINTS[name];
    const rules = API_VERSION_RULES[context.version];
    const request = readGetDataRequest(body, endpoint.requestType);
    const sensors = await this.resolver.connections(request.connections, { caller: context.caller, rules, naming: context.naming });
    const unit = responseUnit(request.unit, sensors[0].unit, rules.powerUnits);
    const binMs = request.resolutionMs ?? Math.max(...sensors.map((s) => s.resolutionMs));
    sensors.forEach((sensor) => checkWindow(request, sensor, binMs));
    const sourceIds = request.sources === undefined ? undefined : await this.sourceIds(request.sources);
    // A prognosis is a belief formed before its event ended: a horizon of at least 1 ms.
    const horizonMs = request.horizonMs ?? (endpoint.beforeTheFact ? 1 : undefined);
    const slots = request.durationMs / binMs;
    const series = await Promise.all(
      sensors.map(async (sensor, i): Promise<ConnectionSeries> => {
        const found = await this.beliefs.latest(this.dataSource.manager, {
          sensorId: sensor.id,
          startMs: request.startMs,
          endMs: request.startMs + request.durationMs,
          resolutionMs: sensor.resolutionMs,
          binMs,
          ...(horizonMs === undefined ? {} : { horizonMs }),
          ...(request.priorMs === undefined ? {} : { priorMs: request.priorMs }),
          ...(sourceIds === undefined ? {} : { sourceIds }),
          ...(request.cumulativeProbability === undefined ? {} : { cumulativeProbability: request.cumulativeProbability }),
        });
        const converted = convertUnit(found.values, sensor.unit, unit, POWER_UNITS);
        const values: (number | null)[] = new Array(slots).fill(null);
        found.bins.forEach((bin, j) => (values[bin] = converted[j]));
        return { connection: request.connections[i], values };
      }),
    );
    const common = {
      type: endpoint.responseType,
      status: 'PROCESSED' as const,
      message: 'Request has been processed.',
      start: formatInstant(request.startMs),
      duration: request.duration,
      resolution: millisecondsToIsoDuration(binMs),
      unit,
    };
    return series.length === 1 ? { ...common, connection: series[0].connection, values: series[0].values } : { ...common, groups: series };
  }

  private async sourceIds(selectors: readonly string[]): Promise<number[]> {
    const ids = await this.sources.select(selectors);
    if (ids.length === 0) {
      throw new DomainError('INVALID_SOURCE', `No data sources match ${selectors.map((s) => JSON.stringify(s)).join(', ')}; name user ids or roles such as MDC.`, {
        field: 'sources',
      });
    }
    return ids;
  }
}
