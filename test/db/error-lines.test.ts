import { describe, expect, it } from "vitest";
import { describeError } from "../../src/core/errors";
import { champions } from "../../src/db/schema";
import { testEngine, useTestDatabase } from "../support/database";

// What the CLI prints and the app logs for a query that fails: the database's reason, never the
// statement's parameters (a champion's email) or a stack.

const database = useTestDatabase();

describe(`the line for a failed query on ${testEngine}`, () => {
  it("names the database's reason and leaves out the parameters", async () => {
    const dana = { name: "Dana Whitfield", company: "Northwind Pay", email: "dana@northwind.example" };
    await database.db.insert(champions).values(dana);
    const failure = await database.db
      .insert(champions)
      .values(dana)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).not.toBeNull();
    // The error itself carries the parameters; the line made from it does not.
    expect(String((failure as Error).message)).toContain("dana@northwind.example");
    const line = describeError(failure);
    expect(line).toMatch(/^database query failed: duplicate key value violates unique constraint/);
    expect(line).not.toContain("dana@northwind.example");
    expect(line).not.toMatch(/\n\s+at /);
  });
});
