/**
 * What the repository holds: where docker/ and its files are, the workspace
 * packages (apps/*, libs/*), the tsconfig project references `tsc -b`
 * follows, and the libraries an app needs at run time. Reads, never writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Y } from './yaml';

const posix = path.posix;

export const ROOT = path.resolve(__dirname, '..', '..');
export const DOCKER_DIR = path.join(ROOT, 'docker');
export const K8S_DIR = path.join(DOCKER_DIR, 'k8s');
export const COMPOSE_FILE = path.join(DOCKER_DIR, 'compose.yaml');
export const NGINX_CONF_FILE = path.join(DOCKER_DIR, 'nginx.conf');

export const repoPath = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');
export const exists = (relPath: string): boolean => fs.existsSync(path.join(ROOT, relPath));

export function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full);
    return [full];
  });
}

export function readJson(relPath: string): Y {
  return JSON.parse(fs.readFileSync(path.join(ROOT, relPath), 'utf8'));
}

export const workspacePackageJsons = (): string[] =>
  ['apps', 'libs'].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .map((name) => `${dir}/${name}/package.json`)
      .filter((file) => exists(file)),
  );

/** tsconfig file path for a `tsc -b` argument or a `references[].path`. */
export function tsconfigFile(relPath: string): string {
  return relPath.endsWith('.json') ? posix.normalize(relPath) : posix.join(relPath, 'tsconfig.json');
}

/** Every tsconfig file built by `tsc -b <configs>`, references followed. */
export function tscBuildClosure(configs: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (config: string): void => {
    if (seen.has(config) || !exists(config)) return;
    seen.add(config);
    const json = readJson(config);
    for (const reference of json.references ?? []) {
      visit(tsconfigFile(posix.join(posix.dirname(config), reference.path)));
    }
  };
  configs.forEach((config) => visit(tsconfigFile(config)));
  return seen;
}

/** Source files of a project that end up in its build (no tests). */
function productionSources(project: string): string[] {
  const src = path.join(ROOT, project, 'src');
  if (!fs.existsSync(src)) return [];
  return listFiles(src).filter(
    (file) =>
      /\.tsx?$/.test(file) &&
      !/\.(?:spec|int-spec|e2e-spec)\.tsx?$/.test(file) &&
      !/[/\\]src[/\\]test[/\\]/.test(file) &&
      // written for a moment by tools/lint/module-boundaries.spec.ts, which may run alongside
      !/boundary-probe-/.test(file),
  );
}

/**
 * Libraries (libs/x) a project needs at run time: the libs its tsconfig
 * references and the @flexmeasures/* packages its sources import as values
 * (`import type` is erased), followed transitively.
 */
export function runtimeLibs(project: string, seen = new Set<string>()): Set<string> {
  const direct = new Set<string>();
  const tsconfig = posix.join(project, 'tsconfig.json');
  if (exists(tsconfig)) {
    for (const reference of readJson(tsconfig).references ?? []) {
      const dir = posix.dirname(tsconfigFile(posix.join(project, reference.path)));
      if (dir.startsWith('libs/')) direct.add(dir);
    }
  }
  const imports = /(?:^|[\n;])\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]@flexmeasures\/([\w-]+)['"]|(?:require|import)\(\s*['"]@flexmeasures\/([\w-]+)['"]/g;
  for (const file of productionSources(project)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(imports)) direct.add(`libs/${match[1] ?? match[2]}`);
  }
  for (const lib of direct) {
    if (seen.has(lib) || lib === project) continue;
    seen.add(lib);
    runtimeLibs(lib, seen);
  }
  return seen;
}
