/**
 * Static checks of docker/compose.yaml: no Docker engine needed. The file
 * is cross-checked against the Dockerfiles and the platform's settings,
 * and each FlexMeasures service's environment is loaded with the real
 * config loader (nothing is contacted).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@flexmeasures/config';
import { composeProblems, interpolate } from './test/compose-checks';
import { COMPOSE_FILE, DOCKER_DIR } from './test/repository';
import { readYaml, type Y } from './test/yaml';

describe('compose.yaml', () => {
  const compose = (): Y => readYaml(COMPOSE_FILE).docs[0];

  it('services, dependencies, builds, settings and commands are consistent', () => {
    expect(composeProblems(compose(), DOCKER_DIR)).toEqual([]);
  });

  it('gives every FlexMeasures process a configuration that loads once SECRET_KEY is set', () => {
    const services = compose().services;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-compose-'));
    try {
      for (const name of ['migrate', 'api', 'worker']) {
        const raw: Record<string, unknown> = services[name].environment;
        const variables = { SECRET_KEY: 'x'.repeat(43) };
        const env = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, interpolate(String(value), variables)]));
        const config = loadConfig({ env, cwd: home, homeDir: home });
        expect({ name, db: config.database.kind, queue: config.queue.kind }).toEqual({ name, db: 'postgres', queue: 'redis' });
      }
      // Without SECRET_KEY, compose itself refuses to start.
      expect(() => interpolate(String(services.api.environment.SECRET_KEY), {})).toThrow(/SECRET_KEY is required/);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
