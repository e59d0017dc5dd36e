import { describe, expect, it, vi } from "vitest";
import { sharedBy, sharedFor } from "./shared.ts";

describe("sharedFor", () => {
  it("loads once for every call within the TTL, again after it", async () => {
    let now = 1_000;
    let n = 0;
    const get = sharedFor(10_000, async () => ++n, () => now);
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    now += 9_999;
    expect(await get()).toBe(1);
    now += 1;
    expect(await get()).toBe(2);
    get.forget();
    expect(await get()).toBe(3);
  });

  it("does not keep a failed load", async () => {
    const load = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error("down")).mockResolvedValue("up");
    const get = sharedFor(10_000, load, () => 0);
    await expect(get()).rejects.toThrow("down");
    expect(await get()).toBe("up");
    expect(await get()).toBe("up");
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe("sharedBy", () => {
  it("shares per key, and past its bound starts again", async () => {
    let n = 0;
    const shared = sharedBy<number>(10_000, { max: 2, clock: () => 0 });
    const load = async () => ++n;
    expect(await shared.get("a", load)).toBe(1);
    expect(await shared.get("a", load)).toBe(1);
    expect(await shared.get("b", load)).toBe(2);
    // A third key drops the kept ones.
    expect(await shared.get("c", load)).toBe(3);
    expect(await shared.get("a", load)).toBe(4);
  });
});
