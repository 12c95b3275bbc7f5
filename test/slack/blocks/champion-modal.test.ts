import type { InputBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { CHAMPION_COLUMNS, type ChampionInput, validateChampion } from "../../../src/roster/champions-csv";
import {
  championModal,
  decodeChampionMetadata,
  readChampionModal,
} from "../../../src/slack/blocks/champion-modal";
import { assertWithinLimits, stateFromModal } from "./fixtures";

const DANA: ChampionInput = {
  name: "Dana Whitfield",
  email: "dana@northwind.example",
  slackUserId: "U0DANA0001",
  company: "Northwind Pay",
  title: "Chief Financial Officer",
  industry: "Fintech",
  companySize: "enterprise",
  region: "EMEA",
  timezone: "Europe/London",
  products: ["Payments API", "Billing"],
  // Not the menu's order: the rank must survive the round trip.
  motivations: ["voice", "duty", "spotlight"],
  activities: ["reference_call", "panel"],
  maxAsksPerQuarter: 3,
  status: "paused",
  restUntil: "2027-01-15",
  notes: "Prefers mornings.\nNo press.",
  emailOk: true,
  sharedChannelId: null,
  slackTeamId: null,
};

const blockIds = (view: ReturnType<typeof championModal>) => view.blocks.map((block) => block.block_id);
const inputIds = (view: ReturnType<typeof championModal>) =>
  (view.blocks as InputBlock[]).filter((block) => block.type === "input").map((block) => block.block_id);

describe("championModal", () => {
  it("has one field per champions.csv column, each block named after its column", () => {
    const view = championModal({ channelId: "C0LEADS" });
    expect(view.callback_id).toBe("champion.submit");
    expect(blockIds(view)).toEqual([...CHAMPION_COLUMNS]);
    expect(inputIds(view)).toContain("email");
    assertWithinLimits(view);
  });

  it("shows an edited champion's email without an input: the email is the roster's key", () => {
    const view = championModal({ champion: DANA, channelId: null });
    expect(view.title.text).toBe("Edit champion");
    expect(inputIds(view)).not.toContain("email");
    expect(JSON.stringify(view.blocks)).toContain("dana@northwind.example");
    expect(decodeChampionMetadata(view.private_metadata ?? "")).toEqual({
      email: "dana@northwind.example",
      channelId: null,
      kept: [],
    });
    assertWithinLimits(view);
  });

  it("shows notes and products too long for a Slack input as a note, and names them as kept", () => {
    const products = Array.from({ length: 200 }, (_, i) => `Product line ${i}`);
    const long = { ...DANA, notes: "n".repeat(6000), products };
    const view = championModal({ champion: long, channelId: null });
    expect(inputIds(view)).not.toContain("notes");
    expect(inputIds(view)).not.toContain("products");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("*Notes*: 6,000 characters, more than a Slack form can hold");
    expect(text).toContain("*Products*: 200 of them");
    expect(text).toContain("refdesk roster export");
    expect(decodeChampionMetadata(view.private_metadata ?? "").kept).toEqual(["notes", "products"]);
    assertWithinLimits(view);
  });

  it("reads back, left as prefilled, as the same champion (motivations in rank order)", () => {
    const view = championModal({ champion: DANA, channelId: "C0LEADS" });
    const metadata = decodeChampionMetadata(view.private_metadata ?? "");
    const read = readChampionModal(stateFromModal(view), metadata);
    expect(read.motivations).toBe("voice;duty;spotlight");
    expect(validateChampion(read)).toEqual({ champion: DANA });
  });

  it("reads an empty new-champion form as the import's problems, per column", () => {
    const view = championModal({ channelId: "C0LEADS" });
    const values = stateFromModal(view);
    values.email = { email: { type: "plain_text_input", value: "not-an-email" } };
    values.timezone = { timezone: { type: "plain_text_input", value: "Mars/Olympus" } };
    const checked = validateChampion(readChampionModal(values, { email: null }));
    expect(checked).toEqual({
      problems: {
        name: "name is required",
        email: "is not a valid email address",
        company: "company is required",
        timezone: "is not an IANA time zone such as Europe/Berlin",
      },
    });
  });

  it("defaults a new champion to active with no cap, no Slack user and no rest date", () => {
    const view = championModal({ channelId: "C0LEADS" });
    const values = stateFromModal(view);
    values.name = { name: { type: "plain_text_input", value: " Mei Chen " } };
    values.email = { email: { type: "plain_text_input", value: "Mei@Orbit.example" } };
    values.company = { company: { type: "plain_text_input", value: "Orbit Retail" } };
    const checked = validateChampion(readChampionModal(values, { email: null }));
    expect(checked).toMatchObject({
      champion: {
        name: "Mei Chen",
        email: "mei@orbit.example",
        slackUserId: null,
        status: "active",
        maxAsksPerQuarter: null,
        restUntil: null,
        motivations: [],
      },
    });
  });
});
