/**
 * Static checks of the Dockerfiles and nginx.conf: no Docker engine needed.
 * Each file is parsed and cross-checked against the repository (COPY
 * sources, build outputs, runtime libraries, user, CMD, labels, ports).
 * Each check returns a list of problems (empty = fine); checks-bite.spec.ts
 * shows that they catch broken input.
 */
import * as path from 'node:path';
import { finalStage } from './test/dockerfile';
import { dockerfileProblems } from './test/dockerfile-checks';
import { execForm } from './test/dockerfile-syntax';
import { isDockerignored } from './test/dockerignore';
import { DOCKERFILES, loadDockerfile } from './test/images';
import { nginxProblems, readNginxConf } from './test/nginx-checks';
import { IMAGE_DOCKERFILES } from './test/platform';
import { readJson, workspacePackageJsons } from './test/repository';
import { builtFolders } from './test/stage-contents';

const posix = path.posix;

describe('Dockerfiles', () => {
  it('exist for the api, the worker and the dashboard', () => {
    expect(DOCKERFILES).toEqual(expect.arrayContaining(Object.values(IMAGE_DOCKERFILES)));
  });

  it.each(DOCKERFILES)('%s: COPY sources, build outputs, user, CMD and labels are consistent', (file) => {
    expect(dockerfileProblems(loadDockerfile(file))).toEqual([]);
  });

  it('the api image runs the api, exposes PORT and carries the dashboard build and the CLI', () => {
    const dockerfile = loadDockerfile('docker/api.Dockerfile');
    const final = finalStage(dockerfile);
    expect(execForm(final.cmd!)).toEqual(['node', 'apps/api/dist/main.js']);
    expect(final.expose).toContain(final.env.PORT);
    expect(final.env.HOST).toBe('0.0.0.0');
    expect(builtFolders(dockerfile)).toEqual(
      expect.arrayContaining(['/app/apps/api/dist', '/app/apps/cli/dist', '/app/apps/dashboard/dist']),
    );
    expect(final.healthcheck).toContain('/api/health');
  });

  it('the worker image runs the worker and exposes no port', () => {
    const final = finalStage(loadDockerfile('docker/worker.Dockerfile'));
    expect(execForm(final.cmd!)).toEqual(['node', 'apps/worker/dist/main.js']);
    expect(final.expose).toEqual([]);
    expect(final.healthcheck).toBeUndefined();
  });

  it('the dashboard image serves the build with nginx 1.27 as an unprivileged user', () => {
    const dockerfile = loadDockerfile('docker/dashboard.Dockerfile');
    const final = finalStage(dockerfile);
    expect(final.base).toBe('nginx:1.27-alpine');
    expect(execForm(final.cmd!)?.[0]).toBe('nginx');
    expect(builtFolders(dockerfile)).toContain('/usr/share/nginx/html');
  });

  it('.dockerignore keeps host artefacts and secrets out of the build context', () => {
    for (const ignored of ['node_modules', 'apps/api/node_modules', 'apps/api/dist', '.git', '.env', 'data', 'tmp', 'coverage', '.nx']) {
      expect({ path: ignored, ignored: isDockerignored(ignored) }).toEqual({ path: ignored, ignored: true });
    }
  });

  // npm ci refuses a lockfile that misses a workspace ("Missing: @flexmeasures/...
  // from lock file"): after adding a workspace, run `npm install` at the root.
  it('package-lock.json lists every workspace, so `npm ci` in the images works', () => {
    const lock = readJson('package-lock.json');
    const missing = workspacePackageJsons()
      .map((file) => posix.dirname(file))
      .filter((dir) => {
        const name = readJson(posix.join(dir, 'package.json')).name;
        return !lock.packages?.[dir] || lock.packages?.[`node_modules/${name}`]?.link !== true;
      });
    expect(missing).toEqual([]);
  });
});

describe('nginx.conf', () => {
  it('is well formed and matches the dashboard image', () => {
    expect(nginxProblems(readNginxConf(), loadDockerfile('docker/dashboard.Dockerfile'))).toEqual([]);
  });
});
