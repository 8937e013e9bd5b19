import type { PlatformConfig } from '@flexmeasures/config';
import nodemailer, { Transporter } from 'nodemailer';
import { Mailer, MailMessage } from './mailer';

/** SMTP with the MAIL_* settings. */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(private readonly mail: PlatformConfig['mail'] & { server: string }) {
    this.transport = nodemailer.createTransport({
      host: mail.server,
      port: mail.port,
      secure: mail.useSsl,
      requireTLS: mail.useTls,
      auth: mail.username ? { user: mail.username, pass: mail.password ?? '' } : undefined,
    });
  }

  async send(message: MailMessage): Promise<void> {
    const { name, address } = this.mail.defaultSender;
    await this.transport.sendMail({
      from: name ? { name, address } : address,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }
}
