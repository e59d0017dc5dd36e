// The role matrix: every API write (POST, PUT, PATCH, DELETE under app/api) and every server action
// (the exports of lib/*/actions.ts, "use server" files), called as each kind of caller: anonymous,
// a signed-in agent, supervisor and admin (real better-auth sessions), and an API token of each
// role. A caller the row allows gets the write done; one it refuses gets 401 / a login redirect or
// 403 (for case moves, the workflow's refusal), and the database is unchanged. Both lists are
// discovered from the files, so a new route or action without a row here fails the first test.
//
// Server actions run outside Next's request scope here: `headers()` is answered with the caller's
// request headers and `revalidatePath` does nothing (both framework plumbing; the session lookup,
// the role checks and the database are the real ones). `forbidden()` needs the flag that
// next.config.js's experimental.authInterrupts sets in the built app.
import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Role, hasRole } from "@/lib/auth/roles.ts";
import { useDemoDatabase } from "@/lib/testing/db.ts";
import { type AppRoute, HTTP_METHODS, appRoutes } from "@/lib/testing/routes.ts";

const scope = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => scope.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const root = fileURLToPath(new URL("../..", import.meta.url));
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// --- Callers -----------------------------------------------------------------------------------

type Caller = { name: string; kind: "anonymous" | "session" | "token"; role?: Role; headers: Record<string, string> };
const ROLES: Role[] = ["AGENT", "SUPERVISOR", "ADMIN"];
const callers: Caller[] = [];
const demoUsers: Record<Role, { id: string; email: string }> = {} as never;

// --- What a call did ---------------------------------------------------------------------------

/** "unauthenticated" (401 / redirect to /login), "forbidden" (403), or the answer. */
type Outcome = { as: "unauthenticated" } | { as: "forbidden" } | { as: "answered"; status?: number; result: unknown };

async function callRoute(route: AppRoute, method: string, caller: Caller, call: ApiCall): Promise<Outcome> {
  const mod = (await import(/* @vite-ignore */ path.join(root, route.file))) as Record<string, RouteHandler>;
  const url = new URL(call.path + (call.query ?? ""), "http://localhost:3000");
  const raw = call.raw !== undefined;
  const body = raw ? call.raw : call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers = { ...caller.headers, ...(body === undefined ? {} : { "content-type": raw ? "text/csv" : "application/json" }) };
  const res = await mod[method]!(new Request(url, { method, headers, body }), { params: Promise.resolve(call.params ?? {}) });
  // A live-feed push re-evaluates its reports after answering: done before the next caller's
  // fingerprint, which must see that caller's writes only.
  await (await import("@/lib/feeds/writer.ts")).feedWriterIdle();
  if (res.status === 401) return { as: "unauthenticated" };
  if (res.status === 403) return { as: "forbidden" };
  const text = await res.text();
  let result: unknown = text;
  try {
    result = JSON.parse(text);
  } catch {}
  return { as: "answered", status: res.status, result };
}
type RouteHandler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

/** Runs a server action as `caller`: Next's redirect and forbidden errors read as outcomes. */
async function callAction(caller: Caller, run: () => Promise<unknown>): Promise<Outcome> {
  scope.headers = new Headers(caller.headers);
  try {
    return { as: "answered", result: await run() };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest !== "string") throw error;
    // next/navigation: `NEXT_REDIRECT;replace;<url>;307;`, `NEXT_HTTP_ERROR_FALLBACK;403`.
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { as: "forbidden" };
    const [kind, , to] = digest.split(";");
    if (kind !== "NEXT_REDIRECT") throw error;
    return to === "/login" ? { as: "unauthenticated" } : { as: "answered", result: { redirect: to } };
  } finally {
    scope.headers = new Headers();
  }
}

// --- The matrix --------------------------------------------------------------------------------

type ApiCall = { path: string; query?: string; params?: Record<string, string>; body?: unknown; raw?: string };

type Row = {
  /** The lowest role allowed; every role above it is allowed too (the ladder, lib/auth/roles.ts). */
  role: Role;
  /** How the lower roles are refused: by the role check (403), or by the case workflow's table. */
  refusal?: "forbidden" | "workflow";
  /** Makes what one call needs (a fresh record, so each caller's call does the same thing); the call. */
  prepare: () => Promise<(caller: Caller) => Promise<Outcome>>;
  /** What an allowed caller gets. */
  done: (outcome: Extract<Outcome, { as: "answered" }>) => boolean;
};

let n = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++n}`;
const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};
const answered = (status: number) => (o: { status?: number }) => o.status === status;
const returned = (pattern: RegExp) => (o: { result: unknown }) => pattern.test(JSON.stringify(o.result ?? "void"));

let prisma: typeof import("@/lib/db/client.ts").prisma;
let fixtures: typeof import("@/lib/testing/fixtures.ts");
let cdrFile: string;
let loadedImportId: string;

const YEALINK = { vendor: "yealink", model: "T46G", firmware: "28.73.0.50" } as const;

async function newCustomer() {
  const account = unique("ROLE");
  await fixtures.addCustomer(account);
  return account;
}
async function newDevice(account: string) {
  const customer = await prisma.customer.findUniqueOrThrow({ where: { account } });
  return (await prisma.device.create({ data: { customerId: customer.id, ...YEALINK } })).id;
}
async function newCase(status: import("@/lib/cases/rules.ts").CaseStatus) {
  const account = await newCustomer();
  const customer = await prisma.customer.findUniqueOrThrow({ where: { account } });
  return (await fixtures.addCase(customer.id, { status })).id;
}

const api = (method: string, pattern: string, make: () => Promise<ApiCall> | ApiCall, done: Row["done"], role: Role = "AGENT"): [string, Row] => [
  `${method} ${pattern}`,
  {
    role,
    prepare: async () => {
      const route = routes.find((r) => r.pattern === pattern && r.methods.includes(method as never))!;
      const call = await make();
      return (caller) => callRoute(route, method, caller, call);
    },
    done,
  },
];

const action = (key: string, run: () => Promise<() => Promise<unknown>>, done: Row["done"], role: Role = "AGENT", refusal?: Row["refusal"]): [string, Row] => [
  key,
  {
    role,
    refusal,
    prepare: async () => {
      const go = await run();
      return (caller) => callAction(caller, go);
    },
    done,
  },
];

let actions: Record<string, Record<string, (...args: never[]) => Promise<unknown>>>;
const act = (module: string, name: string) => actions[module]![name] as (...args: unknown[]) => Promise<unknown>;

const MATRIX: [string, Row][] = [
  // API writes: `METHOD /pattern`.
  api("POST", "/api/v1/cdr-imports", () => ({ path: "/api/v1/cdr-imports", query: `?source=pbx-chicago&filename=${unique("roles")}.csv`, raw: cdrFile }), answered(202)),
  // A LOADED import is not retried (409): the caller got past the role check to the import's state.
  api("POST", "/api/v1/cdr-imports/[id]/retry", () => ({ path: `/api/v1/cdr-imports/${loadedImportId}/retry`, params: { id: loadedImportId } }), answered(409)),
  api("POST", "/api/v1/cdr-imports/preview", () => ({ path: "/api/v1/cdr-imports/preview", query: "?source=pbx-chicago", raw: cdrFile }), answered(200)),
  api("POST", "/api/v1/customers", () => ({ path: "/api/v1/customers", body: { account: unique("ROLE"), name: "Role test", timeZone: "UTC" } }), answered(201), "SUPERVISOR"),
  api("PATCH", "/api/v1/customers/[account]", async () => {
    const account = await newCustomer();
    return { path: `/api/v1/customers/${account}`, params: { account }, body: { name: "Renamed" } };
  }, answered(200)),
  api("DELETE", "/api/v1/customers/[account]", async () => {
    const account = await newCustomer();
    return { path: `/api/v1/customers/${account}`, params: { account } };
  }, answered(200), "SUPERVISOR"),
  api("POST", "/api/v1/customers/[account]/devices", async () => {
    const account = await newCustomer();
    return { path: `/api/v1/customers/${account}/devices`, params: { account }, body: YEALINK };
  }, answered(201)),
  api("PATCH", "/api/v1/customers/[account]/devices/[id]", async () => {
    const account = await newCustomer();
    const id = await newDevice(account);
    return { path: `/api/v1/customers/${account}/devices/${id}`, params: { account, id }, body: { extension: "105" } };
  }, answered(200)),
  api("DELETE", "/api/v1/customers/[account]/devices/[id]", async () => {
    const account = await newCustomer();
    const id = await newDevice(account);
    return { path: `/api/v1/customers/${account}/devices/${id}`, params: { account, id } };
  }, answered(204)),
  api("POST", "/api/v1/remediation", () => ({ path: "/api/v1/remediation", body: { ...YEALINK, actions: ["accept-server-only"] } }), answered(200)),
  api("POST", "/api/v1/remediation/lint", () => ({ path: "/api/v1/remediation/lint", body: { ...YEALINK, text: "account.1.sip_trust_ctrl = 1" } }), answered(200)),
  api("POST", "/api/v1/reports", () => ({ path: "/api/v1/reports", body: { account: "ACME-001", number: "101", ring_time: "2026-11-03T10:00:00" } }), answered(201)),
  api("POST", "/api/v1/sources", () => ({ path: "/api/v1/sources", body: { name: unique("pbx-roles"), format: "asterisk", timeZone: "America/Chicago" } }), answered(201), "SUPERVISOR"),
  // Live feeds: a fresh CDR per call (a pushed one is stored, an anonymous one writes nothing, not even a heartbeat).
  api("POST", "/api/v1/sources/[name]/cdrs", () => ({
    path: "/api/v1/sources/pbx-chicago/cdrs",
    params: { name: "pbx-chicago" },
    body: [{ start: "2026-11-03 10:00:00", caller: "100", callee: "202", uniqueId: unique("push") }],
  }), returned(/"inserted":1/)),
  api("POST", "/api/v1/sources/[name]/freeswitch", () => ({
    path: "/api/v1/sources/pbx-chicago/freeswitch",
    params: { name: "pbx-chicago" },
    raw: JSON.stringify({ variables: { uuid: unique("fs"), start_stamp: "2026-11-03%2010%3A00%3A00", hangup_cause: "NORMAL_CLEARING", duration: "5", billsec: "0" }, callflow: [{ caller_profile: { caller_id_number: "100", destination_number: "202" } }] }),
  }), returned(/"inserted":1/)),
  api("PUT", "/api/v1/sources/[name]/feed", () => ({ path: "/api/v1/sources/pbx-chicago/feed", params: { name: "pbx-chicago" }, body: { quietMinutes: 20 } }), answered(200), "SUPERVISOR"),

  // Server actions: `module.export`, with a variant in parentheses where one action covers several moves.
  action("auth.createUserAction", async () => () => act("auth", "createUserAction")({}, form({ email: `${unique("user")}@example.com`, role: "AGENT", password: "a long enough password" })), returned(/"ok":"Created /), "ADMIN"),
  action("auth.createTokenAction", async () => () => act("auth", "createTokenAction")({}, form({ name: unique("token"), role: "AGENT" })), returned(/"secret":"gl_/), "ADMIN"),
  action("auth.revokeTokenAction", async () => {
    const { createApiToken } = await import("@/lib/auth/tokens.ts");
    const { id } = await createApiToken({ name: unique("revoke"), role: "AGENT" });
    return () => act("auth", "revokeTokenAction")(form({ id }));
  }, returned(/^"void"$/), "ADMIN"),
  action("cdr.setCdrRetentionAction", async () => () => act("cdr", "setCdrRetentionAction")(form({ months: "1200" })), returned(/^"void"$/), "ADMIN"),
  action("cdr.applyCdrRetentionAction", async () => {
    // A hundred years kept: applying it drops nothing, so the allowed call changes only what it audits.
    const { setCdrRetentionMonths } = await import("@/lib/cdr/retention.ts");
    await setCdrRetentionMonths(1200, { actorId: null, actorLabel: "test" });
    return () => act("cdr", "applyCdrRetentionAction")();
  }, returned(/^"void"$/), "ADMIN"),
  action("cases.assignCaseAction", async () => {
    const caseId = await newCase("INVESTIGATING");
    return () => act("cases", "assignCaseAction")({}, form({ caseId, assigneeId: demoUsers.AGENT.id }));
  }, returned(/"ok":"Assigned."/), "SUPERVISOR"),
  action("cases.commentCaseAction", async () => {
    const caseId = await newCase("NEW");
    return () => act("cases", "commentCaseAction")({}, form({ caseId, comment: "Called the customer." }));
  }, returned(/"ok":"Comment added."/)),
  ...(
    [
      ["take", "NEW", "INVESTIGATING", "AGENT"],
      ["start verifying", "REMEDIATION_SENT", "VERIFYING", "AGENT"],
      ["resolve", "INVESTIGATING", "RESOLVED", "SUPERVISOR"],
      ["false positive", "NEW", "FALSE_POSITIVE", "SUPERVISOR"],
      ["reopen", "RESOLVED", "INVESTIGATING", "SUPERVISOR"],
    ] as const
  ).map(([variant, from, to, role]) =>
    action(`cases.changeCaseStatusAction (${variant})`, async () => {
      const caseId = await newCase(from);
      return () => act("cases", "changeCaseStatusAction")({}, form({ caseId, to }));
    }, returned(/"ok":"Status changed."/), role, "workflow"),
  ),
  action("cdr.createSourceAction", async () => () => act("cdr", "createSourceAction")({}, form({ name: unique("pbx-form"), format: "asterisk", timeZone: "America/Chicago" })), returned(/"ok":"Added /), "SUPERVISOR"),
  action("feeds.saveFeedSettingsAction", async () => () => act("feeds", "saveFeedSettingsAction")("pbx-chicago", {}, form({ quietMinutes: "20" })), returned(/"ok":"Feed settings saved."/), "SUPERVISOR"),
  action("feeds.rotateFeedSecretAction", async () => () => act("feeds", "rotateFeedSecretAction")("pbx-chicago", {}, form({})), returned(/"secret":"glf_/), "SUPERVISOR"),
  action("customers.createCustomerAction", async () => {
    const account = unique("FORM");
    return () => act("customers", "createCustomerAction")({}, form({ account, name: "Form test", timeZone: "UTC" }));
  }, returned(/"redirect":"\/customers\/FORM-/), "SUPERVISOR"),
  action("customers.updateCustomerAction", async () => {
    const account = await newCustomer();
    return () => act("customers", "updateCustomerAction")(account, {}, form({ name: "Renamed", timeZone: "UTC" }));
  }, returned(/"ok":"Saved."/)),
  action("customers.deleteCustomerAction", async () => {
    const account = await newCustomer();
    return () => act("customers", "deleteCustomerAction")(account, {}, form({ confirm: account }));
  }, returned(/"redirect":"\/customers"/), "SUPERVISOR"),
  action("devices.saveDeviceAction (add)", async () => {
    const account = await newCustomer();
    return () => act("devices", "saveDeviceAction")(account, null, {}, form(YEALINK));
  }, returned(/"ok":"Phone added."/)),
  action("devices.saveDeviceAction (edit)", async () => {
    const account = await newCustomer();
    const id = await newDevice(account);
    return () => act("devices", "saveDeviceAction")(account, id, {}, form({ ...YEALINK, extension: "106" }));
  }, returned(/"ok":"Phone saved."/)),
  action("devices.deleteDeviceAction", async () => {
    const account = await newCustomer();
    const id = await newDevice(account);
    return () => act("devices", "deleteDeviceAction")(account, id, {}, form({}));
  }, returned(/"ok":"Phone removed."/)),
  action("matching.createReportAction", async () => () => act("matching", "createReportAction")({}, form({ account: "ACME-001", number: "101", ring_time: "2026-11-03T11:00:00" })), returned(/"redirect":"\/reports\/new\?created=/)),
  action("remediation.saveRemediationAction", async () => {
    const account = await newCustomer();
    return () => act("remediation", "saveRemediationAction")({ account, request: { ...YEALINK, actions: ["accept-server-only"] } });
  }, returned(/"ok":true/)),
  action("remediation.markRemediationSentAction", async () => {
    const { saveRemediation } = await import("@/lib/remediation/writes.ts");
    const admin = { kind: "user" as const, id: demoUsers.ADMIN.id, name: "Ada Admin", email: demoUsers.ADMIN.email, role: "ADMIN" as const };
    const saved = await saveRemediation(admin, { account: await newCustomer(), request: { ...YEALINK, actions: ["accept-server-only"], params: {}, syntax: "override" } });
    return () => act("remediation", "markRemediationSentAction")({ remediationId: saved.remediation.id });
  }, returned(/"ok":true/)),
];

/** Writes and actions that check no role, and why. */
const NOT_ROLE_CHECKED: Record<string, string> = {
  // better-auth's own endpoints: sign-in must be reachable signed out (rate-limited, lib/auth/auth.ts).
  "POST /api/auth/[...all]": "sign-in and sign-out",
  // Ends the caller's own session, whatever their role.
  "auth.signOutAction": "signing out",
};

// --- Discovery ---------------------------------------------------------------------------------

const routes = appRoutes(root);
const apiWrites = routes
  .filter((r) => r.kind === "handler" && r.pattern.startsWith("/api/"))
  .flatMap((r) => r.methods.filter((m) => WRITE_METHODS.has(m)).map((m) => `${m} ${r.pattern}`));
const actionFiles = readdirSync(path.join(root, "lib"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(path.join(root, "lib", d.name)).includes("actions.ts"))
  .map((d) => d.name);

/** Source files (outside node_modules) with a "use server" directive or inline server function. */
function filesUsingServer(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : filesUsingServer(rel);
    if (!/\.(ts|tsx)$/.test(entry.name)) return [];
    return /^\s*["']use server["']/m.test(readFileSync(path.join(root, rel), "utf8")) ? [rel] : [];
  });
}

// --- Setup -------------------------------------------------------------------------------------

let db: pg.Client;
let dataDir: string;
let stopJobs: () => Promise<void>;

/** Every table's row count and content hash (api_token's lastUsedAt aside: reading a token stamps it). */
async function fingerprint(): Promise<Record<string, string>> {
  const tables = (await db.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations'")).rows.map((r) => r.t);
  const sql = tables
    .map((t) => `select '${t}' as t, count(*) || ':' || md5(coalesce(string_agg(h, ',' order by h), '')) as v from (select md5((to_jsonb(x) - 'lastUsedAt')::text) as h from "${t}" x) s`)
    .join(" union all ");
  return Object.fromEntries((await db.query<{ t: string; v: string }>(sql)).rows.map((r) => [r.t, r.v]));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "ghostline-roles-"));
  process.env.GHOSTLINE_DATA_DIR = dataDir;
  const { url } = await useDemoDatabase();
  db = new pg.Client({ connectionString: url });
  await db.connect();
  ({ prisma } = await import("@/lib/db/client.ts"));
  fixtures = await import("@/lib/testing/fixtures.ts");
  ({ stopJobs } = await import("@/lib/jobs/boss.ts"));
  actions = Object.fromEntries(await Promise.all(actionFiles.map(async (m) => [m, await import(/* @vite-ignore */ path.join(root, "lib", m, "actions.ts"))])));

  const { auth } = await import("@/lib/auth/auth.ts");
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  callers.push({ name: "anonymous", kind: "anonymous", headers: {} });
  for (const role of ROLES) {
    const email = `${role.toLowerCase()}@demo.ghostline.test`;
    const { headers } = await auth.api.signInEmail({ body: { email, password: "demo-password-123" }, returnHeaders: true });
    callers.push({ name: `${role} session`, kind: "session", role, headers: { cookie: headers.get("set-cookie")!.split(";")[0]! } });
    demoUsers[role] = { id: (await prisma.user.findUniqueOrThrow({ where: { email } })).id, email };
  }
  for (const role of ROLES) {
    const { secret } = await createApiToken({ name: `roles-${role}`, role });
    callers.push({ name: `${role} token`, kind: "token", role, headers: { authorization: `Bearer ${secret}` } });
  }
  cdrFile = await readFile(path.join(root, "lib/cdr/fixtures/asterisk-18.csv"), "utf8");
  loadedImportId = (await prisma.cdrImport.findFirstOrThrow({ where: { status: "LOADED" } })).id;
});

afterAll(async () => {
  await stopJobs?.();
  await db?.end();
  await rm(dataDir, { recursive: true, force: true });
});

// --- Tests -------------------------------------------------------------------------------------

/** What `caller` should get from `row`, in the words the test reports. */
function expected(key: string, row: Row, caller: Caller): string {
  if (caller.kind === "anonymous") return "unauthenticated, nothing written";
  // Server actions run on the browser's session only: a Bearer token is no session.
  if (caller.kind === "token" && !key.includes(" /api/")) return "unauthenticated, nothing written";
  if (hasRole(caller.role!, row.role)) return "done";
  return row.refusal === "workflow" ? "refused by the workflow, nothing written" : "forbidden, nothing written";
}

describe("[reliability: roles] who may call each API write and server action", () => {
  it("has a row for every API write and server action found in the files, and no row for one that is gone", () => {
    const keys = new Set(MATRIX.map(([key]) => key.replace(/ \(.*\)$/, "")));
    const exported = actionFiles.flatMap((m) => Object.keys(actions[m]!).map((name) => `${m}.${name}`));
    const found = [...apiWrites, ...exported];
    expect(found.filter((key) => !keys.has(key) && !(key in NOT_ROLE_CHECKED))).toEqual([]);
    expect([...keys, ...Object.keys(NOT_ROLE_CHECKED)].filter((key) => !found.includes(key))).toEqual([]);
    // Server actions live only in lib/<domain>/actions.ts, where this test finds them.
    expect([...filesUsingServer("app"), ...filesUsingServer("lib"), ...filesUsingServer("components")].sort()).toEqual(actionFiles.map((m) => `lib/${m}/actions.ts`).sort());
  });

  it("finds each handler's methods from its source exactly as the module exports them (the e2e sweep relies on it)", async () => {
    for (const route of routes.filter((r) => r.kind === "handler")) {
      const mod = await import(/* @vite-ignore */ path.join(root, route.file));
      expect(route.methods, route.file).toEqual(HTTP_METHODS.filter((m) => typeof mod[m] === "function"));
    }
  });

  it.each(MATRIX)("%s", async (key, row) => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const caller of callers) {
      want[caller.name] = expected(key, row, caller);
      const call = await row.prepare();
      const before = want[caller.name] === "done" ? undefined : await fingerprint();
      const outcome = await call(caller);
      let what: string = outcome.as;
      if (outcome.as === "answered") {
        if (row.done(outcome)) what = "done";
        else if (returned(/"error":"Only a /)(outcome)) what = "refused by the workflow";
        else what = `answered ${outcome.status ?? ""} ${JSON.stringify(outcome.result)?.slice(0, 300)}`;
      }
      if (before) {
        const after = await fingerprint();
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        what += changed.length === 0 ? ", nothing written" : `, but wrote ${changed.join(", ")}`;
      }
      got[caller.name] = what;
    }
    expect(got).toEqual(want);
  });
});
