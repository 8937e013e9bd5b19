import 'reflect-metadata';
import { ConfigError } from '@flexmeasures/config';
import { DomainError } from '@flexmeasures/domain';
import { platformVersion } from '@flexmeasures/server-core';
import { CommanderError } from 'commander';
import { buildProgram } from './program';

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram(platformVersion()).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) {
      process.stderr.write(`flexmeasures: configuration error: ${error.message}\n`);
      return 1;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`flexmeasures: ${error.message}\n${fieldErrors(error)}`);
      return 1;
    }
    process.stderr.write(`flexmeasures: ${(error as Error).message}\n`);
    return 1;
  }
}

/** A DomainError's per-field problems (details.errors), one indented line each. */
function fieldErrors(error: DomainError): string {
  const errors = (error.details?.errors ?? {}) as Record<string, string[]>;
  return Object.entries(errors)
    .map(([field, problems]) => `  ${field}: ${problems.join('; ')}\n`)
    .join('');
}

void main(process.argv).then((code) => process.exit(code));
