import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import { CHAMPION_STATUSES, type ChampionStatus, MOTIVATIONS } from "../../core/domain";
import { AppError } from "../../core/errors";
import { capitalize } from "../../core/text";
import type { ChampionColumn, ChampionInput } from "../../roster/champions-csv";
import { escapeMrkdwn, LIMITS, mrkdwn, option, plain } from "./limits";
import {
  ACTIVITY_OPTIONS,
  fieldState,
  input,
  joinProducts,
  multiSelect,
  REGION_OPTIONS,
  SIZE_OPTIONS,
  staticSelect,
  textInput,
} from "./request-modal";

// A lead adds or edits one champion. Every block_id and action_id is the champions.csv column it
// fills, so the modal reads back as a roster row and the import's own rules validate it, and a
// problem with a column lands on that field.

export const CHAMPION_MODAL_CALLBACK = "champion.submit";

const STATUS_LABELS: Record<ChampionStatus, string> = {
  active: "Active",
  paused: "Paused (never proposed until resumed)",
  inactive: "Inactive (left the program)",
};
const STATUS_OPTIONS = CHAMPION_STATUSES.map((status) => option(STATUS_LABELS[status], status));
const EMAIL_OPTIONS = [option("Yes, when Slack can't reach them", "yes"), option("No, never by email", "no")];
const MOTIVATION_OPTIONS = MOTIVATIONS.map((motivation) => option(capitalize(motivation), motivation));

/**
 * Where the submission goes back to: the champion edited (null: a new one) and the lead's channel;
 * and the columns the form could not show whole, which the save leaves as they are.
 */
const championMetadata = z.object({
  email: z.string().nullable(),
  channelId: z.string().nullable(),
  kept: z.array(z.enum(["notes", "products"])).default([]),
});
export type ChampionModalMetadata = z.infer<typeof championMetadata>;

export function decodeChampionMetadata(text: string): ChampionModalMetadata {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = championMetadata.safeParse(json);
  if (!parsed.success)
    throw new AppError("input_invalid", "That form arrived without its context; please open it again.");
  return parsed.data;
}

export interface ChampionModalInput {
  /** The champion to edit; absent: a new one. */
  champion?: ChampionInput;
  /** The channel the lead opened it from, to answer there; null: answer in a DM. */
  channelId: string | null;
}

/** Text a Slack input cannot hold whole: shown as a note instead of an input that would cut it. */
function tooLongForTheForm(champion: ChampionInput | undefined) {
  const notes = champion?.notes ?? "";
  // joinProducts stops at the limit; the whole list is what must fit.
  const products = (champion?.products ?? []).join("; ");
  return {
    notes: notes.length > LIMITS.inputInitialValue ? notes : null,
    products: products.length > LIMITS.inputInitialValue ? products : null,
  };
}

const KEPT_HINT =
  "more than a Slack form can hold, so they are kept as they are: change them in the roster file (`refdesk roster export`, edit, `refdesk roster import`).";

export function championModal({ champion, channelId }: ChampionModalInput): ModalView {
  const tooLong = tooLongForTheForm(champion);
  const kept = (["notes", "products"] as const).filter((column) => tooLong[column] !== null);
  const metadata: ChampionModalMetadata = { email: champion?.email ?? null, channelId, kept };
  // The email is the roster's key: an edit keeps it (a new email would be a new champion).
  const emailBlock: KnownBlock = champion
    ? {
        type: "section",
        block_id: "email",
        text: mrkdwn(`*Email* (the roster's key): ${escapeMrkdwn(champion.email)}`),
      }
    : input("email", "Email", textInput("email", "", { placeholder: "name@customer.com" }));
  const slackUser = {
    type: "users_select" as const,
    action_id: "slack_user_id",
    placeholder: plain("Their Slack account, if they have one", LIMITS.placeholder),
    ...(champion?.slackUserId ? { initial_user: champion.slackUserId } : {}),
  };
  const cap = {
    type: "number_input" as const,
    action_id: "max_asks_per_quarter",
    is_decimal_allowed: false,
    min_value: "1",
    max_value: "999",
    placeholder: plain("Program default", LIMITS.placeholder),
    ...(champion?.maxAsksPerQuarter ? { initial_value: String(champion.maxAsksPerQuarter) } : {}),
  };
  return {
    type: "modal",
    callback_id: CHAMPION_MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: plain(champion ? "Edit champion" : "Add a champion", LIMITS.modalTitle),
    submit: plain("Save", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: [
      input("name", "Name", textInput("name", champion?.name ?? "")),
      emailBlock,
      input("slack_user_id", "Slack user", slackUser),
      input("company", "Company", textInput("company", champion?.company ?? "")),
      input("title", "Title", textInput("title", champion?.title ?? "", { placeholder: "e.g. CFO" })),
      input(
        "industry",
        "Industry",
        textInput("industry", champion?.industry ?? "", { placeholder: "e.g. Fintech" }),
      ),
      input(
        "company_size",
        "Company size",
        staticSelect("company_size", SIZE_OPTIONS, champion?.companySize ?? null, "Unknown"),
      ),
      input("region", "Region", staticSelect("region", REGION_OPTIONS, champion?.region ?? null, "Unknown")),
      input(
        "timezone",
        "Time zone",
        textInput("timezone", champion?.timezone ?? "", { placeholder: "e.g. Europe/Berlin" }),
      ),
      tooLong.products !== null
        ? keptNote("products", `*Products*: ${champion?.products.length} of them, ${KEPT_HINT}`)
        : input(
            "products",
            "Products",
            textInput("products", joinProducts(champion?.products ?? []), { placeholder: "separate with ;" }),
          ),
      input(
        "motivations",
        "Motivations",
        // Not multiSelect's initial options: those follow the menu's order, and the rank matters.
        { ...multiSelect("motivations", MOTIVATION_OPTIONS, [], "What drives them"), ...ranked(champion) },
        "Strongest first: pick them in that order.",
      ),
      input(
        "activities",
        "Willing to do",
        multiSelect("activities", ACTIVITY_OPTIONS, champion?.activities ?? [], "Anything"),
        "Leave empty when they set no limits.",
      ),
      input("max_asks_per_quarter", "Asks per quarter at most", cap),
      input(
        "status",
        "Status",
        staticSelect("status", STATUS_OPTIONS, champion?.status ?? "active", "Active"),
      ),
      input("rest_until", "Resting until", {
        type: "datepicker",
        action_id: "rest_until",
        ...(champion?.restUntil ? { initial_date: champion.restUntil } : {}),
      }),
      tooLong.notes !== null
        ? keptNote(
            "notes",
            `*Notes*: ${tooLong.notes.length.toLocaleString("en-US")} characters, ${KEPT_HINT}`,
          )
        : input(
            "notes",
            "Notes",
            textInput("notes", champion?.notes ?? "", {
              multiline: true,
              placeholder: "For the advocacy team",
            }),
          ),
      input(
        "email_ok",
        "Invitations by email",
        staticSelect("email_ok", EMAIL_OPTIONS, champion?.emailOk === false ? "no" : "yes", "Yes"),
      ),
      input(
        "shared_channel_id",
        "Shared channel",
        textInput("shared_channel_id", champion?.sharedChannelId ?? "", { placeholder: "e.g. C0123ABCD" }),
        "A Slack Connect channel with their company: invitations go there when Slack refuses a DM.",
      ),
      input(
        "slack_team_id",
        "Community workspace",
        textInput("slack_team_id", champion?.slackTeamId ?? "", { placeholder: "e.g. T0123ABCD" }),
        "When their Slack account is in another workspace where the app is installed; empty for this one.",
      ),
    ],
  };
}

function keptNote(column: string, text: string): KnownBlock {
  return { type: "section", block_id: column, text: mrkdwn(text) };
}

/** initial_options in the champion's own order, strongest first. */
function ranked(champion: ChampionInput | undefined) {
  const initial = (champion?.motivations ?? []).flatMap((motivation) =>
    MOTIVATION_OPTIONS.filter((candidate) => candidate.value === motivation),
  );
  return initial.length > 0 ? { initial_options: initial } : {};
}

/**
 * `view.state.values` of a champion.submit submission → the champion as roster-file text, for
 * `validateChampion`. Lists are joined with ";" in the order Slack gives them (the picking order).
 */
export function readChampionModal(
  values: Record<string, Record<string, unknown>>,
  metadata: Pick<ChampionModalMetadata, "email">,
): Record<ChampionColumn, string> {
  const read = (id: string) => fieldState(values, id);
  const value = (id: string) => read(id).value?.trim() ?? "";
  const selected = (id: string) => read(id).selected_option?.value ?? "";
  const list = (id: string) => (read(id).selected_options ?? []).map((chosen) => chosen.value).join(";");
  return {
    name: value("name"),
    email: metadata.email ?? value("email"),
    slack_user_id: read("slack_user_id").selected_user ?? "",
    company: value("company"),
    title: value("title"),
    industry: value("industry"),
    company_size: selected("company_size"),
    region: selected("region"),
    timezone: value("timezone"),
    products: value("products").replaceAll("\n", ";"),
    motivations: list("motivations"),
    activities: list("activities"),
    max_asks_per_quarter: value("max_asks_per_quarter"),
    status: selected("status"),
    rest_until: read("rest_until").selected_date ?? "",
    notes: read("notes").value?.trim() ?? "",
    email_ok: selected("email_ok"),
    shared_channel_id: value("shared_channel_id"),
    slack_team_id: value("slack_team_id"),
  };
}
