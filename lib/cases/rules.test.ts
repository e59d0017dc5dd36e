import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles.ts";
import { allowedMoves, CASE_STATUSES, canAssign, canComment, checkMove, isOpen, type CaseStatus } from "./rules.ts";

const ROLES: Role[] = ["AGENT", "SUPERVISOR", "ADMIN"];

// Every (from, to, via) the workflow allows, with the lowest role that may do it. Anything not
// listed must be refused for every role.
type Rule = readonly [CaseStatus, CaseStatus, "status" | "mark-sent", Role];
const ALLOWED: readonly Rule[] = [
  ["NEW", "INVESTIGATING", "status", "AGENT"],
  ["REMEDIATION_SENT", "VERIFYING", "status", "AGENT"],
  ...(["NEW", "INVESTIGATING", "REMEDIATION_SENT", "VERIFYING"] as const).flatMap((from) => [
    [from, "REMEDIATION_SENT", "mark-sent", "AGENT"] satisfies Rule,
    [from, "RESOLVED", "status", "SUPERVISOR"] satisfies Rule,
    [from, "FALSE_POSITIVE", "status", "SUPERVISOR"] satisfies Rule,
  ]),
  ["RESOLVED", "INVESTIGATING", "status", "SUPERVISOR"],
  ["FALSE_POSITIVE", "INVESTIGATING", "status", "SUPERVISOR"],
];

const rank: Record<Role, number> = { AGENT: 0, SUPERVISOR: 1, ADMIN: 2 };

describe("case transitions", () => {
  for (const via of ["status", "mark-sent"] as const) {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        const rule = ALLOWED.find(([f, t, v]) => f === from && t === to && v === via);
        for (const role of ROLES) {
          const allowed = rule !== undefined && rank[role] >= rank[rule[3]];
          it(`${via}: ${from} → ${to} by ${role} is ${allowed ? "allowed" : "refused"}`, () => {
            const check = checkMove(from, to, role, via);
            expect(check.ok).toBe(allowed);
            if (!check.ok) expect(check.code).toBe(rule ? "forbidden" : "invalid");
          });
        }
      }
    }
  }

  it("a plain status change cannot send a remediation: that needs mark-as-sent, which records what was sent", () => {
    expect(checkMove("INVESTIGATING", "REMEDIATION_SENT", "ADMIN")).toMatchObject({ ok: false, code: "invalid" });
  });

  it("explains a refusal in words", () => {
    expect(checkMove("INVESTIGATING", "FALSE_POSITIVE", "AGENT")).toEqual({
      ok: false,
      code: "forbidden",
      reason: "Only a supervisor or above may mark as false positive.",
    });
    expect(checkMove("NEW", "VERIFYING", "SUPERVISOR")).toEqual({ ok: false, code: "invalid", reason: "A case cannot go from New to Verifying." });
  });
});

describe("the buttons each role sees", () => {
  it("an agent may take a new case, then only move it forward", () => {
    expect(allowedMoves("NEW", "AGENT").map((m) => m.to)).toEqual(["INVESTIGATING"]);
    expect(allowedMoves("INVESTIGATING", "AGENT")).toEqual([]);
    expect(allowedMoves("REMEDIATION_SENT", "AGENT").map((m) => m.to)).toEqual(["VERIFYING"]);
    expect(allowedMoves("VERIFYING", "AGENT")).toEqual([]);
    expect(allowedMoves("RESOLVED", "AGENT")).toEqual([]);
    expect(allowedMoves("FALSE_POSITIVE", "AGENT")).toEqual([]);
  });

  it("a supervisor also resolves, marks false positives and reopens", () => {
    expect(allowedMoves("VERIFYING", "SUPERVISOR").map((m) => m.to)).toEqual(["RESOLVED", "FALSE_POSITIVE"]);
    expect(allowedMoves("RESOLVED", "SUPERVISOR").map((m) => m.label)).toEqual(["Reopen"]);
    expect(allowedMoves("NEW", "ADMIN").map((m) => m.to)).toEqual(["INVESTIGATING", "RESOLVED", "FALSE_POSITIVE"]);
  });
});

describe("assign and comment", () => {
  it("only supervisors and admins assign", () => {
    expect(ROLES.filter(canAssign)).toEqual(["SUPERVISOR", "ADMIN"]);
  });
  it("everyone comments", () => {
    expect(ROLES.filter(canComment)).toEqual(ROLES);
  });
  it("RESOLVED and FALSE_POSITIVE are the closed statuses", () => {
    expect(CASE_STATUSES.filter((s) => !isOpen(s))).toEqual(["RESOLVED", "FALSE_POSITIVE"]);
  });
});
