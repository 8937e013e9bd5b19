import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Mailer, MailMessage } from './mailer';

/**
 * Without a mail server (the embedded default) messages are written to
 * DATA_DIR/outbox, one JSON file each, and announced in the log.
 */
export class OutboxMailer implements Mailer {
  readonly kind = 'outbox' as const;

  constructor(
    readonly folder: string,
    private readonly log: (line: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: MailMessage): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
    const at = this.now();
    const file = path.join(this.folder, `${at.toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.json`);
    await fs.writeFile(file, JSON.stringify({ ...message, date: at.toISOString() }, null, 2), { mode: 0o600 });
    this.log(`mail to ${message.to} ("${message.subject}") written to ${file} (no MAIL_SERVER configured)`);
  }
}
