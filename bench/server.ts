import postgres from "postgres";
import { loadConfig } from "../src/env";

/** The PostgreSQL server the benches use (DATABASE_URL, else a local default); null when it does not answer. */
export async function serverUrl(): Promise<string | null> {
  const base = loadConfig().DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const admin = postgres(base, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await admin`select 1`;
  } catch {
    return null;
  } finally {
    await admin.end({ timeout: 1 });
  }
  return base;
}

/** An empty database called `name` on the server at `base` (dropped first if a run left it); its URL. */
export async function freshServerDatabase(base: string, name: string): Promise<string> {
  await dropServerDatabase(base, name);
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropServerDatabase(base: string, name: string): Promise<void> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
