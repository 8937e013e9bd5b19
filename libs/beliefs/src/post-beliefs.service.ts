import type { Caller } from '@flexmeasures/assets';
import {
  API_VERSION_RULES,
  ApiVersion,
  checkSigns,
  convertUnit,
  DomainError,
  isoDurationToMilliseconds,
  LAST_INSTANT_MS,
  NamingAuthoritySettings,
  postedBeliefTimes,
  PostedGroup,
  readPostDataMessage,
  TimedValue,
} from '@flexmeasures/domain';
import type { DataSource } from 'typeorm';
import { BeliefEvents } from './belief-events';
import { BeliefsRepository, IngestCounts } from './beliefs.repository';
import { POST_ENDPOINTS, PostEndpoint, PostEndpointName } from './data-endpoints';
import { DataSourcesRepository } from './data-sources.repository';
import { MAX_VALUES_PER_CONNECTION } from './get-beliefs.service';
import { checkOnGrid, spreadOverSlots } from './sensor-grid';
import { SensorResolver } from './sensor-resolver';
import type { AssetSensor, SensorInfo } from './sensors.repository';

export interface PostContext {
  readonly version: ApiVersion;
  readonly caller: Caller;
  readonly naming: NamingAuthoritySettings;
  readonly arrivalMs: number;
  readonly playMode: boolean;
}

export interface PostResult {
  readonly type: string;
  readonly status: 'PROCESSED' | 'ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED';
  readonly message: string;
  readonly counts: IngestCounts;
}

/** Columns being gathered for one insert. */
class Columns {
  readonly sensorIds: number[] = [];
  readonly eventStarts: number[] = [];
  readonly beliefTimes: number[] = [];
  readonly values: number[] = [];

  add(sensorId: number, event: TimedValue, beliefTime: number): void {
    this.sensorIds.push(sensorId);
    this.eventStarts.push(event.start);
    this.beliefTimes.push(beliefTime);
    this.values.push(event.value);
  }
}

function checkUnit(group: PostedGroup, sensor: SensorInfo, endpoint: PostEndpoint, powerUnits: readonly string[]): number[] {
  const values = group.events.map((event) => event.value);
  if (group.unit === undefined) {
    throw new DomainError('INVALID_UNIT', `Missing "unit": state the unit of the values, e.g. ${endpoint.power ? powerUnits.join(', ') : sensor.unit}.`, { field: 'unit' });
  }
  return convertUnit(values, group.unit, sensor.unit, endpoint.power ? powerUnits : [sensor.unit]);
}

/** The events of one group may fill at most a year of 5-minute slots of a sensor, with belief times in years 1–9999. */
function checkSize(group: PostedGroup, sensor: SensorInfo, beliefTimes: readonly number[]): void {
  let slots = 0;
  for (const event of group.events) slots += event.durationMs / sensor.resolutionMs;
  if (slots > MAX_VALUES_PER_CONNECTION) {
    throw new DomainError('UNPROCESSABLE_ENTITY', `At most ${MAX_VALUES_PER_CONNECTION} values per connection per message; split the data over several messages.`, {
      field: 'duration',
    });
  }
  const { min, max } = span(beliefTimes);
  if (min < FIRST_INSTANT_MS || max > LAST_INSTANT_MS) {
    throw new DomainError('UNPROCESSABLE_ENTITY', 'The horizon puts belief times outside the years 1–9999.', { field: 'horizon' });
  }
}

/** Smallest and largest number, without spreading a long list into arguments. */
function span(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

const FIRST_INSTANT_MS = Date.parse('0001-01-01T00:00:00Z');

function checkHorizonIsExPost(group: PostedGroup, endpoint: PostEndpoint): void {
  if (!endpoint.exPost || group.horizon === undefined) return;
  const horizon = group.horizon.replace(/^R\//i, '');
  if (isoDurationToMilliseconds(horizon) > 0) {
    throw new DomainError('UNPROCESSABLE_ENTITY', 'Meter data records observations: its horizon must be zero or negative (e.g. -PT5M); post forecasts with postPrognosis.', {
      field: 'horizon',
    });
  }
}

/**
 * The POST services for time series (postMeterData, postPrognosis,
 * postPriceData, postWeatherData) for every API version: the message is read
 * and checked completely first, then stored in one transaction.
 */
export class PostBeliefsService {
  private readonly resolver: SensorResolver;
  private readonly sources: DataSourcesRepository;
  private readonly beliefs = new BeliefsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: BeliefEvents,
  ) {
    this.resolver = new SensorResolver(dataSource);
    this.sources = new DataSourcesRepository(dataSource);
  }

  async post(name: PostEndpointName, body: unknown, context: PostContext): Promise<PostResult> {
    const endpoint: PostEndpoint = POST_ENDPOINTS[name];
    const rules = API_VERSION_RULES[context.version];
    const message = readPostDataMessage(body, endpoint.requestType, endpoint.addressField);
    const columns = new Columns();
    const sensorIds = new Set<number>();
    for (const group of message.groups) {
      const sensors = await this.resolver.resolve(endpoint.addressField, group.addresses, { caller: context.caller, rules, naming: context.naming });
      checkHorizonIsExPost(group, endpoint);
      const beliefTimes = postedBeliefTimes(group.events, group, { rules, arrivalMs: context.arrivalMs, exPost: endpoint.exPost, playMode: context.playMode });
      sensors.forEach((sensor, i) => {
        const values = checkUnit(group, sensor, endpoint, rules.powerUnits);
        if (sensor.kind === 'asset') checkSigns(values, sensor as AssetSensor, group.addresses[i]);
        checkOnGrid(group.events, sensor);
        checkSize(group, sensor, beliefTimes);
        const events = group.events.map((event, j) => ({ ...event, value: values[j] }));
        spreadOverSlots(events, beliefTimes, sensor.resolutionMs, (event, beliefTime) => columns.add(sensor.id, event, beliefTime));
        sensorIds.add(sensor.id);
      });
    }
    const counts = await this.store(columns, context);
    const { min, max } = span(columns.eventStarts);
    const maxResolution = Math.max(...message.groups.flatMap((g) => g.events.slice(-1).map((e) => e.durationMs)));
    this.events.emit({ kind: endpoint.kind, sensorIds: [...sensorIds], startMs: min, endMs: max + maxResolution, stored: counts.stored });
    return { type: endpoint.responseType, ...describe(counts), counts };
  }

  private async store(columns: Columns, context: PostContext): Promise<IngestCounts> {
    return retryOnDeadlock(() => this.storeOnce(columns, context));
  }

  private async storeOnce(columns: Columns, context: PostContext): Promise<IngestCounts> {
    return this.dataSource.transaction(async (manager) => {
      const sourceId = await this.sources.forUser(manager, context.caller.id);
      const counts = await this.beliefs.insert(manager, sourceId, columns, { replace: context.playMode });
      if (counts.conflicting > 0) {
        throw new DomainError(
          'INVALID_REPLACEMENT',
          `${counts.conflicting} of the values would replace beliefs you already posted for the same events and belief times with other values. ` +
            'History is kept: post the new values with a later prior or another horizon (replacing is only possible on a server in play mode).',
          { conflicting: counts.conflicting },
        );
      }
      return counts;
    });
  }
}

const DEADLOCK = '40P01';
const ATTEMPTS = 3;

/** PostgreSQL may still pick a transaction as a deadlock victim (e.g. around a new data source); it is safe to run again. */
async function retryOnDeadlock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (code !== DEADLOCK || attempt >= ATTEMPTS) throw error;
    }
  }
}

function values(count: number): string {
  return `${count} value${count === 1 ? '' : 's'}`;
}

function describe(counts: IngestCounts): Pick<PostResult, 'status' | 'message'> {
  if (counts.stored === 0 && counts.known > 0) {
    return { status: 'ALREADY_RECEIVED_AND_SUCCESSFULLY_PROCESSED', message: `All ${values(counts.known)} had already been received and processed; nothing changed.` };
  }
  if (counts.known > 0) {
    return { status: 'PROCESSED', message: `Request has been processed. ${values(counts.stored)} stored; ${values(counts.known)} had already been received.` };
  }
  return { status: 'PROCESSED', message: 'Request has been processed.' };
}
