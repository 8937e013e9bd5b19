/**
 * Checks of docker/compose.yaml: the services that must exist, builds from
 * the repository root with existing Dockerfiles, depends_on conditions that
 * the target can satisfy, declared volumes, platform settings only, a
 * required SECRET_KEY, commands the image contains, stop grace periods
 * longer than the shutdown timeout, and the role of each service.
 * Also compose's own ${VAR:-default} interpolation and durations (1m30s).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Dockerfile, finalStage } from './dockerfile';
import { execForm } from './dockerfile-syntax';
import { dockerfileForImage, loadDockerfile } from './images';
import { durationSeconds, NON_SETTING_ENV, SETTING_NAMES } from './platform';
import { repoPath, ROOT } from './repository';
import { nodeCommandProblems } from './stage-contents';
import type { Y } from './yaml';

const DEPENDENCY_CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];
const REQUIRED_SERVICES = ['postgres', 'redis', 'migrate', 'api', 'worker', 'dashboard'];

/** compose variable interpolation: ${VAR:-default}, ${VAR:?error}, ${VAR}. */
export function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => {
    if (variables[name] !== undefined && variables[name] !== '') return variables[name];
    if (op === '-') return rest ?? '';
    if (op === '?') throw new Error(`${name} is required: ${rest}`);
    return '';
  });
}

/** Docker/compose duration such as 45s, 1m30s. */
export function composeDurationSeconds(raw: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?$/.exec(String(raw).trim());
  if (!match || raw === '') return NaN;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

interface ComposeContext {
  readonly composeDir: string;
  readonly services: Record<string, Y>;
  readonly volumes: Set<string>;
  /** The api's FLEXMEASURES_SHUTDOWN_TIMEOUT, in seconds. */
  readonly shutdown: number;
}

/** The Dockerfile a service is built from (or, without a build, the one behind its image). */
function composeDockerfile(service: Y, composeDir: string): Dockerfile | undefined {
  if (!service?.build) return service?.image ? dockerfileForImage(service.image) : undefined;
  const context = path.resolve(composeDir, service.build.context ?? '.');
  const file = path.resolve(context, service.build.dockerfile ?? 'Dockerfile');
  return fs.existsSync(file) ? loadDockerfile(repoPath(file)) : undefined;
}

export function composeProblems(compose: Y, composeDir: string): string[] {
  const problems: string[] = [];
  const services: Record<string, Y> = compose?.services ?? {};
  const context: ComposeContext = {
    composeDir,
    services,
    volumes: new Set(Object.keys(compose?.volumes ?? {})),
    shutdown: durationSeconds(services.api?.environment?.FLEXMEASURES_SHUTDOWN_TIMEOUT ?? 'PT30S'),
  };
  for (const required of REQUIRED_SERVICES) {
    if (!services[required]) problems.push(`compose: service ${required} is missing`);
  }
  for (const [name, service] of Object.entries(services)) problems.push(...serviceProblems(name, service, context));
  problems.push(...roleProblems(services));
  return problems;
}

function serviceProblems(name: string, service: Y, context: ComposeContext): string[] {
  const problems: string[] = [];
  const id = `compose service ${name}`;
  if (!service.image && !service.build) problems.push(`${id}: needs an image or a build`);
  if (service.build) {
    const buildContext = path.resolve(context.composeDir, service.build.context ?? '.');
    const file = path.resolve(buildContext, service.build.dockerfile ?? 'Dockerfile');
    if (!fs.existsSync(buildContext)) problems.push(`${id}: build context ${service.build.context} does not exist`);
    if (!fs.existsSync(file)) problems.push(`${id}: Dockerfile ${service.build.dockerfile} does not exist`);
    if (buildContext !== ROOT) problems.push(`${id}: the build context must be the repository root`);
  }
  problems.push(...dependencyProblems(name, service, context));
  for (const volume of service.volumes ?? []) {
    const source = String(typeof volume === 'string' ? volume.split(':')[0] : volume.source);
    if (!source.startsWith('.') && !source.startsWith('/') && !context.volumes.has(source)) {
      problems.push(`${id}: volume ${source} is not declared under volumes:`);
    }
  }
  const environment: Record<string, unknown> = Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((entry: string) => entry.split(/=(.*)/s).slice(0, 2)))
    : (service.environment ?? {});
  for (const [key, value] of Object.entries(environment)) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      problems.push(`${id}: environment ${key} must be a string, got ${JSON.stringify(value)}`);
    }
  }
  const dockerfile = composeDockerfile(service, context.composeDir);
  if (dockerfile && /^node:/.test(finalStage(dockerfile).base)) {
    problems.push(...nodeServiceProblems(name, service, environment, dockerfile, context));
  }
  return problems;
}

/** depends_on: another defined service, with a condition that service can satisfy. */
function dependencyProblems(name: string, service: Y, { services, composeDir }: ComposeContext): string[] {
  const problems: string[] = [];
  const id = `compose service ${name}`;
  const dependsOn: Record<string, Y> = Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((dep: string) => [dep, { condition: 'service_started' }]))
    : (service.depends_on ?? {});
  for (const [dependency, options] of Object.entries(dependsOn)) {
    if (!Object.keys(services).includes(dependency) || dependency === name) {
      problems.push(`${id}: depends_on ${dependency} is not another defined service`);
      continue;
    }
    const condition = options?.condition ?? 'service_started';
    if (!DEPENDENCY_CONDITIONS.includes(condition)) problems.push(`${id}: unknown depends_on condition ${condition}`);
    const target = services[dependency];
    const targetDockerfile = composeDockerfile(target, composeDir);
    const hasHealthcheck =
      (target.healthcheck && !target.healthcheck.disable) ||
      (!target.healthcheck && targetDockerfile && finalStage(targetDockerfile).healthcheck);
    if (condition === 'service_healthy' && !hasHealthcheck) problems.push(`${id}: waits for ${dependency} to be healthy, which has no healthcheck`);
    if (condition === 'service_completed_successfully' && target.restart !== 'no' && target.restart !== undefined) {
      problems.push(`${id}: waits for ${dependency} to complete, which has restart: ${target.restart}`);
    }
  }
  return problems;
}

/** A FlexMeasures process: settings only, a required SECRET_KEY, a command in the image, a long enough grace period. */
function nodeServiceProblems(
  name: string,
  service: Y,
  environment: Record<string, unknown>,
  dockerfile: Dockerfile,
  { shutdown }: ComposeContext,
): string[] {
  const problems: string[] = [];
  const id = `compose service ${name}`;
  for (const key of Object.keys(environment)) {
    if (!SETTING_NAMES.has(key) && !NON_SETTING_ENV.has(key)) problems.push(`${id}: ${key} is not a platform setting`);
  }
  if (!/^\$\{SECRET_KEY:\?[^}]+\}$/.test(String(environment.SECRET_KEY))) {
    problems.push(`${id}: SECRET_KEY must come from \${SECRET_KEY:?message} so a missing key stops compose with an error`);
  }
  const command = service.command ?? execForm(finalStage(dockerfile).cmd ?? '');
  if (!Array.isArray(command)) problems.push(`${id}: command must be a list (exec form)`);
  else problems.push(...nodeCommandProblems(dockerfile, command, id));
  if (name !== 'migrate' && !(composeDurationSeconds(service.stop_grace_period ?? '10s') > shutdown)) {
    problems.push(`${id}: stop_grace_period must exceed FLEXMEASURES_SHUTDOWN_TIMEOUT (${shutdown}s)`);
  }
  return problems;
}

const dependencyCondition = (service: Y, dependency: string): string | undefined =>
  Array.isArray(service?.depends_on)
    ? service.depends_on.includes(dependency)
      ? 'service_started'
      : undefined
    : service?.depends_on?.[dependency] && (service.depends_on[dependency].condition ?? 'service_started');

/** The roles of the individual services. */
function roleProblems(services: Record<string, Y>): string[] {
  const problems: string[] = [];
  const api = services.api ?? {};
  if (dependencyCondition(api, 'migrate') !== 'service_completed_successfully') problems.push('compose api: must wait for migrate to complete successfully');
  if (dependencyCondition(api, 'redis') !== 'service_healthy') problems.push('compose api: must wait for a healthy redis');
  if (dependencyCondition(services.migrate, 'postgres') !== 'service_healthy') problems.push('compose migrate: must wait for a healthy postgres');
  if (!JSON.stringify(services.migrate?.command ?? '').includes('"db","upgrade"')) problems.push('compose migrate: must run `db upgrade`');
  if (!JSON.stringify(api.healthcheck?.test ?? '').includes('/api/health')) problems.push('compose api: healthcheck must request /api/health');
  if (!(api.ports ?? []).some((port: string) => /:5000$/.test(String(port)))) problems.push('compose api: must publish container port 5000');
  if (!(services.dashboard?.ports ?? []).some((port: string) => /:8080$/.test(String(port)))) problems.push('compose dashboard: must publish container port 8080');
  const worker = services.worker ?? {};
  if (worker.container_name) problems.push('compose worker: container_name prevents scaling');
  if (worker.ports) problems.push('compose worker: published ports prevent scaling (and the worker serves no HTTP)');
  if (!(worker.deploy?.replicas >= 2)) problems.push('compose worker: deploy.replicas should be 2 or more');
  return problems;
}
