import { isDatabaseUnavailable } from "./client";

// A database that blips (a failover, a restart, a dropped connection) is waited for a little
// before the work that needed it is given up to the job queue's slower retries. Only work that is
// safe to run again from the start is passed here.

export interface DatabaseRetry {
  /** Waits before each new try (ms); the last failure is thrown once they run out. */
  waits?: readonly number[];
  onRetry?: (error: unknown, wait: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const WAITS = [250, 500, 1000, 2000, 4000, 8000];

export async function whileDatabaseAway<T>(work: () => Promise<T>, options: DatabaseRetry = {}): Promise<T> {
  const waits = options.waits ?? WAITS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const wait = waits[attempt];
      if (wait === undefined || !isDatabaseUnavailable(error)) throw error;
      options.onRetry?.(error, wait);
      await sleep(wait);
    }
  }
}
