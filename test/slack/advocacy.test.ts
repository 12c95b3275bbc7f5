import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findChampion, importChampions } from "../../src/db/roster-repository";
import { auditLog, champions, programEvents } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import { LEAD, useSlackApp, valuesAsPrefilled } from "../support/slack-app";

// What an advocacy lead does with /advocacy and the App Home's buttons, through the real app.

const database = useTestDatabase();

const ROSTER = `name,email,slack_user_id,company,title,industry,region,motivations,activities,max_asks_per_quarter
Dana Whitfield,dana@northwind.example,U0DANA,Northwind Pay,CFO,Fintech,EMEA,spotlight;voice,panel,3
`;
const REP = "U0REP";
const CHANNEL = "C0LEADS";

const slack = useSlackApp(database, ROSTER);

const advocacy = (text: string, userId = LEAD) =>
  slack.command({ command: "/advocacy", text, userId, channelId: CHANNEL });

type OpenedView = { callback_id: string; private_metadata: string; blocks: unknown[] };

async function openedView(callbackId: string): Promise<OpenedView> {
  const opened = await slack.api.waitFor(
    "views.open",
    (args) => (args.view as OpenedView).callback_id === callbackId,
  );
  return opened.args.view as OpenedView;
}

/**
 * A private answer to the lead: through the command's response_url (answers to /advocacy), or as an
 * ephemeral message (answers to a form submitted from it).
 */
const ephemeral = (pattern: RegExp) =>
  Promise.any(
    ["response_url", "chat.postEphemeral"].map((method) =>
      slack.api.waitFor(method, (args) => pattern.test(String(args.text))),
    ),
  );

const text = (id: string, value: string) => ({ [id]: { [id]: { type: "plain_text_input", value } } });

describe(`/advocacy on ${testEngine}`, () => {
  it("lets a lead add a champion through the form: saved by the import's rules, audited", async () => {
    await advocacy("roster add");
    const view = await openedView("champion.submit");
    const response = await slack.submitView({
      userId: LEAD,
      callbackId: "champion.submit",
      privateMetadata: view.private_metadata,
      values: {
        ...valuesAsPrefilled(view),
        ...text("name", "Mei Chen"),
        ...text("email", "Mei@Orbit.example"),
        ...text("company", "Orbit Retail"),
        ...text("timezone", "Asia/Singapore"),
        slack_user_id: { slack_user_id: { type: "users_select", selected_user: "U0MEI" } },
        motivations: {
          motivations: {
            type: "multi_static_select",
            selected_options: [{ value: "mastery" }, { value: "altruism" }],
          },
        },
        max_asks_per_quarter: { max_asks_per_quarter: { type: "number_input", value: "2" } },
      },
    });
    expect(response.status).toBe(200);
    await ephemeral(/Added Mei Chen \(mei@orbit\.example\) to the roster/);
    expect(await findChampion(database.db, { email: "mei@orbit.example" })).toMatchObject({
      name: "Mei Chen",
      slackUserId: "U0MEI",
      company: "Orbit Retail",
      timezone: "Asia/Singapore",
      motivations: ["mastery", "altruism"],
      maxAsksPerQuarter: 2,
      status: "active",
    });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.actor, LEAD));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "champion.created", data: { source: "slack champion form" } });
  });

  it("shows problems on their fields and saves nothing: a bad email, a taken email or Slack user", async () => {
    await advocacy("roster add");
    const view = await openedView("champion.submit");
    const submit = async (values: Record<string, Record<string, unknown>>) => {
      const response = await slack.submitView({
        userId: LEAD,
        callbackId: "champion.submit",
        privateMetadata: view.private_metadata,
        values: {
          ...valuesAsPrefilled(view),
          ...text("name", "Mei Chen"),
          ...text("company", "Orbit"),
          ...values,
        },
      });
      return response.json();
    };
    expect(await submit(text("email", "mei-at-orbit"))).toEqual({
      response_action: "errors",
      errors: { email: "is not a valid email address" },
    });
    expect(await submit(text("email", "DANA@northwind.example"))).toMatchObject({
      response_action: "errors",
      errors: { email: expect.stringContaining("already on the roster") },
    });
    expect(
      await submit({
        ...text("email", "mei@orbit.example"),
        slack_user_id: { slack_user_id: { type: "users_select", selected_user: "U0DANA" } },
      }),
    ).toMatchObject({
      response_action: "errors",
      errors: { slack_user_id: "That Slack user is already Dana Whitfield (dana@northwind.example)." },
    });
    expect(await database.db.select().from(champions)).toHaveLength(1);
  });

  it("opens the form filled in for an edit, saves the change, and says so for an unknown email", async () => {
    await advocacy("roster edit <mailto:dana@northwind.example|dana@northwind.example>");
    const view = await openedView("champion.submit");
    await slack.submitView({
      userId: LEAD,
      callbackId: "champion.submit",
      privateMetadata: view.private_metadata,
      values: { ...valuesAsPrefilled(view), ...text("title", "Chief Financial Officer") },
    });
    await ephemeral(/Saved Dana Whitfield/);
    expect(await findChampion(database.db, { email: "dana@northwind.example" })).toMatchObject({
      title: "Chief Financial Officer",
      slackUserId: "U0DANA",
      motivations: ["spotlight", "voice"],
      activities: ["panel"],
      maxAsksPerQuarter: 3,
    });

    await advocacy("roster edit nobody@nowhere.example");
    await ephemeral(/No champion with the email nobody@nowhere\.example is on the roster/);
    expect(slack.api.callsTo("views.open")).toHaveLength(1);
  });

  it("saves an edit without shortening notes and products the form could not show", async () => {
    const products = Array.from({ length: 200 }, (_, i) => `Product line ${i}`);
    const notes = `${"Met at the 2025 summit. ".repeat(250)}End.`;
    const row = `Mei Chen,mei@orbit.example,,Orbit Retail,CTO,Retail,APAC,,,\n`;
    await importChampions(database.db, parseChampionsCsv(`${ROSTER.split("\n")[0]}\n${row}`), "test");
    await database.db
      .update(champions)
      .set({ notes, products })
      .where(eq(champions.email, "mei@orbit.example"));

    await advocacy("roster edit mei@orbit.example");
    const view = await openedView("champion.submit");
    expect(JSON.stringify(view.blocks)).toMatch(
      /\*Notes\*: 6,004 characters, more than a Slack form can hold/,
    );
    await slack.submitView({
      userId: LEAD,
      callbackId: "champion.submit",
      privateMetadata: view.private_metadata,
      values: { ...valuesAsPrefilled(view), ...text("title", "Chief Technology Officer") },
    });
    await ephemeral(/Saved Mei Chen/);
    const saved = await findChampion(database.db, { email: "mei@orbit.example" });
    expect(saved).toMatchObject({ title: "Chief Technology Officer", notes });
    expect(saved?.products).toEqual(products);
  });

  it("refuses everyone but a lead, and opens nothing for them", async () => {
    for (const command of [
      "roster add",
      "pause dana@northwind.example",
      "resume dana@northwind.example",
      "report",
    ]) {
      await advocacy(command, REP);
    }
    await slack.settle();
    const refusals = slack.api.callsTo("chat.postEphemeral").filter((call) => call.args.user === REP);
    expect(refusals.map((call) => call.args.text)).toEqual(
      Array(4).fill(
        "Only advocacy leads can use /advocacy. Ask an advocacy lead (<@U0LEAD>) if you need this done.",
      ),
    );
    expect(slack.api.callsTo("views.open")).toHaveLength(0);
    expect((await findChampion(database.db, { email: "dana@northwind.example" }))?.status).toBe("active");

    const forged = await slack.submitView({
      userId: REP,
      callbackId: "champion.submit",
      privateMetadata: JSON.stringify({ email: null, channelId: null }),
      values: { ...text("name", "Eve"), ...text("email", "eve@example.com"), ...text("company", "Evil") },
    });
    expect(await forged.json()).toMatchObject({ response_action: "errors" });
    expect(await database.db.select().from(champions)).toHaveLength(1);
  });

  it("pauses a champion until resumed, rests one until a day, and resumes them, in words", async () => {
    const dana = () => findChampion(database.db, { email: "dana@northwind.example" });
    await advocacy("pause dana@northwind.example");
    await ephemeral(/Dana Whitfield .* is paused: I won.t propose them until/);
    expect(await dana()).toMatchObject({ status: "paused", restUntil: null });

    await advocacy("pause dana@northwind.example until 2027-02-01");
    await ephemeral(/is resting until .*2027: I won't propose them before then/);
    expect(await dana()).toMatchObject({ status: "active", restUntil: "2027-02-01" });

    await advocacy("resume dana@northwind.example");
    await ephemeral(/is active: I can propose them again/);
    expect(await dana()).toMatchObject({ status: "active", restUntil: null });

    await advocacy("pause dana@northwind.example until 2020-01-01");
    await ephemeral(/isn't a day after today/);
    await advocacy("pause ghost@nowhere.example");
    await ephemeral(/No champion with the email ghost@nowhere\.example/);

    const audit = await database.db.select().from(auditLog).where(eq(auditLog.actor, LEAD));
    expect(audit.map((row) => (row.data as { source: string }).source)).toEqual([
      "slack /advocacy pause",
      "slack /advocacy pause",
      "slack /advocacy resume",
    ]);
  });

  it("adds a program event through its form", async () => {
    await advocacy("event add");
    const view = await openedView("event.submit");
    await slack.submitView({
      userId: LEAD,
      callbackId: "event.submit",
      privateMetadata: view.private_metadata,
      values: {
        ...valuesAsPrefilled(view),
        ...text("name", "Fintech leaders panel"),
        type: { type: { type: "static_select", selected_option: { value: "panel" } } },
        date: { date: { type: "datepicker", selected_date: "2027-03-12" } },
        slots: { slots: { type: "number_input", value: "3" } },
        region: { region: { type: "static_select", selected_option: { value: "EMEA" } } },
      },
    });
    await ephemeral(/Added event 1: Fintech leaders panel \(panel, .*3 open slots\)/);
    expect(await database.db.select().from(programEvents)).toMatchObject([
      {
        name: "Fintech leaders panel",
        activityType: "panel",
        eventDate: "2027-03-12",
        slots: 3,
        region: "EMEA",
      },
    ]);
  });

  it("answers report with the program's numbers, privately; the Home button DMs them", async () => {
    await advocacy("report 30");
    // Through the command's response_url: private to the lead, in any channel, the bot there or not.
    const report = await slack.api.waitFor("response_url", (args) => Array.isArray(args.blocks));
    expect(report.args.response_type).toBe("ephemeral");
    const shown = JSON.stringify(report.args.blocks);
    expect(shown).toContain("Program report, last 30 days");
    expect(shown).toContain("Requests opened: 0");
    expect(shown).toContain("Load against capacity* (1 champion)");

    await advocacy("report forever");
    await ephemeral(/days is a whole number from 1 to 3650/);

    await slack.action({ userId: LEAD, actionId: "home.report" });
    const dm = await slack.api.waitFor("chat.postMessage", (args) => args.channel === LEAD);
    expect(JSON.stringify(dm.args.blocks)).toContain("Program report, last 90 days");
  });

  it("opens the same forms from the App Home's buttons, for leads only", async () => {
    await slack.action({ userId: LEAD, actionId: "home.add_champion" });
    await openedView("champion.submit");
    await slack.action({ userId: LEAD, actionId: "home.add_event" });
    await openedView("event.submit");
    await slack.action({ userId: REP, actionId: "home.add_champion" });
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === REP && /Only advocacy leads/.test(String(args.text)),
    );
    expect(slack.api.callsTo("views.open")).toHaveLength(2);
  });

  describe("the weekly digest, on demand", () => {
    type Block = { type: string; slack_file?: { id: string } };
    const digests = () =>
      slack.api
        .callsTo("chat.postMessage")
        .filter(
          (call) => call.args.channel === CHANNEL && /^Weekly reference digest/.test(String(call.args.text)),
        );
    const imagesIn = (call: { args: Record<string, unknown> } | undefined) =>
      ((call?.args.blocks as Block[] | undefined) ?? []).filter((block) => block.type === "image");

    it("is one message in the leads' channel: the chart, uploaded and shared nowhere, above the numbers", async () => {
      await advocacy("digest", REP);
      await ephemeral(/Only advocacy leads/);
      expect(slack.api.callsTo("files.getUploadURLExternal")).toHaveLength(0);

      await advocacy("digest");
      await ephemeral(/This week's digest is on its way/);
      await slack.settle();
      const [upload] = slack.api.uploads;
      expect(upload?.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(slack.api.files.get(upload?.fileId ?? "")).toMatchObject({ completed: true, sharedIn: [] });
      expect(slack.api.callsTo("chat.postMessage")).toHaveLength(1);
      const [digest] = digests();
      expect(digest?.answer?.ok).toBe(true);
      expect(imagesIn(digest)).toEqual([
        expect.objectContaining({
          slack_file: { id: upload?.fileId },
          alt_text: expect.stringMatching(/^Bar charts/),
        }),
      ]);
      expect(JSON.stringify(digest?.args.blocks)).toContain("This week in numbers");
    });

    it("is the numbers alone, saying the chart could not be attached, when the upload fails", async () => {
      slack.api.failNext("files.getUploadURLExternal", { error: "missing_scope" });
      await advocacy("digest");
      await slack.settle();
      expect(slack.takeErrors(/^digest_chart_not_attached: .*missing_scope/)).toHaveLength(1);
      expect(slack.api.callsTo("chat.postMessage")).toHaveLength(1);
      const [digest] = digests();
      expect(imagesIn(digest)).toEqual([]);
      expect(JSON.stringify(digest?.args.blocks)).toContain("The chart could not be attached this time");
    });

    it("waits once for a chart Slack is still processing, then goes without it", async () => {
      // Refused once (a file Slack has not finished processing): the same message, 30 s later.
      slack.api.failNext("chat.postMessage", { error: "invalid_blocks", channel: CHANNEL });
      await advocacy("digest");
      await slack.settle();
      expect(digests().map((call) => [call.answer?.ok, imagesIn(call).length])).toEqual([
        [false, 1],
        [true, 1],
      ]);

      // Refused twice: the numbers without it, and the error logged.
      slack.api.reset();
      slack.api.failNext("chat.postMessage", { error: "invalid_blocks", channel: CHANNEL });
      slack.api.failNext("chat.postMessage", { error: "invalid_blocks", channel: CHANNEL });
      await advocacy("digest");
      await slack.settle();
      expect(
        slack.takeErrors(/^slack_blocks_refused: invalid_blocks twice for a message to C0LEADS/),
      ).toHaveLength(1);
      const [, , plainer] = digests();
      expect(digests().map((call) => call.answer?.ok)).toEqual([false, false, true]);
      expect(imagesIn(plainer)).toEqual([]);
      expect(JSON.stringify(plainer?.args.blocks)).toContain("The chart could not be attached this time");
    });
  });

  it("tells the lead by DM that a form was saved when the channel it came from refuses the app", async () => {
    await advocacy("roster edit dana@northwind.example");
    const view = await openedView("champion.submit");
    slack.api.failNext("chat.postEphemeral", { error: "not_in_channel" });
    await slack.submitView({
      userId: LEAD,
      callbackId: "champion.submit",
      privateMetadata: view.private_metadata,
      values: { ...valuesAsPrefilled(view), ...text("title", "Chief Financial Officer") },
    });
    await slack.api.waitFor(
      "chat.postMessage",
      (args) => args.channel === LEAD && /Saved Dana Whitfield/.test(String(args.text)),
    );
  });

  it("answers a lead in a channel the app is not in, through the command's response_url", async () => {
    // Slack refuses an ephemeral message from a bot that is not in the channel.
    slack.api.failNext("chat.postEphemeral", { error: "not_in_channel" });
    await slack.command({
      command: "/advocacy",
      text: "pause dana@northwind.example",
      userId: LEAD,
      channelId: "C0ELSEWHERE",
    });
    const answer = await slack.api.waitFor("response_url", (args) => /is paused/.test(String(args.text)));
    expect(answer.args.response_type).toBe("ephemeral");
    expect(slack.api.callsTo("chat.postEphemeral")).toEqual([]);
  });

  it("lists every subcommand when asked for something it doesn't know", async () => {
    await advocacy("help");
    const usage = await ephemeral(/\/advocacy roster add/);
    for (const subcommand of ["roster edit", "pause", "resume", "event add", "report", "settings"]) {
      expect(usage.args.text).toContain(`/advocacy ${subcommand}`);
    }
  });
});
