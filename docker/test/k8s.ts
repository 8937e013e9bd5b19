/**
 * The Kubernetes manifests in docker/k8s as data: every object with the
 * file it comes from, the objects that own pod templates (Deployments,
 * Jobs), and the environment a container gets from env and envFrom.
 */
import { K8S_DIR, listFiles, repoPath } from './repository';
import { readYaml, type Y } from './yaml';

export interface K8sObject {
  readonly file: string;
  readonly doc: Y;
}

export interface PodSpecOwner {
  readonly kind: string;
  readonly name: string;
  readonly spec: Y;
  readonly labels: Record<string, string>;
}

export const K8S_FILES = listFiles(K8S_DIR).filter((file) => /\.ya?ml$/.test(file));
export const K8S_RESOURCE_FILES = K8S_FILES.filter((file) => !/kustomization\.ya?ml$/.test(file));

/** Every object of every manifest (kustomization.yaml excluded), freshly parsed. */
export const k8sObjects = (): K8sObject[] =>
  K8S_RESOURCE_FILES.flatMap((file) => readYaml(file).docs.map((doc) => ({ file: repoPath(file), doc })));

export function podOwners(objects: K8sObject[]): PodSpecOwner[] {
  return objects
    .filter(({ doc }) => doc.kind === 'Deployment' || doc.kind === 'Job')
    .map(({ doc }) => ({
      kind: doc.kind,
      name: doc.metadata?.name,
      spec: doc.spec?.template?.spec ?? {},
      labels: doc.spec?.template?.metadata?.labels ?? {},
    }));
}

/** All environment variable names the container gets, and their values where known. */
export function containerEnv(container: Y, objects: K8sObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const target = objects.find(({ doc }) => doc.kind === kind && doc.metadata?.name === ref?.name)?.doc;
    Object.assign(env, target?.data ?? {}, target?.stringData ?? {});
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value;
  return env;
}
