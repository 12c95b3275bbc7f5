import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../../src/cli/io";

describe("reading files", () => {
  it("reads UTF-8, and refuses Latin-1 naming the first line it cannot read", () => {
    expect(decodeUtf8(Buffer.from("name\nZoë\n", "utf8"), "champions.csv")).toBe("name\nZoë\n");
    expect(() => decodeUtf8(Buffer.from("name,company\nZoë,Müller AG\n", "latin1"), "champions.csv")).toThrow(
      /champions\.csv is not UTF-8 text \(line 2 has a character it cannot read[\s\S]*CSV UTF-8/,
    );
  });
});
