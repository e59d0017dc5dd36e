import { describe, expect, it } from "vitest";
import { importProgress } from "./progress";

const startedAt = new Date("2026-11-26T10:00:00Z");
const after = (s: number) => new Date(startedAt.getTime() + s * 1000);

describe("importProgress", () => {
  it("gives the rate in rows per second and the time left from the bytes read", () => {
    expect(importProgress({ rows: 200_000, bytes: 25_000_000, fileSize: 100_000_000, startedAt, now: after(10) })).toEqual({
      rows: 200_000,
      bytes: 25_000_000,
      fileSize: 100_000_000,
      fraction: 0.25,
      rowsPerSecond: 20_000,
      etaSeconds: 30,
    });
  });

  it("has no rate or ETA before a second has passed, or before the first row", () => {
    expect(importProgress({ rows: 10, bytes: 1000, fileSize: 5000, startedAt, now: after(0.5) })).toMatchObject({ fraction: 0.2, rowsPerSecond: null, etaSeconds: null });
    expect(importProgress({ rows: 0, bytes: 0, fileSize: 5000, startedAt, now: after(5) })).toMatchObject({ fraction: 0, rowsPerSecond: null, etaSeconds: null });
    expect(importProgress({ rows: 0, bytes: 0, fileSize: 5000, startedAt: null, now: after(5) })).toMatchObject({ rowsPerSecond: null });
  });

  it("caps the fraction at 1 and has no fraction for an unknown size", () => {
    expect(importProgress({ rows: 5, bytes: 7000, fileSize: 5000, startedAt, now: after(2) })).toMatchObject({ fraction: 1, etaSeconds: 0 });
    expect(importProgress({ rows: 5, bytes: 7000, fileSize: 0, startedAt, now: after(2) })).toMatchObject({ fraction: null, etaSeconds: null, rowsPerSecond: 3 });
  });
});
