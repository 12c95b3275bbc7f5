import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { storableText } from "../core/text";
import { activityOfLink, rateActivity } from "../db/activity-steps-repository";
import type { Database } from "../db/client";
import { type AnswerLinkPage, answerLinkPage } from "../db/email-repository";
import { answerPath } from "../email/email-outbox";
import type { AnswerLinks } from "../email/links";
import { ANSWER_CHOICES, type AnswerChoice, type Brand } from "../email/messages";
import { savePreferencesByLink } from "../workflow/link-preferences";
import type { LinkAnswerResult } from "../workflow/request-workflow";
import {
  type AnswerPage,
  type InvitationOnPage,
  type PreferencesSection,
  renderAnswerPage,
  WORDS_LIMIT,
} from "./answer-page";
import { escapeHtml } from "./html";

// The answer page's HTTP side, served on the app's own HTTP server (Bolt's custom routes, in both
// Socket Mode and HTTP mode). The token in the path is the only credential: checked for its
// signature and expiry before any query, then against its row (single use, its own invitation).
// GET shows; only a POST from the page records an answer, then redirects (POST → 303 → GET), so a
// reload or a mail scanner's visit never answers twice or at all.

const BODY_LIMIT = 16 * 1024;
const RATINGS = [1, 2, 3, 4, 5];

const SECURITY_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  // No scripts, no third parties, no framing; forms post back here only.
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  // The token is in the URL: never send it on to another site.
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

export interface AnswerRoutesDeps {
  db: Database;
  answerByLink: (
    linkId: number,
    input: { choice?: AnswerChoice; words?: string; stopEmail?: boolean },
  ) => Promise<LinkAnswerResult>;
  links: AnswerLinks;
  brand: Brand;
  clock: () => Date;
  onError: (error: unknown) => void;
}

const isChoice = (value: string | null): value is AnswerChoice =>
  (ANSWER_CHOICES as readonly (string | null)[]).includes(value);

/** What a person typed, safe to keep: no control characters, bounded. */
export function cleanWords(text: string): string {
  return storableText(text).slice(0, WORDS_LIMIT).trim();
}

function onPage(row: AnswerLinkPage): InvitationOnPage {
  return {
    championName: row.championName,
    pitch: row.pitch,
    activity: row.activity,
    event: row.eventName && row.eventDate ? { name: row.eventName, date: row.eventDate } : null,
    deadline: row.deadline,
  };
}

/** The page a link shows as things stand: open, answered (here or elsewhere) or closed. */
/** The preferences form on a link's page, with what its last save said. */
function preferencesOf(
  token: string,
  row: AnswerLinkPage,
  said: { saved?: string[]; problem?: string } = {},
): PreferencesSection {
  return {
    action: `${answerPath(token)}/preferences`,
    activity: row.activity,
    ...(said.saved ? { saved: said.saved } : {}),
    ...(said.problem ? { problem: said.problem } : {}),
  };
}

function pageFor(
  row: AnswerLinkPage,
  visit: {
    token: string;
    preselected?: AnswerChoice;
    justAnswered: boolean;
    saved?: string[];
    problem?: string;
  },
): AnswerPage {
  const invitation = onPage(row);
  const preferences = preferencesOf(visit.token, row, visit);
  if (row.status === "invited" && !row.usedAt)
    return {
      kind: "open",
      invitation,
      preferences,
      ...(visit.preselected ? { preselected: visit.preselected } : {}),
    };
  const answer = row.answer as "accepted" | "declined" | "later" | null;
  if (answer && (row.status === "accepted" || row.status === "declined"))
    return {
      kind: "answered",
      invitation,
      preferences,
      answer,
      answerText: row.answerText,
      // Back to change their preferences is not a second answer.
      again: !visit.justAnswered && !visit.saved && !visit.problem,
    };
  return { kind: "closed", invitation };
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

export function answerRoutes(deps: AnswerRoutesDeps): CustomRoute[] {
  const send = (res: ServerResponse, page: AnswerPage) => {
    const { status, body } = renderAnswerPage(deps.brand, page);
    res.writeHead(status, SECURITY_HEADERS).end(body);
  };
  const redirect = (res: ServerResponse, location: string) =>
    res.writeHead(303, { location, "cache-control": "no-store", "referrer-policy": "no-referrer" }).end();

  async function handle(
    req: IncomingMessage & { params?: Record<string, string | string[]> },
    res: ServerResponse,
  ) {
    const token = String(req.params?.token ?? "");
    const part = String(req.params?.part ?? "");
    if (part !== "" && part !== "preferences" && part !== "rating") return send(res, { kind: "invalid" });
    const checked = deps.links.check(token, deps.clock());
    if (!checked.ok) return send(res, { kind: checked.reason === "expired" ? "expired" : "invalid" });
    const row = await answerLinkPage(deps.db, checked.linkId);
    if (!row) return send(res, { kind: "invalid" });
    if (!row.usedAt && row.expiresAt <= deps.clock()) return send(res, { kind: "expired" });
    const query = new URL(req.url ?? "/", "http://localhost").searchParams;
    // Rating is for an activity that came of the invitation; anything else has nothing to rate.
    if (part === "rating" && !(await activityOfLink(deps.db, checked.linkId, deps.clock())))
      return send(res, { kind: "closed", invitation: onPage(row) });
    if (part === "rating" && req.method === "GET") {
      const preselected = Number(query.get("rating"));
      return send(res, {
        kind: "rating",
        invitation: onPage(row),
        ...(RATINGS.includes(preselected) ? { preselected } : {}),
      });
    }
    if (req.method === "GET") {
      const preselected = query.get("answer");
      return send(
        res,
        pageFor(row, {
          token,
          ...(isChoice(preselected) ? { preselected } : {}),
          justAnswered: query.get("done") === "1",
        }),
      );
    }
    // A form posted from another site is not the champion's own click.
    if (req.headers["sec-fetch-site"] === "cross-site") return send(res, { kind: "invalid" });
    const form = await readForm(req);
    if (!form) return void res.writeHead(413, SECURITY_HEADERS).end("Too long.");
    if (part === "rating") {
      const rating = Number(form.get("rating"));
      if (!RATINGS.includes(rating)) return send(res, { kind: "rating", invitation: onPage(row) });
      const rated = await rateActivity(deps.db, { linkId: checked.linkId, rating, now: deps.clock() });
      return send(
        res,
        rated ? { kind: "rating", invitation: onPage(row), rated: rating } : { kind: "expired" },
      );
    }
    if (part === "preferences") {
      const result = await savePreferencesByLink(deps, checked.linkId, Object.fromEntries(form));
      const now = (await answerLinkPage(deps.db, checked.linkId)) ?? row;
      if (!result.ok && result.reason === "not_found") return send(res, { kind: "expired" });
      return send(
        res,
        pageFor(now, {
          token,
          justAnswered: false,
          ...(result.ok ? { saved: result.saved } : { problem: result.problem ?? "please check the form" }),
        }),
      );
    }
    const choice = form.get("choice");
    const words = cleanWords(form.get("words") ?? "");
    const result = await deps.answerByLink(checked.linkId, {
      ...(isChoice(choice) ? { choice } : {}),
      ...(words ? { words } : {}),
      ...(form.get("stop_email") === "yes" ? { stopEmail: true } : {}),
    });
    const self = answerPath(token);
    switch (result.kind) {
      case "answered":
        return redirect(res, `${self}?done=1`);
      case "refused":
        return redirect(res, self);
      case "passed_on":
        return send(res, { kind: "open", invitation: onPage(row), notice: "passed_on" });
      case "unclear":
        return send(res, {
          kind: "open",
          invitation: onPage(row),
          notice: words ? "unclear" : "empty",
          words,
        });
    }
  }

  return [
    {
      path: "/answer/:token{/:part}",
      method: ["GET", "POST"],
      handler: (req, res) => {
        handle(req, res).catch((error: unknown) => {
          deps.onError(error);
          if (res.headersSent) return void res.end();
          res
            .writeHead(503, SECURITY_HEADERS)
            .end(
              `<!doctype html><html lang="en"><title>${escapeHtml(deps.brand.companyName)}</title><p>Sorry, we couldn't load this just now and nothing was changed. Please try again in a minute.</p></html>`,
            );
        });
      },
    },
  ];
}
