import type { ImportSummary } from '@flexmeasures/beliefs';
import { describeImport, rejectionMessage, REJECTIONS_SHOWN } from './beliefs-summary';

const summary = (overrides: Partial<ImportSummary>): ImportSummary => ({
  sensor: 4,
  rowsRead: 0,
  stored: 0,
  alreadyKnown: 0,
  rejected: 0,
  rejections: [],
  conflicting: 0,
  aborted: false,
  ...overrides,
});

describe('the add beliefs summary', () => {
  it('counts rows and beliefs', () => {
    expect(describeImport('a.csv', summary({ rowsRead: 2, stored: 8, alreadyKnown: 1 }))).toBe(
      ['Imported a.csv into sensor 4:', '  rows read:      2', '  stored:         8 beliefs', '  already known:  1 belief', '  rejected:       0 rows'].join('\n'),
    );
  });

  it('lists the first rejections and counts the rest', () => {
    const rejections = Array.from({ length: 30 }, (_, i) => ({ line: i + 2, reason: 'bad' }));
    const text = describeImport('a.csv', summary({ rowsRead: 40, stored: 10, rejected: 1030, rejections }));
    expect(text).toMatch(new RegExp(`Rejected rows \\(the first ${REJECTIONS_SHOWN}\\):\\n  line 2: bad`));
    expect(text).toMatch(/… and 1010 more rows$/);
  });

  it('says whether anything was stored', () => {
    expect(rejectionMessage(summary({ rejected: 1, aborted: true }))).toMatch(/^1 row was rejected, so nothing was stored \(--all-or-nothing\)/);
    expect(rejectionMessage(summary({ rejected: 2 }))).toMatch(/^2 rows were rejected \(listed above\) and nothing was stored/);
    expect(rejectionMessage(summary({ rejected: 2, stored: 3 }))).toMatch(/the other rows were stored/);
  });
});
