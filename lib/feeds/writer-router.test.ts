import { describe, expect, it } from "vitest";
import { batchedSender } from "./writer-router.ts";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("batchedSender", () => {
  it("sends what one turn of the event loop pushed as one array, in order, and a later turn's apart", async () => {
    const sent: number[][] = [];
    const push = batchedSender((items: number[]) => sent.push(items));
    push(1);
    push(2);
    push(3);
    expect(sent).toEqual([]);
    await nextTurn();
    push(4);
    await nextTurn();
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });
});
