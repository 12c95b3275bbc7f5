import { describe, expect, it } from "vitest";
import type { Region } from "../../../src/core/domain";
import {
  INDUSTRIES,
  industriesRelated,
  industryLabel,
  normalizeIndustry,
} from "../../../src/core/vocabulary/industries";
import { findPlaces, regionOfPlace, regionOfTimezone } from "../../../src/core/vocabulary/regions";
import { classifyRole, type RoleFunction, type RoleLevel } from "../../../src/core/vocabulary/roles";

describe("industries", () => {
  it.each([
    ["Financial Services", "banking"],
    ["Health care", "healthcare"],
    ["Healthcare", "healthcare"],
    ["hospital", "healthcare"],
    ["Fintech", "fintech"],
    ["neobank", "fintech"],
    ["E-commerce", "ecommerce"],
    ["Pharma", "life_sciences"],
    ["SaaS", "software"],
    ["Media", "media"],
    ["Oil & Gas", "energy"],
    ["city council", "public_sector"],
    ["Government", "public_sector"],
    ["non-profit", "nonprofit"],
    ["CPG", "consumer_goods"],
    ["a regional credit union", "banking"],
    ["public_sector", "public_sector"],
    ["Knitting", null],
    ["", null],
  ])("normalizes %j to %j", (text, key) => {
    expect(normalizeIndustry(text)).toBe(key);
  });

  it("has about 25 industries, each with synonyms and known related keys", () => {
    const keys = Object.keys(INDUSTRIES);
    expect(keys.length).toBeGreaterThanOrEqual(25);
    for (const industry of Object.values(INDUSTRIES)) {
      expect(industry.synonyms.length).toBeGreaterThan(0);
      for (const related of industry.related) expect(keys).toContain(related);
    }
  });

  it.each([
    ["fintech", "banking", true],
    ["banking", "fintech", true],
    ["banking", "insurance", true],
    ["healthcare", "life_sciences", true],
    ["consumer_goods", "retail", true],
    ["ecommerce", "retail", true],
    ["transportation", "logistics", true],
    ["Fintech", "Banking", true],
    ["retail", "banking", false],
    ["healthcare", "unknown", false],
  ])("%s and %s related: %s", (a, b, related) => {
    expect(industriesRelated(a, b)).toBe(related);
  });

  it("labels keys for people", () => {
    expect(industryLabel("public_sector")).toBe("Public Sector");
    expect(industryLabel("life_sciences")).toBe("Life Sciences");
    expect(industryLabel("not-a-key")).toBe("not-a-key");
  });
});

describe("regions", () => {
  it.each<[string, Region | null]>([
    ["Chicago", "NA"],
    ["São Paulo", "LATAM"],
    ["Sao Paulo", "LATAM"],
    ["Bengaluru", "APAC"],
    ["Bangalore", "APAC"],
    ["Munich", "EMEA"],
    ["US", "NA"],
    ["USA", "NA"],
    ["U.S.", "NA"],
    ["UK", "EMEA"],
    ["UAE", "EMEA"],
    ["Mexico", "LATAM"],
    ["Mexico City", "LATAM"],
    ["Ontario", "NA"],
    ["Texas", "NA"],
    ["Europe", "EMEA"],
    ["DACH", "EMEA"],
    ["the Nordics", "EMEA"],
    ["Benelux", "EMEA"],
    ["Middle East", "EMEA"],
    ["ANZ", "APAC"],
    ["Asia", "APAC"],
    ["Southeast Asia", "APAC"],
    ["LatAm", "LATAM"],
    ["Latin America", "LATAM"],
    ["North America", "NA"],
    ["East Coast", "NA"],
    ["West Coast", "NA"],
    ["Chicago, IL", "NA"],
    ["based in Bengaluru", "APAC"],
    ["Remote - US", "NA"],
    ["Lagos", "EMEA"],
    ["New Zealand", "APAC"],
    ["Atlantis", null],
  ])("places %j in %j", (place, region) => {
    expect(regionOfPlace(place)).toBe(region);
  });

  it("finds each place in a sentence, the longest name first, never joining names across a comma", () => {
    const places = (text: string) => findPlaces(text).map(({ name, region }) => [name, region]);
    expect(places("customers in New York City and São Paulo")).toEqual([
      ["new york city", "NA"],
      ["sao paulo", "LATAM"],
    ]);
    expect(places("St. Louis or Mexico, Texas")).toEqual([
      ["st louis", "NA"],
      ["mexico", "LATAM"],
      ["texas", "NA"],
    ]);
    // Accented words fold as the names do ("Zürich" is "zurich"); the others start no name.
    expect(places("Ärzte in Zürich")).toEqual([["zurich", "EMEA"]]);
  });

  it("reads lowercase short codes only as a whole value, not inside sentences", () => {
    expect(regionOfPlace("us")).toBe("NA");
    expect(regionOfPlace("can someone help us")).toBeNull();
    expect(regionOfPlace("ask Jordan about it")).toBeNull();
    expect(regionOfPlace("a customer in Jordan")).toBe("EMEA");
  });

  it.each<[string, Region | null]>([
    ["America/Chicago", "NA"],
    ["America/Toronto", "NA"],
    ["America/Indiana/Indianapolis", "NA"],
    ["America/Sao_Paulo", "LATAM"],
    ["America/Mexico_City", "LATAM"],
    ["America/Argentina/Buenos_Aires", "LATAM"],
    ["Europe/Berlin", "EMEA"],
    ["Africa/Nairobi", "EMEA"],
    ["Asia/Dubai", "EMEA"],
    ["Asia/Kolkata", "APAC"],
    ["Asia/Tokyo", "APAC"],
    ["Australia/Sydney", "APAC"],
    ["Pacific/Auckland", "APAC"],
    ["Pacific/Honolulu", "NA"],
    ["UTC", null],
  ])("places time zone %s in %j", (zone, region) => {
    expect(regionOfTimezone(zone)).toBe(region);
  });
});

describe("roles", () => {
  it.each<[string, string, RoleFunction, RoleLevel]>([
    ["CFO", "CFO", "finance", "c_level"],
    ["a CISO", "CISO", "security", "c_level"],
    ["Chief Financial Officer", "CFO", "finance", "c_level"],
    ["Chief Information Officer", "CIO", "it", "c_level"],
    ["Chief People Officer", "CHRO", "hr", "c_level"],
    ["Co-founder & CEO", "CEO", "executive", "c_level"],
    ["VP of Engineering", "VP Engineering", "engineering", "vp"],
    ["SVP, Global Engineering", "VP Engineering", "engineering", "vp"],
    ["VP Finance", "VP Finance", "finance", "vp"],
    ["head of data", "Head of Data", "data", "vp"],
    ["Head of Payments", "Head of Payments", "finance", "vp"],
    ["IT director", "IT Director", "it", "director"],
    ["Director of IT Infrastructure", "IT Director", "it", "director"],
    ["Director, Information Security", "Security Director", "security", "director"],
    ["controller", "Controller", "finance", "director"],
    ["procurement lead", "Procurement Manager", "procurement", "manager"],
    ["Engineering Manager, Payments Platform", "Engineering Manager", "engineering", "manager"],
    ["RevOps person", "RevOps", "sales", "individual"],
    ["Senior Data Engineer", "Data Engineer", "data", "individual"],
    ["Software Engineer", "Software Engineer", "engineering", "individual"],
    ["VP Product Marketing", "VP Marketing", "marketing", "vp"],
  ])("classifies %j as %s", (title, label, fn, level) => {
    expect(classifyRole(title)).toEqual({ label, function: fn, level });
  });

  it("returns null for text that names no role", () => {
    expect(classifyRole("Acme")).toBeNull();
    expect(classifyRole("Umbrella Health")).toBeNull();
    expect(classifyRole("someone")).toBeNull();
    expect(classifyRole("")).toBeNull();
  });
});
