import type { App } from "@slack/bolt";

// Bolt answers Slack at ack() and carries on with the listener's work after it (opening a modal,
// storing a request, posting to the leads); app.stop() only closes the HTTP server (or the socket)
// and waits for none of that. Shutdown waits for it here before it closes the database.

const running = new WeakMap<App, Set<Promise<void>>>();

/** Counts each incoming request as in flight until all its listeners have settled. */
export function trackInFlight(app: App): void {
  const work = new Set<Promise<void>>();
  running.set(app, work);
  app.use(async ({ next }) => {
    const done = next();
    work.add(done);
    try {
      await done;
    } finally {
      work.delete(done);
    }
  });
}

/**
 * Resolves true once nothing `app` took in is still running, or false after `timeoutMs`: a listener
 * stuck in the Web API client's retries must not hold shutdown for ever.
 */
export async function settleInFlight(app: App, timeoutMs: number): Promise<boolean> {
  const work = running.get(app) ?? new Set();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const drained = (async () => {
    // Work that started while waiting (a request already on an open connection) is waited for too.
    while (work.size > 0) await Promise.allSettled(work);
    return true as const;
  })();
  try {
    return await Promise.race([drained, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
