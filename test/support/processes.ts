import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { type AddressInfo, connect, createServer } from "node:net";
import { createInterface } from "node:readline";

// The app started in its own process, as production runs it, and the ports it listens on.

/** A port nothing listens on (the app takes its port from PORT, which must be 1 or more). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Whether a TCP connection to the port is refused (nothing listens there any more). */
export function refuses(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED"));
  });
}

/** Starts the app as `command args`, resolved once it says it is running (with its stderr if it never does). */
export async function startRunning(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<{ child: ChildProcess; exited: Promise<unknown> }> {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  const exited = once(child, "exit");
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  for await (const line of createInterface({ input: child.stdout as NonNullable<typeof child.stdout> })) {
    if (line.startsWith("refdesk is running")) {
      child.stdout?.resume();
      return { child, exited };
    }
  }
  throw new Error(`${command} ${args.join(" ")} exited before the app was running:\n${stderr}`);
}
