import { output, withDatabase } from "../run.ts";

export async function seedCommand(opts: { json?: boolean }) {
  const logins = await withDatabase(async () => {
    const { seedDemo } = await import("@/lib/demo/seed.ts");
    return seedDemo({ password: process.env.GHOSTLINE_DEMO_PASSWORD });
  });
  output(opts.json, { logins }, [
    "Demo data is in place. Logins:",
    ...logins.map((l) => `  ${l.role.padEnd(10)} ${l.email}  ${l.password ?? "(existing; password unchanged)"}`),
  ]);
}
