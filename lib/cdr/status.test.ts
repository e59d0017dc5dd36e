import { describe, expect, it } from "vitest";
import { type CdrImportStatus, isImportFinished, isImportRetryable } from "./status";

const ALL: CdrImportStatus[] = ["QUEUED", "RUNNING", "LOADED", "REFUSED", "FAILED"];

describe("isImportFinished", () => {
  it("is true once the job has written an outcome, false while one is still to come", () => {
    expect(ALL.filter(isImportFinished)).toEqual(["LOADED", "REFUSED", "FAILED"]);
  });
});

describe("isImportRetryable", () => {
  it("is true only for a FAILED import whose upload is kept", () => {
    expect(ALL.filter((status) => isImportRetryable({ status, uploadPath: "/data/uploads/a.upload" }))).toEqual(["FAILED"]);
    expect(isImportRetryable({ status: "FAILED", uploadPath: null })).toBe(false);
  });
});
