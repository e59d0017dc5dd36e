// Shared plumbing for CLI commands: the database for this run, and output.
import { resolveDatabase } from "@/lib/db/connection.ts";

/** Runs `fn` against the app's database, stopping an embedded server it started. */
export async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const handle = await resolveDatabase();
  try {
    return await fn();
  } finally {
    const { prisma } = await import("@/lib/db/client.ts");
    await prisma.$disconnect();
    await handle.embedded?.stop();
  }
}

/** Prints a result: JSON (exactly one object on stdout) or readable lines. */
export function output(json: boolean | undefined, value: object, lines: string[]) {
  if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else for (const line of lines) console.log(line);
}

/** A failure the user can fix: message on stderr, exit code 1, no stack. */
export class CliError extends Error {}

export function fail(message: string): never {
  throw new CliError(message);
}
