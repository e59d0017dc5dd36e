import { beforeAll, describe, expect, it } from "vitest";
import { addCustomer } from "@/lib/testing/fixtures.ts";
import { useTestDatabase } from "@/lib/testing/db.ts";

let data: typeof import("./data.ts");
const list = (q: string | undefined, more: Partial<{ page: number; perPage: number; sort: "account" | "name" | "createdAt"; dir: "asc" | "desc" }> = {}) =>
  data.listCustomers({ page: 1, perPage: 50, sort: "account", dir: "asc", q, ...more });
const accounts = (page: { data: { account: string }[] }) => page.data.map((c) => c.account);

beforeAll(async () => {
  await useTestDatabase();
  data = await import("./data.ts");
  const { prisma } = await import("@/lib/db/client.ts");
  const acme = await addCustomer("ACME-001", "Acme Dental", ["yealink", "snom"]);
  const birch = await addCustomer("BIRCH-002", "Birch Legal");
  await addCustomer("CEDAR-003", "Cedar Acme Supplies", ["yealink"]);
  await addCustomer("DUNE-004", "Dune Bakery");
  await prisma.customerNumber.createMany({
    data: [
      { customerId: acme, kind: "DID", number: "+13125550101", raw: "312 555 0101" },
      { customerId: acme, kind: "DID", number: "+13125550102", raw: "312 555 0102" },
      { customerId: birch, kind: "DID", number: "+13125550201", raw: "312 555 0201" },
    ],
  });
});

describe("listCustomers", () => {
  it("pages every customer in the requested order, with numbers and phones counted", async () => {
    const first = await list(undefined, { perPage: 3 });
    expect(first.total).toBe(4);
    expect(accounts(first)).toEqual(["ACME-001", "BIRCH-002", "CEDAR-003"]);
    expect(first.data[0]).toMatchObject({ name: "Acme Dental", devices: 2, numbers: [{ kind: "DID", number: "+13125550101" }, { kind: "DID", number: "+13125550102" }] });
    expect(first.data.map((c) => c.devices)).toEqual([2, 0, 1]);
    expect(accounts(await list(undefined, { perPage: 3, page: 2 }))).toEqual(["DUNE-004"]);
    expect(accounts(await list(undefined, { sort: "name", dir: "desc" }))).toEqual(["DUNE-004", "CEDAR-003", "BIRCH-002", "ACME-001"]);
  });

  it("finds part of an account or a name in any case, and part of a number, each customer once", async () => {
    // ACME-001 by its account and name, CEDAR-003 by its name.
    const acme = await list("acme");
    expect(accounts(acme)).toEqual(["ACME-001", "CEDAR-003"]);
    expect(acme.total).toBe(2);
    // Both of ACME-001's numbers match: one row.
    const numbers = await list("555010");
    expect(accounts(numbers)).toEqual(["ACME-001"]);
    expect(numbers.total).toBe(1);
    expect(accounts(await list("555"))).toEqual(["ACME-001", "BIRCH-002"]);
    expect(accounts(await list("-00", { sort: "account", dir: "desc" }))).toEqual(["DUNE-004", "CEDAR-003", "BIRCH-002", "ACME-001"]);
    expect(await list("nobody")).toMatchObject({ data: [], total: 0 });
  });

  it("pages search results and counts them all, with the rows' phones", async () => {
    const second = await list("-00", { perPage: 3, page: 2, sort: "name" });
    expect(second.total).toBe(4);
    expect(accounts(second)).toEqual(["DUNE-004"]);
    const past = await list("-00", { perPage: 3, page: 3 });
    expect(past).toMatchObject({ data: [], total: 4 });
    expect((await list("cedar")).data[0]).toMatchObject({ account: "CEDAR-003", devices: 1, numbers: [], sources: [] });
  });
});
