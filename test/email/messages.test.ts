import { describe, expect, it } from "vitest";
import { invitationEmail, nudgeEmail } from "../../src/email/messages";

const input = {
  brand: { companyName: "Acme", brandColor: "#4a154b" },
  pitch: "Hi Mei, <b>would</b> you talk to a peer?\n\nIt takes 30 minutes.",
  activity: "panel" as const,
  event: { name: "Retail <Leaders> Panel", date: "2026-12-10" },
  deadline: null,
  answerUrl: "https://refdesk.acme.example/answer/1.2.sig",
};

describe("invitation emails", () => {
  it("says the ask, the three answers and the page in both parts", () => {
    const email = invitationEmail(input);
    expect(email.subject).toBe("Acme: would you help with a panel?");
    expect(email.text).toContain("What: Panel (Retail <Leaders> Panel)\nWhen: 10 Dec 2026");
    expect(email.text).toContain("Happy to: https://refdesk.acme.example/answer/1.2.sig?answer=accept");
    expect(email.text).toContain("Not now: https://refdesk.acme.example/answer/1.2.sig?answer=later");
    expect(email.text).toContain("No thanks: https://refdesk.acme.example/answer/1.2.sig?answer=decline");
    expect(email.html).toContain('href="https://refdesk.acme.example/answer/1.2.sig?answer=accept"');
  });

  it("escapes the pitch and event name in the HTML part, and carries no images or scripts", () => {
    const { html } = invitationEmail(input);
    expect(html).toContain(
      "Hi Mei, &lt;b&gt;would&lt;/b&gt; you talk to a peer?</p><p>It takes 30 minutes.</p>",
    );
    expect(html).toContain("Retail &lt;Leaders&gt; Panel");
    expect(html).not.toMatch(/<img|<script/i);
  });

  it("nudges with the same ask and answers, marked as a reminder", () => {
    const nudge = nudgeEmail(input);
    expect(nudge.subject).toBe("Reminder: Acme: would you help with a panel?");
    expect(nudge.text).toMatch(/^Just a gentle nudge/);
    expect(nudge.text).toContain("Happy to: https://refdesk.acme.example/answer/1.2.sig?answer=accept");
  });
});
