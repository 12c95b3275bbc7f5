import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server on a free local port (the smtp-server library), receiving what the app sends
// through nodemailer and keeping each message parsed. A recipient can be refused for good (550),
// as an unknown mailbox is, or for a while (451), as a greylisting server does.

export interface ReceivedEmail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface SmtpStandIn {
  url: string;
  received: ReceivedEmail[];
  /** Refuses mail to `address` with 550 (permanent) or 451 (`times` attempts, then accepts). */
  refuse(address: string, how: { permanent: true } | { times: number }): void;
  waitFor(predicate: (email: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<SmtpStandIn> {
  const received: ReceivedEmail[] = [];
  const refusals = new Map<string, { permanent: true } | { times: number }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (refusal && "permanent" in refusal)
        return callback(Object.assign(new Error("5.1.1 No such mailbox"), { responseCode: 550 }));
      if (refusal && refusal.times > 0) {
        refusal.times -= 1;
        return callback(Object.assign(new Error("4.7.1 Try again later"), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail: ParsedMail) => {
          const to = [mail.to ?? []].flat().flatMap((group) => group.value.map((a) => a.address ?? ""));
          received.push({
            to,
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            attachments: mail.attachments.map((attachment) => ({
              filename: attachment.filename ?? "",
              contentType: attachment.contentType,
              content: attachment.content.toString("utf8"),
            })),
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (address, how) => refusals.set(address.toLowerCase(), how),
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no such email within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
