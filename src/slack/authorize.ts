import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { CHAMPION_MODAL_CALLBACK } from "./blocks/champion-modal";
import { EVENT_MODAL_CALLBACK } from "./blocks/event-modal";
import { COMPOSE_CALLBACK } from "./blocks/invitation-compose";
import { OUTCOME_MODAL_CALLBACK } from "./blocks/outcome-modal";
import { type SlackGateway, webGateway } from "./gateway";

// The one authorization guard: every command, button and form a listener serves passes here
// first, and what only advocacy leads may use is refused before any listener runs. What depends
// on the thing acted on (the invited champion, the rep who asked) is checked by the workflow
// against the database, never against what the payload claims.

const ASK_A_LEAD = "Ask an advocacy lead (the program team) if you need this done.";

/** Whom to ask, by name where Slack shows names (a modal's error text shows mentions raw). */
function askWhom(leads: ReadonlySet<string>, inForm: boolean): string {
  const named = [...leads].slice(0, 3).map((lead) => `<@${lead}>`);
  if (inForm || named.length === 0) return ASK_A_LEAD;
  return `Ask an advocacy lead (${named.join(", ")}${leads.size > named.length ? "…" : ""}) if you need this done.`;
}

function exactly(id: string): RegExp {
  return new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** What leads alone may use, and how a refusal reads. */
interface Rule {
  surface: "command" | "action" | "view";
  id: RegExp;
  refusal: string;
  /** Answered by DM: the App Home has no channel to answer in. */
  byDm?: true;
}

const LEADS_ONLY: readonly Rule[] = [
  { surface: "command", id: /^\/advocacy$/, refusal: "Only advocacy leads can use /advocacy." },
  {
    surface: "action",
    id: /^(proposal\.(approve|compose)|compose\.use_draft):/,
    refusal: "Only advocacy leads can approve a proposal.",
  },
  { surface: "action", id: /^proposal\.reject:/, refusal: "Only advocacy leads can reject a proposal." },
  {
    surface: "action",
    id: /^proposal\.swap:/,
    refusal: "Only advocacy leads can swap a proposal's activity.",
  },
  { surface: "action", id: /^invitation\.record:/, refusal: "Only advocacy leads can record an answer." },
  { surface: "action", id: /^activity\.schedule:/, refusal: "Only advocacy leads can schedule an activity." },
  { surface: "action", id: /^activity\.complete:/, refusal: "Only advocacy leads can record an outcome." },
  {
    surface: "action",
    id: /^home\.(add_champion|add_event|report)$/,
    refusal: "Only advocacy leads can use these buttons.",
    byDm: true,
  },
  { surface: "view", id: exactly(COMPOSE_CALLBACK), refusal: "Only advocacy leads can approve a proposal." },
  {
    surface: "view",
    id: exactly(CHAMPION_MODAL_CALLBACK),
    refusal: "Only advocacy leads can change the roster.",
  },
  { surface: "view", id: exactly(EVENT_MODAL_CALLBACK), refusal: "Only advocacy leads can add events." },
  {
    surface: "view",
    id: exactly(OUTCOME_MODAL_CALLBACK),
    refusal: "Only advocacy leads can record an outcome.",
  },
];

interface Surface {
  surface: "command" | "action" | "view";
  id: string;
  userId: string;
  channelId: string | undefined;
  /** A form's first input block, where a refusal can be shown. */
  firstBlock: string | undefined;
}

/** What a request is, read defensively: a forged or malformed body names nothing and passes to its listener's own checks. */
function surfaceOf(body: unknown): Surface | null {
  const payload = (body ?? {}) as Record<string, unknown>;
  const user = payload.user as { id?: unknown } | undefined;
  if (typeof payload.command === "string" && typeof payload.user_id === "string") {
    const channelId = typeof payload.channel_id === "string" ? payload.channel_id : undefined;
    return {
      surface: "command",
      id: payload.command,
      userId: payload.user_id,
      channelId,
      firstBlock: undefined,
    };
  }
  if (typeof user?.id !== "string") return null;
  const channel = payload.channel as { id?: unknown } | undefined;
  const channelId = typeof channel?.id === "string" ? channel.id : undefined;
  if (payload.type === "block_actions" && Array.isArray(payload.actions)) {
    const actionId = (payload.actions[0] as { action_id?: unknown } | undefined)?.action_id;
    if (typeof actionId !== "string") return null;
    return { surface: "action", id: actionId, userId: user.id, channelId, firstBlock: undefined };
  }
  if (payload.type === "view_submission") {
    const view = payload.view as { callback_id?: unknown; state?: { values?: object } } | undefined;
    if (typeof view?.callback_id !== "string") return null;
    const firstBlock = Object.keys(view.state?.values ?? {})[0];
    return { surface: "view", id: view.callback_id, userId: user.id, channelId: undefined, firstBlock };
  }
  return null;
}

/** What `body` asks for when its sender is no lead and it needs one; null when it may go on. */
export function leadsOnlyRule(
  body: unknown,
  leads: ReadonlySet<string>,
): { surface: Surface; rule: Rule } | null {
  const surface = surfaceOf(body);
  if (!surface || leads.has(surface.userId)) return null;
  const rule = LEADS_ONLY.find(
    (candidate) => candidate.surface === surface.surface && candidate.id.test(surface.id),
  );
  return rule ? { surface, rule } : null;
}

/** What a champion in another workspace (a community) may use there: their own answers. */
const CHAMPION_ACTIONS = /^(invitation\.(accept|decline|later)|activity\.rate|survey\.answer):/;

const OTHER_WORKSPACE: Rule = {
  surface: "command",
  id: /.*/,
  refusal: "This works in the company's own Slack workspace only.",
};

/**
 * What `body` asks for when it comes from a workspace other than the company's: nobody there is a
 * lead, and only a champion's own answers are taken; everything else is refused.
 */
function otherWorkspaceRule(body: unknown): { surface: Surface; rule: Rule } | null {
  const surface = surfaceOf(body);
  if (!surface || (surface.surface === "action" && CHAMPION_ACTIONS.test(surface.id))) return null;
  return { surface, rule: OTHER_WORKSPACE };
}

/**
 * Global middleware: refuses what only leads may use, privately, before any listener runs.
 * `homeTeamId`, when the app is installed in more than one workspace, is the company's.
 */
export function authorize(
  leads: ReadonlySet<string>,
  gateway: SlackGateway,
  homeTeamId?: string,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const team = args.context.teamId;
    const elsewhere = homeTeamId !== undefined && team !== undefined && team !== homeTeamId;
    const refused = elsewhere ? otherWorkspaceRule(args.body) : leadsOnlyRule(args.body, leads);
    if (!refused) return args.next();
    const { surface, rule } = refused;
    const inForm = surface.surface === "view";
    const words = rule === OTHER_WORKSPACE ? rule.refusal : `${rule.refusal} ${askWhom(leads, inForm)}`;
    const ack = "ack" in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (surface.surface === "view" && surface.firstBlock) {
      await ack?.({ response_action: "errors", errors: { [surface.firstBlock]: words } });
      return;
    }
    await ack?.();
    // Answered in the workspace the request came from, with the token Bolt authorized it with.
    const where = elsewhere ? webGateway(args.client) : gateway;
    if (surface.channelId && !rule.byDm) await where.ephemeral(surface.channelId, surface.userId, words);
    else await where.post(surface.userId, { text: words });
  };
}
