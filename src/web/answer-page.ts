import { activityLabel, askInWords } from "../core/activities";
import type { ActivityType } from "../core/domain";
import { firstNameOf } from "../core/invitation-pitch";
import { activityPlural } from "../core/self-service";
import { ANSWER_CHOICES, type AnswerChoice, type Brand, CHOICE_LABELS } from "../email/messages";
import { type Html, html, paragraphs, raw } from "./html";

// The page an emailed invitation links to, as pure functions of what it shows. Plain HTML that
// works without JavaScript: one form, three answers as submit buttons, a box for the champion's own
// words. A link's `?answer=` only preselects (mail scanners open links before people do, so an
// answer is only ever recorded by a POST the champion makes).

export const WORDS_LIMIT = 4000;

export interface InvitationOnPage {
  championName: string;
  pitch: string;
  activity: ActivityType;
  event: { name: string; date: string } | null;
  deadline: string | null;
}

export type PageNotice = "passed_on" | "unclear" | "empty";

/** The "change how we ask you" form, and what its last save said. */
export interface PreferencesSection {
  /** Where the form posts (the link's own path + /preferences). */
  action: string;
  activity: ActivityType;
  /** Each change saved, in the champion's words; or why nothing was. */
  saved?: string[];
  problem?: string;
}

export type AnswerPage =
  | {
      kind: "open";
      invitation: InvitationOnPage;
      preselected?: AnswerChoice;
      notice?: PageNotice;
      words?: string;
      preferences?: PreferencesSection;
    }
  | {
      kind: "answered";
      invitation: InvitationOnPage;
      preferences?: PreferencesSection;
      answer: "accepted" | "declined" | "later";
      answerText: string | null;
      /** They came back with the link: say it was already used. */
      again: boolean;
    }
  | { kind: "closed"; invitation: InvitationOnPage }
  /** After the activity: how was it, 1 to 5; `rated` once they said. */
  | { kind: "rating"; invitation: InvitationOnPage; preselected?: number; rated?: number }
  | { kind: "expired" }
  | { kind: "invalid" };

const NOTICES: Readonly<Record<PageNotice, string>> = {
  passed_on:
    "Thank you, we've passed your message on to the program team; they'll reply by email. You can still answer below whenever you're ready.",
  unclear:
    "Sorry, we couldn't tell whether that's a yes. Could you pick one of the three answers? Your words will be sent with it.",
  empty: "Please pick one of the three answers, or write a few words.",
};

const STYLE = (brand: Brand) => `
:root{--brand:${brand.brandColor}}
*{box-sizing:border-box}
body{margin:0;background:#f6f6f7;color:#1d1c1d;font:16px/1.55 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif}
header{background:var(--brand);color:#fff;padding:14px 24px;font-weight:600}
main{max-width:620px;margin:24px auto;background:#fff;border-radius:10px;padding:28px 32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 12px}
.ask{background:#f6f6f7;border-radius:8px;padding:12px 16px;margin:16px 0}
.notice{border-left:4px solid var(--brand);background:#f4f1f8;padding:10px 14px;border-radius:4px;margin:0 0 16px}
fieldset{border:0;padding:0;margin:20px 0 8px}
legend{font-weight:600;margin-bottom:8px}
button{font:inherit;font-weight:600;border-radius:6px;padding:10px 18px;margin:0 8px 8px 0;cursor:pointer;border:2px solid var(--brand);background:#fff;color:var(--brand)}
button.primary,button[aria-pressed=true]{background:var(--brand);color:#fff}
button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #1264a3;outline-offset:2px}
label{display:block;font-weight:600;margin:16px 0 6px}
textarea{width:100%;min-height:110px;font:inherit;padding:10px;border:1px solid #868686;border-radius:6px}
.check{display:flex;gap:8px;align-items:center;font-weight:400;margin:12px 0}
.small{font-size:.875rem;color:#616061}
details{margin-top:28px;border-top:1px solid #e8e8e8;padding-top:16px}
summary{cursor:pointer;font-weight:600}
input[type=date],input[type=number],select{font:inherit;padding:8px;border:1px solid #868686;border-radius:6px}
footer{max-width:620px;margin:0 auto 32px;padding:0 8px;font-size:.8125rem;color:#616061}
`;

function layout(brand: Brand, title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${brand.companyName}</title>
<style>${raw(STYLE(brand))}</style>
</head>
<body>
<header>${brand.companyName}</header>
<main>
${body}
</main>
<footer>${brand.companyName} customer reference program. This page is private to you: please don't forward its link.</footer>
</body>
</html>`.value;
}

function ask(invitation: InvitationOnPage): Html {
  const { what, when } = askInWords(invitation.activity, invitation.event, invitation.deadline);
  return html`<p class="ask"><strong>What:</strong> ${what}${when ? html`<br><strong>When:</strong> ${when}` : ""}</p>`;
}

const greeting = (invitation: InvitationOnPage) => {
  const first = firstNameOf(invitation.championName);
  return first ? `Hi ${first},` : "Hello,";
};

function openPage(page: Extract<AnswerPage, { kind: "open" }>): Html {
  const { invitation, preselected } = page;
  const button = (choice: AnswerChoice) =>
    html`<button type="submit" name="choice" value="${choice}"${choice === "accept" ? html` class="primary"` : ""}${preselected === choice ? html` aria-pressed="true" autofocus` : ""}>${CHOICE_LABELS[choice]}</button>`;
  return html`<h1>${greeting(invitation)}</h1>
${page.notice ? html`<p class="notice" role="status">${NOTICES[page.notice]}</p>` : ""}
${preselected ? html`<p class="notice" role="status">You chose <strong>${CHOICE_LABELS[preselected]}</strong>. Press it once more below to send your answer, and add a few words if you like.</p>` : ""}
${paragraphs(invitation.pitch)}
${ask(invitation)}
<form method="post">
<fieldset>
<legend>Your answer</legend>
${ANSWER_CHOICES.map(button)}
</fieldset>
<label for="words">Or answer in your own words, or ask a question</label>
<textarea id="words" name="words" maxlength="${WORDS_LIMIT}" placeholder="For example: happy to, but not before March">${page.words ?? ""}</textarea>
<label class="check"><input type="checkbox" name="stop_email" value="yes"> Please don't invite me by email again</label>
<button type="submit" name="choice" value="words">Send my words</button>
<p class="small">“Not now” is always a fine answer: we'll give you a rest from asks for a while.</p>
</form>
${page.preferences ? preferencesSection(page.preferences) : ""}`;
}

/** Pause, cap, no more of this kind of ask, public thanks: each optional, empty changes nothing. */
function preferencesSection(section: PreferencesSection): Html {
  const plural = activityPlural(section.activity);
  const said = section.problem
    ? html`<p class="notice" role="alert">Nothing was saved: ${section.problem}.</p>`
    : section.saved
      ? html`<p class="notice" role="status">${section.saved.length > 0 ? `Saved. ${section.saved.join(" ")}` : "Nothing to change: every field was left empty."}</p>`
      : "";
  return html`<details${section.saved || section.problem ? html` open` : ""}>
<summary>Change how we ask you</summary>
${said}
<form method="post" action="${section.action}">
<label for="pause_until">Pause all asks until</label>
<input type="date" id="pause_until" name="pause_until">
<label for="cap">At most this many asks a quarter</label>
<input type="number" id="cap" name="cap" min="1" max="12" inputmode="numeric">
<label class="check"><input type="checkbox" name="skip_activity" value="yes"> Don't ask me for ${plural} again</label>
<label for="public_thanks">Public thank-yous</label>
<select id="public_thanks" name="public_thanks">
<option value="">Keep as it is</option>
<option value="yes">Yes, you may thank me in public</option>
<option value="no">No, keep thanks private</option>
</select>
<p><button type="submit">Save my preferences</button></p>
</form>
</details>`;
}

function answeredPage(page: Extract<AnswerPage, { kind: "answered" }>): Html {
  const first = firstNameOf(page.invitation.championName);
  const thanks = first ? `Thank you, ${first}!` : "Thank you!";
  const next =
    page.answer === "accepted"
      ? // The rep never gets a champion's address: a lead makes the introduction, as the rep is told.
        "Next: someone from our customer program team will email you to introduce who asked and agree a time. Afterwards we'll tell you what your help made possible."
      : page.answer === "later"
        ? "Understood, not now. We'll give you a rest and check back another time."
        : "No problem at all; we won't ask about this one again.";
  const chose = { accepted: "Happy to", later: "Not now", declined: "No thanks" }[page.answer];
  return html`<h1>${thanks}</h1>
${page.again ? html`<p class="notice" role="status">You've already answered this invitation, so this link can't be used again.</p>` : ""}
<p>Your answer: <strong>${chose}</strong>.</p>
${page.answerText ? html`<p>You said: “${page.answerText}”</p>` : ""}
<p>${next}</p>
${ask(page.invitation)}
${page.preferences ? preferencesSection(page.preferences) : ""}`;
}

function ratingPage(page: Extract<AnswerPage, { kind: "rating" }>): Html {
  const label = activityLabel(page.invitation.activity);
  const button = (rating: number) =>
    html`<button type="submit" name="rating" value="${rating}"${page.preselected === rating || page.rated === rating ? html` aria-pressed="true"` : ""}>${rating}</button>`;
  return html`<h1>${greeting(page.invitation)}</h1>
${page.rated ? html`<p class="notice" role="status">Thank you! You rated the ${label} ${page.rated} out of 5.</p>` : ""}
${page.preselected && !page.rated ? html`<p class="notice" role="status">You chose <strong>${page.preselected}</strong>. Press it once more below to send it.</p>` : ""}
<p>How was the ${label}? A quick rating helps us ask you for the right things.</p>
<form method="post">
<fieldset>
<legend>Your rating, from 1 (not for me) to 5 (loved it)</legend>
${[1, 2, 3, 4, 5].map(button)}
</fieldset>
</form>`;
}

/** The whole page for a state, with the HTTP status it is served with. */
export function renderAnswerPage(brand: Brand, page: AnswerPage): { status: number; body: string } {
  switch (page.kind) {
    case "open":
      return { status: 200, body: layout(brand, "Your invitation", openPage(page)) };
    case "answered":
      return { status: page.again ? 409 : 200, body: layout(brand, "Thank you", answeredPage(page)) };
    case "rating":
      return { status: 200, body: layout(brand, "How was it?", ratingPage(page)) };
    case "closed":
      return {
        status: 410,
        body: layout(
          brand,
          "Invitation closed",
          html`<h1>${greeting(page.invitation)}</h1><p>This invitation has closed, so there's nothing you need to do. Thank you for considering it.</p>${ask(page.invitation)}`,
        ),
      };
    case "expired":
      return {
        status: 410,
        body: layout(
          brand,
          "Link expired",
          html`<h1>This link has expired</h1><p>Answer links work for a few weeks. If you'd still like to help, just reply to the email and the program team will take it from there.</p>`,
        ),
      };
    case "invalid":
      return {
        status: 404,
        body: layout(
          brand,
          "Link not recognised",
          html`<h1>We don't recognise this link</h1><p>If you copied it from an email, please check it's complete, or simply reply to that email.</p>`,
        ),
      };
  }
}
