/**
 * Dockerfile syntax: splitting a file into instructions (continuations and
 * comments handled), words and KEY=value pairs of an argument, exec form
 * (JSON arrays) and ${ARG} substitution. Knows nothing about stages.
 */

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

export const DOCKERFILE_KEYWORDS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME',
  'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

/** Splits on whitespace, keeping "quoted strings" together; quotes removed. */
export function words(text: string): string[] {
  return (text.match(/(?:[^\s"']+|"(?:\\.|[^"\\])*"|'[^']*')+/g) ?? []).map((word) =>
    word.replace(/"((?:\\.|[^"\\])*)"|'([^']*)'/g, (_, dq?: string, sq?: string) => dq ?? sq ?? ''),
  );
}

export function keyValues(args: string): Record<string, string> {
  const result: Record<string, string> = {};
  const tokens = words(args);
  if (tokens.length > 0 && !tokens[0].includes('=')) {
    // Legacy form: ENV KEY value with spaces
    result[tokens[0]] = tokens.slice(1).join(' ');
    return result;
  }
  for (const token of tokens) {
    const at = token.indexOf('=');
    if (at > 0) result[token.slice(0, at)] = token.slice(at + 1);
  }
  return result;
}

export function splitInstructions(text: string): { instructions: Instruction[]; problems: string[] } {
  const instructions: Instruction[] = [];
  const problems: string[] = [];
  let pending = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    // Comments and blank lines are dropped, also inside a continued instruction.
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (pending === '') start = i + 1;
    const continued = /\\\s*$/.test(raw);
    pending += (pending ? ' ' : '') + raw.replace(/\\\s*$/, '').trim();
    if (continued) return;
    const match = /^(\S+)\s*([\s\S]*)$/.exec(pending);
    pending = '';
    if (!match) return;
    instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim(), line: start });
  });
  if (pending !== '') problems.push(`line ${start}: the file ends inside a continued (\\) instruction`);
  return { instructions, problems };
}

/** Exec form (JSON array of strings) or undefined if the text is shell form / invalid. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
      ? (value as string[])
      : undefined;
  } catch {
    return undefined;
  }
}

export function substituteArgs(text: string, args: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a?: string, b?: string) => args[(a ?? b) as string] ?? whole);
}
