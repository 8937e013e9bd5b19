import { AccountsService } from '@flexmeasures/accounts';
import { loadConfig, PlatformConfig } from '@flexmeasures/config';
import { makeTempDir, removeDir } from '@flexmeasures/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApiApp } from '../create-api-app';

export const PASSWORD = 'Correct-Horse-42';

/** An api on a fresh embedded database, with cheap bcrypt, and helpers to make users and tokens. */
export class AuthFixture {
  app!: NestExpressApplication;
  config!: PlatformConfig;
  accounts!: AccountsService;
  private dir!: string;

  async start(env: Record<string, string> = {}): Promise<this> {
    this.dir = makeTempDir('auth');
    this.config = loadConfig({
      cwd: this.dir,
      homeDir: this.dir,
      // Forecasting on new data is off unless a test turns it on: its jobs would store forecasts in the background of every other test.
      env: { LOGGING_LEVEL: 'silent', SECURITY_PASSWORD_HASH_COST: '4', FLEXMEASURES_TASK_CHECK_AUTH_TOKEN: 'ops-token', FLEXMEASURES_FORECASTING_ON_NEW_DATA: 'false', ...env },
    });
    this.app = (await createApiApp(this.config)).app;
    await this.app.init();
    this.accounts = this.app.get(AccountsService);
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    removeDir(this.dir);
  }

  get outbox(): string {
    return `${this.config.dataDir}/outbox`;
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async user(email: string, roles: string[] = []): Promise<number> {
    const user = await this.accounts.createUser({ email, username: email.split('@')[0], password: PASSWORD, roles });
    return user.id;
  }

  async token(email: string, password = PASSWORD): Promise<string> {
    const response = await this.http().post('/api/requestAuthToken').send({ email, password }).expect(200);
    return response.body.auth_token as string;
  }

  /** Logs in as the dashboard does; returns the Cookie header that carries the session. */
  async session(email: string, password = PASSWORD): Promise<string> {
    const response = await this.http().post('/api/session').send({ email, password }).expect(200);
    const cookie = [response.headers['set-cookie'] ?? []].flat().find((line) => line.startsWith('fm_session='));
    if (!cookie) throw new Error('POST /api/session set no fm_session cookie');
    return cookie.split(';')[0];
  }
}
