import { loadConfig, PlatformConfig } from '@flexmeasures/config';
import { DATABASE } from '@flexmeasures/server-core';
import type { Database } from '@flexmeasures/persistence';
import { makeTempDir, removeDir } from '@flexmeasures/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApiApp } from './create-api-app';

const TOKEN = 'task-check-token-for-tests';

describe('api over HTTP (embedded default)', () => {
  let dir: string;
  let config: PlatformConfig;
  let app: NestExpressApplication;

  beforeAll(async () => {
    dir = makeTempDir('api-e2e');
    config = loadConfig({
      cwd: dir,
      homeDir: dir,
      env: {
        LOGGING_LEVEL: 'silent',
        MAX_CONTENT_LENGTH: '1kb',
        FLEXMEASURES_TASK_CHECK_AUTH_TOKEN: TOKEN,
        FLEXMEASURES_PLATFORM_NAME: 'Test Energy',
        CORS_ORIGINS: 'https://partner.example.com',
      },
    });
    app = (await createApiApp(config)).app;
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    removeDir(dir);
  });

  const http = () => request(app.getHttpServer());

  it('answers liveness', async () => {
    const response = await http().get('/api/health').expect(200, { status: 'ok' });
    expect(response.headers['server-timing']).toBeUndefined(); // profiling is off by default
  });

  it('reports readiness of database and queue', async () => {
    const response = await http().get('/api/health/ready').expect(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, queue: { status: 'up' } } });
  });

  it('describes the platform for the dashboard', async () => {
    const response = await http().get('/api/platform').expect(200);
    expect(response.body).toMatchObject({
      platformName: 'Test Energy',
      database: 'embedded',
      queue: 'in-process',
      environment: 'production',
      timezone: 'Asia/Seoul',
    });
    expect(response.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives every response a request id, keeping a sane one from the caller', async () => {
    const generated = await http().get('/api/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await http().get('/api/health').set('X-Request-Id', 'meter-42.batch-7').expect(200);
    expect(kept.headers['x-request-id']).toBe('meter-42.batch-7');
    const replaced = await http().get('/api/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await http().get('/api/v9/nothing').expect(404);
    expect(response.body).toEqual({ status: 'NOT_FOUND', message: 'Cannot GET /api/v9/nothing' });
  });

  it('refuses a body over the limit with 413 and says the limit', async () => {
    const response = await http()
      .post('/api/ops/ping-job')
      .set('Authorization', TOKEN)
      .send({ values: 'x'.repeat(2000) })
      .expect(413);
    expect(response.body).toEqual({
      status: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than the limit of 1 kB; send the data in smaller batches.',
    });
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await http()
      .post('/api/ops/ping-job')
      .set('Authorization', TOKEN)
      .set('Content-Type', 'application/json')
      .send('{"values": [1, 2,')
      .expect(400);
    expect(response.body.status).toBe('INVALID_JSON');
  });

  it('publishes the OpenAPI document and Swagger UI', async () => {
    const document = await http().get('/api/docs-json').expect(200);
    expect(document.body.info.title).toBe('Test Energy API');
    expect(document.body.components.securitySchemes.token).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Authorization' }));
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/health/ready', '/api/platform', '/api/ops/ping-job']),
    );
    const ui = await http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('sends CORS headers on /api paths to the configured origins only', async () => {
    const allowed = await http().get('/api/health').set('Origin', 'https://partner.example.com').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://partner.example.com');
    const other = await http().get('/api/health').set('Origin', 'https://evil.example.com').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  describe('operations endpoints', () => {
    it('require the task check token', async () => {
      const missing = await http().get('/api/ops/queues').expect(401);
      expect(missing.body).toEqual({
        status: 'UNAUTHORIZED',
        message: 'Send your token in the Authorization header (get one with POST /api/requestAuthToken), or log in with POST /api/session.',
      });
      const wrong = await http().get('/api/ops/queues').set('Authorization', 'guess').expect(401);
      expect(wrong.body.status).toBe('UNAUTHORIZED');
    });

    it('run a ping job in-process and record the run', async () => {
      const response = await http().post('/api/ops/ping-job?queue=forecasting').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(response.body.job).toMatchObject({ status: 'completed', name: 'ping', queue: 'forecasting' });
      expect(response.body.job.result.processedBy).toBe(response.body.requestedBy);
      const runs = await http().get('/api/ops/task-runs').set('Authorization', TOKEN).expect(200);
      expect(runs.body).toEqual([expect.objectContaining({ name: 'job:ping', status: true })]);
    });

    it('list the job counts of each queue', async () => {
      const response = await http().get('/api/ops/queues').set('Authorization', TOKEN).expect(200);
      expect(Object.keys(response.body).sort()).toEqual(['forecasting', 'scheduling']);
      expect(response.body.forecasting.completed).toBeGreaterThanOrEqual(1);
    });

    it('answer a bad query with 422 and the field', async () => {
      const response = await http().post('/api/ops/ping-job?queue=laundry&timeout=600').set('Authorization', TOKEN).expect(422);
      expect(response.body.status).toBe('UNPROCESSABLE_ENTITY');
      expect(Object.keys(response.body.errors).sort()).toEqual(['queue', 'timeout']);
      expect(response.body.errors.queue[0]).toBe('queue must be one of: scheduling, forecasting');
    });
  });

  it('reports 503 when the database is gone', async () => {
    const database = app.get<Database>(DATABASE);
    await database.close();
    const response = await http().get('/api/health/ready').expect(503);
    expect(response.body.status).toBe('error');
    expect(response.body.checks.database.status).toBe('down');
    expect(response.body.checks.queue.status).toBe('up');
  });
});

describe('api without a task check token, profiling requests', () => {
  it('keeps the operations endpoints closed to anyone but admins', async () => {
    const dir = makeTempDir('api-closed');
    const config = loadConfig({ cwd: dir, homeDir: dir, env: { LOGGING_LEVEL: 'silent', FLEXMEASURES_PROFILE_REQUESTS: 'true' } });
    const { app } = await createApiApp(config);
    await app.init();
    try {
      // An empty setting must not let an empty or arbitrary token in.
      const response = await request(app.getHttpServer()).get('/api/ops/queues').set('Authorization', 'anything').expect(401);
      expect(response.body.status).toBe('UNAUTHORIZED');
      expect(response.headers['server-timing']).toMatch(/^total;dur=\d+\.\d$/);
    } finally {
      await app.close();
      removeDir(dir);
    }
  });
});
