import { z } from "zod";
import { firstNameOf } from "../core/invitation-pitch";
import { audit } from "../db/audit";
import type { Database } from "../db/client";
import { championMailbox, createAnswerLink, emailedInvitation, ratingLink } from "../db/email-repository";
import { whileDatabaseAway } from "../db/retry";
import type { JobQueue } from "../jobs/queue";
import { ANSWER_LINK_DAYS, type AnswerLinks } from "./links";
import { isTransientMailError, type Mailer, mailErrorReason } from "./mailer";
import {
  type Brand,
  type EmailContent,
  type InvitationEmailInput,
  invitationEmail,
  noteEmail,
  nudgeEmail,
  ratingEmail,
} from "./messages";

// Emails to champions, like Slack messages, are jobs queued with the change that calls for them
// and sent by a worker with retries. The job names the invitation, not the address: the email is
// rendered from the database when it is sent, so it says what stands then, and no contact detail
// sits in a job or a log line. A permanent refusal (an unknown mailbox) or a server that stays away
// through every retry is given up on visibly: an audit row, an error line, and `onGivenUp` so the
// leads are told and the request moves on.

export const EMAIL_JOB = "email_outbox";
/** Attempts in all: 30 s, 1, 2, 4, 8 min between them. */
export const EMAIL_MAX_ATTEMPTS = 6;
const EMAIL_CONCURRENCY = 2;

export type EmailKind = "invitation" | "nudge";

const id = z.number().int().positive();
const attempt = z.number().int().min(1);
const queued = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["invitation", "nudge"]), invitationId: id, attempt }),
  /** After an activity: how was it; `linkId` is a fresh link to the invitation's page. */
  z.object({ kind: z.literal("rating"), invitationId: id, linkId: id, attempt }),
  /** A message to a champion about something already agreed (a reminder, thanks): words given. */
  z.object({
    kind: z.literal("note"),
    championId: id,
    subject: z.string(),
    text: z.string(),
    calendar: z.object({ filename: z.string(), content: z.string() }).optional(),
    attempt,
  }),
]);
type Queued = z.infer<typeof queued>;

/** A plain note for a champion: the subject and the words, no answer links; maybe a calendar file. */
export interface Note {
  subject: string;
  text: string;
  calendar?: { filename: string; content: string };
}

export interface EmailOutbox {
  /** An invitation gets a new answer link with its email; a nudge carries the latest one. */
  send(kind: EmailKind, invitationId: number, options: { within: Database }): Promise<void>;
  /** Asks a champion by email how an activity went, with a fresh link (the first may have expired). */
  askRating(invitationId: number, options: { within: Database }): Promise<void>;
  /** Queues a note for a champion who may be emailed; false (nothing queued) when they may not. */
  note(championId: number, note: Note, options: { within: Database }): Promise<boolean>;
}

export interface EmailOutboxDeps {
  queue: JobQueue;
  db: Database;
  mailer: Mailer;
  links: AnswerLinks;
  brand: Brand;
  /** The app's public address; answer links are `<publicUrl>/answer/<token>`. */
  publicUrl: string;
  clock: () => Date;
  log: { error(message: string): void };
  /** The invitation email was accepted by the mail server: its follow-ups start now. */
  onSent: (invitationId: number) => Promise<void>;
  onGivenUp: (invitationId: number, reason: string) => Promise<void>;
  /** The first wait before a retry, doubled each time (30 s by default). */
  retryBaseMs?: number;
}

export const answerPath = (token: string) => `/answer/${token}`;

export function createEmailOutbox(deps: EmailOutboxDeps): EmailOutbox & { work(): Promise<void> } {
  async function giveUp(item: Queued, reason: string): Promise<void> {
    const about = item.kind === "note" ? `champion ${item.championId}` : `invitation ${item.invitationId}`;
    deps.log.error(
      `email_undelivered: ${item.kind} for ${about} after ${item.attempt} attempt(s): ${reason}`,
    );
    await audit(deps.db, {
      actor: "refdesk",
      entityType: item.kind === "note" ? "champion" : "invitation",
      entityId: item.kind === "note" ? item.championId : item.invitationId,
      action: "email.undelivered",
      data: { kind: item.kind, attempts: item.attempt, reason },
    });
    if (item.kind === "invitation") await deps.onGivenUp(item.invitationId, reason);
  }

  /** Sends, retrying what may mend and giving up on what will not; true once the server took it. */
  async function deliver(item: Queued, to: string, content: EmailContent): Promise<boolean> {
    try {
      await deps.mailer.send({
        to,
        ...content,
        ...(item.kind === "note" && item.calendar ? { calendar: item.calendar } : {}),
      });
      return true;
    } catch (error) {
      if (isTransientMailError(error) && item.attempt < EMAIL_MAX_ATTEMPTS) {
        const wait = (deps.retryBaseMs ?? 30_000) * 2 ** (item.attempt - 1);
        await deps.queue.send(
          EMAIL_JOB,
          { ...item, attempt: item.attempt + 1 },
          { at: new Date(Date.now() + wait) },
        );
      } else await giveUp(item, mailErrorReason(error));
      return false;
    }
  }

  async function attempt(item: Queued): Promise<void> {
    if (item.kind === "rating") {
      const found = await ratingLink(deps.db, item.linkId);
      if (!found?.emailOk) return;
      const ratingUrl = `${deps.publicUrl}${answerPath(deps.links.token(item.linkId, found.expiresAt))}/rating`;
      const content = ratingEmail({
        brand: deps.brand,
        firstName: firstNameOf(found.championName),
        activity: found.activity,
        ratingUrl,
      });
      await deliver(item, found.to, content);
      return;
    }
    if (item.kind === "note") {
      const mailbox = await championMailbox(deps.db, item.championId);
      if (!mailbox?.emailOk) return;
      await deliver(item, mailbox.email, noteEmail(deps.brand, item));
      return;
    }
    const found = await emailedInvitation(deps.db, item.invitationId);
    // Answered, closed or no longer to be emailed since it was queued: nothing to say any more.
    if (found?.status !== "invited" || found.via !== "email" || !found.linkId || !found.linkExpiresAt) return;
    if (!found.emailOk) return giveUp(item, "the champion asked not to be emailed");
    const input: InvitationEmailInput = {
      brand: deps.brand,
      pitch: found.pitch,
      activity: found.activity,
      event: found.eventName && found.eventDate ? { name: found.eventName, date: found.eventDate } : null,
      deadline: found.deadline,
      answerUrl: `${deps.publicUrl}${answerPath(deps.links.token(found.linkId, found.linkExpiresAt))}`,
    };
    const content = item.kind === "invitation" ? invitationEmail(input) : nudgeEmail(input);
    // Sent: recording it must not send it again, so a database blip is waited out here.
    if ((await deliver(item, found.to, content)) && item.kind === "invitation")
      await whileDatabaseAway(() => deps.onSent(item.invitationId));
  }

  /** A new answer link for the invitation, valid for ANSWER_LINK_DAYS from now on the app's clock. */
  const openLink = (within: Database, invitationId: number) =>
    createAnswerLink(within, invitationId, new Date(deps.clock().getTime() + ANSWER_LINK_DAYS * 86_400_000));

  return {
    async send(kind, invitationId, { within }) {
      if (kind === "invitation") await openLink(within, invitationId);
      await deps.queue.send(EMAIL_JOB, { kind, invitationId, attempt: 1 } satisfies Queued, { within });
    },
    async askRating(invitationId, { within }) {
      const linkId = await openLink(within, invitationId);
      await deps.queue.send(
        EMAIL_JOB,
        { kind: "rating", invitationId, linkId, attempt: 1 } satisfies Queued,
        {
          within,
        },
      );
    },
    async note(championId, note, { within }) {
      const mailbox = await championMailbox(within, championId);
      if (!mailbox?.emailOk) return false;
      const item: Queued = { kind: "note", championId, ...note, attempt: 1 };
      await deps.queue.send(EMAIL_JOB, item, { within });
      return true;
    },
    async work() {
      await deps.queue.work(EMAIL_JOB, async (data) => attempt(queued.parse(data)), {
        concurrency: EMAIL_CONCURRENCY,
      });
    },
  };
}
