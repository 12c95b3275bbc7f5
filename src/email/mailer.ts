import type { EmailContent } from "./messages";

// Sending mail, behind one interface so the email outbox can be driven by any transport. SMTP
// through nodemailer is the one the app ships: configured by one URL, with every phase of the
// conversation bounded in time, so a server that stops answering fails the attempt (and the
// outbox retries it) instead of holding a worker.

export interface OutgoingEmail extends EmailContent {
  to: string;
  /** A calendar invitation sent with it (text/calendar). */
  calendar?: { filename: string; content: string };
}

export interface Mailer {
  /** Resolves with the message's ID once the server accepted it; rejects as SMTP did. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}

/** Loads nodemailer only here, when email is on: the app without it starts without its cost. */
export async function smtpMailer(options: { url: string; from: string; timeoutMs: number }): Promise<Mailer> {
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        ...(email.calendar
          ? {
              attachments: [
                {
                  filename: email.calendar.filename,
                  content: email.calendar.content,
                  contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                },
              ],
            }
          : {}),
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/**
 * Whether a failed send may succeed later: the server was unreachable or slow, or answered with a
 * temporary (4xx) reply. A permanent (5xx) reply, such as an unknown mailbox, will not mend.
 */
export function isTransientMailError(error: unknown): boolean {
  const failure = error as { responseCode?: number; code?: string };
  if (typeof failure.responseCode === "number") return failure.responseCode < 500;
  return ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET"].includes(
    failure.code ?? "",
  );
}

/** The server's reply, or the failure's code: what the leads and the audit log are told. */
export function mailErrorReason(error: unknown): string {
  const failure = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (failure.response) return failure.response.slice(0, 200);
  return failure.code ?? failure.message?.slice(0, 200) ?? "unknown error";
}
