import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerLinks } from "../../src/email/links";

const links = answerLinks("a-secret-that-is-long-enough-for-the-test-suite");
const NOW = new Date("2026-11-23T10:00:00Z");
const LATER = new Date("2026-12-23T10:00:00Z");

describe("answer link tokens", () => {
  it("round-trips a link id and expiry", () => {
    const token = links.token(42, LATER);
    expect(token).toMatch(/^42\.\d+\.[\w-]{43}$/);
    expect(links.check(token, NOW)).toEqual({ ok: true, linkId: 42, expiresAt: LATER });
  });

  it("refuses a token once it has expired", () => {
    expect(links.check(links.token(42, LATER), new Date(LATER.getTime() + 1000))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a token signed with another secret, or with its id or expiry edited", () => {
    const token = links.token(42, LATER);
    const [id, expires, signature] = token.split(".");
    const other = answerLinks("another-secret-that-is-long-enough-for-tests").token(42, LATER);
    for (const forged of [other, `43.${expires}.${signature}`, `${id}.${Number(expires) + 60}.${signature}`])
      expect(links.check(forged, NOW)).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses anything that is not a token without throwing", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const checked = links.check(text, NOW);
        expect(checked.ok).toBe(false);
      }),
    );
    expect(links.check("1.2.short", NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});
