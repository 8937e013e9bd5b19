/**
 * YAML loading: every document of a file, with the parser's errors and
 * warnings (syntax errors, duplicate keys) collected as problems.
 */
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { repoPath } from './repository';

// Parsed YAML/JSON is loosely shaped; the checks themselves validate it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Y = any;

export interface YamlFile {
  readonly file: string;
  readonly docs: Y[];
  readonly errors: string[];
}

export function parseYaml(text: string, file: string): YamlFile {
  const errors: string[] = [];
  const docs: Y[] = [];
  for (const doc of parseAllDocuments(text, { merge: true, prettyErrors: true })) {
    for (const issue of [...doc.errors, ...doc.warnings]) errors.push(`${file}: ${issue.message}`);
    try {
      const value = doc.toJS();
      if (value !== null && value !== undefined) docs.push(value);
    } catch (error) {
      errors.push(`${file}: ${(error as Error).message}`);
    }
  }
  return { file, docs, errors };
}

export const readYaml = (file: string): YamlFile => parseYaml(fs.readFileSync(file, 'utf8'), repoPath(file));
