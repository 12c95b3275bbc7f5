// Renders the invitation email and the answer page from the app's own pure renderers, with
// sample words, and photographs them in the system's Chromium for the README:
//   npm run screenshots   (needs Debian's chromium, or CHROMIUM_PATH)
import { chromium } from "playwright-core";
import { invitationEmail } from "../src/email/messages";
import { renderAnswerPage } from "../src/web/answer-page";

const brand = { companyName: "Acme", brandColor: "#4a154b" };
const pitch =
  "Hi Mei, would you be up for a 30-minute reference call with a retail CTO who is weighing up Analytics? You know better than anyone how the roll-out went, and your view would help a peer avoid the mistakes you saw others make.";
const invitation = {
  championName: "Mei Chen",
  pitch,
  activity: "reference_call" as const,
  event: null,
  deadline: "2026-12-18",
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage({ viewport: { width: 720, height: 820 }, javaScriptEnabled: false });
const shots: [string, string][] = [
  [
    "docs/images/invitation-email.png",
    invitationEmail({ brand, ...invitation, answerUrl: "https://refdesk.acme.example/answer/…" }).html,
  ],
  [
    "docs/images/answer-page.png",
    renderAnswerPage(brand, {
      kind: "open",
      invitation,
      preselected: "accept",
      preferences: { action: "/answer/…/preferences", activity: "reference_call" },
    }).body,
  ],
];
for (const [path, markup] of shots) {
  await page.setContent(markup);
  await page.screenshot({ path, fullPage: true });
  console.log(`wrote ${path}`);
}
await browser.close();
