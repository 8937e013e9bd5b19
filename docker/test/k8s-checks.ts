/**
 * Checks of the Kubernetes objects as a set: well-formed, namespace-free
 * objects of the expected kinds and apiVersions, a kustomization listing
 * exactly the manifests, Services selecting one Deployment and targeting
 * its ports, and the worker HPA (queue-depth metric with a CPU fallback).
 * Pod templates are checked in k8s-workloads.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type K8sObject, podOwners } from './k8s';
import { listFiles } from './repository';
import type { Y } from './yaml';

const EXPECTED_API_VERSIONS: Record<string, string> = {
  ConfigMap: 'v1',
  Secret: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  Job: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

export function objectProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { file, doc } of objects) {
    const name = doc?.metadata?.name;
    const id = `${file} ${doc?.kind ?? '?'}/${name ?? '?'}`;
    if (typeof doc?.apiVersion !== 'string' || !doc.apiVersion) problems.push(`${id}: missing apiVersion`);
    if (typeof doc?.kind !== 'string' || !doc.kind) problems.push(`${id}: missing kind`);
    if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) problems.push(`${id}: missing or invalid metadata.name`);
    if (doc?.metadata?.namespace !== undefined) problems.push(`${id}: must not set metadata.namespace (namespace-agnostic)`);
    const expected = EXPECTED_API_VERSIONS[doc?.kind];
    if (!expected) problems.push(`${id}: unexpected kind`);
    else if (doc.apiVersion !== expected) problems.push(`${id}: apiVersion should be ${expected}, got ${doc.apiVersion}`);
    if (seen.has(`${doc?.kind}/${name}`)) problems.push(`${id}: defined twice`);
    seen.add(`${doc?.kind}/${name}`);
  }
  return problems;
}

export function kustomizationProblems(kustomization: Y, dir: string): string[] {
  const problems: string[] = [];
  const resources: unknown = kustomization?.resources;
  if (!Array.isArray(resources) || resources.length === 0) return ['kustomization.yaml: no resources'];
  for (const resource of resources) {
    if (typeof resource !== 'string' || !fs.existsSync(path.join(dir, resource))) {
      problems.push(`kustomization.yaml: resource ${String(resource)} does not exist`);
    }
  }
  const listed = new Set(resources.map((resource) => path.posix.normalize(String(resource))));
  for (const file of listFiles(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const relPath = path.relative(dir, file).split(path.sep).join('/');
    if (!/^kustomization\.ya?ml$/.test(relPath) && !listed.has(relPath)) {
      problems.push(`kustomization.yaml: ${relPath} is not listed in resources`);
    }
  }
  return problems;
}

export function serviceProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const owners = podOwners(objects).filter((owner) => owner.kind === 'Deployment');
  for (const { doc } of objects.filter(({ doc }) => doc.kind === 'Service')) {
    const id = `Service/${doc.metadata.name}`;
    const selector: Record<string, string> = doc.spec?.selector ?? {};
    const targets = owners.filter(
      (owner) => Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => owner.labels[k] === v),
    );
    if (targets.length !== 1) {
      problems.push(`${id}: selector matches ${targets.length} Deployments, expected 1`);
      continue;
    }
    const containerPorts: Y[] = targets[0].spec.containers.flatMap((c: Y) => c.ports ?? []);
    for (const port of doc.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const match = containerPorts.find((p) => p.containerPort === target || p.name === target);
      if (!match) problems.push(`${id}: targetPort ${target} is not a port of Deployment/${targets[0].name}`);
    }
  }
  return problems;
}

export function hpaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const { doc } of objects.filter(({ doc }) => doc.kind === 'HorizontalPodAutoscaler')) {
    const id = `HorizontalPodAutoscaler/${doc.metadata.name}`;
    const ref = doc.spec?.scaleTargetRef ?? {};
    if (!objects.some(({ doc: d }) => d.kind === ref.kind && d.metadata?.name === ref.name && ref.apiVersion === d.apiVersion)) {
      problems.push(`${id}: scaleTargetRef ${ref.apiVersion} ${ref.kind}/${ref.name} is not defined`);
    }
    if (!(doc.spec?.minReplicas >= 1 && doc.spec.minReplicas <= doc.spec.maxReplicas)) problems.push(`${id}: needs 1 <= minReplicas <= maxReplicas`);
    const metrics: Y[] = doc.spec?.metrics ?? [];
    const external = metrics.find((m) => m.type === 'External');
    if (!external?.external?.metric?.name || !external.external.target?.type) problems.push(`${id}: needs an External queue-depth metric with a target`);
    if (!metrics.some((m) => m.type === 'Resource' && m.resource?.name === 'cpu')) problems.push(`${id}: needs a CPU fallback metric`);
  }
  return problems;
}
