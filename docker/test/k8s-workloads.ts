/**
 * Checks of the pod templates (Deployments, Jobs): selectors, non-root
 * security contexts, resources, envFrom and volume references, probes on
 * declared ports and served paths, commands and ports that the image has,
 * and for node images: platform settings with valid values, no migration on
 * start, HOST 0.0.0.0 and a grace period longer than the shutdown timeout.
 */
import { SETTINGS } from '@flexmeasures/config';
import { finalStage } from './dockerfile';
import { execForm } from './dockerfile-syntax';
import { dockerfileForImage, imageName } from './images';
import { containerEnv, type K8sObject, type PodSpecOwner, podOwners } from './k8s';
import { nginxExactLocations } from './nginx-checks';
import { API_HEALTH_PATHS, durationSeconds, NON_SETTING_ENV, SETTING_NAMES } from './platform';
import { nodeCommandProblems } from './stage-contents';
import type { Y } from './yaml';

const PROBES = ['startupProbe', 'livenessProbe', 'readinessProbe'];

export function workloadProblems(objects: K8sObject[], nginxConf: string): string[] {
  return podOwners(objects).flatMap((owner) => podProblems(owner, objects, nginxConf));
}

function podProblems(owner: PodSpecOwner, objects: K8sObject[], nginxConf: string): string[] {
  const problems: string[] = [];
  const id = `${owner.kind}/${owner.name}`;
  const containers: Y[] = owner.spec.containers ?? [];
  if (containers.length === 0) problems.push(`${id}: no containers`);

  if (owner.kind === 'Deployment') {
    const deployment = objects.find(({ doc }) => doc.kind === 'Deployment' && doc.metadata?.name === owner.name)?.doc;
    const selector: Record<string, string> = deployment?.spec?.selector?.matchLabels ?? {};
    if (Object.keys(selector).length === 0) problems.push(`${id}: no selector.matchLabels`);
    for (const [key, value] of Object.entries(selector)) {
      if (owner.labels[key] !== value) problems.push(`${id}: selector ${key}=${value} does not match the pod template labels`);
    }
  }
  for (const container of containers) {
    const cid = `${id} container ${container.name}`;
    problems.push(
      ...containerSpecProblems(owner, container, cid, objects),
      ...probeProblems(container, cid, nginxConf),
      ...imageProblems(owner, container, cid, objects),
    );
  }
  return problems;
}

/** Image, security context, resources, and the ConfigMaps, Secrets and volumes it refers to. */
function containerSpecProblems(owner: PodSpecOwner, container: Y, cid: string, objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const pod = owner.spec;
  const defined = (kind: string, name: string): boolean =>
    objects.some(({ doc }) => doc.kind === kind && doc.metadata?.name === name);
  const volumes = new Set<string>((pod.volumes ?? []).map((v: Y) => v.name));

  if (typeof container.image !== 'string' || !container.image) problems.push(`${cid}: no image`);
  const security = { ...(pod.securityContext ?? {}), ...(container.securityContext ?? {}) };
  if (security.runAsNonRoot !== true) problems.push(`${cid}: securityContext.runAsNonRoot must be true`);
  if (security.allowPrivilegeEscalation !== false) problems.push(`${cid}: allowPrivilegeEscalation must be false`);
  for (const kind of ['requests', 'limits']) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[kind]?.[resource]) problems.push(`${cid}: resources.${kind}.${resource} missing`);
    }
  }
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef && !defined('ConfigMap', source.configMapRef.name)) {
      problems.push(`${cid}: envFrom ConfigMap ${source.configMapRef.name} is not defined`);
    }
    if (source.secretRef && !defined('Secret', source.secretRef.name)) {
      problems.push(`${cid}: envFrom Secret ${source.secretRef.name} is not defined`);
    }
  }
  for (const mount of container.volumeMounts ?? []) {
    if (!volumes.has(mount.name)) problems.push(`${cid}: volumeMount ${mount.name} has no volume`);
  }
  return problems;
}

/** Probes: a declared port and a path the process serves. */
function probeProblems(container: Y, cid: string, nginxConf: string): string[] {
  const problems: string[] = [];
  const ports: Y[] = container.ports ?? [];
  const image = imageName(container.image);
  const allowedPaths =
    image === 'flexmeasures-api' ? API_HEALTH_PATHS : image === 'flexmeasures-dashboard' ? nginxExactLocations(nginxConf) : [];
  for (const probe of PROBES) {
    const spec = container[probe];
    if (!spec) continue;
    if (!spec.httpGet) {
      problems.push(`${cid}: ${probe} should be an httpGet probe`);
      continue;
    }
    const port = spec.httpGet.port;
    const declared = ports.some((p) => p.containerPort === port || (typeof port === 'string' && p.name === port));
    if (!declared) problems.push(`${cid}: ${probe} port ${port} is not a declared container port`);
    if (!allowedPaths.includes(spec.httpGet.path)) {
      problems.push(`${cid}: ${probe} path ${spec.httpGet.path} is not one of ${allowedPaths.join(', ') || '(no HTTP endpoints)'}`);
    }
  }
  return problems;
}

/** What runs must be in the image. */
function imageProblems(owner: PodSpecOwner, container: Y, cid: string, objects: K8sObject[]): string[] {
  const dockerfile = dockerfileForImage(container.image);
  if (!dockerfile) return [`${cid}: image ${container.image} is not built by a Dockerfile in docker/`];
  const problems: string[] = [];
  const ports: Y[] = container.ports ?? [];
  const final = finalStage(dockerfile);
  const command = [...(container.command ?? execForm(final.cmd ?? '') ?? []), ...(container.args ?? [])];
  problems.push(...nodeCommandProblems(dockerfile, command, cid));
  const exposed = final.expose.map(Number);
  for (const port of ports) {
    if (!exposed.includes(port.containerPort)) problems.push(`${cid}: port ${port.containerPort} is not EXPOSEd by ${dockerfile.file}`);
  }
  if (/^node:/.test(final.base)) problems.push(...nodeEnvProblems(owner, container, cid, objects));
  return problems;
}

/** Node processes: every variable must be a platform setting, with a valid value. */
function nodeEnvProblems(owner: PodSpecOwner, container: Y, cid: string, objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const pod = owner.spec;
  const ports: Y[] = container.ports ?? [];
  const env = containerEnv(container, objects);
  for (const [key, value] of Object.entries(env)) {
    if (!SETTING_NAMES.has(key) && !NON_SETTING_ENV.has(key)) problems.push(`${cid}: ${key} is not a platform setting`);
    else if (value && key in env && !NON_SETTING_ENV.has(key)) {
      const setting = Object.values(SETTINGS).find((s) => s.key === key || s.aliases?.includes(key));
      try {
        setting?.parse(value);
      } catch (error) {
        problems.push(`${cid}: ${key}=${value}: ${(error as Error).message}`);
      }
    }
  }
  if (String(env.DATABASE_MIGRATE_ON_START) !== 'false') problems.push(`${cid}: DATABASE_MIGRATE_ON_START must be "false" (the migration Job migrates)`);
  if (env.HOST !== '0.0.0.0') problems.push(`${cid}: HOST must be 0.0.0.0 inside the pod`);
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  const shutdown = durationSeconds(env.FLEXMEASURES_SHUTDOWN_TIMEOUT ?? 'PT30S');
  const preStop = Number(container.lifecycle?.preStop?.exec?.command?.[0] === 'sleep' ? container.lifecycle.preStop.exec.command[1] : 0);
  if (owner.kind === 'Deployment' && grace <= shutdown + preStop) {
    problems.push(`${cid}: terminationGracePeriodSeconds ${grace} must exceed the shutdown timeout (${shutdown}s) + preStop (${preStop}s)`);
  }
  const image = imageName(container.image);
  if (image === 'flexmeasures-api' && owner.kind === 'Deployment' && !ports.some((p) => String(p.containerPort) === String(env.PORT))) {
    problems.push(`${cid}: PORT ${env.PORT} is not a declared container port`);
  }
  return problems;
}
