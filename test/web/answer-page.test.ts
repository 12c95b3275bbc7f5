import { describe, expect, it } from "vitest";
import { renderAnswerPage } from "../../src/web/answer-page";
import { cleanWords } from "../../src/web/answer-routes";

const brand = { companyName: "Acme <Corp>", brandColor: "#4a154b" };
const invitation = {
  championName: "Chen, Mei",
  pitch: "Would you <script>talk</script> to a peer?",
  activity: "reference_call" as const,
  event: null,
  deadline: "2026-12-01",
};

describe("the answer page", () => {
  it("offers the three answers as one form that works without JavaScript, preselecting a link's choice", () => {
    const { status, body } = renderAnswerPage(brand, { kind: "open", invitation, preselected: "later" });
    expect(status).toBe(200);
    expect(body).toContain("<h1>Hi Mei,</h1>");
    expect(body).toContain('<form method="post">');
    expect(body).not.toContain("<script>");
    expect(body).toContain("Would you &lt;script&gt;talk&lt;/script&gt; to a peer?");
    expect(body).toContain("<header>Acme &lt;Corp&gt;</header>");
    expect(body).toContain('value="later" aria-pressed="true" autofocus>Not now</button>');
    expect(body).toContain("<strong>When:</strong> by 1 Dec 2026");
    expect(body).toContain('<label for="words">');
  });

  it("keeps the champion's words in the box when they could not be read", () => {
    const { body } = renderAnswerPage(brand, {
      kind: "open",
      invitation,
      notice: "unclear",
      words: "</textarea><b>x",
    });
    expect(body).toContain(">&lt;/textarea&gt;&lt;b&gt;x</textarea>");
    expect(body).toContain('role="status"');
  });

  it("thanks once, and says a link was already used when it comes back", () => {
    const first = renderAnswerPage(brand, {
      kind: "answered",
      invitation,
      answer: "later",
      answerText: "not before <March>",
      again: false,
    });
    expect(first.status).toBe(200);
    expect(first.body).toContain("Thank you, Mei!");
    expect(first.body).toContain("You said: “not before &lt;March&gt;”");
    expect(first.body).not.toContain("<form");
    const again = renderAnswerPage(brand, {
      kind: "answered",
      invitation,
      answer: "later",
      answerText: null,
      again: true,
    });
    expect(again.status).toBe(409);
    expect(again.body).toContain("can't be used again");
  });

  it("serves closed, expired and unknown links with their own status", () => {
    expect(renderAnswerPage(brand, { kind: "closed", invitation }).status).toBe(410);
    expect(renderAnswerPage(brand, { kind: "expired" }).status).toBe(410);
    expect(renderAnswerPage(brand, { kind: "invalid" }).status).toBe(404);
  });

  it("keeps what a person typed storable: no control characters, bounded", () => {
    expect(cleanWords(" yes\u0000 please\u0007\n ")).toBe("yes please");
    expect(cleanWords("x".repeat(10_000))).toHaveLength(4000);
  });
});
