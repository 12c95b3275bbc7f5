import { describe, expect, it } from "vitest";
import { parseRequest } from "../../../src/core/parser/request-parser";

// Phrasings found missing by the evaluation set (test/fixtures/messages.jsonl), one rule each.
// Monday 23 November 2026: Thanksgiving is Thursday the 26th.
const now = new Date("2026-11-23T15:00:00Z");
const products = ["Payments API", "Billing", "Fraud Shield", "Data Warehouse", "Analytics"];
const parse = (text: string) => parseRequest(text, { now, products });

describe("deadlines", () => {
  it.each([
    ["need a ref for Acme before Thanksgiving", "2026-11-25"],
    ["need a ref for Acme by Thanksgiving", "2026-11-26"],
    ["need a ref for Acme before Christmas", "2026-12-24"],
    ["need a ref for Acme by xmas eve", "2026-12-24"],
    ["need a ref for Acme before the new year", "2026-12-31"],
    ["case study before end of quarter please", "2026-12-31"],
    ["need a ref for Acme before EOY", "2026-12-31"],
    ["need a ref for Acme before Dec 15", "2026-12-14"],
    ["need a CTO to talk to Shopwise before their board meeting on Dec 7", "2026-12-06"],
    ["need a ref for Acme, decision in 2 weeks", "2026-12-07"],
    ["reference call for Acme needed by March", "2027-03-01"],
    ["need a CFO for Acme before February", "2027-01-31"],
    ["ref for Acme, deadline: March", "2027-03-01"],
  ])("%s → %s", (text, deadline) => {
    expect(parse(text).request.deadline).toBe(deadline);
  });

  it.each([
    "who's a good customer for a 15 min call with Acme's CFO?",
    "Globex wants to speak with someone who rolled out Fraud Shield in under 90 days",
  ])("a length of time is no deadline: %s", (text) => {
    expect(parse(text).request.deadline).toBeNull();
  });

  it.each([
    "any telco customers on Analytics willing to present at our user conference in March?",
    "Looking for a customer in Japan to present with us at the Tokyo summit in Feb",
  ])("a month alone says when, not by when: %s", (text) => {
    expect(parse(text).request.deadline).toBeNull();
  });
});

describe("activities", () => {
  it("reads talking as a reference call only when no other activity is named", () => {
    expect(parse("a reporter wants to talk to a customer using Fraud Shield").request.activities).toEqual([
      "press_quote",
    ]);
    expect(parse("Acme wants to talk to a customer using Fraud Shield").request.activities).toEqual([
      "reference_call",
    ]);
    expect(parse("Initech wants to hear from a peer").request.activities).toEqual(["reference_call"]);
  });

  it.each([
    ["can someone set up a quick zoom with Wayne's procurement?", "reference_call"],
    ["anybody who'd get on the phone with Fairview?", "reference_call"],
    ["a customer to co-present with us at re:Invent", "conference_talk"],
    ["would a logistics customer do a site tour for Atlas?", "site_visit"],
  ])("%s → %s", (text, activity) => {
    expect(parse(text).request.activities).toContain(activity);
  });

  it("does not take a procurement review for a customer review", () => {
    expect(parse("two references for Wayne's procurement review").request.activities).not.toContain("review");
  });
});

describe("fields", () => {
  it.each([
    ["need a ref for Globex, fin serv, 5k employees", { industry: "banking", company_size: "enterprise" }],
    ["any hc customers on Billing?", { industry: "healthcare" }],
    ["someone senior at a utility", { industry: "energy" }],
    ["a media customer for a quote", { industry: "media" }],
    ["need a reference for Globex. eu. midmarket", { region: "EMEA", company_size: "mid" }],
    ["a payer in the Southeast", { region: "NA" }],
    ["a retailer in Southeast Asia", { region: "APAC" }],
    ["prospect is Wonka (~800 ppl)", { company_size: "mid" }],
    ["a ref in the nonprofit space, small org", { company_size: "smb" }],
  ])("%s", (text, fields) => {
    expect(parse(text).request).toMatchObject(fields);
  });

  it.each([
    ["give Globex a reference call with an insurer", "Globex"],
    ["Quick Q Globex is asking to speak with a retail customer", "Globex"],
    ["Harrow & Finch want a peer call about Analytics", "Harrow & Finch"],
    ["is there a customer who'd host Initech for a site visit?", "Initech"],
    ["a CFO who'd vouch for Billing to Hooli", "Hooli"],
    ["Initech's board wants to hear from 2 customers", "Initech"],
    ["Acme Bank is in final round and asked for a customer", "Acme Bank"],
    ["PM team is looking for 5 customers to give product feedback", null],
    ["Looking for 3-4 customers for a user group meetup", null],
  ])("prospect of %s", (text, prospect) => {
    expect(parse(text).request.prospect_company).toBe(prospect);
  });
});

describe("is it a request?", () => {
  it.each([
    "could use a reference from an energy company for the Voltaic deal",
    "need advisory board members: CIOs from large banks",
    "give Initech a quick call with someone from a bank?",
    "Globex Health asked whether we have any hospitals on Data Warehouse they could talk to",
    "Would a bank in the Gulf region take a call with Emirates Trust?",
    "hiya, Initech requested a reference from a company their size in fintech",
    "ref pls — Acme Freight, logistics, ~300 employees, Texas",
    "need a ref for Acme, they're stuck in MSA redlines",
  ])("yes: %s", (text) => {
    expect(parse(text).isRequest).toBe(true);
  });

  it.each([
    "need a ref architecture for Payments API for the Globex deal",
    "need a ride to the airport after the summit, anyone?",
    "can we get a champion's gift sent to Dana? she did 3 calls this month",
    "anyone have a good reference for a contract lawyer? personal thing",
    "need someone to cover my booth shift at the conference Wednesday",
    "who can talk to the press about our Series C?",
    "we need to get better at asking for references earlier in the cycle",
    "Initech is asking for a security review call with our CISO",
    "does anyone have the slides from the healthcare CIO panel?",
    "does anyone have a contact at Initech? trying to get a meeting with their CFO",
    "can someone walk me through how to submit a reference request in the new tool?",
    "Need someone to proofread the case study before it goes to legal",
    "please shadow a reference call this week if you can",
  ])("no: %s", (text) => {
    expect(parse(text).isRequest).toBe(false);
  });
});
