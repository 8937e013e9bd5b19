import { passwordWeakness } from './password-policy';

describe('password policy', () => {
  it.each([
    ['short1!', /at least 8/],
    ['aaaaaaaaaaaa', /repeat one character/],
    ['alllowercase', undefined],
    ['lowercase1', /mix at least three/],
    ['Lowercase1', undefined],
    ['correct horse battery', undefined],
    ['x'.repeat(129), /at most 128/],
  ])('%p → %p', (password, expected) => {
    const weakness = passwordWeakness(password);
    if (expected === undefined) expect(weakness).toBeUndefined();
    else expect(weakness).toMatch(expected);
  });

  it('refuses passwords built on the email name or username', () => {
    expect(passwordWeakness('Prosumer-2026!', { email: 'prosumer@example.com' })).toMatch(/email name or username/);
    expect(passwordWeakness('MyAliceKey#1', { username: 'Alice' })).toMatch(/email name or username/);
  });
});
