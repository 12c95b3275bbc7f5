/** CPU time this process has used (user + system, every thread), in µs. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
