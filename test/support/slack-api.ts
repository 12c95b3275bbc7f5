import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local stand-in for the Slack Web API. The app under test reaches it through SLACK_API_URL;
// tests assert on the calls it records. Answers are what Slack would answer for the methods the
// app uses; `failNext` makes a method fail (HTTP status or Slack error) to exercise retries, and
// `holdNext` keeps a call waiting for its answer (work in flight) until the test lets it go.
// Uploaded files are kept as Slack keeps them, simply: shared in the channel their upload named,
// else private to the bot that uploaded them, which alone may show them in an image block.

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call was made with. */
  token?: string;
  /** What the stand-in answered (set once it has; a posted message's `ts` is here). */
  answer?: Record<string, unknown>;
}

/** Slack's answer to a call (`ok` is true unless the answer says otherwise). */
type Answer = (args: Record<string, unknown>, token: string | undefined) => Record<string, unknown>;

/** How one call fails: an HTTP status, a Slack error, or a connection cut before any answer. */
export interface Failure {
  status?: number;
  error?: string;
  retryAfter?: number;
  disconnect?: boolean;
  /** Only a call to this channel fails (by default, the next call of the method). */
  channel?: string;
}

/** Bytes the app sent to an upload URL that files.getUploadURLExternal handed out. */
export interface RecordedUpload {
  fileId: string;
  bytes: Buffer;
}

/** A file the app uploaded, as Slack keeps it. */
export interface StoredFile {
  id: string;
  filename: string;
  title?: string;
  altText?: string;
  /** The bot token that uploaded it. */
  owner?: string;
  /** files.completeUploadExternal was called for it. */
  completed: boolean;
  /** Channels it is shared in; none: private to its owner. */
  sharedIn: string[];
}

export interface SlackApiStandIn {
  url: string;
  calls: RecordedCall[];
  uploads: RecordedUpload[];
  /** By file ID. */
  files: Map<string, StoredFile>;
  callsTo(method: string): RecordedCall[];
  /** Resolves with the first call to `method` matching `predicate` (recorded or future). */
  waitFor(
    method: string,
    predicate?: (args: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  failNext(method: string, failure: Failure): void;
  /**
   * Answers the next call to `method` (to `channel`, when given; recorded on arrival) only once the
   * returned function is called.
   */
  holdNext(method: string, channel?: string): () => void;
  reset(): void;
  close(): Promise<void>;
}

export const BOT_USER_ID = "UBOT0001";

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An upload arrives as multipart form data (the SDK's way) or as the raw bytes. */
async function uploadedBytes(req: IncomingMessage): Promise<Buffer> {
  const body = await readBytes(req);
  const contentType = req.headers["content-type"] ?? "";
  if (!contentType.startsWith("multipart/form-data")) return body;
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

/** JSON arguments parsed; a plain text that merely starts with "[" or "{" kept as it is. */
function parseOrKeep(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBytes(req)).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return text ? JSON.parse(text) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // @slack/web-api sends structured arguments (blocks, view…) as JSON strings in form bodies.
    args[key] = /^[[{]/.test(value) ? parseOrKeep(value) : value;
  }
  return args;
}

/** The workspace and bot token a test's OAuth install creates. */
export const COMMUNITY_TEAM = "T0COMMUNITY";
export const COMMUNITY_TOKEN = "xoxb-community";

/** The files a message's image blocks show by ID (`slack_file: { id }`), with where each sits. */
function imagesShown(blocks: unknown): { id: string; pointer: string }[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { type?: string; slack_file?: { id?: string } }, index) =>
    block.type === "image" && block.slack_file?.id
      ? [{ id: block.slack_file.id, pointer: `/blocks/${index}/slack_file` }]
      : [],
  );
}

export async function startSlackApi(): Promise<SlackApiStandIn> {
  const calls: RecordedCall[] = [];
  const uploads: RecordedUpload[] = [];
  const files = new Map<string, StoredFile>();
  let baseUrl = "";
  const failures = new Map<string, Failure[]>();
  const holds = new Map<string, { held: Promise<void>; channel: string | undefined }[]>();
  const waiters: {
    method: string;
    predicate: (args: Record<string, unknown>) => boolean;
    resolve: (call: RecordedCall) => void;
  }[] = [];
  let ts = 1_700_000_000;
  /** What the app posted, by ts, so conversations.replies can show it back. */
  const posted = new Map<string, { channel: unknown; text: unknown; blocks: unknown }>();

  const answers: Record<string, Answer> = {
    "auth.test": () => ({ user_id: BOT_USER_ID, bot_id: "BBOT0001", team_id: "T0001", user: "refdesk" }),
    // Another workspace installing the app (Slack's OAuth flow): always the community workspace.
    "oauth.v2.access": () => ({
      access_token: COMMUNITY_TOKEN,
      token_type: "bot",
      scope: "chat:write,im:history,im:write",
      bot_user_id: "U0BOTCOMMUNITY",
      app_id: "A0001",
      team: { id: COMMUNITY_TEAM, name: "Acme Community" },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: "U0KAI" },
    }),
    // Socket Mode: a URL nothing listens on; tests only check that the app asked here.
    "apps.connections.open": () => ({ url: "ws://127.0.0.1:9/socket" }),
    "chat.postMessage": (args, token) => {
      // As Slack does: an image the posting bot cannot see (never uploaded, or another's) is refused.
      const unseen = imagesShown(args.blocks).filter(({ id }) => {
        const file = files.get(id);
        return !file?.completed || (file.sharedIn.length === 0 && file.owner !== token);
      });
      if (unseen.length > 0) {
        return {
          ok: false,
          error: "invalid_blocks",
          errors: unseen.map(({ pointer }) => `invalid slack file [json-pointer:${pointer}]`),
        };
      }
      const at = `${ts++}.000100`;
      posted.set(at, { channel: args.channel, text: args.text, blocks: args.blocks ?? [] });
      return { channel: args.channel, ts: at, message: { text: args.text } };
    },
    // The one message asked for (latest = oldest = ts), as the app posted it; none if it never did.
    "conversations.replies": (args) => {
      const message = posted.get(String(args.ts));
      return {
        messages:
          message && message.channel === args.channel
            ? [{ ts: args.ts, text: message.text, blocks: message.blocks, bot_id: "BBOT0001" }]
            : [],
      };
    },
    "chat.update": (args) => ({ channel: args.channel, ts: args.ts }),
    "chat.postEphemeral": () => ({ message_ts: `${ts++}.000200` }),
    "conversations.open": (args) => ({ channel: { id: `D${String(args.users).replace(/\W/g, "")}` } }),
    "views.open": () => ({ view: { id: `V${ts++}` } }),
    "views.update": () => ({ view: { id: `V${ts++}` } }),
    "views.publish": () => ({ view: { id: `V${ts++}` } }),
    // Uploads go to a URL on this stand-in, which keeps the bytes (see `uploads`).
    "files.getUploadURLExternal": (args, token) => {
      const fileId = `F${ts++}`;
      files.set(fileId, {
        id: fileId,
        filename: String(args.filename),
        ...(args.alt_text !== undefined ? { altText: String(args.alt_text) } : {}),
        ...(token ? { owner: token } : {}),
        completed: false,
        sharedIn: [],
      });
      return { file_id: fileId, upload_url: `${baseUrl}/upload/${fileId}` };
    },
    "files.completeUploadExternal": (args) => ({
      files: (args.files as { id: string; title?: string }[]).map((file) => {
        const stored = files.get(file.id);
        if (stored) {
          stored.completed = true;
          if (file.title !== undefined) stored.title = file.title;
          if (typeof args.channel_id === "string") stored.sharedIn.push(args.channel_id);
        }
        return { id: file.id, title: file.title };
      }),
    }),
    "users.info": (args) => ({
      user: { id: args.user, tz: "Europe/Berlin", profile: { display_name: String(args.user) } },
    }),
  };

  const server: Server = createServer(async (req, res) => {
    const upload = /^\/upload\/(\w+)$/.exec(req.url ?? "");
    if (upload?.[1]) {
      const bytes = await uploadedBytes(req);
      uploads.push({ fileId: upload[1], bytes });
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${bytes.length}`);
      return;
    }
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const args = await readBody(req);
    const token = req.headers.authorization?.replace(/^Bearer /, "");
    const call: RecordedCall = { method, args, ...(token ? { token } : {}) };
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.method === method && waiter.predicate(args)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    const waiting = holds.get(method) ?? [];
    const heldHere = waiting.findIndex((hold) => !hold.channel || hold.channel === args.channel);
    const [hold] = heldHere >= 0 ? waiting.splice(heldHere, 1) : [];
    if (hold) await hold.held;
    const pending = failures.get(method) ?? [];
    const due = pending.findIndex((failure) => !failure.channel || failure.channel === args.channel);
    const [failure] = due >= 0 ? pending.splice(due, 1) : [];
    if (failure?.disconnect) {
      req.socket.destroy();
      return;
    }
    if (failure?.status) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (failure.retryAfter !== undefined) headers["retry-after"] = String(failure.retryAfter);
      res.writeHead(failure.status, headers).end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    const body = failure?.error
      ? { ok: false, error: failure.error }
      : { ok: true, ...(answers[method]?.(args, token) ?? {}) };
    call.answer = body;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  // Longer than the clients' keep-alive, so a reused connection is never closed under them.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: `${baseUrl}/api/`,
    calls,
    uploads,
    files,
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitFor(method, predicate = () => true, timeoutMs = 5_000) {
      const seen = calls.find((call) => call.method === method && predicate(call.args));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new Error(
              `no ${method} call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(", ")}`,
            ),
          );
        }, timeoutMs);
        waiters.push({
          method,
          predicate,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        });
      });
    },
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    holdNext(method, channel) {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.set(method, [...(holds.get(method) ?? []), { held, channel }]);
      return release;
    },
    reset() {
      calls.length = 0;
      uploads.length = 0;
      files.clear();
      failures.clear();
      holds.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Connections whose client gave up on a held call would otherwise keep it open.
        server.closeAllConnections();
      }),
  };
}
