import { API_VERSION_RULES, DomainError, EntityAddressKind, NamingAuthoritySettings, parseEntityAddress } from '@flexmeasures/domain';
import type { AddressField } from '@flexmeasures/domain';
import type { DataSource } from 'typeorm';
import { SensorResolver } from '../sensor-resolver';
import { requireImportSensor } from './import-sensor';

const FIELDS: readonly { kind: EntityAddressKind; field: AddressField }[] = [
  { kind: 'connection', field: 'connection' },
  { kind: 'market', field: 'market' },
  { kind: 'weather-sensor', field: 'sensor' },
];

/**
 * A sensor named on the command line: its id ("12"), or the entity address
 * of an asset (`ea1.…:<owner>:<asset>` or `<owner>:<asset>`), a market
 * (`ea1.…:epex_da`) or a weather sensor (`ea1.…:temperature:52:5`).
 * Resolved as an administrator: the command line may use any sensor.
 */
export async function resolveSensorReference(dataSource: DataSource, reference: string, naming: NamingAuthoritySettings): Promise<number> {
  const text = reference.trim();
  if (/^\d+$/.test(text)) return (await requireImportSensor(dataSource.manager, Number(text))).id;
  const errors: DomainError[] = [];
  for (const { kind, field } of FIELDS) {
    try {
      parseEntityAddress(text, kind, naming);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push(error);
      continue;
    }
    const rules = { ...API_VERSION_RULES.v2_0, simplifiedConnections: true };
    const [sensor] = await new SensorResolver(dataSource).resolve(field, [text], { caller: { id: 0, isAdmin: true }, rules, naming });
    return sensor.id;
  }
  // A foreign naming authority is the same mistake whatever the kind: say so rather than list every form.
  if (errors.every((error) => error.code === 'INVALID_DOMAIN') && text.toLowerCase().startsWith('ea1.')) throw errors[0];
  throw new DomainError(
    'UNRECOGNIZED_SENSOR',
    `"${reference}" is neither a sensor id nor the entity address of an asset, market or weather sensor; write e.g. 12, <owner id>:<asset id>, ` +
      'ea1.<YYYY-MM>.<reversed domain>:epex_da or ea1.<YYYY-MM>.<reversed domain>:temperature:52.37:4.9.',
    { sensor: reference },
  );
}
