/**
 * Static checks of the Kubernetes manifests in docker/k8s: no cluster
 * needed. The objects are cross-checked with each other, the Dockerfiles
 * that build their images, nginx.conf and the platform's settings; the
 * ConfigMap and Secret are loaded with the real config loader.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '@flexmeasures/config';
import { imageName } from './test/images';
import { k8sObjects } from './test/k8s';
import { hpaProblems, kustomizationProblems, objectProblems, serviceProblems } from './test/k8s-checks';
import { workloadProblems } from './test/k8s-workloads';
import { readNginxConf } from './test/nginx-checks';
import { API_LIVENESS_PATH, API_READINESS_PATH } from './test/platform';
import { K8S_DIR } from './test/repository';
import { readYaml, type Y } from './test/yaml';

describe('Kubernetes manifests (docker/k8s)', () => {
  it('every object has apiVersion, kind and metadata.name, and no namespace', () => {
    const objects = k8sObjects();
    expect(objects.length).toBeGreaterThanOrEqual(9);
    expect(objectProblems(objects)).toEqual([]);
  });

  it('kustomization.yaml lists exactly the manifests in the folder, and its images are used', () => {
    const kustomization = readYaml(path.join(K8S_DIR, 'kustomization.yaml')).docs[0];
    expect(kustomizationProblems(kustomization, K8S_DIR)).toEqual([]);
    const images = new Set(
      k8sObjects()
        .flatMap(({ doc }) => doc.spec?.template?.spec?.containers ?? [])
        .map((container: Y) => imageName(container.image)),
    );
    for (const image of kustomization.images ?? []) expect(images).toContain(image.name);
  });

  it('has the expected objects', () => {
    const ids = k8sObjects().map(({ doc }) => `${doc.kind}/${doc.metadata.name}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'ConfigMap/flexmeasures-config',
        'Secret/flexmeasures-secrets',
        'Job/flexmeasures-db-upgrade',
        'Deployment/flexmeasures-api',
        'Service/flexmeasures-api',
        'Deployment/flexmeasures-worker',
        'HorizontalPodAutoscaler/flexmeasures-worker',
        'Deployment/flexmeasures-dashboard',
        'Service/flexmeasures-dashboard',
      ]),
    );
  });

  it('workloads: probes, ports, security, resources, env and commands are consistent', () => {
    expect(workloadProblems(k8sObjects(), readNginxConf())).toEqual([]);
  });

  it('Services select one Deployment and target its ports; the HPA targets the worker', () => {
    expect(serviceProblems(k8sObjects())).toEqual([]);
    expect(hpaProblems(k8sObjects())).toEqual([]);
  });

  it('the api: 2 replicas, readiness on /api/health/ready, liveness on /api/health, Service 80 -> 5000', () => {
    const objects = k8sObjects();
    const deployment = objects.find(({ doc }) => doc.kind === 'Deployment' && doc.metadata.name === 'flexmeasures-api')!.doc;
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).toBe(2);
    expect(container.readinessProbe.httpGet.path).toBe(API_READINESS_PATH);
    expect(container.livenessProbe.httpGet.path).toBe(API_LIVENESS_PATH);
    const service = objects.find(({ doc }) => doc.kind === 'Service' && doc.metadata.name === 'flexmeasures-api')!.doc;
    const port = service.spec.ports[0];
    const target = container.ports.find((p: Y) => p.name === port.targetPort || p.containerPort === port.targetPort);
    expect([port.port, target.containerPort]).toEqual([80, 5000]);
  });

  it('the worker: no ports and no probes', () => {
    const worker = k8sObjects().find(({ doc }) => doc.kind === 'Deployment' && doc.metadata.name === 'flexmeasures-worker')!.doc;
    for (const container of worker.spec.template.spec.containers) {
      expect([container.ports, container.livenessProbe, container.readinessProbe, container.startupProbe]).toEqual([
        undefined, undefined, undefined, undefined,
      ]);
    }
  });

  it('the migration Job runs `db upgrade` once, with retries and clean-up', () => {
    const job = k8sObjects().find(({ doc }) => doc.kind === 'Job')!.doc;
    expect(job.spec.backoffLimit).toBeGreaterThanOrEqual(1);
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    expect(['Never', 'OnFailure']).toContain(job.spec.template.spec.restartPolicy);
    expect(job.spec.template.spec.containers[0].command.slice(-2)).toEqual(['db', 'upgrade']);
  });

  it('ConfigMap and Secret hold strings only; the Secret is an unusable example until replaced', () => {
    const objects = k8sObjects();
    const configMap = objects.find(({ doc }) => doc.kind === 'ConfigMap')!.doc;
    const secret = objects.find(({ doc }) => doc.kind === 'Secret')!.doc;
    for (const value of [...Object.values(configMap.data), ...Object.values(secret.stringData)]) expect(typeof value).toBe('string');
    expect(secret.data).toBeUndefined();
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'SECRET_KEY']) expect(secret.stringData[key]).toContain('REPLACE-ME');

    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-k8s-'));
    try {
      const env = { ...configMap.data, ...secret.stringData };
      // As shipped, the placeholder key is refused ...
      expect(() => loadConfig({ env, cwd: home, homeDir: home })).toThrow(ConfigError);
      // ... and with a real one the settings load (nothing is contacted).
      const config = loadConfig({ env: { ...env, SECRET_KEY: 'k'.repeat(43) }, cwd: home, homeDir: home });
      expect([config.database.kind, config.queue.kind, config.database.migrateOnStart, config.http.host]).toEqual([
        'postgres', 'redis', false, '0.0.0.0',
      ]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
