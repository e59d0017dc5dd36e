import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appRoutes, exportedMethods, fillPattern, urlPattern } from "./routes.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("[reliability: routes] finding the app's routes in app/", () => {
  it("drops route groups from the URL and keeps dynamic segments as written", () => {
    expect(urlPattern("")).toBe("/");
    expect(urlPattern("(app)")).toBe("/");
    expect(urlPattern("(app)/customers/[account]/edit")).toBe("/customers/[account]/edit");
    expect(urlPattern("api/auth/[...all]")).toBe("/api/auth/[...all]");
  });

  it("reads every way a route.ts exports its HTTP methods, and nothing else", () => {
    expect(exportedMethods("export async function GET(request: Request) {}\nexport const dynamic = 'force-dynamic';")).toEqual(["GET"]);
    expect(exportedMethods("export const POST = apiRoute({ role: 'AGENT' }, async () => x);\nexport function PATCH() {}")).toEqual(["POST", "PATCH"]);
    expect(exportedMethods("export const { GET, POST } = toNextJsHandler(auth);")).toEqual(["GET", "POST"]);
    expect(exportedMethods("const a = 1, b = 2;\nexport { a as DELETE, b as PUT };")).toEqual(["PUT", "DELETE"]);
    expect(exportedMethods("// GET /api/v1/x\nexport const MAX = 3;")).toEqual([]);
  });

  it("fills dynamic segments by their parent folder, then by name, then with the fallback", () => {
    const values = { "customers/[account]": "ACME-001", "devices/[id]": "d1", "[id]": "i1" };
    expect(fillPattern("/customers/[account]/devices/[id]", values)).toBe("/customers/ACME-001/devices/d1");
    expect(fillPattern("/api/v1/cdr-imports/[id]/retry", values)).toBe("/api/v1/cdr-imports/i1/retry");
    expect(fillPattern("/api/auth/[...all]", values, "x y")).toBe("/api/auth/x%20y");
  });

  it("finds this app's pages and handlers, the ones inside route groups too", () => {
    const routes = appRoutes(root);
    expect(routes).toContainEqual({ file: "app/(app)/page.tsx", kind: "page", pattern: "/", methods: [] });
    expect(routes).toContainEqual({ file: "app/(app)/inbox/ticket/route.ts", kind: "handler", pattern: "/inbox/ticket", methods: ["GET"] });
    expect(routes).toContainEqual({ file: "app/api/auth/[...all]/route.ts", kind: "handler", pattern: "/api/auth/[...all]", methods: ["GET", "POST"] });
    // Layouts, loading and error files are not routes.
    expect(routes.some((r) => /layout|loading|not-found|forbidden/.test(r.file))).toBe(false);
  });
});
