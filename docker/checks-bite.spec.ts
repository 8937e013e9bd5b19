/**
 * The checks in docker/test/ bite: each is fed deliberately broken input
 * (edited copies of the real files) and must report the problem, so a
 * check that silently stopped checking would be noticed.
 */
import * as path from 'node:path';
import { composeProblems } from './test/compose-checks';
import { parseDockerfile } from './test/dockerfile';
import { dockerfileProblems } from './test/dockerfile-checks';
import { loadDockerfile, loadDockerfileText } from './test/images';
import { k8sObjects } from './test/k8s';
import { kustomizationProblems, objectProblems } from './test/k8s-checks';
import { workloadProblems } from './test/k8s-workloads';
import { nginxProblems, readNginxConf } from './test/nginx-checks';
import { COMPOSE_FILE, DOCKER_DIR, K8S_DIR } from './test/repository';
import { parseYaml, readYaml } from './test/yaml';

const NGINX_CONF = readNginxConf();

describe('the checks catch broken files', () => {
  const brokenDockerfile = [
    'FROM node:20-bookworm-slim AS build',
    'WORKDIR /app',
    'COPY package.json ./',
    'FROM node:20-bookworm-slim',
    'WORKDIR /app',
    'COPY apps/does-not-exist/package.json apps/x/',
    'COPY --from=build /app/apps/api/dist apps/api/dist',
    'COPY --from=nowhere /app/x x',
    'USER root',
    'CMD node apps/api/dist/main.js',
  ].join('\n');

  it('Dockerfile: missing paths, unbuilt outputs, unknown stages, root user, shell-form CMD', () => {
    const problems = dockerfileProblems(parseDockerfile(brokenDockerfile, 'broken.Dockerfile')).join('\n');
    expect(problems).toMatch(/apps\/does-not-exist\/package.json does not exist/);
    expect(problems).toMatch(/runs no tsc -b \/ vite build that produces it/);
    expect(problems).toMatch(/no earlier stage of that name/);
    expect(problems).toMatch(/USER that is not root/);
    expect(problems).toMatch(/exec-form CMD/);
    expect(problems).toMatch(/NODE_ENV=production/);
  });

  it('Dockerfile: a stage running npm ci without every workspace package.json', () => {
    const text = loadDockerfileText('docker/worker.Dockerfile').replace(/^COPY libs\/jobs\/package.json .*$/m, '');
    expect(dockerfileProblems(parseDockerfile(text, 'edited')).join('\n')).toMatch(/npm ci without copying libs\/jobs\/package.json/);
  });

  it('Dockerfile: full node_modules (with dev dependencies) in the runtime image', () => {
    const text = loadDockerfileText('docker/api.Dockerfile').replace('COPY --from=prod-deps /app/node_modules', 'COPY --from=deps /app/node_modules');
    expect(dockerfileProblems(parseDockerfile(text, 'edited')).join('\n')).toMatch(/npm ci --omit=dev/);
  });

  it('Dockerfile: an app without a library it needs at run time', () => {
    const text = loadDockerfileText('docker/worker.Dockerfile').replace(/^COPY --from=build \/app\/libs\/config\/dist .*$/m, '');
    expect(dockerfileProblems(parseDockerfile(text, 'edited')).join('\n')).toMatch(
      /apps\/worker needs libs\/config at run time, but libs\/config\/dist is not copied/,
    );
  });

  it('YAML: syntax errors and duplicate keys', () => {
    expect(parseYaml('a: [1, 2\n', 'x.yaml').errors).not.toEqual([]);
    expect(parseYaml('a: 1\na: 2\n', 'x.yaml').errors).not.toEqual([]);
  });

  it('Kubernetes: probe on an undeclared port or an unserved path, missing ConfigMap', () => {
    const objects = k8sObjects().map(({ file, doc }) => ({ file, doc: structuredClone(doc) }));
    const api = objects.find(({ doc }) => doc.kind === 'Deployment' && doc.metadata.name === 'flexmeasures-api')!.doc;
    const container = api.spec.template.spec.containers[0];
    container.readinessProbe.httpGet.path = '/ready';
    container.livenessProbe.httpGet.port = 8081;
    container.envFrom[0].configMapRef.name = 'nope';
    const problems = workloadProblems(objects, NGINX_CONF).join('\n');
    expect(problems).toMatch(/readinessProbe path \/ready/);
    expect(problems).toMatch(/livenessProbe port 8081 is not a declared container port/);
    expect(problems).toMatch(/envFrom ConfigMap nope is not defined/);
  });

  it('Kubernetes: unlisted or missing kustomization resources, objects without a name', () => {
    const kustomization = readYaml(path.join(K8S_DIR, 'kustomization.yaml')).docs[0];
    const edited = { ...kustomization, resources: [...kustomization.resources.slice(1), 'missing.yaml'] };
    const problems = kustomizationProblems(edited, K8S_DIR).join('\n');
    expect(problems).toMatch(/missing.yaml does not exist/);
    expect(problems).toMatch(/is not listed in resources/);
    expect(objectProblems([{ file: 'x', doc: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } }])).not.toEqual([]);
  });

  it('compose: unknown dependencies, unknown settings, a missing Dockerfile', () => {
    const compose = structuredClone(readYaml(COMPOSE_FILE).docs[0]);
    compose.services.api.depends_on.cache = { condition: 'service_healthy' };
    compose.services.worker.environment.FLEXMEASURES_WORKER_QUEUE = 'scheduling';
    compose.services.dashboard.build.dockerfile = 'docker/missing.Dockerfile';
    const problems = composeProblems(compose, DOCKER_DIR).join('\n');
    expect(problems).toMatch(/depends_on cache is not another defined service/);
    expect(problems).toMatch(/FLEXMEASURES_WORKER_QUEUE is not a platform setting/);
    expect(problems).toMatch(/docker\/missing.Dockerfile does not exist/);
  });

  it('nginx.conf: unbalanced braces and a missing SPA fallback', () => {
    const broken = NGINX_CONF.replace('try_files $uri $uri/ /index.html;', '').replace(/\}\s*$/, '');
    const problems = nginxProblems(broken, loadDockerfile('docker/dashboard.Dockerfile')).join('\n');
    expect(problems).toMatch(/unclosed \{/);
    expect(problems).toMatch(/single-page app fallback/);
  });
});
