/**
 * The Dockerfile model: a file parsed into stages (base, WORKDIR, ENV,
 * LABEL, EXPOSE, USER, CMD, HEALTHCHECK, RUN commands) and COPY mappings
 * from a source (repository path or earlier stage) to a path in the stage.
 * Syntax problems (unknown instructions, ADD, bad FROM/COPY) are collected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCKERFILE_KEYWORDS, execForm, type Instruction, keyValues, splitInstructions, substituteArgs, words } from './dockerfile-syntax';
import { ROOT } from './repository';

const posix = path.posix;

export interface CopyMapping {
  /** Repository path (context copy) or absolute path in the source stage (--from). */
  readonly source: string;
  /** Absolute path in this stage. */
  readonly target: string;
}

export interface Copy {
  readonly line: number;
  readonly from?: string;
  readonly sources: string[];
  readonly dest: string;
  readonly mappings: CopyMapping[];
}

export interface Stage {
  readonly index: number;
  readonly name?: string;
  /** Image reference with build args substituted, or the name of an earlier stage. */
  readonly base: string;
  readonly parent?: Stage;
  readonly line: number;
  readonly instructions: Instruction[];
  readonly copies: Copy[];
  readonly runs: string[];
  readonly env: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly expose: string[];
  workdir: string;
  user?: string;
  cmd?: string;
  healthcheck?: string;
}

export interface Dockerfile {
  readonly file: string;
  readonly stages: Stage[];
  readonly problems: string[];
}

/** The stage a `COPY --from=<name>` refers to (by name or index); throws if there is none. */
export function stageNamed(stages: Stage[], name: string): Stage {
  const stage = stages.find((s) => s.name === name.toLowerCase() || String(s.index) === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return stage;
}

/** The last stage: what the image is. Throws for a file without stages. */
export function finalStage(dockerfile: Dockerfile): Stage {
  const final = dockerfile.stages[dockerfile.stages.length - 1];
  if (!final) throw new Error(`${dockerfile.file} has no stages`);
  return final;
}

/** The stage and the stages it is built FROM, nearest first. */
export function lineage(stage: Stage): Stage[] {
  return stage.parent ? [stage, ...lineage(stage.parent)] : [stage];
}

export function parseDockerfile(text: string, file: string): Dockerfile {
  const { instructions, problems } = splitInstructions(text);
  const stages: Stage[] = [];
  const globalArgs: Record<string, string> = {};
  const stageByName = (name: string): Stage | undefined =>
    stages.find((stage) => stage.name === name.toLowerCase() || String(stage.index) === name);

  for (const instruction of instructions) {
    const { keyword, args, line } = instruction;
    const where = `${file}:${line}`;
    if (!DOCKERFILE_KEYWORDS.has(keyword)) {
      problems.push(`${where}: unknown instruction ${keyword}`);
      continue;
    }
    if (keyword === 'FROM') {
      const tokens = words(args).filter((token) => !token.startsWith('--'));
      if (tokens.length !== 1 && !(tokens.length === 3 && tokens[1].toUpperCase() === 'AS')) {
        problems.push(`${where}: FROM must be "FROM image [AS name]", got "${args}"`);
        continue;
      }
      const base = substituteArgs(tokens[0], globalArgs);
      const name = tokens[2]?.toLowerCase();
      if (name && stageByName(name)) problems.push(`${where}: stage name "${name}" is used twice`);
      const parent = stageByName(base);
      stages.push({
        index: stages.length,
        name,
        base,
        parent,
        line,
        instructions: [],
        copies: [],
        runs: [],
        env: {},
        labels: {},
        expose: [],
        workdir: parent?.workdir ?? '/',
      });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) {
      if (keyword === 'ARG') {
        Object.assign(globalArgs, keyValues(args));
      } else problems.push(`${where}: ${keyword} before the first FROM`);
      continue;
    }
    stage.instructions.push(instruction);
    const problem = applyInstruction(stage, instruction, stageByName);
    if (problem) problems.push(`${where}: ${problem}`);
  }
  return { file, stages, problems };
}

/** Records one (non-FROM) instruction in its stage; returns a problem, if any. */
function applyInstruction(
  stage: Stage,
  { keyword, args, line }: Instruction,
  stageByName: (name: string) => Stage | undefined,
): string | undefined {
  switch (keyword) {
    case 'WORKDIR':
      stage.workdir = posix.resolve(stage.workdir, args);
      break;
    case 'RUN':
      stage.runs.push(args);
      break;
    case 'ENV':
      Object.assign(stage.env, keyValues(args));
      break;
    case 'LABEL':
      Object.assign(stage.labels, keyValues(args));
      break;
    case 'EXPOSE':
      stage.expose.push(...words(args).map((port) => port.replace(/\/tcp$/, '')));
      break;
    case 'USER':
      stage.user = args;
      break;
    case 'CMD':
      stage.cmd = args;
      break;
    case 'HEALTHCHECK':
      stage.healthcheck = args;
      break;
    case 'ADD':
      return 'use COPY, not ADD (no implicit downloads or unpacking)';
    case 'COPY': {
      const copy = parseCopy(args, stage, stageByName);
      if (typeof copy === 'string') return copy;
      stage.copies.push({ ...copy, line });
      break;
    }
  }
  return undefined;
}

function parseCopy(
  args: string,
  stage: Stage,
  stageByName: (name: string) => Stage | undefined,
): Omit<Copy, 'line'> | string {
  let rest = args;
  const flags: Record<string, string> = {};
  for (let match = /^--([\w-]+)(?:=(\S+))?\s+/.exec(rest); match; match = /^--([\w-]+)(?:=(\S+))?\s+/.exec(rest)) {
    flags[match[1]] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  const parts = rest.trim().startsWith('[') ? execForm(rest) : words(rest);
  if (!parts || parts.length < 2) return `COPY needs at least a source and a destination: "${args}"`;
  const sources = parts.slice(0, -1);
  const dest = parts[parts.length - 1];
  const from = flags.from;
  if (from !== undefined && !stageByName(from)) {
    return `COPY --from=${from}: no earlier stage of that name (copying from other images is not expected here)`;
  }
  const destDir = dest.endsWith('/') || dest === '.' || sources.length > 1;
  const destAbs = posix.resolve(stage.workdir, dest);
  const mappings = sources.map((source) => {
    const isDir = from
      ? !posix.basename(source).includes('.')
      : fs.existsSync(path.join(ROOT, source)) && fs.statSync(path.join(ROOT, source)).isDirectory();
    // A folder's contents go to dest; a file goes to dest/ (folder) or to dest.
    const target = isDir ? destAbs : destDir ? posix.join(destAbs, posix.basename(source)) : destAbs;
    return { source: from ? source : posix.normalize(source), target };
  });
  return { from, sources, dest, mappings };
}
