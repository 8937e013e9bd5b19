import { ConfigError, loadConfig, PlatformConfig } from '@flexmeasures/config';
import { Logger } from '@nestjs/common';
import { ProcessRole } from './process-role';

export interface Closable {
  close(): Promise<void>;
}

/**
 * Starts a server process and owns its life: a configuration problem ends it
 * with one line naming the setting (exit 1); SIGTERM/SIGINT close it
 * gracefully, and a close that hangs past the shutdown timeout is cut short.
 */
export async function runProcess(
  role: ProcessRole,
  start: (config: PlatformConfig, log: (message: string) => void) => Promise<Closable>,
  load: () => PlatformConfig = loadConfig,
): Promise<void> {
  let config: PlatformConfig;
  try {
    config = load();
  } catch (error) {
    return fail(role, error);
  }
  const logger = new Logger(role === 'api' ? 'Api' : 'Worker');
  let running: Closable;
  try {
    running = await start(config, (message) => logger.log(message));
  } catch (error) {
    return fail(role, error);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing requests and running jobs (up to ${config.http.shutdownTimeoutMs} ms)`);
    const limit = setTimeout(() => {
      logger.error('shutdown took too long; exiting now');
      process.exit(1);
    }, config.http.shutdownTimeoutMs + 5000);
    limit.unref();
    try {
      await running.close();
      logger.log('stopped');
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function fail(role: ProcessRole, error: unknown): void {
  const line =
    error instanceof ConfigError
      ? `flexmeasures ${role}: configuration error: ${error.message}`
      : `flexmeasures ${role}: failed to start: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
}
