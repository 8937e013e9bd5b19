/**
 * The Dockerfiles in docker/ and the images they build: the list of files,
 * loading (parsed once, then cached) and the Dockerfile behind an image
 * reference such as ghcr.io/x/flexmeasures-api:1.0.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Dockerfile, parseDockerfile } from './dockerfile';
import { IMAGE_DOCKERFILES } from './platform';
import { DOCKER_DIR, exists, ROOT } from './repository';

/** Repository paths of the Dockerfiles in docker/. */
export const DOCKERFILES = fs
  .readdirSync(DOCKER_DIR)
  .filter((name) => name.endsWith('.Dockerfile') || name === 'Dockerfile')
  .map((name) => `docker/${name}`);

export function loadDockerfileText(relPath: string): string {
  return fs.readFileSync(path.join(ROOT, relPath), 'utf8');
}

const dockerfileCache = new Map<string, Dockerfile>();
export function loadDockerfile(relPath: string): Dockerfile {
  let dockerfile = dockerfileCache.get(relPath);
  if (!dockerfile) {
    dockerfile = parseDockerfile(loadDockerfileText(relPath), relPath);
    dockerfileCache.set(relPath, dockerfile);
  }
  return dockerfile;
}

/** Image name without registry, tag or digest. */
export const imageName = (image: string): string => String(image).replace(/[:@].*$/, '').split('/').pop() ?? '';

export function dockerfileForImage(image: string): Dockerfile | undefined {
  const name = image.replace(/[:@].*$/, '').split('/').pop() ?? '';
  const file = IMAGE_DOCKERFILES[name];
  return file && exists(file) ? loadDockerfile(file) : undefined;
}
