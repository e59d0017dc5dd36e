import { describe, expect, it } from "vitest";
import { parseQueueQuery, sortDirection } from "./schema.ts";

describe("parseQueueQuery", () => {
  it("gives the default view for an empty URL", () => {
    const q = parseQueueQuery({});
    expect(q).toMatchObject({ page: 1, perPage: 25, sort: "score", status: [], level: [], hide: [] });
    expect(q.assignee).toBeUndefined();
    expect(sortDirection(q)).toBe("desc");
  });

  it("drops a search text holding NUL, which PostgreSQL's text cannot hold", () => {
    const query = parseQueueQuery(new URLSearchParams("vendor=%00&q=a%00b&assignee=%00"));
    expect([query.vendor, query.q, query.assignee]).toEqual([undefined, undefined, undefined]);
    expect(parseQueueQuery(new URLSearchParams("vendor=Yealink&q=ab")).vendor).toBe("yealink");
  });

  it("falls back to the default sort for an unknown or hostile sort key", () => {
    expect(parseQueueQuery({ sort: "password" }).sort).toBe("score");
    expect(parseQueueQuery({ sort: "score; drop table cases" }).sort).toBe("score");
    expect(parseQueueQuery({ sort: "lastRing", dir: "sideways" })).toMatchObject({ sort: "lastRing", dir: undefined });
  });

  it("keeps allow-listed sorts and their direction", () => {
    const q = parseQueueQuery(new URLSearchParams("sort=customer&dir=desc"));
    expect(q).toMatchObject({ sort: "customer", dir: "desc" });
    expect(sortDirection(parseQueueQuery({ sort: "customer" }))).toBe("asc");
  });

  it("refuses page sizes outside the choices and pages below 1", () => {
    expect(parseQueueQuery({ perPage: "100000", page: "0" })).toMatchObject({ perPage: 25, page: 1 });
    expect(parseQueueQuery({ perPage: "50", page: "3" })).toMatchObject({ perPage: 50, page: 3 });
    expect(parseQueueQuery({ page: "abc" }).page).toBe(1);
  });

  it("keeps only known statuses, levels and columns, from a list or repeated keys", () => {
    const q = parseQueueQuery(new URLSearchParams("status=NEW,bogus&status=NONE&level=POSSIBLE,LIKELY_SCANNED,x&hide=vendors,password"));
    expect(q.status).toEqual(["NEW", "NONE"]);
    expect(q.level).toEqual(["POSSIBLE", "LIKELY_SCANNED"]);
    expect(q.hide).toEqual(["vendors"]);
  });

  it("reads the period, vendor, search and saved-view flags", () => {
    const q = parseQueueQuery({ period: "30", vendor: " Yealink ", q: "  acme ", assignee: "unassigned", ringingAgain: "1" });
    expect(q).toMatchObject({ period: 30, vendor: "yealink", q: "acme", assignee: "unassigned", ringingAgain: true });
    expect(parseQueueQuery({ period: "45", q: "", ringingAgain: "no" })).toMatchObject({ period: undefined, q: undefined, ringingAgain: undefined });
  });

  it("takes the first value of a repeated scalar key", () => {
    expect(parseQueueQuery(new URLSearchParams("sort=customer&sort=score")).sort).toBe("customer");
  });
});
