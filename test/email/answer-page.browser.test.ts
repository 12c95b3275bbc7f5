import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { browserAvailable, launchChromium } from "../support/browser";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_OMAR_AND_MEI } from "../support/rosters";
import {
  approveFirstCandidate,
  LEADS_CHANNEL,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";
import { type SmtpStandIn, startSmtp } from "../support/smtp";

// The answer page as a champion meets it: the invitation email's "Happy to" link opened in a real
// headless Chromium, the answer sent with the page's own button (no JavaScript on the page), the
// leads' thread narrated, and the link refusing a second use.

const database = useTestDatabase();
const MEI = "mei@orbit.example";

let browser: Browser;
let smtp: SmtpStandIn;
let slack: TestSlackApp;

describe.skipIf(!browserAvailable)(`the answer page in Chromium on ${testEngine}`, () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
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

  it("takes a click on Happy to from the email to the leads' thread, then refuses the link", async () => {
    const proposal = await requestThroughForm(
      slack,
      "APAC retail CTO to talk to Acme about Analytics, reference call",
      "U0REP",
    );
    await approveFirstCandidate(slack, proposal);
    const email = await smtp.waitFor((sent) => sent.to.includes(MEI));

    // The email as the champion's mail client shows it: the Happy to link is a real link.
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setContent(email.html);
    const happyTo = await page.getByRole("link", { name: "Happy to" }).getAttribute("href");
    expect(happyTo).toMatch(/\/answer\/.+\?answer=accept$/);

    await page.goto(happyTo ?? "");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Hi Mei,");
    expect(await page.getByRole("status").textContent()).toContain("You chose Happy to");
    // Every control has a name a screen reader reads out.
    expect(await page.getByLabel("Or answer in your own words, or ask a question").count()).toBe(1);
    expect(await page.getByLabel("Please don't invite me by email again").count()).toBe(1);

    await page
      .getByLabel("Or answer in your own words, or ask a question")
      .fill("Glad to help, mornings suit me");
    await page.getByRole("button", { name: "Happy to" }).click();
    await page.waitForURL(/\?done=1$/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Thank you, Mei!");
    expect(await page.textContent("main")).toContain("You said: “Glad to help, mornings suit me”");
    await slack.api.waitFor(
      "chat.postMessage",
      (args) =>
        args.channel === LEADS_CHANNEL &&
        /Mei Chen accepted by email: “Glad to help, mornings suit me”/.test(String(args.text)),
    );

    // Preferences, behind a disclosure that opens without JavaScript.
    await page.getByText("Change how we ask you").click();
    await page.getByLabel("At most this many asks a quarter").fill("2");
    await page.getByRole("button", { name: "Save my preferences" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toContain("At most 2 asks a quarter.");

    // The same email's link, used again (the champion, or someone it was forwarded to).
    const response = await page.goto(happyTo ?? "");
    expect(response?.status()).toBe(409);
    expect(await page.getByRole("status").textContent()).toContain("can't be used again");
    expect(await page.getByRole("button", { name: "Happy to" }).count()).toBe(0);
    await page.close();
  });
});
