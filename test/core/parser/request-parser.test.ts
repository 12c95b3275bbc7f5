import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RequestFields } from "../../../src/core/domain";
import { PERSONA_PATTERNS, parseRequest } from "../../../src/core/parser/request-parser";

// Monday 23 November 2026: "Friday" is 27 Nov, "next week" ends Friday 4 Dec, end of quarter is 31 Dec.
const now = new Date("2026-11-23T10:00:00Z");
const products = ["Payments API", "Billing", "Fraud Shield", "Data Warehouse", "Analytics"];
const parse = (text: string) => parseRequest(text, { now, products });

interface Row {
  text: string;
  isRequest: boolean;
  /** The fields the message names; every one listed is asserted exactly. */
  fields?: Partial<RequestFields>;
}

const requests: Row[] = [
  {
    text: "does anyone have a healthcare CFO who could talk to Acme?",
    isRequest: true,
    fields: {
      prospect_company: "Acme",
      industry: "healthcare",
      persona: "CFO",
      activities: ["reference_call"],
      deadline: null,
    },
  },
  {
    text: "need a reference for Globex, fintech, EMEA, by Friday",
    isRequest: true,
    fields: { prospect_company: "Globex", industry: "fintech", region: "EMEA", deadline: "2026-11-27" },
  },
  {
    text: "Looking for a happy customer in retail to speak with our prospect",
    isRequest: true,
    fields: { prospect_company: null, industry: "retail", activities: ["reference_call"] },
  },
  {
    text: "can we get a customer on a panel for the Initech deal?",
    isRequest: true,
    fields: { prospect_company: "Initech", activities: ["panel"] },
  },
  {
    text: "who could do a quick call with a CISO at Umbrella?",
    isRequest: true,
    fields: { prospect_company: "Umbrella", persona: "CISO", activities: ["reference_call"] },
  },
  {
    text: "any banking customers willing to vouch for us with Wayne Enterprises?",
    isRequest: true,
    fields: {
      prospect_company: "Wayne Enterprises",
      industry: "banking",
      company_size: null,
      activities: ["reference_call"],
    },
  },
  {
    text: "Initech is asking for a reference",
    isRequest: true,
    fields: { prospect_company: "Initech", industry: null, region: null },
  },
  {
    text: "prospect: Umbrella Health — 2,000 employees, Chicago HQ. Need a VP of Engineering on the Payments API before March 3",
    isRequest: true,
    fields: {
      prospect_company: "Umbrella Health",
      // Nothing else names an industry: the prospect's name does.
      industry: "healthcare",
      company_size: "enterprise",
      region: "NA",
      persona: "VP Engineering",
      products: ["Payments API"],
      deadline: "2027-03-02",
    },
  },
  {
    text: "deal with Stark Industries needs a Fortune 500 reference on Fraud Shield by end of month",
    isRequest: true,
    fields: {
      prospect_company: "Stark Industries",
      company_size: "enterprise",
      products: ["Fraud Shield"],
      deadline: "2026-11-30",
    },
  },
  {
    text: "need a ref for acme asap, they're a 500-person logistics co in Germany",
    isRequest: true,
    fields: {
      prospect_company: "acme",
      company_size: "mid",
      industry: "logistics",
      region: "EMEA",
      deadline: null,
    },
  },
  {
    text: "Anyone have a fintech customer in São Paulo who uses PaymentsAPI and could hop on a call with Hooli next week?",
    isRequest: true,
    fields: {
      prospect_company: "Hooli",
      industry: "fintech",
      region: "LATAM",
      products: ["Payments API"],
      activities: ["reference_call"],
      deadline: "2026-12-04",
    },
  },
  {
    text: "Hi team 👋 we're in a competitive eval at Globex Corp (insurance, ~5k employees, UK). Could anyone line up an IT director to share their experience with Data Warehouse? Ideally by EOW 🙏",
    isRequest: true,
    fields: {
      prospect_company: "Globex Corp",
      industry: "insurance",
      company_size: "enterprise",
      region: "EMEA",
      persona: "IT Director",
      products: ["Data Warehouse"],
      activities: ["reference_call"],
      deadline: "2026-11-27",
    },
  },
  {
    text: "need a CFO reference for Soylent, mid-market retail, in two weeks",
    isRequest: true,
    fields: {
      prospect_company: "Soylent",
      company_size: "mid",
      industry: "retail",
      persona: "CFO",
      deadline: "2026-12-07",
    },
  },
  {
    text: "Looking for a customer to do a case study with us — ideally healthcare, NA, using Analytics",
    isRequest: true,
    fields: {
      prospect_company: null,
      industry: "healthcare",
      region: "NA",
      products: ["Analytics"],
      activities: ["case_study"],
    },
  },
  {
    text: "Can we find a champion to speak at our user conference in Austin? Topic: fraud in ecommerce",
    isRequest: true,
    fields: {
      prospect_company: null,
      region: "NA",
      industry: "ecommerce",
      activities: ["conference_talk"],
    },
  },
  {
    text: "Is there a banking customer who'd join a webinar on Fraud Shield with the Massive Dynamic team on Dec 10?",
    isRequest: true,
    fields: {
      prospect_company: "Massive Dynamic",
      industry: "banking",
      products: ["Fraud Shield"],
      activities: ["webinar"],
      deadline: "2026-12-10",
    },
  },
  {
    text: "looking for a peer at a large bank to join a roundtable dinner w/ our prospect Northwind in London",
    isRequest: true,
    fields: {
      prospect_company: "Northwind",
      company_size: "enterprise",
      industry: "banking",
      region: "EMEA",
      activities: ["peer_event"],
    },
  },
  {
    text: "Anyone up for a G2 review? Need 3 happy Billing customers by Q1",
    isRequest: true,
    fields: { products: ["Billing"], activities: ["review"], deadline: "2027-03-31", prospect_company: null },
  },
  {
    text: "Need a fintech customer in APAC for a press quote — a journalist is writing about fraud, deadline Thursday",
    isRequest: true,
    fields: { industry: "fintech", region: "APAC", activities: ["press_quote"], deadline: "2026-11-26" },
  },
  {
    text: "Does anyone have a manufacturing customer in Ohio who'd host a site visit for Vandelay Industries?",
    isRequest: true,
    fields: {
      prospect_company: "Vandelay Industries",
      industry: "manufacturing",
      region: "NA",
      activities: ["site_visit"],
    },
  },
  {
    text: "We need a CIO for our customer advisory board — enterprise, DACH",
    isRequest: true,
    fields: {
      persona: "CIO",
      company_size: "enterprise",
      region: "EMEA",
      activities: ["advisory_board"],
      prospect_company: null,
    },
  },
  {
    text: "Can we get 2-3 customers for product feedback sessions on the new Billing flows?",
    isRequest: true,
    fields: { products: ["Billing"], activities: ["product_feedback"] },
  },
  {
    text: "who'd be up for a CAB seat? looking for a Head of Data at a SaaS company",
    isRequest: true,
    fields: {
      persona: "Head of Data",
      industry: "software",
      activities: ["advisory_board"],
      prospect_company: null,
    },
  },
  {
    text: "any retail champions in the Nordics who could present on a panel at NRF with Globex?",
    isRequest: true,
    fields: { prospect_company: "Globex", industry: "retail", region: "EMEA", activities: ["panel"] },
  },
  {
    text: "ref request: Tyrell Corp, CTO persona, enterprise, APAC, Data Warehouse + Analytics, by 12/15",
    isRequest: true,
    fields: {
      prospect_company: "Tyrell Corp",
      persona: "CTO",
      company_size: "enterprise",
      region: "APAC",
      products: ["Data Warehouse", "Analytics"],
      deadline: "2026-12-15",
    },
  },
  {
    text: "Hey! Sales here - Pied Piper wants to talk to another startup using Fraud Shield before they sign. Anyone?",
    isRequest: true,
    fields: {
      prospect_company: "Pied Piper",
      company_size: "smb",
      products: ["Fraud Shield"],
      activities: ["reference_call"],
    },
  },
  {
    text: "lf a CFO at a mid-size insurer, 1:1 call w/ Oscorp, thx",
    isRequest: true,
    fields: {
      prospect_company: "Oscorp",
      persona: "CFO",
      company_size: "mid",
      industry: "insurance",
      activities: ["reference_call"],
      deadline: null,
    },
  },
  {
    text: "URGENT: need someone from an ecommerce company who has rolled out Billing to speak with Dunder Mifflin's procurement team tomorrow",
    isRequest: true,
    fields: {
      prospect_company: "Dunder Mifflin",
      industry: "ecommerce",
      products: ["Billing"],
      activities: ["reference_call"],
      deadline: "2026-11-24",
    },
  },
  {
    text: "Any customers in Toronto or Vancouver on Analytics? Prospect (Contoso) wants a reference call this week",
    isRequest: true,
    fields: {
      prospect_company: "Contoso",
      region: "NA",
      products: ["Analytics"],
      activities: ["reference_call"],
      deadline: "2026-11-27",
    },
  },
  {
    text: "Reference request\nProspect: Fabrikam\nIndustry: Healthcare\nRegion: APAC\nPersona: Chief Information Officer\nActivity: reference call or webinar\nDue: Dec 1",
    isRequest: true,
    fields: {
      prospect_company: "Fabrikam",
      industry: "healthcare",
      region: "APAC",
      persona: "CIO",
      activities: ["reference_call", "webinar"],
      deadline: "2026-12-01",
    },
  },
  {
    text: "could someone connect me with a customer who can vouch for Fraud Shield? Umbrella Health's CISO is skeptical",
    isRequest: true,
    fields: {
      prospect_company: "Umbrella Health",
      persona: "CISO",
      products: ["Fraud Shield"],
      activities: ["reference_call"],
      industry: "healthcare",
    },
  },
  {
    // What the message says beats what the prospect's name suggests.
    text: "need a fintech customer for Acme Bank to talk about Payments API",
    isRequest: true,
    fields: { prospect_company: "Acme Bank", industry: "fintech", products: ["Payments API"] },
  },
  {
    text: "need a peer for Hooli's VP Finance — someone at a ~300 person SaaS co who moved off spreadsheets",
    isRequest: true,
    fields: { prospect_company: "Hooli", persona: "VP Finance", company_size: "mid", industry: "software" },
  },
  {
    text: "Wondering if we have any healthcare references in LatAm — Cyberdyne is evaluating us vs. a competitor",
    isRequest: true,
    fields: { prospect_company: "Cyberdyne", industry: "healthcare", region: "LATAM" },
  },
  {
    text: "Can anyone help? Looking for a COO at a logistics company (5000+ staff) for a reference call with Blue Yonder Airlines by next Friday",
    isRequest: true,
    fields: {
      prospect_company: "Blue Yonder Airlines",
      persona: "COO",
      industry: "logistics",
      company_size: "enterprise",
      activities: ["reference_call"],
      deadline: "2026-12-04",
    },
  },
  {
    text: "happy to buy lunch for any Fintech CFO who'll hop on a 30 min call with Gringotts 🙂",
    isRequest: true,
    fields: {
      prospect_company: "Gringotts",
      industry: "fintech",
      persona: "CFO",
      activities: ["reference_call"],
    },
  },
  {
    text: "Need: 1 customer (banking, enterprise, US) to do a reference call with Acme Bank's CTO. Deadline Friday.",
    isRequest: true,
    fields: {
      prospect_company: "Acme Bank",
      industry: "banking",
      company_size: "enterprise",
      region: "NA",
      persona: "CTO",
      activities: ["reference_call"],
      deadline: "2026-11-27",
    },
  },
  {
    text: "pls find me a champion in Australia or NZ for a Data Warehouse case study, Initech wants proof",
    isRequest: true,
    fields: {
      prospect_company: "Initech",
      region: "APAC",
      products: ["Data Warehouse"],
      activities: ["case_study"],
    },
  },
  {
    text: "Who's a good reference for a public sector deal? State agency in Texas, evaluating Analytics",
    isRequest: true,
    fields: { industry: "public_sector", region: "NA", products: ["Analytics"], prospect_company: null },
  },
  {
    text: "do we have any edtech customers (universities ideally) who could speak to Hogwarts about Billing?",
    isRequest: true,
    fields: {
      prospect_company: "Hogwarts",
      industry: "education",
      products: ["Billing"],
      activities: ["reference_call"],
    },
  },
  {
    text: "Need someone running RevOps at a mid-market company to talk shop with Globex, ideally someone on Analytics",
    isRequest: true,
    fields: {
      prospect_company: "Globex",
      persona: "RevOps",
      company_size: "mid",
      products: ["Analytics"],
    },
  },
  {
    text: "RevOps person at a fintech who can vouch for Billing? Prospect = Stark Industries",
    isRequest: true,
    fields: {
      prospect_company: "Stark Industries",
      persona: "RevOps",
      industry: "fintech",
      products: ["Billing"],
      activities: ["reference_call"],
    },
  },
  {
    text: "can we get a head of data from a telco to do a joint webinar for Globex on Jan 15?",
    isRequest: true,
    fields: {
      prospect_company: "Globex",
      persona: "Head of Data",
      industry: "telecom",
      activities: ["webinar"],
      deadline: "2027-01-15",
    },
  },
  {
    text: "Anyone know a Director of IT Infrastructure at a hospital who'd do a reference call? Prospect is Mercy Health, 12k employees",
    isRequest: true,
    fields: {
      prospect_company: "Mercy Health",
      persona: "IT Director",
      industry: "healthcare",
      company_size: "enterprise",
      activities: ["reference_call"],
    },
  },
  {
    text: "need 1 small-business customer (under 50 employees) on Billing to chat with a bakery chain prospect, Sweet Treats",
    isRequest: true,
    fields: {
      prospect_company: "Sweet Treats",
      company_size: "smb",
      products: ["Billing"],
      activities: ["reference_call"],
    },
  },
  {
    text: "help! Massive Dynamic's CFO wants to hear from another controller — enterprise manufacturing, Midwest",
    isRequest: true,
    fields: {
      prospect_company: "Massive Dynamic",
      persona: "CFO",
      company_size: "enterprise",
      industry: "manufacturing",
      region: "NA",
    },
  },
  {
    text: "Could one of our Fraud Shield customers in India join a panel at our Mumbai summit for Initech?",
    isRequest: true,
    fields: {
      prospect_company: "Initech",
      region: "APAC",
      products: ["Fraud Shield"],
      activities: ["panel", "conference_talk"],
    },
  },
  {
    text: "Is there a COO in the Benelux who could give the Globex team a quick reference call? 🙏",
    isRequest: true,
    fields: { prospect_company: "Globex", persona: "COO", region: "EMEA", activities: ["reference_call"] },
  },
  {
    text: "Need a reference by tomorrow for Acme — any APAC customer on Payments API will do",
    isRequest: true,
    fields: {
      prospect_company: "Acme",
      region: "APAC",
      products: ["Payments API"],
      deadline: "2026-11-24",
    },
  },
  {
    text: "anyone have a CMO in consumer goods, 1000-5000 employees, willing to be on a webinar with Soylent Corp's marketing team?",
    isRequest: true,
    fields: {
      prospect_company: "Soylent Corp",
      persona: "CMO",
      industry: "consumer_goods",
      company_size: "enterprise",
      activities: ["webinar"],
    },
  },
  {
    text: "fyi need a reference for Initech. EMEA, banking, CFO pref. Not urgent, end of quarter is fine",
    isRequest: true,
    fields: {
      prospect_company: "Initech",
      region: "EMEA",
      industry: "banking",
      persona: "CFO",
      deadline: "2026-12-31",
    },
  },
  {
    text: "Hooli asked for a reference customer, can anyone help? They're 200 people, Seattle-based, using Billing + Payments API",
    isRequest: true,
    fields: {
      prospect_company: "Hooli",
      company_size: "mid",
      region: "NA",
      products: ["Billing", "Payments API"],
    },
  },
  {
    text: "need a healthcare cio for a ref call with globex by thursday",
    isRequest: true,
    fields: {
      prospect_company: "globex",
      industry: "healthcare",
      persona: "CIO",
      activities: ["reference_call"],
      deadline: "2026-11-26",
    },
  },
  {
    text: "anyone hve a cutomer in insurance who could speak w/ Acme? thx",
    isRequest: true,
    fields: { prospect_company: "Acme", industry: "insurance", activities: ["reference_call"] },
  },
  {
    text: "Looking for an advocate for a G2 review push + possibly a Gartner Peer Insights review: mid-size retail, Fraud Shield",
    isRequest: true,
    fields: {
      company_size: "mid",
      industry: "retail",
      products: ["Fraud Shield"],
      activities: ["review"],
      prospect_company: null,
    },
  },
  {
    text: "Wayne Enterprises needs to see it live. Any logistics customer open to a site visit near Chicago?",
    isRequest: true,
    fields: {
      prospect_company: "Wayne Enterprises",
      industry: "logistics",
      region: "NA",
      activities: ["site_visit"],
    },
  },
  {
    text: "Can we line up a customer dinner in NYC with Globex's CTO? Looking for 2-3 champions in software",
    isRequest: true,
    fields: {
      prospect_company: "Globex",
      persona: "CTO",
      region: "NA",
      industry: "software",
      activities: ["peer_event"],
    },
  },
  {
    text: "Need a reference ASAP: Acme Corp, 10,000+ employees, Financial Services, East Coast",
    isRequest: true,
    fields: {
      prospect_company: "Acme Corp",
      company_size: "enterprise",
      industry: "banking",
      region: "NA",
      deadline: null,
    },
  },
  {
    text: "Our prospect Globex Pharma is nervous about the migration. Any life sciences customer who could share their experience with Data Warehouse?",
    isRequest: true,
    fields: {
      prospect_company: "Globex Pharma",
      industry: "life_sciences",
      products: ["Data Warehouse"],
      activities: ["reference_call"],
    },
  },
  {
    text: "*Ref needed* :pray: <@U024BE7LH> can we find a Senior Data Engineer at a startup for a usability session with <https://acme.example|Acme>?",
    isRequest: true,
    fields: {
      prospect_company: "Acme",
      persona: "Data Engineer",
      company_size: "smb",
      activities: ["product_feedback"],
    },
  },
  {
    text: "Would any of our Singapore customers do a case study + press release quote? Prospect is Nakatomi Trading, they want proof before the 15th",
    isRequest: true,
    fields: {
      prospect_company: "Nakatomi Trading",
      region: "APAC",
      activities: ["case_study", "press_quote"],
      deadline: "2026-12-14",
    },
  },
  {
    text: "need a procurement lead who bought Billing to talk to Tailspin Toys' sourcing team, $2B revenue retailer, by end of next week",
    isRequest: true,
    fields: {
      prospect_company: "Tailspin Toys",
      persona: "Procurement Manager",
      products: ["Billing"],
      company_size: "enterprise",
      industry: "retail",
      activities: ["reference_call"],
      deadline: "2026-12-04",
    },
  },
  {
    text: "Hey Team Initech is asking for a reference",
    isRequest: true,
    fields: { prospect_company: "Initech" },
  },
  {
    text: "Quick Q: Globex wants a reference from a bank",
    isRequest: true,
    fields: { prospect_company: "Globex", industry: "banking" },
  },
  {
    text: "Need someone who has used Billing to talk to Acme",
    isRequest: true,
    fields: { prospect_company: "Acme", products: ["Billing"], activities: ["reference_call"] },
  },
  {
    text: "need a ref for the Globex opp, 24/7 ops team, CTO",
    isRequest: true,
    fields: { prospect_company: "Globex", persona: "CTO", deadline: null },
  },
  {
    text: "Has anyone got a champion at a credit union? Need them for a roundtable w/ First National",
    isRequest: true,
    fields: { prospect_company: "First National", industry: "banking", activities: ["peer_event"] },
  },
  {
    text: "reference needed for Bank of America - CFO, enterprise banking, by Dec 5",
    isRequest: true,
    fields: {
      prospect_company: "Bank of America",
      region: null,
      persona: "CFO",
      company_size: "enterprise",
      industry: "banking",
      deadline: "2026-12-05",
    },
  },
  {
    text: "is there someone on Fraud Shield who could do a reference for Umbrella? they're a large hospital system",
    isRequest: true,
    fields: {
      prospect_company: "Umbrella",
      products: ["Fraud Shield"],
      industry: "healthcare",
      company_size: "enterprise",
      activities: ["reference_call"],
    },
  },
  {
    text: "We're pitching to a German automaker next month, need an automotive reference",
    isRequest: true,
    fields: { industry: "automotive", region: "EMEA", deadline: "2026-12-31", prospect_company: null },
  },
  {
    text: "Any Data Warehouse customers in Canada who'd present at our user conference? Need a name by mid-December",
    isRequest: true,
    fields: {
      region: "NA",
      products: ["Data Warehouse"],
      activities: ["conference_talk"],
      deadline: "2026-12-15",
      prospect_company: null,
    },
  },
];

const nearMisses: Row[] = [
  { text: "anyone seen the Acme reference doc?", isRequest: false },
  { text: "the API reference is out of date", isRequest: false },
  { text: "reference architecture for payments?", isRequest: false },
  { text: "thanks for the call yesterday", isRequest: false, fields: { deadline: null } },
  { text: "we had a great webinar last week", isRequest: false, fields: { deadline: null } },
  { text: "can someone review my PR?", isRequest: false },
  { text: "CFO meeting moved to Friday", isRequest: false, fields: { persona: "CFO" } },
  { text: "who owns the Acme account?", isRequest: false },
  { text: "I'll call Acme tomorrow", isRequest: false, fields: { deadline: "2026-11-24" } },
  { text: "see the reference link in the wiki", isRequest: false },
  { text: "Anyone have a customer list for fintech?", isRequest: false },
  {
    text: "Can you send me the Payments API reference docs?",
    isRequest: false,
    fields: { products: ["Payments API"] },
  },
  { text: "Acme signed!! 🎉 huge thanks to everyone who helped", isRequest: false },
  { text: "FYI the webinar recording is posted in #marketing", isRequest: false },
  { text: "What's the status of the Globex renewal?", isRequest: false },
  { text: "The case study draft for Initech is in the drive", isRequest: false },
  { text: "please update the customer references spreadsheet", isRequest: false },
  { text: "Our customer Hooli is churning, can someone look at their tickets?", isRequest: false },
  { text: "Who's presenting at the all-hands on Friday?", isRequest: false },
  { text: "calendar invite for the Acme call is out", isRequest: false },
  { text: "Does anyone know how to reference a Jira ticket in a Slack message?", isRequest: false },
  { text: "Reminder: submit your expense reports by Friday", isRequest: false },
  { text: "any updates on the Stark Industries deal?", isRequest: false },
  { text: "We need to reference the MSA in the Globex contract", isRequest: false },
  { text: "who's joining the customer dinner tonight?", isRequest: false },
  { text: "lunch is here 🍕", isRequest: false, fields: { prospect_company: null, activities: [] } },
  { text: "Great call with Umbrella today, they loved the Fraud Shield demo", isRequest: false },
  { text: "Can someone share the reference customer deck for the board meeting?", isRequest: false },
  { text: "Is the Data Warehouse reference implementation on GitHub?", isRequest: false },
  {
    text: "I'm speaking at a fintech conference in Berlin next week",
    isRequest: false,
    fields: { region: "EMEA", industry: "fintech" },
  },
  { text: "Does anyone have a good reference for learning TypeScript?", isRequest: false },
  { text: "Need someone to call Acme back about their invoice", isRequest: false },
  { text: "Looking for a venue for the customer dinner in London", isRequest: false },
  {
    text: "Can we get a customer success manager assigned to Acme?",
    isRequest: false,
    fields: { persona: "Customer Success Manager" },
  },
];

describe("parseRequest", () => {
  it("has a table of realistic phrasings", () => {
    expect(requests.length + nearMisses.length).toBeGreaterThanOrEqual(70);
    expect(nearMisses.length).toBeGreaterThanOrEqual(20);
  });

  it.each([...requests, ...nearMisses])("$text", ({ text, isRequest, fields }) => {
    const result = parse(text);
    expect(result.isRequest, `confidence ${result.confidence}`).toBe(isRequest);
    if (isRequest) expect(result.confidence).toBeGreaterThanOrEqual(0.5);
    else expect(result.confidence).toBeLessThan(0.5);
    if (fields) expect(result.request).toMatchObject(fields);
  });
});

describe("Slack markup", () => {
  const plain = "need a CFO to talk to Acme by Friday";
  it.each([
    "need a *CFO* to talk to _Acme_ by ~Friday~",
    "need a CFO to talk to Acme by Friday :pray:",
    "need a CFO to talk to Acme by Friday #sales",
    "need a CFO  to talk to\tAcme by   Friday",
    "<@U024BE7LH> need a CFO to talk to Acme by Friday",
    "need a CFO to talk to <https://acme.example|Acme> by Friday",
    "need a CFO to talk to Acme by Friday &amp; thanks",
    "need a CFO to talk to Acme by Friday ‘asap’",
  ])("reads %j as it reads the text without markup", (text) => {
    expect(parse(text).request).toEqual(parse(plain).request);
  });
});

describe("role phrases", () => {
  const WORDS = [
    ..."vp svp Vice vice-president head heads director directors of global the someone anybody a person people folks in from running".split(
      " ",
    ),
    ..."finance it security data engineering sales marketing ops revops hr leader leadership lead manager mgr admin administrator".split(
      " ",
    ),
    ..."exec executive engineer analyst buyer owner guy gal expert specialist practitioner folk persons ſales ſecurity".split(
      " ",
    ),
  ];

  it("finds nothing a phrase's own check says it cannot hold", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), (words) => {
        const text = words.join(" ");
        for (const { pattern, needs } of PERSONA_PATTERNS) {
          const matches = new RegExp(pattern.source, pattern.flags.replace("g", "")).test(text);
          if (needs && matches) expect(needs.test(text)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
