import { checkSigns } from './signs';
import { errorOf } from '../test/domain-error-of';


const PRODUCER = { isConsumer: false, isProducer: true };
const CONSUMER = { isConsumer: true, isProducer: false };
const PROSUMER = { isConsumer: true, isProducer: true };
const NEITHER = { isConsumer: false, isProducer: false };

describe('checkSigns (§14.4.9, USEF: consumption positive)', () => {
  it.each([
    ['a producer producing', [-10, 0, -3], PRODUCER],
    ['a consumer consuming', [10, 0, 3], CONSUMER],
    ['a prosumer either way', [-10, 10], PROSUMER],
    ['an asset without a role', [-10, 10], NEITHER],
    ['no values', [], PRODUCER],
  ])('accepts %s', (_name, values, role) => {
    expect(() => checkSigns(values, role)).not.toThrow();
  });

  it.each([
    ['a pure producer posting consumption', [-10, 5], PRODUCER, 'POWER_VALUE_TOO_BIG', /pure producer/],
    ['a pure consumer posting production', [10, -5], CONSUMER, 'POWER_VALUE_TOO_SMALL', /pure consumer/],
  ])('refuses %s', (_name, values, role, reason, message) => {
    const error = errorOf(() => checkSigns(values, role, 'ea1.2018-06.io.flexmeasures.company:1:1'));
    expect(error?.code).toBe('UNPROCESSABLE_ENTITY');
    expect(error?.details).toMatchObject({ reason });
    expect(error?.message).toMatch(message);
    expect(error?.message).toMatch(/ea1\.2018-06/);
  });
});
