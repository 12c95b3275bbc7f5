import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";

/**
 * Global middleware that puts acknowledgements first. Slack fails a request that is not
 * acknowledged within three seconds, while the work after an acknowledgement (parsing, the
 * database, Web API calls) can start a few milliseconds later. So a listener's work after `ack()`
 * waits its turn: one waiting listener resumes per turn of the event loop, after every request
 * that has arrived meanwhile has been read and acknowledged. Events are acknowledged by Bolt
 * before any middleware, so their listeners wait their turn from the start.
 */
export function ackFirst(): Middleware<AnyMiddlewareArgs> {
  const waiting: (() => void)[] = [];
  let releasing = false;

  // setImmediate runs after the loop has polled for I/O: new requests are handled in between.
  const releaseOne = () => {
    waiting.shift()?.();
    if (waiting.length > 0) setImmediate(releaseOne);
    else releasing = false;
  };
  const turn = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!releasing) {
        releasing = true;
        setImmediate(releaseOne);
      }
    });

  return async (args) => {
    const ack = "ack" in args ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (ack) {
      // Listeners receive this same arguments object, so they call the wrapped acknowledgement.
      (args as { ack: typeof ack }).ack = async (response) => {
        await ack(response);
        await turn();
      };
    } else {
      await turn();
    }
    await args.next();
  };
}
