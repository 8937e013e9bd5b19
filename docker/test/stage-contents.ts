/**
 * What a build stage contains: which repository paths its context COPYs
 * bring in, which workspaces its `tsc -b` / `vite build` runs compile, and
 * so whether a path can be copied out of it (COPY --from) or run from the
 * final image (`node <script>`).
 */
import * as path from 'node:path';
import { type Dockerfile, finalStage, lineage, type Stage } from './dockerfile';
import { words } from './dockerfile-syntax';
import { exists, tscBuildClosure } from './repository';

const posix = path.posix;

/** Whether the repository path ends up at workdir/relPath in the stage via a context COPY. */
export function stageHasRepoPath(stage: Stage, relPath: string): boolean {
  const wanted = posix.join(stage.workdir, relPath);
  return lineage(stage).some((s) =>
    s.copies
      .filter((copy) => !copy.from)
      .some((copy) =>
        copy.mappings.some((m) => {
          if (wanted === m.target) return posix.normalize(m.source) === posix.normalize(relPath) || m.source === '.';
          if (!wanted.startsWith(`${m.target}/`)) return false;
          const below = wanted.slice(m.target.length + 1);
          return posix.join(m.source, below) === posix.normalize(relPath);
        }),
      ),
  );
}

/** Project folders (apps/x, libs/y) compiled by the stage's `tsc -b` runs. */
export function tscBuiltProjects(stage: Stage): Set<string> {
  const configs = lineage(stage)
    .flatMap((s) => s.runs)
    .flatMap((run) => run.split(/&&|\|\||;/))
    .map((command) => /(?:^|\s)tsc\s+(?:-b|--build)\s+(.*)$/.exec(command.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .flatMap((match) => words(match[1]).filter((arg) => !arg.startsWith('-')));
  return new Set([...tscBuildClosure(configs)].map((config) => posix.dirname(config)).filter((dir) => dir !== '.'));
}

/** Project folders the stage builds with `vite build --config <project>/vite.config.*`. */
function viteBuiltProjects(stage: Stage): Set<string> {
  return new Set(
    lineage(stage)
      .flatMap((s) => s.runs)
      .flatMap((run) => [...run.matchAll(/vite\s+build\s+--config\s+(\S+)/g)])
      .map((match) => posix.dirname(posix.normalize(match[1]))),
  );
}

/** Whether the stage (or one it is built FROM) runs `npm ci`. */
const runsNpmCi = (stage: Stage): boolean => lineage(stage).some((s) => s.runs.some((run) => /\bnpm\s+ci\b/.test(run)));

/** Why the path cannot be copied out of the stage, or undefined if it can. */
export function stageOutputProblem(stage: Stage, absPath: string): string | undefined {
  const relPath = posix.relative(stage.workdir, absPath);
  if (relPath.startsWith('..') || posix.isAbsolute(relPath)) {
    return `${absPath} is outside the stage's WORKDIR ${stage.workdir}`;
  }
  if (relPath === 'node_modules') {
    return runsNpmCi(stage) ? undefined : `${absPath}: stage "${stage.name}" never runs npm ci`;
  }
  const dist = /^((?:apps|libs)\/[^/]+)\/dist$/.exec(relPath);
  if (dist) {
    const project = dist[1];
    if (!exists(posix.join(project, 'package.json'))) return `${absPath}: ${project} is not a workspace`;
    const built = tscBuiltProjects(stage).has(project) || viteBuiltProjects(stage).has(project);
    if (!built) return `${absPath}: stage "${stage.name}" runs no tsc -b / vite build that produces it`;
    if (!stageHasRepoPath(stage, project)) return `${absPath}: stage "${stage.name}" never copies the sources of ${project}`;
    return undefined;
  }
  if (exists(relPath)) {
    return stageHasRepoPath(stage, relPath) ? undefined : `${absPath}: stage "${stage.name}" never copies ${relPath}`;
  }
  return `${absPath}: neither a repository path nor a build output (node_modules, <workspace>/dist) of stage "${stage.name}"`;
}

/** Folders (absolute) that the final stage copies out of build stages. */
export function builtFolders(dockerfile: Dockerfile): string[] {
  return finalStage(dockerfile)
    .copies.filter((copy) => copy.from)
    .flatMap((copy) => copy.mappings.map((m) => m.target));
}

/** A `node <script>` command must run a script that the image contains. */
export function nodeCommandProblems(dockerfile: Dockerfile, command: string[], where: string): string[] {
  if (command[0] !== 'node') return [];
  const script = command.find((arg, i) => i > 0 && !arg.startsWith('-'));
  if (!script) return [`${where}: "${command.join(' ')}" names no script`];
  const absolute = posix.resolve(finalStage(dockerfile).workdir, script);
  return builtFolders(dockerfile).some((folder) => absolute.startsWith(`${folder}/`))
    ? []
    : [`${where}: "${command.join(' ')}": ${script} is not in a build output copied into ${dockerfile.file}`];
}
