import 'reflect-metadata';
import { ConfigError } from '@flexmeasures/config';
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
    process.stderr.write(`flexmeasures: ${(error as Error).message}\n`);
    return 1;
  }
}

void main(process.argv).then((code) => process.exit(code));
