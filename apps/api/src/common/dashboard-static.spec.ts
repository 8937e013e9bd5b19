import { makeTempDir, removeDir } from '@flexmeasures/testing';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { serveDashboard } from './dashboard-static';

@Controller('api/ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

@Module({ controllers: [PingController] })
class TestModule {}

async function appServing(dir: string): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(TestModule, { logger: false });
  serveDashboard(app, dir);
  await app.init();
  return app;
}

describe('serving the dashboard build', () => {
  let dir: string;
  let app: NestExpressApplication;

  beforeAll(async () => {
    dir = makeTempDir('dashboard-dist');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<div id="root"></div>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await appServing(dir);
  });
  afterAll(async () => {
    await app.close();
    removeDir(dir);
  });

  it('serves index.html at / without caching it', async () => {
    const response = await request(app.getHttpServer()).get('/').set('Accept', 'text/html').expect(200);
    expect(response.text).toBe('<div id="root"></div>');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets with a year of caching', async () => {
    const response = await request(app.getHttpServer()).get('/assets/index-abc123.js').expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/assets', '/assets/12', '/users/3', '/account', '/login', '/reset-password?token=eyJ.a-b_c.d', '/apiary'])('answers the client route %s with index.html', async (route) => {
    const response = await request(app.getHttpServer()).get(route).set('Accept', 'text/html').expect(200);
    expect(response.text).toBe('<div id="root"></div>');
  });

  it('leaves /api to the api', async () => {
    await request(app.getHttpServer()).get('/api/ping').set('Accept', 'text/html').expect(200, { pong: true });
    const missing = await request(app.getHttpServer()).get('/api/nothing').set('Accept', 'text/html').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    expect(missing.text).not.toContain('id="root"');
  });

  it('does not answer a missing asset with the page', async () => {
    await request(app.getHttpServer()).get('/assets/missing.js').set('Accept', '*/*').expect(404);
  });
});

describe('without a dashboard build', () => {
  it('says how to build it at /', async () => {
    const dir = makeTempDir('no-dashboard');
    const app = await appServing(dir);
    try {
      const response = await request(app.getHttpServer()).get('/').expect(404);
      expect(response.text).toMatch(/npm run build/);
    } finally {
      await app.close();
      removeDir(dir);
    }
  });
});
