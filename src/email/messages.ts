import { activityLabel, askInWords } from "../core/activities";
import type { ActivityType } from "../core/domain";
import { type Html, html, paragraphs } from "../web/html";

// The emails a champion gets, as pure functions of what they say: a plain-text part (what many
// B2B mail clients and screen readers show) and a simple HTML part with the same words. No images,
// no tracking pixels, no scripts: it is sent in the company's name to a customer.

export interface Brand {
  companyName: string;
  brandColor: string;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export const ANSWER_CHOICES = ["accept", "later", "decline"] as const;
export type AnswerChoice = (typeof ANSWER_CHOICES)[number];

export const CHOICE_LABELS: Readonly<Record<AnswerChoice, string>> = {
  accept: "Happy to",
  later: "Not now",
  decline: "No thanks",
};

export interface InvitationEmailInput {
  brand: Brand;
  pitch: string;
  activity: ActivityType;
  event: { name: string; date: string } | null;
  deadline: string | null;
  /** The invitation's answer page; each choice adds `?answer=`. */
  answerUrl: string;
}

/** "What: Reference call" and "When: by 12 Mar 2026" as plain words, for both parts. */
function askLines(input: InvitationEmailInput): string[] {
  const { what, when } = askInWords(input.activity, input.event, input.deadline);
  return when ? [`What: ${what}`, `When: ${when}`] : [`What: ${what}`];
}

export const choiceUrl = (answerUrl: string, choice: AnswerChoice) => `${answerUrl}?answer=${choice}`;

function layout(brand: Brand, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:24px;background:#f6f6f7;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1d1c1d;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;border-top:4px solid ${brand.brandColor};padding:24px 28px">
<p style="margin:0 0 16px;font-weight:600;color:${brand.brandColor}">${brand.companyName}</p>
${body}
</div></body></html>`.value;
}

function answerButtons(input: InvitationEmailInput): Html {
  const button = (choice: AnswerChoice, primary: boolean) =>
    html`<a href="${choiceUrl(input.answerUrl, choice)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600;${primary ? `background:${input.brand.brandColor};color:#fff` : `border:1px solid ${input.brand.brandColor};color:${input.brand.brandColor}`}">${CHOICE_LABELS[choice]}</a>`;
  return html`<p style="margin:20px 0 8px">${button("accept", true)}${button("later", false)}${button("decline", false)}</p>`;
}

function textAnswers(input: InvitationEmailInput): string[] {
  return [
    ...ANSWER_CHOICES.map((choice) => `${CHOICE_LABELS[choice]}: ${choiceUrl(input.answerUrl, choice)}`),
    "",
    `Or answer in your own words, or ask a question: ${input.answerUrl}`,
  ];
}

const FOOTER =
  "You're receiving this because you're part of our customer reference program. “Not now” is always a fine answer, and the page above lets you pause or change how we ask you, or stop these emails.";

/** The pitch, the ask and the answers: the body of the invitation and of its nudge. */
function askBody(input: InvitationEmailInput): Html {
  return html`${paragraphs(input.pitch)}
<p style="background:#f6f6f7;border-radius:6px;padding:12px 14px">${askLines(input).map((line, index) => html`${index > 0 ? html`<br>` : ""}${line}`)}</p>
${answerButtons(input)}
<p style="margin:8px 0 0"><a href="${input.answerUrl}" style="color:${input.brand.brandColor}">Answer in your own words, or ask a question</a></p>
<p style="margin:24px 0 0;font-size:13px;color:#616061">${FOOTER}</p>`;
}

const askText = (input: InvitationEmailInput) =>
  [input.pitch.trim(), "", ...askLines(input), "", ...textAnswers(input), "", FOOTER].join("\n");

const subjectOf = (input: InvitationEmailInput) =>
  `${input.brand.companyName}: would you help with a ${activityLabel(input.activity)}?`;

export function invitationEmail(input: InvitationEmailInput): EmailContent {
  return { subject: subjectOf(input), text: askText(input), html: layout(input.brand, askBody(input)) };
}

const NUDGE =
  "Just a gentle nudge about our invitation below. A quick yes, no or not now is all we need, and “not now” is a perfectly good answer.";

/** The one follow-up: the same ask and answers, with a line on top. */
export function nudgeEmail(input: InvitationEmailInput): EmailContent {
  return {
    subject: `Reminder: ${subjectOf(input)}`,
    text: `${NUDGE}\n\n${askText(input)}`,
    html: layout(input.brand, html`<p>${NUDGE}</p>${askBody(input)}`),
  };
}

/** After the activity: how was it, 1 to 5, each a link to the page (which asks once more). */
export function ratingEmail(input: {
  brand: Brand;
  firstName: string;
  activity: ActivityType;
  ratingUrl: string;
}): EmailContent {
  const label = activityLabel(input.activity);
  const hello = input.firstName ? `Hi ${input.firstName},` : "Hello,";
  const question = `${hello} how was the ${label}? A quick rating (5 = loved it) helps us ask you for the right things.`;
  const scale = [1, 2, 3, 4, 5];
  const link = (rating: number) => `${input.ratingUrl}?rating=${rating}`;
  return {
    subject: `How was the ${label}?`,
    text: [question, "", ...scale.map((rating) => `${rating}: ${link(rating)}`)].join("\n"),
    html: layout(
      input.brand,
      html`<p>${question}</p><p>${scale.map(
        (rating) =>
          html`<a href="${link(rating)}" style="display:inline-block;margin:0 6px 6px 0;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600;border:1px solid ${input.brand.brandColor};color:${input.brand.brandColor}">${rating}</a>`,
      )}</p>`,
    ),
  };
}

/** A note about something already agreed (a reminder, thanks): the words as they are, no links. */
export function noteEmail(brand: Brand, note: { subject: string; text: string }): EmailContent {
  return { subject: note.subject, text: note.text, html: layout(brand, paragraphs(note.text)) };
}
