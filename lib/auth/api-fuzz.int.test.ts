// The API boundary fuzzed: every /api handler that reads a body or a query string gets bodies and
// query strings fast-check makes up (wrong types, missing fields, huge and unicode strings, nested
// junk, arrays where objects go, text that is not JSON), called directly on the real database with
// a real API token. The route's own zod schema is the oracle: what it rejects must come back 400
// with exactly its issues (or `invalid_json` for text that is not JSON); what it accepts must still
// be answered (2xx or a documented 4xx), never a 500 or a thrown error. The handler list comes from
// the file tree (lib/testing/routes.ts), so a new /api method without a row here fails the first test.
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type * as z from "zod";
import { useDemoDatabase } from "@/lib/testing/db.ts";
import { findNul } from "@/lib/nul.ts";
import { appRoutes } from "@/lib/testing/routes.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const handlers = appRoutes(root).filter((r) => r.kind === "handler" && r.pattern.startsWith("/api/"));
const NUM_RUNS = 40;

type RouteHandler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
type Answer = { status: number; json: Record<string, unknown> | null };

let authorization: string;
let account: string;
let deviceId: string;

async function call(pattern: string, method: string, init: { params?: Record<string, string>; query?: string; body?: string; contentType?: string }): Promise<Answer> {
  const route = handlers.find((r) => r.pattern === pattern)!;
  const mod = (await import(/* @vite-ignore */ path.join(root, route.file))) as Record<string, RouteHandler>;
  const url = new URL(`http://localhost:3000${pattern}${init.query ?? ""}`);
  const headers: Record<string, string> = { authorization, ...(init.contentType ? { "content-type": init.contentType } : {}) };
  const res = await mod[method]!(new Request(url, { method, headers, body: init.body }), { params: Promise.resolve(init.params ?? {}) });
  const text = await res.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  return { status: res.status, json };
}

// --- Generators ----------------------------------------------------------------------------------

const hugeString = fc.integer({ min: 10_000, max: 200_000 }).map((n) => "ᐁ😀x".repeat(n / 4));
const unicodeString = fc.string({ unit: "binary", maxLength: 200 });
const nestedJunk = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.jsonValue(), fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 })),
})).value;
/** A value of the wrong kind, or the right kind gone wrong. */
const badValue = fc.oneof(fc.jsonValue(), hugeString, unicodeString, nestedJunk, fc.constant(null), fc.constant(""));

/** Bodies near `valid`: one field replaced by junk, one dropped, the object in an array, or junk of any shape. */
function badBodies(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...keys), value: badValue }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc.dictionary(fc.constantFrom(...keys), badValue, { minKeys: 1 }).map((junk) => ({ ...valid, ...junk })),
    fc.array(fc.oneof(fc.constant(valid), badValue), { minLength: 1, maxLength: 3 }),
    nestedJunk,
    fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), unicodeString),
  );
}

/** A JSON body as sent: the bad value stringified, or text that may not be JSON at all. */
const sentBody = (bodies: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: bodies.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("", "{", "[1,", "{'a':1}", "undefined", "\u0000", "NaN")) },
  );

/** Query strings: the route's parameters given junk, repeated, half-encoded, or unknown. */
function badQueries(names: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(unicodeString, hugeString.map((s) => s.slice(0, 5000)), fc.constantFrom("", "%", "%ZZ", "-1", "1e309", "NaN", "0x10", "[]", "{}", "null", "../../etc/passwd"));
  // Some values sent unencoded, as a hand-typed URL would.
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string()), value, fc.boolean());
  return fc.array(pair, { maxLength: 6 }).map((pairs) => `?${pairs.map(([k, v, raw]) => `${encodeURIComponent(k)}=${raw ? v : encodeURIComponent(v)}`).join("&")}`);
}

// --- The table -----------------------------------------------------------------------------------

// fast-check reports the seed and the shrunk input of a failure, to replay it.
const check = <Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncPropertyWithHooks<Ts>) => fc.assert(property, { numRuns: NUM_RUNS });
type Fuzz = { run: () => Promise<void> };

/** Checks a JSON body route: rejected by the schema → 400 with its issues; accepted → answered (`ok`). */
function jsonBodyRoute(pattern: string, method: string, opts: { schema: () => z.ZodType; valid: Record<string, unknown>; params?: () => Record<string, string>; ok: number[]; prepare?: (json: unknown) => unknown; allowNul?: boolean }): Fuzz {
  return {
    run: () =>
      check(fc.asyncProperty(sentBody(badBodies(opts.valid)), async (body) => {
        const answer = await call(pattern, method, { params: opts.params?.(), body, contentType: "application/json" });
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        if (json === undefined) {
          expect(answer).toMatchObject({ status: 400, json: { error: "invalid_json" } });
          return;
        }
        const parsed = opts.schema().safeParse((opts.prepare ?? ((j) => j))(json));
        if (!parsed.success) {
          expect(answer.status).toBe(400);
          expect(answer.json).toMatchObject({ error: "invalid_request", issues: JSON.parse(JSON.stringify(parsed.error.issues)) });
        } else if (!opts.allowNul && findNul(json) !== null) {
          // Valid but for a NUL, which PostgreSQL's text cannot hold (lib/nul.ts).
          expect(answer).toMatchObject({ status: 400, json: { error: "invalid_request", issues: [{ path: findNul(json) }] } });
        } else {
          expect(opts.ok).toContain(answer.status);
          expect(answer.json).not.toBeNull();
        }
      })),
  };
}

let schemas: {
  device: typeof import("@/lib/devices/schema.ts");
  customers: typeof import("@/lib/customers/schema.ts");
  remediation: typeof import("@/lib/remediation/schema.ts");
  reports: typeof import("@/lib/matching/report-schema.ts");
  sources: typeof import("@/lib/cdr/source-schema.ts");
  upload: typeof import("@/lib/cdr/request.ts");
  feeds: typeof import("@/lib/feeds/schema.ts");
};

const YEALINK = { vendor: "yealink", model: "T46G", firmware: "28.73.0.50" };

/** A CDR upload route's query string fuzzed (the body is a few junk bytes): bad queries are 400 with the issues. */
const uploadRoute = (pattern: string): Fuzz => ({
  run: () =>
    check(fc.asyncProperty(badQueries(["source", "format", "timezone", "filename"]), fc.string({ maxLength: 100 }), async (query, body) => {
      const answer = await call(pattern, "POST", { query, body, contentType: "text/csv" });
      const parsed = schemas.upload.cdrUploadQuerySchema.safeParse(Object.fromEntries(new URL(`http://x/${query}`).searchParams));
      if (!parsed.success) {
        expect(answer.status).toBe(400);
        expect(answer.json).toMatchObject({ error: "invalid_request", issues: JSON.parse(JSON.stringify(parsed.error.issues)) });
      } else {
        // A made-up source name is unknown (404); nothing else is expected of a well-formed query here.
        expect(answer).toMatchObject({ status: 404, json: { error: "not_found" } });
      }
    })),
});

/** Each /api method: how it is fuzzed, or why it is not (paths and roles are the role matrix's, lib/auth/roles.int.test.ts). */
const table: Record<string, Fuzz | { notFuzzed: string }> = {
  "GET /api/auth/[...all]": { notFuzzed: "better-auth's own handler, which validates its own bodies (not a zod boundary of ours)" },
  "POST /api/auth/[...all]": { notFuzzed: "better-auth's own handler, which validates its own bodies (not a zod boundary of ours)" },
  "GET /api/health": { notFuzzed: "takes no parameters and no token" },
  "GET /api/v1/cdr-imports/[id]": { notFuzzed: "reads only its id (an unknown id is 404, lib/auth/roles.int.test.ts)" },
  "GET /api/v1/cdr-imports/[id]/rejects.csv": { notFuzzed: "reads only its id" },
  "POST /api/v1/cdr-imports/[id]/retry": { notFuzzed: "reads only its id, checked as a uuid" },
  "POST /api/v1/cdr-imports": uploadRoute("/api/v1/cdr-imports"),
  "POST /api/v1/cdr-imports/preview": uploadRoute("/api/v1/cdr-imports/preview"),
  "GET /api/v1/customers": {
    run: () =>
      check(fc.asyncProperty(badQueries(["page", "perPage", "q", "sort", "dir"]), async (query) => {
        const answer = await call("/api/v1/customers", "GET", { query });
        const parsed = schemas.customers.customerListQuerySchema.safeParse(Object.fromEntries(new URL(`http://x/${query}`).searchParams));
        if (parsed.success) expect(answer.status).toBe(200);
        else expect(answer).toMatchObject({ status: 400, json: { error: "invalid_request", issues: JSON.parse(JSON.stringify(parsed.error.issues)) } });
      })),
  },
  "POST /api/v1/customers": jsonBodyRoute("/api/v1/customers", "POST", {
    schema: () => schemas.customers.customerCreateSchema,
    valid: { account: "FUZZ-1", name: "Fuzz", timeZone: "UTC", numbers: ["101"], sources: ["pbx-chicago"] },
    ok: [201, 400, 409],
  }),
  "GET /api/v1/customers/[account]": { notFuzzed: "reads only its account" },
  "PATCH /api/v1/customers/[account]": jsonBodyRoute("/api/v1/customers/[account]", "PATCH", {
    schema: () => schemas.customers.customerUpdateSchema,
    valid: { name: "Renamed", timeZone: "UTC", numbers: ["101"], sources: ["pbx-chicago"] },
    params: () => ({ account }),
    ok: [200, 400, 409],
  }),
  "DELETE /api/v1/customers/[account]": { notFuzzed: "reads only its account" },
  "GET /api/v1/customers/[account]/findings": { notFuzzed: "reads only its account" },
  "POST /api/v1/customers/[account]/devices": jsonBodyRoute("/api/v1/customers/[account]/devices", "POST", {
    schema: () => schemas.device.deviceInputSchema,
    valid: { ...YEALINK, mac: "00:15:65:00:00:01", extension: "101" },
    params: () => ({ account }),
    ok: [201, 400, 409],
  }),
  "PATCH /api/v1/customers/[account]/devices/[id]": jsonBodyRoute("/api/v1/customers/[account]/devices/[id]", "PATCH", {
    schema: () => schemas.device.devicePatchSchema,
    valid: { ...YEALINK, mac: "00:15:65:00:00:02", extension: "105" },
    params: () => ({ account, id: deviceId }),
    ok: [200, 400, 409],
  }),
  "DELETE /api/v1/customers/[account]/devices/[id]": { notFuzzed: "reads only its account and id" },
  "GET /api/v1/queue": {
    // Documented: unknown values fall back to their defaults, as on the queue page.
    run: () =>
      check(fc.asyncProperty(badQueries(["page", "perPage", "sort", "dir", "status", "level", "assignee", "period", "vendor", "q", "ringingAgain"]), async (query) => {
        const answer = await call("/api/v1/queue", "GET", { query });
        expect(answer.status).toBe(200);
        expect(answer.json).toHaveProperty("data");
      })),
  },
  "POST /api/v1/remediation": jsonBodyRoute("/api/v1/remediation", "POST", {
    schema: () => schemas.remediation.remediationRequestSchema,
    valid: { ...YEALINK, actions: ["accept-server-only"] },
    ok: [200],
  }),
  "POST /api/v1/remediation/lint": jsonBodyRoute("/api/v1/remediation/lint", "POST", {
    schema: () => schemas.remediation.lintRequestSchema,
    valid: { ...YEALINK, text: "account.1.sip_trust_ctrl = 1" },
    ok: [200],
  }),
  "POST /api/v1/reports": jsonBodyRoute("/api/v1/reports", "POST", {
    schema: () => schemas.reports.reportBatchSchema,
    prepare: (json) => schemas.reports.asReportBatch(json),
    valid: { account: "ACME-001", number: "101", ring_time: "2026-11-03T10:00:00", window_minutes: 5, caller_id: "sipvicious", ticket: "T-1", notes: "n" },
    // 400 `problems`: well-formed reports the directory refuses (an unknown account).
    ok: [201, 400],
  }),
  "GET /api/v1/sources": { notFuzzed: "takes no parameters" },
  "POST /api/v1/sources/[name]/cdrs": jsonBodyRoute("/api/v1/sources/[name]/cdrs", "POST", {
    schema: () => schemas.feeds.feedPushSchema,
    valid: { start: "2026-11-03 10:00:00", caller: "100", callee: "202", disposition: "NO ANSWER", duration: 5, uniqueId: "fuzz-1" },
    params: () => ({ name: "pbx-chicago" }),
    // 200 also when a CDR does not read: it is kept as a reject, and the answer lists it.
    ok: [200],
    // A CDR's NUL is kept as U+FFFD (lib/feeds/records.ts), not a reason to refuse the batch.
    allowNul: true,
  }),
  "POST /api/v1/sources/[name]/freeswitch": {
    // Not a zod boundary: any body that is not empty is a CDR or a reject kept with its reason.
    run: () =>
      check(fc.asyncProperty(
        fc.oneof(sentBody(badBodies({ variables: { start_stamp: "2026-11-03%2010%3A00%3A00", uuid: "u" }, callflow: [{ caller_profile: { destination_number: "202" } }] })), fc.string({ unit: "binary" }).map((x) => `cdr=${x}`), fc.constantFrom("<cdr>", "<cdr><variables/></cdr>", "cdr=%ZZ")),
        fc.constantFrom("application/json", "application/x-www-form-urlencoded", "application/x-www-form-base64-encoded", "application/x-www-form-plaintext", "text/xml"),
        async (body, contentType) => {
          const answer = await call("/api/v1/sources/[name]/freeswitch", "POST", { params: { name: "pbx-chicago" }, body, contentType });
          if (body.trim() === "") expect(answer).toMatchObject({ status: 400, json: { error: "invalid_cdr" } });
          else expect(answer).toMatchObject({ status: 200, json: { received: expect.any(Number) } });
        },
      )),
  },
  "GET /api/v1/sources/[name]/feed": { notFuzzed: "reads only its name" },
  "PUT /api/v1/sources/[name]/feed": jsonBodyRoute("/api/v1/sources/[name]/feed", "PUT", {
    schema: () => schemas.feeds.feedSettingsSchema,
    valid: { quietMinutes: 20, ami: { host: "127.0.0.1", port: 5038, username: "fuzz", secret: "s" }, rotateSecret: false },
    params: () => ({ name: "pbx-chicago" }),
    // 400 `invalid_request` without issues: AMI settings with no secret given or saved.
    ok: [200, 400],
  }),
  "POST /api/v1/sources": jsonBodyRoute("/api/v1/sources", "POST", {
    schema: () => schemas.sources.cdrSourceInputSchema,
    valid: { name: "pbx-fuzz", format: "asterisk", timeZone: "America/Chicago", defaultCountry: "US" },
    ok: [201, 409],
  }),
};

beforeAll(async () => {
  await useDemoDatabase();
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  // An admin token: the role checks pass, so every call reaches the boundary being fuzzed.
  authorization = `Bearer ${(await createApiToken({ name: "fuzz", role: "ADMIN" })).secret}`;
  const { prisma } = await import("@/lib/db/client.ts");
  const device = await prisma.device.findFirstOrThrow({ include: { customer: true } });
  account = device.customer.account;
  deviceId = device.id;
  schemas = {
    device: await import("@/lib/devices/schema.ts"),
    customers: await import("@/lib/customers/schema.ts"),
    remediation: await import("@/lib/remediation/schema.ts"),
    reports: await import("@/lib/matching/report-schema.ts"),
    sources: await import("@/lib/cdr/source-schema.ts"),
    upload: await import("@/lib/cdr/request.ts"),
    feeds: await import("@/lib/feeds/schema.ts"),
  };
});

describe("[reliability: fuzz] the API boundary", () => {
  it("has a row for every /api method in app/, and none for a method that is gone", () => {
    const found = handlers.flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`)).sort();
    expect(found.length).toBeGreaterThan(0);
    expect(Object.keys(table).sort()).toEqual(found);
  });

  for (const [key, row] of Object.entries(table)) {
    if ("notFuzzed" in row) continue;
    it(`${key} answers generated bad input with a 4xx and its issues, never a 500`, async () => {
      await row.run();
    }, 60_000);
  }
});
