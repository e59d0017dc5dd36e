import { describe, expect, it, vi } from "vitest";
import { sharedFor } from "./shared.ts";

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
