import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { answerLinks, auditLog, champions, invitations } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_OMAR_AND_MEI } from "../support/rosters";
import {
  approveFirstCandidate,
  leadsLine,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";
import { type ReceivedEmail, type SmtpStandIn, startSmtp } from "../support/smtp";

// Champions Slack cannot reach are invited by email through a real SMTP server, and answer on the
// app's own page: the whole loop through the real app, with plain HTTP standing in for a browser
// (test/email/answer-page.browser.test.ts drives the page in Chromium).

const database = useTestDatabase();
const MEI = "mei@orbit.example";
const ASK_MEI = "APAC retail CTO to talk to Acme about Analytics, reference call";

let smtp: SmtpStandIn;
let slack: TestSlackApp;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(DANA_OMAR_AND_MEI), "test");
  smtp = await startSmtp();
  slack = await startTestSlackApp(database.handle, { smtpUrl: smtp.url });
});
afterEach(async () => {
  await slack.settle();
  await slack.stop();
  await smtp.close();
});

/** The leads' proposal for Mei, approved; resolves with the invitation email she receives. */
async function inviteMei(): Promise<ReceivedEmail> {
  const proposal = await requestThroughForm(slack, ASK_MEI, "U0REP");
  await approveFirstCandidate(slack, proposal);
  return smtp.waitFor((email) => email.to.includes(MEI));
}

/** The answer links in an email's text: Happy to, Not now, No thanks, and the page itself. */
function linksIn(email: ReceivedEmail) {
  const url = (label: string) => {
    const match = new RegExp(`${label}: (http\\S+)`).exec(email.text);
    if (!match?.[1]) throw new Error(`no "${label}" link in:\n${email.text}`);
    return match[1];
  };
  return {
    accept: url("Happy to"),
    later: url("Not now"),
    decline: url("No thanks"),
    page: url("Or answer in your own words, or ask a question"),
  };
}

const post = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });

const thread = (pattern: RegExp) => leadsLine(slack, pattern);

async function invitationOfMei() {
  const [row] = await database.db
    .select({ status: invitations.status, via: invitations.via, answerText: invitations.answerText })
    .from(invitations)
    .innerJoin(champions, eq(champions.id, invitations.championId))
    .where(eq(champions.email, MEI));
  return row;
}

describe(`email invitations and the answer page on ${testEngine}`, () => {
  it("emails a champion without Slack, shows the page without answering, records one answer and refuses the link after", async () => {
    const email = await inviteMei();
    expect(email.subject).toBe("Acme: would you help with a reference call?");
    expect(email.from).toContain("advocacy@acme.example");
    expect(email.html).toContain("Happy to");
    await thread(/Invitation emailed to Mei Chen \(reference call\)/);
    const links = linksIn(email);
    expect(links.accept).toMatch(
      new RegExp(`^${slack.baseUrl}/answer/\\d+\\.\\d+\\.[\\w-]{43}\\?answer=accept$`),
    );

    // Opening the link (as a mail scanner would) shows the page and records nothing.
    const shown = await fetch(links.accept);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(shown.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await shown.text();
    expect(page).toContain("Hi Mei,");
    expect(page).toMatch(/You chose <strong>Happy to<\/strong>/);
    expect(page).not.toContain(MEI);
    expect((await invitationOfMei())?.status).toBe("invited");

    // The champion presses Happy to: recorded once, narrated in the leads' thread, then thanked.
    const answered = await post(links.accept, { choice: "accept", words: "" });
    expect(answered.status).toBe(303);
    expect(answered.headers.get("location")).toMatch(/\?done=1$/);
    await thread(/Mei Chen accepted by email/);
    expect(await invitationOfMei()).toMatchObject({ status: "accepted", via: "email" });
    const thanks = await fetch(`${slack.baseUrl}${answered.headers.get("location")}`);
    expect(thanks.status).toBe(200);
    const thanked = await thanks.text();
    expect(thanked).toContain("Thank you, Mei!");
    // Only what will happen: the rep never gets her address, a lead makes the introduction.
    expect(thanked).toContain("someone from our customer program team will email you");
    expect(thanked).not.toMatch(/the rep will/);

    // The link is single-use: a second answer (another button) is refused and changes nothing.
    const again = await post(links.decline, { choice: "decline" });
    expect(again.status).toBe(303);
    const refused = await fetch(`${slack.baseUrl}${again.headers.get("location")}`);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("can't be used again");
    await slack.settle();
    expect(await invitationOfMei()).toMatchObject({ status: "accepted" });
    const narrated = slack.api
      .callsTo("chat.postMessage")
      .filter((call) => /Mei Chen (accepted|declined)/.test(String(call.args.text)));
    expect(narrated).toHaveLength(1);
  });

  it("reads the champion's own words as a reply: a question goes to the leads, an answer is kept and escaped", async () => {
    const links = linksIn(await inviteMei());
    const asked = await post(links.page, { choice: "words", words: "What would the call involve?" });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("passed your message on");
    await thread(/Mei Chen wrote on their answer page .*What would the call involve\?/);
    expect((await invitationOfMei())?.status).toBe("invited");

    const unclear = await post(links.page, { choice: "words", words: "hmm" });
    const unclearPage = await unclear.text();
    expect(unclearPage).toContain("couldn&#39;t tell whether that&#39;s a yes");
    expect(unclearPage).toContain(">hmm</textarea>");

    const words = "Happy to <!channel> <https://evil.example|log in>\u0000 call me";
    expect((await post(links.page, { choice: "words", words })).status).toBe(303);
    const line = await thread(/Mei Chen accepted by email/);
    expect(String(line.args.text)).toContain("&lt;!channel&gt;");
    expect(String(line.args.text)).not.toContain("<!channel>");
    expect((await invitationOfMei())?.answerText).toBe(
      "Happy to <!channel> <https://evil.example|log in> call me",
    );
  });

  it("refuses a forged, edited or expired link before anything else", async () => {
    const links = linksIn(await inviteMei());
    const token = /\/answer\/([^?]+)/.exec(links.page)?.[1] ?? "";
    const [id, expires, signature] = token.split(".");
    const forged = `${slack.baseUrl}/answer/${id}.${expires}.${"A".repeat(43)}`;
    const otherId = `${slack.baseUrl}/answer/${Number(id) + 1}.${expires}.${signature}`;
    const later = `${slack.baseUrl}/answer/${id}.${Number(expires) + 86_400}.${signature}`;
    for (const url of [forged, otherId, later, `${slack.baseUrl}/answer/nonsense`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toContain("We don't recognise this link");
      expect((await post(url, { choice: "accept" })).status, url).toBe(404);
    }
    expect((await invitationOfMei())?.status).toBe("invited");

    // A link whose time has passed says so (its row is aged; the signature still holds).
    await database.db.update(answerLinks).set({ expiresAt: new Date("2020-01-01T00:00:00Z") });
    const expired = await post(links.accept, { choice: "accept" });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This link has expired");
    expect((await invitationOfMei())?.status).toBe("invited");
  });

  it("gives up on a mailbox the server refuses for good: the leads hear why and the next champion is proposed", async () => {
    smtp.refuse(MEI, { permanent: true });
    const proposal = await requestThroughForm(slack, ASK_MEI, "U0REP");
    await approveFirstCandidate(slack, proposal);
    const warning = await thread(/invitation email to Mei Chen could not be delivered/);
    expect(String(warning.args.text)).toMatch(/550|No such mailbox/);
    expect(String(warning.args.text)).not.toContain(MEI);
    await thread(/New proposal:/);
    expect((await invitationOfMei())?.status).toBe("undelivered");
    const [audited] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "email.undelivered"));
    expect(audited?.data).toMatchObject({ kind: "invitation", attempts: 1 });
    expect(slack.takeErrors(/email_undelivered: invitation for invitation \d+ after 1 attempt/)).toHaveLength(
      1,
    );
  });

  it("retries a mail server that says try again later", async () => {
    smtp.refuse(MEI, { times: 2 });
    const email = await inviteMei();
    expect(email.subject).toContain("reference call");
    await thread(/Invitation emailed to Mei Chen/);
    expect((await invitationOfMei())?.status).toBe("invited");
  });

  it("moves to email when Slack refuses the champion's DM, and records why", async () => {
    slack.api.failNext("chat.postMessage", { channel: "U0DANA", error: "invalid_user_combination" });
    const proposal = await requestThroughForm(
      slack,
      "EMEA fintech CFO to talk to Acme, call or panel",
      "U0REP",
    );
    await approveFirstCandidate(slack, proposal);
    await thread(
      /Slack could not deliver the invitation to Dana Whitfield \(`invalid_user_combination`\), so it goes by email instead/,
    );
    const email = await smtp.waitFor((sent) => sent.to.includes("dana@northwind.example"));
    expect(email.text).toContain("Happy to: http");
    const [switched] = await database.db
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(eq(auditLog.action, "invitation.via_email"));
    expect(switched?.data).toEqual({ slackReason: "invalid_user_combination" });
    expect(
      slack.takeErrors(/slack_undelivered: invitation to U0DANA .*invalid_user_combination/),
    ).toHaveLength(1);
  });

  it("never emails a champion who said no to email: the lead reaches out by hand", async () => {
    await database.db.update(champions).set({ emailOk: false }).where(eq(champions.email, MEI));
    const proposal = await requestThroughForm(slack, ASK_MEI, "U0REP");
    await approveFirstCandidate(slack, proposal);
    await thread(/Mei Chen has no Slack ID and may not be emailed/);
    await slack.settle();
    expect(smtp.received).toHaveLength(0);
  });

  it("stops emailing a champion who asks so on the page", async () => {
    const links = linksIn(await inviteMei());
    expect((await post(links.decline, { choice: "decline", stop_email: "yes" })).status).toBe(303);
    await thread(/Mei Chen declined by email \(and asked not to be emailed again\)/);
    const [mei] = await database.db
      .select({ emailOk: champions.emailOk })
      .from(champions)
      .where(eq(champions.email, MEI));
    expect(mei?.emailOk).toBe(false);
  });

  it("lets the champion change how they are asked from the page, before or after answering", async () => {
    const links = linksIn(await inviteMei());
    const preferences = `${links.page}/preferences`;
    const saved = await post(preferences, {
      pause_until: "2027-03-01",
      cap: "2",
      skip_activity: "yes",
      public_thanks: "yes",
    });
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(page).toContain(
      "Saved. No asks until 1 Mar 2027. At most 2 asks a quarter. No more reference calls. You may be thanked in public.",
    );
    const [mei] = await database.db.select().from(champions).where(eq(champions.email, MEI));
    expect(mei).toMatchObject({ restUntil: "2027-03-01", maxAsksPerQuarter: 2, publicThanks: true });
    expect(mei?.activities).not.toContain("reference_call");
    // Saving preferences answers nothing: the invitation still waits.
    expect((await invitationOfMei())?.status).toBe("invited");

    // Nothing came of the invitation yet, so there is nothing to rate.
    expect((await post(`${links.page}/rating`, { rating: "5" })).status).toBe(410);

    const bad = await post(preferences, { cap: "50" });
    expect(await bad.text()).toContain("Nothing was saved: must be a number from 1 to 12.");

    // After the answer the link still changes preferences, and the page does not call it a second answer.
    expect((await post(links.decline, { choice: "decline" })).status).toBe(303);
    const after = await post(preferences, { public_thanks: "no" });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("Saved. Thanks stay private.");
    const [changed] = await database.db.select().from(champions).where(eq(champions.email, MEI));
    expect(changed?.publicThanks).toBe(false);
    const audited = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "champion.public_thanks_off"));
    expect(audited[0]?.actor).toMatch(/^answer-link:\d+$/);
  });
});
