import { AdvancedConsoleLogger } from 'typeorm';
import { MAY_CONFLICT, QueryErrorLogger } from './query-logger';

describe('QueryErrorLogger', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => (logged = jest.spyOn(AdvancedConsoleLogger.prototype, 'logQueryError').mockImplementation(() => undefined)));
  afterEach(() => logged.mockRestore());

  const uniqueViolation = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });

  it('keeps quiet about a unique violation of a statement marked as one that may conflict', () => {
    new QueryErrorLogger().logQueryError(uniqueViolation, `${MAY_CONFLICT}\nINSERT INTO timed_belief …`, []);
    expect(logged).not.toHaveBeenCalled();
  });

  it('logs any other failure, and a unique violation of an unmarked statement', () => {
    const logger = new QueryErrorLogger();
    logger.logQueryError(uniqueViolation, 'INSERT INTO fm_user …', []);
    logger.logQueryError(Object.assign(new Error('deadlock detected'), { code: '40P01' }), `${MAY_CONFLICT}\nINSERT …`, []);
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it('cuts long parameters (a batch of 10,000 values) short in the log', () => {
    const values = `{${Array.from({ length: 10_000 }, (_, i) => i).join(',')}}`;
    new QueryErrorLogger().logQueryError(new Error('boom'), 'INSERT …', [7, values]);
    const [, , parameters] = logged.mock.calls[0] as [unknown, string, unknown[]];
    expect(parameters[0]).toBe(7);
    expect(String(parameters[1])).toMatch(/^\{0,1,2,.*… \(48891 characters\)$/);
    expect(String(parameters[1]).length).toBeLessThan(250);
  });
});
