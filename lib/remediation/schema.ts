// Request schemas for the remediation API, CLI and wizard. Isomorphic: only zod and the pure catalog,
// so the browser can validate a form with exactly the rules the server applies.
// POST /api/v1/remediation → 400 with `z.flattenError(result.error)` when safeParse fails.
import * as z from "zod";
import { actionIdSchema } from "./vocabulary.ts";
import { VENDOR_IDS, type VendorId } from "./catalog-schema";
import { getVendor, maxAccounts, resolveTarget } from "./catalog";

export const vendorIdSchema = z.enum(VENDOR_IDS, { error: `unknown vendor; expected one of ${VENDOR_IDS.join(", ")}` });

export const SYNTAXES = ["override", "native"] as const;
export const syntaxSchema = z.enum(SYNTAXES, { error: "syntax must be override or native" });

// 5060/5061 are what scanners try first; below 1024 are privileged/well-known ports.
export const portSchema = z
  .int({ error: "port must be a whole number" })
  .min(1024, { error: "port must be 1024 or higher" })
  .max(65535, { error: "port must be 65535 or lower" })
  .refine((port) => port !== 5060 && port !== 5061, { error: "5060 and 5061 are the standard SIP ports scanners try first; choose another port" });

export const accountSchema = z.int({ error: "account must be a whole number" }).min(1, { error: "account numbers start at 1" });

export const serverAddressSchema = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: "must be an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32)",
});

export const paramsSchema = z.strictObject({
  port: portSchema.optional(),
  account: accountSchema.optional(),
  servers: z
    .array(serverAddressSchema)
    .min(1, { error: "give at least one SIP server address" })
    .max(64, { error: "at most 64 server addresses" })
    .optional(),
});

const targetShape = {
  vendor: vendorIdSchema,
  model: z.string().trim().min(1, { error: "model must not be empty" }).optional(),
  firmware: z.string().trim().min(1, { error: "firmware is required" }),
};

type TargetFields = { vendor: VendorId; model?: string | undefined; firmware: string };

/** Adds catalog-aware issues (unknown model, unparseable firmware); returns the resolved target. */
function checkTarget(value: TargetFields, ctx: z.RefinementCtx) {
  const resolved = resolveTarget(value);
  if (!resolved.ok) {
    for (const issue of resolved.issues) {
      // zod 4 still runs this refinement after a non-aborting field issue; an empty firmware is already reported.
      if (issue.path === "firmware" && value.firmware === "") continue;
      ctx.addIssue({ code: "custom", message: issue.message, path: [issue.path] });
    }
    return undefined;
  }
  return resolved.target;
}

export const remediationRequestSchema = z
  .strictObject({
    ...targetShape,
    actions: z
      .array(actionIdSchema)
      .min(1, { error: "choose at least one action" })
      .refine((actions) => new Set(actions).size === actions.length, { error: "each action may appear only once" }),
    params: paramsSchema.default({}),
    syntax: syntaxSchema.default("override"),
  })
  .superRefine((request, ctx) => {
    const target = checkTarget(request, ctx);
    const { port, account, servers } = request.params;
    if (target && account !== undefined && account > maxAccounts(target)) {
      const what = target.model ? `the ${target.model.name} has` : `${getVendor(request.vendor).name} models have at most`;
      ctx.addIssue({ code: "custom", message: `account ${account} does not exist: ${what} ${maxAccounts(target)} account(s)`, path: ["params", "account"] });
    }
    if (request.actions.includes("listen-port") && port === undefined) {
      ctx.addIssue({ code: "custom", message: "listen-port needs params.port", path: ["params", "port"] });
    }
    if (request.actions.includes("firewall") && servers === undefined) {
      ctx.addIssue({ code: "custom", message: "firewall needs params.servers (the SIP servers' addresses)", path: ["params", "servers"] });
    }
  });

export type RemediationRequestInput = z.input<typeof remediationRequestSchema>;
export type RemediationRequest = z.output<typeof remediationRequestSchema>;
export type RemediationParams = z.output<typeof paramsSchema>;
export type Syntax = (typeof SYNTAXES)[number];

export const lintRequestSchema = z
  .strictObject({
    ...targetShape,
    text: z.string().max(100_000, { error: "paste at most 100,000 characters" }),
  })
  .superRefine((request, ctx) => {
    checkTarget(request, ctx);
  });

export type LintRequestInput = z.input<typeof lintRequestSchema>;
export type LintRequest = z.output<typeof lintRequestSchema>;
