import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./csp.ts";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("[reliability: untrusted] content security policy", () => {
  it("lets only scripts with this response's nonce run, never inline ones or eval", () => {
    const script = directives(contentSecurityPolicy("abc123==", { dev: false })).get("script-src");
    expect(script).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(script).not.toContain("'unsafe-inline'");
  });

  it("adds eval in development only", () => {
    expect(directives(contentSecurityPolicy("n", { dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("shuts plugins, base rewrites and framing out", () => {
    const d = directives(contentSecurityPolicy("n", { dev: false }));
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
  });

  it("makes a new nonce of 128 bits for every response, in the form Next reads from the header", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) {
      expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(atob(n)).toHaveLength(16);
    }
  });
});
