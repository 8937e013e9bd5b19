/**
 * Every YAML file in docker/ (compose.yaml, the Kubernetes manifests)
 * parses cleanly. The other docker/*.spec.ts files check what they say;
 * the helpers they share live in docker/test/.
 */
import { K8S_RESOURCE_FILES } from './test/k8s';
import { DOCKER_DIR, listFiles, repoPath } from './test/repository';
import { readYaml } from './test/yaml';

describe('docker/ YAML files', () => {
  const files = listFiles(DOCKER_DIR).filter((file) => /\.ya?ml$/.test(file));

  it('finds the compose file and the Kubernetes manifests', () => {
    expect(files.map(repoPath)).toEqual(expect.arrayContaining(['docker/compose.yaml', 'docker/k8s/kustomization.yaml']));
    expect(K8S_RESOURCE_FILES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files.map((file) => [repoPath(file), file]))('%s parses without errors or warnings', (_, file) => {
    const { docs, errors } = readYaml(file);
    expect(errors).toEqual([]);
    expect(docs.length).toBeGreaterThan(0);
  });
});
