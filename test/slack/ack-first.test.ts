import { describe, expect, it } from "vitest";
import { ackFirst } from "../../src/slack/ack-first";

// Bolt hands every middleware and listener the same arguments object; these tests build that
// object by hand and observe the order in which acknowledgements, listener work and other
// callbacks on the event loop run.

type Listener = (args: { ack: (response?: unknown) => Promise<void> }) => Promise<void>;
type MiddlewareArgs = Parameters<ReturnType<typeof ackFirst>>[0];

function dispatch(
  middleware: ReturnType<typeof ackFirst>,
  acked: (response: unknown) => void,
  listener: Listener,
): Promise<void> {
  const args = {
    ack: async (response?: unknown) => acked(response),
    next: async () => listener(args),
  };
  return middleware(args as unknown as MiddlewareArgs);
}

describe("acknowledgements first", () => {
  it("acknowledges with the listener's response, then resumes the listener after the loop has turned", async () => {
    const order: string[] = [];
    const responses: unknown[] = [];
    await dispatch(
      ackFirst(),
      (response) => {
        responses.push(response);
        order.push("ack");
        // What the loop must get to first: e.g. the next request, read in its next poll.
        setImmediate(() => order.push("next turn"));
      },
      async ({ ack }) => {
        await ack({ response_action: "clear" });
        order.push("work");
      },
    );
    expect(responses).toEqual([{ response_action: "clear" }]);
    expect(order).toEqual(["ack", "next turn", "work"]);
  });

  it("resumes one waiting listener per turn, in the order they acknowledged", async () => {
    const middleware = ackFirst();
    const order: string[] = [];
    let turns = 0;
    const tick = () => {
      turns++;
      if (turns < 10) setImmediate(tick);
    };
    setImmediate(tick);
    const listener =
      (name: string): Listener =>
      async ({ ack }) => {
        await ack();
        order.push(`${name}@${turns}`);
      };
    await Promise.all(["a", "b", "c"].map((name) => dispatch(middleware, () => {}, listener(name))));
    const resumedAt = order.map((entry) => Number(entry.split("@")[1]));
    expect(order.map((entry) => entry.split("@")[0])).toEqual(["a", "b", "c"]);
    expect(new Set(resumedAt).size).toBe(3);
  });

  it("lets an event's listener start only after the loop has turned (Bolt acknowledged it already)", async () => {
    const order: string[] = [];
    const middleware = ackFirst();
    setImmediate(() => order.push("next turn"));
    await middleware({
      next: async () => {
        order.push("listener");
      },
    } as unknown as MiddlewareArgs);
    expect(order).toEqual(["next turn", "listener"]);
  });

  it("passes a failure in the listener's work on to Bolt's error handler", async () => {
    await expect(
      dispatch(
        ackFirst(),
        () => {},
        async ({ ack }) => {
          await ack();
          throw new Error("database went away");
        },
      ),
    ).rejects.toThrow("database went away");
  });
});
