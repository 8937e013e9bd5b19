import { makeTempDir, removeDir } from '@flexmeasures/testing';
import { runCli } from './test/run-cli';

jest.setTimeout(120_000);

const cli = runCli;

const STRONG = 'S3cret-pass!';

describe('flexmeasures add/list/delete user', () => {
  let dir: string;
  beforeEach(() => (dir = makeTempDir('cli-users')));
  afterEach(() => removeDir(dir));

  it('lists the add, delete and list groups in --help', async () => {
    const { code, output } = await cli(['--help'], dir);
    expect(code).toBe(0);
    expect(output).toMatch(/add\s+Add data/);
    expect(output).toMatch(/delete\s+Delete data/);
    expect(output).toMatch(/list\s+List data/);
  });

  it('asks for `flexmeasures db upgrade` instead of migrating implicitly', async () => {
    const { code, output } = await cli(['add', 'user', '--username', 'alice', '--email', 'alice@example.com'], dir, `${STRONG}\n`);
    expect(code).toBe(1);
    expect(output).toMatch(/run `flexmeasures db upgrade` first/);
    expect(output).not.toMatch(/Created user/);
  });

  it('adds, lists and deletes a user', async () => {
    expect((await cli(['db', 'upgrade'], dir)).code).toBe(0);

    const add = ['add', 'user', '--username', 'alice', '--email', 'Alice@Example.com', '--roles', 'admin,Prosumer', '--timezone', 'Europe/Amsterdam'];
    const created = await cli(add, dir, `${STRONG}\n`);
    expect(created.code).toBe(0);
    const match = created.stdout.match(/^Created user (\d+) \(Alice@Example\.com\) with roles admin,Prosumer$/m);
    expect(match).not.toBeNull();
    const id = match?.[1];

    const again = await cli(['add', 'user', '--username', 'alice2', '--email', 'alice@EXAMPLE.com'], dir, `${STRONG}\n`);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/email is already used by another user/);

    const weak = await cli(['add', 'user', '--username', 'bob', '--email', 'bob@example.com'], dir, 'secret\n');
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/flexmeasures: Invalid input: password must be at least 8 characters long/);
    expect(weak.output).toMatch(/^ {2}password: must be at least 8 characters long$/m);

    const listed = await cli(['list', 'users'], dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/ID\s+EMAIL\s+USERNAME\s+ROLES\s+ACTIVE\s+LAST LOGIN\s+LOGINS/);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+Alice@Example\\.com\\s+alice\\s+admin,Prosumer\\s+yes\\s+never\\s+0$`, 'm'));
    expect(listed.stdout).not.toMatch(/bob@example\.com/);

    const refused = await cli(['delete', 'user', '--email', 'alice@example.com'], dir);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/pass --force/);

    const deleted = await cli(['delete', 'user', '--email', 'alice@example.com', '--force'], dir);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`Deleted user Alice@Example.com (id ${id}).`);

    const after = await cli(['list', 'users', '--include-inactive'], dir);
    expect(after.code).toBe(0);
    expect(after.stdout).not.toMatch(/Alice@Example\.com/);
    expect(after.stdout).toMatch(/No users\./);

    const unknown = await cli(['delete', 'user', '--email', 'alice@example.com', '--force'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/no user with email alice@example\.com/);
  });
});
