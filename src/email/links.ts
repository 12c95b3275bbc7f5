import { createHmac, timingSafeEqual } from "node:crypto";

// The token in an emailed invitation's links: `<link id>.<expiry, unix seconds>.<signature>`, the
// signature an HMAC-SHA256 over both with LINK_SECRET. Nothing in the database is a usable token
// (the row holds only the id and expiry), a forged or edited token is refused before any query,
// and the expiry is checked twice (here and on the row). Single use is the row's `used_at`.

/** How long an answer link works: past any invitation's nudge and expiry. */
export const ANSWER_LINK_DAYS = 30;

const TOKEN_SHAPE = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export type LinkCheck =
  | { ok: true; linkId: number; expiresAt: Date }
  | { ok: false; reason: "malformed" | "forged" | "expired" };

export interface AnswerLinks {
  token(linkId: number, expiresAt: Date): string;
  check(token: string, now: Date): LinkCheck;
}

export function answerLinks(secret: string): AnswerLinks {
  const signature = (linkId: number, expiresSeconds: number) =>
    createHmac("sha256", secret).update(`answer-link.${linkId}.${expiresSeconds}`).digest("base64url");

  return {
    token(linkId, expiresAt) {
      const expires = Math.floor(expiresAt.getTime() / 1000);
      return `${linkId}.${expires}.${signature(linkId, expires)}`;
    },

    check(token, now) {
      const shape = TOKEN_SHAPE.exec(token);
      if (!shape) return { ok: false, reason: "malformed" };
      const linkId = Number(shape[1]);
      const expires = Number(shape[2]);
      const given = Buffer.from(shape[3] ?? "");
      const expected = Buffer.from(signature(linkId, expires));
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: "forged" };
      if (expires * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
      return { ok: true, linkId, expiresAt: new Date(expires * 1000) };
    },
  };
}
