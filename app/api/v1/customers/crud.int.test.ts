// Customers and phones through the API: create, edit, delete, the numbers'
// notations, duplicate numbers and MACs, roles, and the audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import { useDemoDatabase } from "@/lib/testing/db.ts";

type Routes = {
  customers: typeof import("./route.ts");
  customer: typeof import("./[account]/route.ts");
  devices: typeof import("./[account]/devices/route.ts");
  device: typeof import("./[account]/devices/[id]/route.ts");
};
let routes: Routes;
let prisma: typeof import("@/lib/db/client.ts").prisma;
let agent: string;
let supervisor: string;

const BASE = "http://localhost:3000/api/v1/customers";

function request(token: string, method: string, path: string, body?: unknown) {
  return new Request(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const params = <P>(p: P) => ({ params: Promise.resolve(p) });

const create = (token: string, body: unknown) => routes.customers.POST(request(token, "POST", "", body), params({}));
const patch = (token: string, account: string, body: unknown) => routes.customer.PATCH(request(token, "PATCH", `/${account}`, body), params({ account }));
const remove = (token: string, account: string) => routes.customer.DELETE(request(token, "DELETE", `/${account}`), params({ account }));
const addDevice = (token: string, account: string, body: unknown) =>
  routes.devices.POST(request(token, "POST", `/${account}/devices`, body), params({ account }));
const patchDevice = (token: string, account: string, id: string, body: unknown) =>
  routes.device.PATCH(request(token, "PATCH", `/${account}/devices/${id}`, body), params({ account, id }));
const removeDevice = (token: string, account: string, id: string) =>
  routes.device.DELETE(request(token, "DELETE", `/${account}/devices/${id}`), params({ account, id }));

async function storedNumbers(account: string) {
  const rows = await prisma.customerNumber.findMany({
    where: { customer: { account } },
    select: { kind: true, number: true, source: { select: { name: true } } },
    orderBy: { number: "asc" },
  });
  return rows.map((n) => `${n.kind} ${n.number}${n.source ? ` @${n.source.name}` : ""}`);
}

const audit = (action: string) => prisma.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

beforeAll(async () => {
  ({ secret: agent } = await useDemoDatabase());
  const { createApiToken } = await import("@/lib/auth/tokens.ts");
  ({ secret: supervisor } = await createApiToken({ name: "crm-sync", role: "SUPERVISOR" }));
  ({ prisma } = await import("@/lib/db/client.ts"));
  routes = {
    customers: await import("./route.ts"),
    customer: await import("./[account]/route.ts"),
    devices: await import("./[account]/devices/route.ts"),
    device: await import("./[account]/devices/[id]/route.ts"),
  };
});

describe("creating a customer", () => {
  it("normalises numbers written in several notations and links the source (supervisor)", async () => {
    const res = await create(supervisor, {
      account: "DELTA-004",
      name: "Delta Dental",
      timeZone: "America/Chicago",
      numbers: ["+1 312 555 0404", "(312) 555-0505", "401", "312.555.0404"],
      sources: ["pbx-chicago"],
    });
    expect(res.status).toBe(201);
    expect((await res.json()).customer).toMatchObject({ account: "DELTA-004", sources: ["pbx-chicago"] });
    // The same DID written twice is stored once.
    expect(await storedNumbers("DELTA-004")).toEqual(["DID +13125550404", "DID +13125550505", "EXTENSION 401 @pbx-chicago"]);
  }, 60_000);

  it("reads it back with GET, numbers as stored and as typed", async () => {
    const res = await routes.customer.GET(request(agent, "GET", "/DELTA-004"), params({ account: "DELTA-004" }));
    expect(res.status).toBe(200);
    const { customer } = await res.json();
    expect(customer.numbers).toContainEqual({ kind: "DID", number: "+13125550505", raw: "(312) 555-0505", source: null });
    expect((await routes.customer.GET(request(agent, "GET", "/NOPE-000"), params({ account: "NOPE-000" }))).status).toBe(404);
  });

  it("records who created it, with what", async () => {
    const [event] = await audit("customer.create");
    expect(event).toMatchObject({ actorLabel: "token:crm-sync", actorId: null, entityType: "customer" });
    expect(event!.after).toMatchObject({ account: "DELTA-004", numbers: ["+13125550404", "+13125550505", "401"], sources: ["pbx-chicago"] });
  });

  it("is refused to an agent with 403, changing nothing", async () => {
    const res = await create(agent, { account: "ECHO-005", name: "Echo", timeZone: "UTC" });
    expect(res.status).toBe(403);
    expect(await prisma.customer.count({ where: { account: "ECHO-005" } })).toBe(0);
  });

  it("refuses an account that exists, and a DID another customer has, naming who has it", async () => {
    const again = await create(supervisor, { account: "DELTA-004", name: "Other", timeZone: "UTC" });
    expect(again.status).toBe(409);
    expect((await again.json()).fieldErrors.account[0]).toContain("already exists");

    const taken = await create(supervisor, { account: "ECHO-005", name: "Echo", timeZone: "UTC", numbers: ["312-555-0101"] });
    expect(taken.status).toBe(409);
    expect((await taken.json()).fieldErrors.numbers).toEqual(["+13125550101 already belongs to customer ACME-001"]);
    const extension = await create(supervisor, { account: "ECHO-005", name: "Echo", timeZone: "UTC", numbers: ["101"], sources: ["pbx-chicago"] });
    expect(extension.status).toBe(409);
    expect((await extension.json()).fieldErrors.numbers).toEqual(["101 on pbx-chicago already belongs to customer ACME-001"]);
    expect(await prisma.customer.count({ where: { account: "ECHO-005" } })).toBe(0);
  });

  it("refuses unreadable numbers, extensions without a source, unknown sources and zones with 400", async () => {
    const res = await create(supervisor, { account: "ECHO-005", name: "Echo", timeZone: "UTC", numbers: ["call me", "205"] });
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors.numbers).toEqual(['"call me" is not a phone number or extension', "extension 205 needs a source: link the PBX it is on"]);
    const source = await create(supervisor, { account: "ECHO-005", name: "Echo", timeZone: "UTC", sources: ["pbx-nowhere"] });
    expect((await source.json()).fieldErrors.sources).toEqual(["no CDR source named pbx-nowhere"]);
    const zone = await create(supervisor, { account: "ECHO-005", name: "Echo", timeZone: "America/Chicgo" });
    expect(zone.status).toBe(400);
  });

  it("refuses a NUL anywhere in the body with 400 naming the field, storing nothing (PostgreSQL's text cannot hold it)", async () => {
    const res = await create(supervisor, { account: "ECHO-005", name: "Echo", timeZone: "UTC", numbers: ["+13125550100", "+1312555\u00000101"] });
    expect(res.status).toBe(400);
    expect((await res.json()).issues).toEqual([expect.objectContaining({ path: ["numbers", 1] })]);
    const renamed = await patch(supervisor, "ACME-001", { name: "Acme\u0000" });
    expect(renamed.status).toBe(400);
    expect(await prisma.customer.count({ where: { account: "ECHO-005" } })).toBe(0);
    expect((await prisma.customer.findUniqueOrThrow({ where: { account: "ACME-001" } })).name).not.toContain("\u0000");
  });
});

describe("editing a customer", () => {
  it("lets an agent rename, rezone and replace the numbers, and audits before and after", async () => {
    const res = await patch(agent, "DELTA-004", { name: "Delta Dental Group", timeZone: "America/New_York", numbers: ["+13125550404", "402"] });
    expect(res.status).toBe(200);
    expect(await storedNumbers("DELTA-004")).toEqual(["DID +13125550404", "EXTENSION 402 @pbx-chicago"]);
    const [event] = await audit("customer.update");
    expect(event!.before).toMatchObject({ name: "Delta Dental", timeZone: "America/Chicago" });
    expect(event!.after).toMatchObject({ name: "Delta Dental Group", timeZone: "America/New_York", numbers: ["+13125550404", "402"] });
  });

  it("refuses to unlink the last source while extensions need it", async () => {
    const res = await patch(agent, "DELTA-004", { sources: [] });
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors.numbers).toEqual(["extension 402 needs a source: link the PBX it is on"]);
    expect(await storedNumbers("DELTA-004")).toContain("EXTENSION 402 @pbx-chicago");
  });

  it("re-evaluates the customer's rings when its sources change: no source, no coverage", async () => {
    const verdicts = () =>
      prisma.reportVerdict.groupBy({ by: ["verdict"], where: { report: { customer: { account: "CEDAR-003" } } }, _count: true });
    expect((await verdicts()).some((v) => v.verdict !== "NO_COVERAGE")).toBe(true);
    const res = await patch(agent, "CEDAR-003", { numbers: ["+12125550303"], sources: [] });
    expect(res.status).toBe(200);
    expect((await verdicts()).map((v) => v.verdict)).toEqual(["NO_COVERAGE"]);
  });

  it("answers 404 for an unknown account and 400 for an empty patch", async () => {
    expect((await patch(agent, "NOPE-000", { name: "X" })).status).toBe(404);
    expect((await patch(agent, "DELTA-004", {})).status).toBe(400);
  });
});

describe("phones", () => {
  let id: string;

  it("adds a phone with the MAC normalised and the model spelt as the catalog does", async () => {
    const res = await addDevice(agent, "DELTA-004", { vendor: "yealink", model: "t46g", firmware: "28.73.0.50", mac: "80-5E-C0-00-00-01", extension: "402" });
    expect(res.status).toBe(201);
    const { device } = await res.json();
    expect(device).toMatchObject({ vendor: "yealink", model: "T46G", mac: "805ec0000001", extension: "402" });
    id = device.id;
    expect((await audit("device.create")).at(-1)!.after).toMatchObject({ account: "DELTA-004", mac: "805ec0000001" });
  });

  it("refuses a MAC already on record, saying whose phone has it", async () => {
    const res = await addDevice(agent, "DELTA-004", { vendor: "yealink", model: "T46G", firmware: "28.73.0.50", mac: "80:5E:C0:A1:B2:C3" });
    expect(res.status).toBe(409);
    expect((await res.json()).fieldErrors.mac).toEqual(["MAC 80:5e:c0:a1:b2:c3 is already on a phone of Acme Dental (ACME-001)"]);
  });

  it("refuses firmware that is not in the vendor's format", async () => {
    const res = await addDevice(agent, "DELTA-004", { vendor: "yealink", model: "T46G", firmware: "latest" });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("not a Yealink firmware version");
  });

  it("edits a phone, re-checking it whole, and audits the change", async () => {
    const bad = await patchDevice(agent, "DELTA-004", id, { vendor: "polycom" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).fieldErrors.model[0]).toContain('unknown Polycom model "T46G"');
    const res = await patchDevice(agent, "DELTA-004", id, { firmware: "V86", mac: null });
    expect(res.status).toBe(200);
    expect((await res.json()).device).toMatchObject({ firmware: "V86", mac: null });
    const [event] = await audit("device.update");
    expect(event!.before).toMatchObject({ firmware: "28.73.0.50", mac: "805ec0000001" });
    expect(event!.after).toMatchObject({ firmware: "V86", mac: null });
  });

  it("does not reach another customer's phone through this customer", async () => {
    expect((await patchDevice(agent, "ACME-001", id, { firmware: "V80" })).status).toBe(404);
    expect((await removeDevice(agent, "ACME-001", id)).status).toBe(404);
  });

  it("removes a phone", async () => {
    expect((await removeDevice(agent, "DELTA-004", id)).status).toBe(204);
    expect(await prisma.device.count({ where: { id } })).toBe(0);
    expect(await audit("device.delete")).toHaveLength(1);
  });
});

describe("deleting a customer", () => {
  it("is forbidden to an agent", async () => {
    const res = await remove(agent, "ACME-001");
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("forbidden");
    expect(await prisma.customer.count({ where: { account: "ACME-001" } })).toBe(1);
  });

  it("takes the customer's numbers, phones and rings with it (supervisor), and audits what went", async () => {
    const customer = await prisma.customer.findUniqueOrThrow({ where: { account: "ACME-001" }, select: { id: true, _count: { select: { reports: true } } } });
    expect(customer._count.reports).toBeGreaterThan(0);
    const res = await remove(supervisor, "ACME-001");
    expect(res.status).toBe(200);
    expect(await prisma.customer.count({ where: { account: "ACME-001" } })).toBe(0);
    expect(await prisma.customerNumber.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await prisma.device.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await prisma.ghostReport.count({ where: { customerId: customer.id } })).toBe(0);
    const [event] = await audit("customer.delete");
    expect(event).toMatchObject({ entityId: customer.id, actorLabel: "token:crm-sync" });
    expect(event!.before).toMatchObject({ account: "ACME-001", devices: 1, reports: customer._count.reports });
    // The freed DID can now be given to someone else.
    expect((await patch(agent, "DELTA-004", { numbers: ["+13125550101"] })).status).toBe(200);
  });
});
