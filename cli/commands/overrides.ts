// `ghostline overrides`: the wizard's output on the command line. Pure, no database.
// Registration expected in cli/main.ts:
//
//   program
//     .command("overrides")
//     .description("print the provisioning overrides that stop ghost calls on a phone")
//     .requiredOption("--vendor <vendor>", "yealink, polycom, grandstream, snom, cisco or fanvil")
//     .option("--model <model>", "the phone model (needed where a vendor's families differ)")
//     .requiredOption("--firmware <version>", "firmware version as the phone shows it, e.g. 28.73.0.50")
//     .requiredOption("--actions <list>", "comma-separated: accept-server-only,disable-ip-calls,listen-port,check-user-id,reject-anonymous,firewall")
//     .option("--port <port>", "new SIP listen port (listen-port)")
//     .option("--account <n>", "account index on the phone (default 1)")
//     .option("--server <address>", "SIP server address or CIDR (repeatable)", (v: string, all: string[] = []) => [...all, v])
//     .addOption(new Option("--syntax <syntax>", "override lines or the vendor's native file").choices(["override", "native"]))
//     .option("--json", "print the result as JSON")
//     .action(async (opts) => (await import("./commands/overrides.ts")).overridesCommand(opts));
import * as z from "zod";
import { generateOverrides } from "@/lib/remediation/generate.ts";
import { remediationRequestSchema } from "@/lib/remediation/schema.ts";
import { fail, output } from "../run.ts";

export interface OverridesOptions {
  vendor: string;
  model?: string;
  firmware: string;
  actions: string;
  port?: string;
  account?: string;
  server?: string[];
  syntax?: string;
  json?: boolean;
}

// Digits become a number; anything else goes to the schema as typed, so the user reads
// "port must be a whole number" rather than a message about NaN.
function integer(value: string | undefined): number | string | undefined {
  return value === undefined || !/^\d+$/.test(value.trim()) ? value : Number(value);
}

export async function overridesCommand(opts: OverridesOptions) {
  const parsed = remediationRequestSchema.safeParse({
    // Vendor ids are lower case; "Yealink" as printed on the phone should work too.
    vendor: opts.vendor.trim().toLowerCase(),
    model: opts.model,
    firmware: opts.firmware,
    actions: opts.actions.split(",").map((a) => a.trim()).filter(Boolean),
    params: { port: integer(opts.port), account: integer(opts.account), servers: opts.server },
    syntax: opts.syntax,
  });
  if (!parsed.success) fail(`invalid request\n${z.prettifyError(parsed.error)}`);

  const response = generateOverrides(parsed.data);
  output(opts.json, response, response.text ? [response.text.trimEnd()] : []);
  if (opts.json) return;
  // Only the provisioning text goes to stdout, so `> phone.cfg` stays a valid file; caveats and the
  // router rules (a different device) go to stderr.
  for (const warning of response.warnings) console.error(`warning: ${warning.message}`);
  if (response.firewall) {
    const { plain, nftables, iptables } = response.firewall;
    console.error(["", "Firewall rules for the customer's router:", plain, "nftables:", nftables, "iptables:", iptables.trimEnd()].join("\n"));
  }
}
