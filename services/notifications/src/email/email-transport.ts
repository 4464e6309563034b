import nodemailer, { type Transporter } from 'nodemailer';

/** SMTP settings from the process config (SMTP_URL, or host/port/secure/user/pass). */
export interface SmtpOptions {
  url?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
  secure?: boolean | undefined;
  user?: string | undefined;
  pass?: string | undefined;
  /** The From address. */
  from: string;
  /** Per-message socket timeouts: a hanging server must not hold a worker slot long. */
  timeoutMs?: number | undefined;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  language: string;
  /** A stable Message-ID, so a resend after a crash is recognisable as the same message. */
  messageId: string;
  ics?: { content: string; method: string } | null;
}

/** What the worker needs of a mailer; tests and the single node build it from config. */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** A nodemailer SMTP transport (pooled: one connection serves many messages). */
export function createSmtpMailer(options: SmtpOptions): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const common = {
    pool: true,
    maxConnections: 5,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  };
  const transport: Transporter = options.url
    ? nodemailer.createTransport(options.url, common)
    : nodemailer.createTransport({
        ...common,
        host: options.host ?? '127.0.0.1',
        port: options.port ?? 25,
        secure: options.secure ?? false,
        ...(options.user ? { auth: { user: options.user, pass: options.pass ?? '' } } : {}),
      });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
        ...(mail.ics
          ? {
              icalEvent: { method: mail.ics.method, filename: 'invitation.ics', content: mail.ics.content },
            }
          : {}),
      });
      return { messageId: String(info.messageId ?? mail.messageId) };
    },
    close() {
      transport.close();
    },
  };
}
