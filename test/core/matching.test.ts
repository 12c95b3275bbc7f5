import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates";
import { type ChampionRecord, matchChampions, prepareRoster } from "../../src/core/matching";
import { champion, event, NOW, options, request, TODAY } from "../support/builders";

const match = (champions: ChampionRecord[], fields = request(), overrides = {}) =>
  matchChampions(fields, prepareRoster(champions, NOW), options(overrides));

const emails = (result: ReturnType<typeof match>) => result.candidates.map((c) => c.email);

const recentCalls = (count: number) =>
  Array.from({ length: count }, (_, k) => ({
    activityType: "reference_call" as const,
    date: addDays(TODAY, -k - 1),
    outcome: "completed" as const,
  }));

describe("hard exclusions", () => {
  const cases: [string, Partial<ChampionRecord>, string, Parameters<typeof request>[0]?][] = [
    ["inactive", { status: "inactive" }, "inactive"],
    ["paused", { status: "paused" }, "paused"],
    ["resting until a future date", { restUntil: addDays(TODAY, 1) }, "resting"],
    ["working at the prospect", { company: "Acme Corp." }, "prospect_company", { prospect_company: "ACME" }],
    ["holding an open invitation", { openInvitations: 1 }, "open_invitation"],
    [
      "opted out of every acceptable activity",
      { activities: ["webinar"] },
      "opted_out",
      { activities: ["reference_call"] },
    ],
    ["asked as often as their cap allows", { maxAsksPerQuarter: 2, history: recentCalls(2) }, "cap_reached"],
    [
      "carrying more than their cap in upcoming work",
      {
        maxAsksPerQuarter: 2,
        motivations: ["mastery"],
        history: [{ activityType: "conference_talk", date: addDays(TODAY, 20), outcome: "scheduled" }],
      },
      "over_capacity",
    ],
    [
      "who left two invitations unanswered lately",
      { ignored: [addDays(TODAY, -5), addDays(TODAY, -60)] },
      "unresponsive",
    ],
  ];

  it.each(cases)("never proposes a champion %s", (_, overrides, reason, fields) => {
    const result = match([champion(overrides), champion({ email: "other@example.com" })], request(fields));
    expect(emails(result)).toEqual(["other@example.com"]);
    expect(result.excluded).toEqual({ [reason]: 1 });
  });

  it("skips champions already asked on this request", () => {
    const asked = champion({ id: 9001 });
    const result = matchChampions(
      request(),
      prepareRoster([asked, champion({ email: "other@example.com" })], NOW),
      options({ excludeChampionIds: new Set([9001]) }),
    );
    expect(emails(result)).toEqual(["other@example.com"]);
    expect(result.excluded).toEqual({ already_asked: 1 });
  });

  it("counts a cap in asks, not in load: three declines in a quarter use up a cap of three", () => {
    const declines = [10, 40, 80].map((days) => ({
      activityType: "reference_call" as const,
      date: addDays(TODAY, -days),
      outcome: "declined" as const,
    }));
    const capped = champion({ maxAsksPerQuarter: 3, history: declines });
    expect(match([capped]).excluded).toEqual({ cap_reached: 1 });
    // The oldest ask leaves the 91 days: one ask left again.
    const later = champion({
      maxAsksPerQuarter: 3,
      history: declines,
      asks: declines.map((d) => d.date).map((date) => addDays(date, -12)),
    });
    const [best] = match([later]).candidates;
    expect(best?.reasons.at(-1)).toMatch(/^1 of 3 asks left this quarter/);
  });

  it("rests a champion after two unanswered invitations in 90 days, for 45 days after the second", () => {
    const twoOld = champion({ ignored: [addDays(TODAY, -50), addDays(TODAY, -95)] });
    const restOver = champion({ ignored: [addDays(TODAY, -46), addDays(TODAY, -60)] });
    const oneOnly = champion({ ignored: [addDays(TODAY, -3)] });
    expect(match([twoOld, restOver, oneOnly]).candidates).toHaveLength(3);
    expect(match([champion({ ignored: [addDays(TODAY, -44), addDays(TODAY, -60)] })]).excluded).toEqual({
      unresponsive: 1,
    });
  });

  it("proposes a champion whose rest ended today", () => {
    expect(match([champion({ restUntil: TODAY })]).candidates).toHaveLength(1);
  });

  it("excludes champions with no acceptable activity before the deadline", () => {
    const result = match([champion()], request({ activities: ["case_study"], deadline: addDays(TODAY, 5) }));
    expect(result.candidates).toEqual([]);
    expect(result.excluded).toEqual({ no_activity_before_deadline: 1 });
  });
});

describe("capacity", () => {
  it("shows a champion whose ask would exceed their cap only when nobody else fits, flagged", () => {
    const busy = champion({
      email: "busy@example.com",
      industry: "Fintech",
      maxAsksPerQuarter: 3,
      // Two asks this quarter, so one is left; but the work they carry is a load of ≈ 2.9 of 3,
      // and one more call (0.75) would take them over.
      history: recentCalls(4),
      asks: [addDays(TODAY, -1), addDays(TODAY, -2)],
    });
    const free = champion({ email: "free@example.com", industry: "Retail" });
    const fields = request({ industry: "fintech" });

    expect(emails(match([busy, free], fields, { limit: 1 }))).toEqual(["free@example.com"]);
    const both = match([busy, free], fields, { limit: 2 });
    expect(emails(both)).toEqual(["free@example.com", "busy@example.com"]);
    expect(both.candidates[1]?.flags).toContain("near_capacity");
    expect(match([busy], fields).candidates[0]?.flags).toContain("near_capacity");
  });

  it("uses the program default capacity when the champion has none", () => {
    const result = match([champion({ history: recentCalls(2) })], request(), { defaultCapacity: 10 });
    expect(result.candidates[0]?.capacity).toBe(10);
  });

  it("ranks a rested champion above an equally good busy one", () => {
    const rested = champion({ email: "rested@example.com" });
    const busy = champion({ email: "a-busy@example.com", history: recentCalls(2) });
    expect(emails(match([busy, rested]))).toEqual(["rested@example.com", "a-busy@example.com"]);
  });
});

describe("activity choice follows motivation", () => {
  const fields = request({ activities: ["reference_call", "panel", "case_study", "peer_event"] });

  it.each([
    ["duty", "reference_call"],
    ["spotlight", "panel"],
    ["camaraderie", "peer_event"],
  ] as const)("picks, for a %s-driven champion, a %s", (motivation, activity) => {
    const result = match([champion({ motivations: [motivation] })], fields);
    expect(result.candidates[0]?.activity).toBe(activity);
  });

  it("asks for what serves a named prospect when the rep names no activity: no review or press quote", () => {
    // Someone who would rather give a quote or a review than meet anyone.
    const writer = champion({
      motivations: ["spotlight"],
      activities: ["press_quote", "review", "reference_call"],
    });
    const forAcme = match([writer], request({ prospect_company: "Acme" }));
    expect(forAcme.candidates[0]?.activity).toBe("reference_call");
    expect(forAcme.candidates[0]?.alternatives ?? []).not.toContain("press_quote");
    // Content is still there for a rep who asks for it by name, and for a request with no prospect.
    expect(
      match([writer], request({ prospect_company: "Acme", activities: ["press_quote"] })).candidates[0]
        ?.activity,
    ).toBe("press_quote");
    const unnamed = match(
      [champion({ motivations: ["spotlight"], activities: ["press_quote", "review"] })],
      request(),
    );
    expect(unnamed.candidates).toHaveLength(1);
  });

  it("says why a closer fit is ranked below the one above it", () => {
    const fields = request({ industry: "fintech", region: "EMEA", persona: "CFO" });
    // A perfect fit who declined the last three calls; a looser fit with nothing against them.
    const declined = (daysAgo: number) => ({
      activityType: "reference_call" as const,
      answer: "declined" as const,
      date: addDays(TODAY, -daysAgo),
    });
    const reluctant = champion({
      name: "Dana Reluctant",
      activities: ["reference_call"],
      answers: [declined(3), declined(10), declined(20)],
    });
    const willing = champion({ name: "Omar Willing", title: "VP Finance", industry: "Banking" });
    const result = match([reluctant, willing], fields);
    expect(result.candidates.map((c) => c.name)).toEqual(["Omar Willing", "Dana Reluctant"]);
    expect(result.candidates[1]?.fit).toBeGreaterThan(result.candidates[0]?.fit ?? 1);
    expect(result.candidates[1]?.reasons.at(-1)).toBe(
      "ranked below Omar Willing despite a closer fit: Omar is likelier to say yes to what suits them",
    );
    expect(result.candidates[0]?.reasons.join(" ")).not.toMatch(/ranked below/);
  });

  it("gives different people different activities on the same request", () => {
    const result = match(
      [
        champion({ email: "performer@example.com", motivations: ["spotlight"] }),
        champion({ email: "dutiful@example.com", motivations: ["duty"] }),
        champion({
          email: "helper@example.com",
          motivations: ["altruism"],
          activities: ["case_study", "panel"],
        }),
      ],
      fields,
    );
    const byEmail = Object.fromEntries(result.candidates.map((c) => [c.email, c.activity]));
    expect(byEmail).toEqual({
      "performer@example.com": "panel",
      "dutiful@example.com": "reference_call",
      "helper@example.com": "case_study",
    });
  });

  it("lists the other activities a lead could swap to", () => {
    const result = match(
      [champion({ motivations: ["spotlight"], activities: ["panel", "reference_call"] })],
      fields,
    );
    expect(result.candidates[0]).toMatchObject({ activity: "panel", alternatives: ["reference_call"] });
  });

  it("only offers what the champion is willing to do", () => {
    const result = match([champion({ motivations: ["spotlight"], activities: ["reference_call"] })], fields);
    expect(result.candidates[0]?.activity).toBe("reference_call");
  });

  it("drops activities that cannot be set up before the deadline", () => {
    const altruist = champion({ motivations: ["altruism"], activities: ["case_study", "reference_call"] });
    const relaxed = match([altruist], request({ activities: ["case_study", "reference_call"] }));
    expect(relaxed.candidates[0]?.activity).toBe("reference_call");
    const soon = match(
      [altruist],
      request({ activities: ["case_study", "reference_call"], deadline: addDays(TODAY, 4) }),
    );
    expect(soon.candidates[0]?.activity).toBe("reference_call");
    const onlyCaseStudy = champion({ motivations: ["altruism"], activities: ["case_study"] });
    expect(match([onlyCaseStudy], request({ activities: ["case_study"] })).candidates[0]?.activity).toBe(
      "case_study",
    );
  });

  it("defaults to prospect-facing activities when the rep names none", () => {
    const result = match([champion({ motivations: ["voice"] })]);
    expect(result.candidates[0]?.activity).not.toBe("advisory_board");
    expect(result.candidates[0]?.activity).not.toBe("product_feedback");
  });
});

describe("program event slots", () => {
  const performer = champion({ email: "dana@example.com", name: "Dana", motivations: ["spotlight"] });
  const fields = request({
    prospect_company: "Acme",
    industry: "fintech",
    region: "EMEA",
    activities: ["reference_call", "panel"],
    deadline: "2026-12-10",
  });

  it("proposes a slot at an upcoming event and invites the prospect to it", () => {
    const result = match([performer], fields, { events: [event({ date: "2026-12-08" })] });
    const [best] = result.candidates;
    expect(best?.activity).toBe("panel");
    expect(best?.event).toEqual({ id: 1, name: "Fintech leaders panel", date: "2026-12-08" });
    expect(best?.reasons.join(" ")).toMatch(/slot on the 8 Dec 2026 "Fintech leaders panel" panel/);
    expect(best?.reasons).toContain("invite Acme to attend");
  });

  it.each([
    ["after the deadline", { date: "2026-12-15" }],
    ["full", { date: "2026-12-08", openSlots: 0 }],
    ["in another region", { date: "2026-12-08", region: "NA" as const }],
    ["for another industry", { date: "2026-12-08", industry: "healthcare" }],
    ["too soon to prepare", { date: addDays(TODAY, 1) }],
  ])("ignores an event %s, falling back to an activity that can be set up in time", (_, overrides) => {
    const result = match([performer], fields, { events: [event(overrides)] });
    expect(result.candidates[0]?.event).toBeNull();
    expect(result.candidates[0]?.activity).toBe("reference_call");
  });
});

describe("ranking", () => {
  const fields = request({
    industry: "fintech",
    region: "EMEA",
    persona: "CFO",
    products: ["Payments API"],
    company_size: "enterprise",
  });

  it("ranks by fit: industry, region, role, product and size", () => {
    const perfect = champion({ email: "perfect@example.com" });
    const wrongIndustry = champion({ email: "industry@example.com", industry: "Retail" });
    const wrongRegion = champion({ email: "region@example.com", region: "APAC", timezone: "Asia/Tokyo" });
    const wrongRole = champion({ email: "role@example.com", title: "Senior Data Engineer" });
    const result = match([wrongRole, wrongRegion, wrongIndustry, perfect], fields);
    expect(result.candidates[0]?.email).toBe("perfect@example.com");
    expect(result.candidates.every((c, i, all) => i === 0 || (all[i - 1]?.score ?? 0) >= c.score)).toBe(true);
  });

  it("is deterministic: roster order does not matter and ties break by email", () => {
    const roster = ["d", "b", "a", "c"].map((name) => champion({ email: `${name}@example.com` }));
    const forward = match(roster, fields);
    const backward = match([...roster].reverse(), fields);
    expect(emails(forward)).toEqual(["a@example.com", "b@example.com", "c@example.com", "d@example.com"]);
    expect(backward).toEqual(forward);
  });

  it("returns at most `limit` candidates", () => {
    const roster = Array.from({ length: 20 }, () => champion());
    expect(match(roster, fields, { limit: 3 }).candidates).toHaveLength(3);
  });

  it("explains itself in plain words", () => {
    const [best] = match([champion({ history: recentCalls(1) })], fields).candidates;
    const reasons = best?.reasons ?? [];
    expect(reasons[0]).toMatch(
      /^EMEA fintech CFO, same product \(Payments API\), enterprise, like the prospect$/i,
    );
    expect(reasons[1]).toBe("duty-driven, so a reference call");
    expect(reasons[2]).toBe("3 of 4 asks left this quarter");
  });

  it("says what does not fit", () => {
    const [best] = match([champion({ region: "NA", timezone: "America/Chicago" })], fields).candidates;
    expect(best?.reasons.join(" ")).toMatch(/based in NA, not EMEA/);
  });

  it("counts a related industry as a partial fit", () => {
    const banking = champion({ email: "banking@example.com", industry: "Banking" });
    const retail = champion({ email: "retail@example.com", industry: "Retail" });
    const result = match([retail, banking], request({ industry: "fintech" }));
    expect(emails(result)).toEqual(["banking@example.com", "retail@example.com"]);
  });

  it("flags champions with no Slack ID so the lead knows to reach out", () => {
    expect(match([champion({ slackUserId: null })]).candidates[0]?.flags).toContain("no_slack_id");
  });
});

describe("learning from answers", () => {
  const answered = (
    activityType: "reference_call" | "panel",
    answer: "accepted" | "declined",
    daysAgo: number,
  ) => ({ activityType, answer, date: addDays(TODAY, -daysAgo) });
  // Two duty-driven champions alike in every way but their answers (load included: answers alone).
  const learner = champion({
    email: "learner@example.com",
    answers: [
      answered("reference_call", "declined", 5),
      answered("panel", "accepted", 12),
      answered("reference_call", "declined", 20),
      answered("panel", "accepted", 40),
    ],
  });
  const peer = champion({ email: "peer@example.com" });
  const byEmail = (result: ReturnType<typeof match>) =>
    Object.fromEntries(result.candidates.map((c) => [c.email, c]));

  it("offers a panel to someone who declined calls and accepted panels, a call to their peer", () => {
    const result = byEmail(match([learner, peer], request({ activities: ["reference_call", "panel"] })));
    expect(result["learner@example.com"]?.activity).toBe("panel");
    expect(result["peer@example.com"]?.activity).toBe("reference_call");
  });

  it("ranks them above the peer on a panel request and below on a call request", () => {
    const panel = match([peer, learner], request({ activities: ["panel"] }));
    expect(emails(panel)).toEqual(["learner@example.com", "peer@example.com"]);
    expect(panel.candidates[0]?.score).toBeGreaterThan(panel.candidates[1]?.score ?? 1);

    const call = match([learner, peer], request({ activities: ["reference_call"] }));
    expect(emails(call)).toEqual(["peer@example.com", "learner@example.com"]);
    expect(call.candidates[0]?.score).toBeGreaterThan(call.candidates[1]?.score ?? 1);
  });

  it("says so in the reasons, only when they have answers about the activities asked for", () => {
    const result = byEmail(match([learner, peer], request({ activities: ["reference_call", "panel"] })));
    expect(result["learner@example.com"]?.reasons).toContain(
      "declined both reference calls, accepted both panels",
    );
    expect(result["peer@example.com"]?.reasons.join(" ")).not.toMatch(/accepted|declined/);
    const webinar = match([learner], request({ activities: ["webinar"] }));
    expect(webinar.candidates[0]?.reasons.join(" ")).not.toMatch(/accepted|declined/);
  });
});

describe("spread and an honest yes-probability", () => {
  const fields = request({ industry: "fintech", region: "EMEA", persona: "CFO" });
  const askedOn = (...daysAgo: number[]) => daysAgo.map((days) => addDays(TODAY, -days));

  it("ranks someone asked last week below a fresh champion whose fit is a few points lower", () => {
    const askedLately = champion({ name: "Dana Busy", asks: askedOn(6) });
    const fresh = champion({ name: "Omar Fresh", companySize: "mid" });
    const result = match([askedLately, fresh], request({ ...fields, company_size: "enterprise" }));
    expect(result.candidates.map((c) => c.name)).toEqual(["Omar Fresh", "Dana Busy"]);
    expect(result.candidates[1]?.fit).toBeGreaterThan(result.candidates[0]?.fit ?? 1);
    expect(result.candidates[1]?.reasons.at(-1)).toBe(
      "ranked below Omar Fresh despite a closer fit: Omar was asked less lately",
    );
  });

  it("lets an ask fade: one from months ago no longer outweighs a closer fit", () => {
    const askedLongAgo = champion({ name: "Dana Rested", asks: askedOn(200) });
    const looser = champion({ name: "Omar Looser", companySize: "mid" });
    const result = match([askedLongAgo, looser], request({ ...fields, company_size: "enterprise" }));
    expect(result.candidates[0]?.name).toBe("Dana Rested");
  });

  it("tells the yes-probability with each candidate, lower for someone asked often this quarter", () => {
    const [rested] = match([champion()], fields).candidates;
    const [tired] = match([champion({ asks: askedOn(10, 30, 50) })], fields).candidates;
    expect(rested?.yes).toBeGreaterThan(0);
    expect(rested?.yes).toBeLessThan(1);
    expect(tired?.yes).toBeLessThan((rested?.yes ?? 0) - 0.1);
  });

  it("calibrates every prior on the program's own answers: a roster that mostly says no is predicted so", () => {
    const declined = (index: number) => ({
      activityType: "reference_call" as const,
      answer: index % 5 === 0 ? ("accepted" as const) : ("declined" as const),
      date: addDays(TODAY, -100 - (index % 30)),
    });
    const reluctantRoster = Array.from({ length: 300 }, (_, index) =>
      champion({ email: `r${index}@example.com`, answers: [declined(index)], asks: [declined(index).date] }),
    );
    const newcomer = champion({ email: "new@example.com" });
    const alone = match([newcomer], fields).candidates[0]?.yes ?? 0;
    const amongReluctant = matchChampions(fields, prepareRoster([...reluctantRoster, newcomer], NOW), {
      ...options(),
      limit: 400,
    }).candidates.find((candidate) => candidate.email === "new@example.com")?.yes;
    expect(amongReluctant).toBeLessThan(alone - 0.15);
  });
});
