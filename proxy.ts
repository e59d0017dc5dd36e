// Every page's Content-Security-Policy, with a nonce of its own (lib/csp.ts says why a nonce).
// Next takes the nonce from the policy on the request and writes it on its scripts; the browser
// gets the same policy on the response.
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/csp.ts";

export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: API answers are JSON or CSV, static files carry no inline script, and a
  // next/link prefetch is not a document the policy applies to (the Next guide's matcher).
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
