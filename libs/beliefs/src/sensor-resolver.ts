import type { Caller } from '@flexmeasures/assets';
import { nearestWeatherSensor } from '@flexmeasures/assets';
import { ApiVersionRules, buildEntityAddress, DomainError, namingAuthority, NamingAuthoritySettings, parseEntityAddress } from '@flexmeasures/domain';
import type { AddressField } from '@flexmeasures/domain';
import type { DataSource } from 'typeorm';
import { AssetSensor, SensorInfo, SensorsRepository } from './sensors.repository';

export interface AddressContext {
  readonly caller: Caller;
  readonly rules: ApiVersionRules;
  readonly naming: NamingAuthoritySettings;
}

/** Turns the entity addresses of a message into sensors the caller may use. */
export class SensorResolver {
  private readonly sensors: SensorsRepository;

  constructor(private readonly dataSource: DataSource) {
    this.sensors = new SensorsRepository(dataSource);
  }

  async resolve(field: AddressField, addresses: readonly string[], context: AddressContext): Promise<(SensorInfo | AssetSensor)[]> {
    switch (field) {
      case 'connection':
        return this.connections(addresses, context);
      case 'market':
        return Promise.all(addresses.map((address) => this.market(address, context)));
      case 'sensor':
        return Promise.all(addresses.map((address) => this.weatherSensor(address, context)));
    }
  }

  /**
   * Assets by connection address. Someone else's asset is reported exactly
   * like a missing one, so addresses cannot be probed for existence.
   */
  async connections(addresses: readonly string[], context: AddressContext): Promise<AssetSensor[]> {
    const parsed = addresses.map((address) => {
      const connection = parseEntityAddress(address, 'connection', context.naming);
      if (connection.notation === 'simplified' && !context.rules.simplifiedConnections) {
        throw new DomainError(
          'INVALID_DOMAIN',
          `${JSON.stringify(address)} is not an entity address; this API version needs the full form, e.g. ${this.example(context, connection.assetId)}.`,
        );
      }
      return { address, connection };
    });
    const found = await this.sensors.assets([...new Set(parsed.map((p) => p.connection.assetId))]);
    return parsed.map(({ address, connection }) => {
      const asset = found.get(connection.assetId);
      const mayUse = asset !== undefined && (context.caller.isAdmin || asset.ownerId === context.caller.id);
      if (!asset || !mayUse || (connection.ownerId !== undefined && connection.ownerId !== asset.ownerId)) {
        throw new DomainError('UNRECOGNIZED_ASSET', `${JSON.stringify(address)} is not one of your assets; getConnection lists the connections you can use.`, {
          connection: address,
        });
      }
      return asset;
    });
  }

  private async market(address: string, context: AddressContext): Promise<SensorInfo> {
    const { marketName } = parseEntityAddress(address, 'market', context.naming);
    const market = await this.sensors.market(marketName);
    if (!market) throw new DomainError('UNRECOGNIZED_MARKET', `There is no market named ${JSON.stringify(marketName)}.`, { market: address });
    return market;
  }

  private async weatherSensor(address: string, context: AddressContext): Promise<SensorInfo> {
    const parsed = parseEntityAddress(address, 'weather-sensor', context.naming);
    const sensor = await this.sensors.weatherSensor(parsed.sensorType, parsed.latitude, parsed.longitude);
    if (sensor) return sensor;
    const nearest = await nearestWeatherSensor(this.dataSource, parsed, parsed.sensorType);
    const hint = nearest
      ? ` The nearest ${parsed.sensorType} sensor is ${buildEntityAddress({ kind: 'weather-sensor', sensorType: parsed.sensorType, latitude: nearest.latitude, longitude: nearest.longitude }, parsed.namingAuthority)}, ${nearest.distanceKm.toFixed(1)} km away.`
      : ` There is no ${parsed.sensorType} sensor yet; an administrator can add one with the CLI (add weather-sensor).`;
    throw new DomainError('UNRECOGNIZED_SENSOR', `No ${parsed.sensorType} sensor at ${parsed.latitude}, ${parsed.longitude}.${hint}`, { sensor: address });
  }

  private example(context: AddressContext, assetId: number): string {
    const { authority } = namingAuthority(context.naming.hostsAndAuthStart, context.naming.host);
    return buildEntityAddress({ kind: 'connection', ownerId: context.caller.id, assetId }, authority);
  }
}
