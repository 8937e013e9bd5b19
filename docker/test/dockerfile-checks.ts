/**
 * Checks of one Dockerfile against the repository: pinned bases, COPY
 * sources that exist and are not dockerignored, COPY --from outputs that an
 * earlier stage really builds, npm ci / tsc -b inputs, and a final image
 * that runs as non-root with an exec-form CMD, labels, production
 * dependencies and every workspace library the apps need at run time.
 */
import * as path from 'node:path';
import { type Copy, type Dockerfile, lineage, type Stage, stageNamed } from './dockerfile';
import { execForm } from './dockerfile-syntax';
import { isDockerignored } from './dockerignore';
import { NON_SETTING_ENV, SETTING_NAMES } from './platform';
import { exists, readJson, runtimeLibs, workspacePackageJsons } from './repository';
import { nodeCommandProblems, stageHasRepoPath, stageOutputProblem, tscBuiltProjects } from './stage-contents';

const posix = path.posix;

const OCI_LABELS = ['org.opencontainers.image.title', 'org.opencontainers.image.version', 'org.opencontainers.image.licenses'];

const isRootUser = (user: string | undefined): boolean => {
  const name = (user ?? 'root').split(':')[0].trim();
  return name === '' || name === 'root' || name === '0';
};

export function dockerfileProblems(dockerfile: Dockerfile): string[] {
  const problems = [...dockerfile.problems];
  const { file, stages } = dockerfile;
  if (stages.length < 2) problems.push(`${file}: expected a multi-stage build, found ${stages.length} stage(s)`);
  for (const stage of stages) problems.push(...stageProblems(dockerfile, stage));
  const final = stages[stages.length - 1];
  if (!final) return problems;
  problems.push(...finalStageProblems(dockerfile, final));
  return problems;
}

function stageProblems(dockerfile: Dockerfile, stage: Stage): string[] {
  const problems: string[] = [];
  const where = `${dockerfile.file} stage "${stage.name ?? stage.index}"`;
  if (!stage.parent) {
    if (/\$/.test(stage.base)) problems.push(`${where}: FROM ${stage.base} uses a build arg without a default`);
    else if (!/^[\w./-]+:[\w.-]+$/.test(stage.base) || stage.base.endsWith(':latest')) {
      problems.push(`${where}: FROM ${stage.base} must be an image with a pinned tag (not latest)`);
    }
  }
  for (const copy of stage.copies) problems.push(...copyProblems(dockerfile, stage, copy));
  // npm ci needs the lockfile and every workspace's package.json.
  if (stage.runs.some((run) => /\bnpm\s+ci\b/.test(run))) {
    for (const needed of ['package.json', 'package-lock.json', ...workspacePackageJsons()]) {
      if (!stageHasRepoPath(stage, needed)) problems.push(`${where}: runs npm ci without copying ${needed}`);
    }
  }
  // tsc -b needs the configs it builds and what they extend.
  for (const project of tscBuiltProjects(stage)) {
    for (const config of [posix.join(project, 'tsconfig.json'), 'tsconfig.base.json']) {
      if (exists(config) && !stageHasRepoPath(stage, config)) problems.push(`${where}: tsc -b needs ${config}`);
    }
  }
  return problems;
}

function copyProblems(dockerfile: Dockerfile, stage: Stage, copy: Copy): string[] {
  const problems: string[] = [];
  const at = `${dockerfile.file}:${copy.line}`;
  if (copy.from === undefined) {
    for (const source of copy.sources) {
      if (/[*?[\]]/.test(source)) problems.push(`${at}: COPY source ${source} is a glob; list the paths`);
      else if (posix.isAbsolute(source) || posix.normalize(source).startsWith('..')) {
        problems.push(`${at}: COPY source ${source} is outside the build context`);
      } else if (!exists(source)) problems.push(`${at}: COPY source ${source} does not exist in the repository`);
      else if (isDockerignored(source)) problems.push(`${at}: COPY source ${source} is excluded by .dockerignore`);
    }
    return problems;
  }
  const from = stageNamed(dockerfile.stages, copy.from);
  if (from.index >= stage.index) problems.push(`${at}: COPY --from=${copy.from} refers to a later stage`);
  for (const source of copy.sources) {
    if (!posix.isAbsolute(source)) problems.push(`${at}: COPY --from source ${source} should be absolute`);
    const problem = stageOutputProblem(from, posix.resolve('/', source));
    if (problem) problems.push(`${at}: ${problem}`);
  }
  return problems;
}

function finalStageProblems(dockerfile: Dockerfile, final: Stage): string[] {
  const problems: string[] = [];
  const where = `${dockerfile.file} final stage "${final.name ?? final.index}"`;
  if (isRootUser(lineage(final).find((s) => s.user !== undefined)?.user)) {
    problems.push(`${where}: needs a USER that is not root`);
  }
  const cmd = final.cmd === undefined ? undefined : execForm(final.cmd);
  if (!cmd) problems.push(`${where}: needs an exec-form CMD (JSON array of strings), got ${final.cmd ?? 'none'}`);
  if (final.healthcheck && !/^NONE$/i.test(final.healthcheck)) {
    const healthCmd = /^(?:--\S+\s+)*CMD\s+(.*)$/.exec(final.healthcheck);
    if (!healthCmd || !execForm(healthCmd[1])) problems.push(`${where}: HEALTHCHECK needs an exec-form CMD`);
  }
  for (const label of OCI_LABELS) {
    if (!final.labels[label]) problems.push(`${where}: missing LABEL ${label}`);
  }
  if (/^node:/.test(final.base)) problems.push(...nodeImageProblems(dockerfile, final, where, cmd));
  return problems;
}

/** A node final stage: production env and dependencies, built workspaces with what they need. */
function nodeImageProblems(dockerfile: Dockerfile, final: Stage, where: string, cmd: string[] | undefined): string[] {
  const problems: string[] = [];
  if (final.env.NODE_ENV !== 'production') problems.push(`${where}: needs ENV NODE_ENV=production`);
  for (const key of Object.keys(final.env)) {
    if (!NON_SETTING_ENV.has(key) && !SETTING_NAMES.has(key)) problems.push(`${where}: ENV ${key} is not a platform setting`);
  }
  const modules = final.copies.filter((copy) => copy.mappings.some((m) => m.target === posix.join(final.workdir, 'node_modules')));
  if (modules.length !== 1 || !modules[0].from) problems.push(`${where}: must copy node_modules once, from a dependency stage`);
  for (const copy of modules) {
    if (!copy.from) continue;
    const name = copy.from.toLowerCase();
    const from = dockerfile.stages.find((s) => s.name === name);
    if (!from) throw new Error(`${where}: no stage named ${name}`);
    const ci = lineage(from).flatMap((s) => s.runs).filter((run) => /\bnpm\s+ci\b/.test(run));
    if (ci.length === 0 || !ci.every((run) => /--omit[= ]dev\b/.test(run))) {
      problems.push(`${where}: node_modules must come from an \`npm ci --omit=dev\` stage (production dependencies only)`);
    }
  }
  // Workspace packages resolve through their package.json (main: dist/...).
  const targets = final.copies.flatMap((copy) => copy.mappings.map((m) => m.target));
  const has = (relPath: string): boolean => targets.includes(posix.join(final.workdir, relPath));
  for (const target of targets) {
    const dist = /^((?:apps|libs)\/[^/]+)\/dist$/.exec(posix.relative(final.workdir, target));
    if (dist && readJson(posix.join(dist[1], 'package.json')).main && !has(posix.join(dist[1], 'package.json'))) {
      problems.push(`${where}: copies ${dist[1]}/dist without ${dist[1]}/package.json`);
    }
    // Every app in the image needs the libs it imports (or references), built.
    const app = dist && dist[1].startsWith('apps/') ? dist[1] : undefined;
    for (const lib of app ? runtimeLibs(app) : []) {
      for (const needed of [`${lib}/dist`, `${lib}/package.json`]) {
        if (!has(needed)) problems.push(`${where}: ${app} needs ${lib} at run time, but ${needed} is not copied`);
      }
    }
  }
  if (!targets.includes(posix.join(final.workdir, 'package.json'))) problems.push(`${where}: needs the root package.json`);
  if (cmd) problems.push(...nodeCommandProblems(dockerfile, cmd, where));
  return problems;
}
