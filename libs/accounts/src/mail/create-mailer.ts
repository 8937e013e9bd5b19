import type { PlatformConfig } from '@flexmeasures/config';
import * as path from 'node:path';
import { Mailer } from './mailer';
import { OutboxMailer } from './outbox-mailer';
import { SmtpMailer } from './smtp-mailer';

export function createMailer(config: PlatformConfig, log: (line: string) => void): Mailer {
  const { server } = config.mail;
  return server ? new SmtpMailer({ ...config.mail, server }) : new OutboxMailer(path.join(config.dataDir, 'outbox'), log);
}
