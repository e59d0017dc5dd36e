// Isomorphic, pure: the Content-Security-Policy every page is served with (proxy.ts sets it).
//
// Scripts: a nonce per response and 'strict-dynamic', not 'unsafe-inline'. The App Router writes
// its RSC payload as inline scripts (self.__next_f.push(...)) and loads chunks from scripts it
// creates; 'unsafe-inline' would let those run, and with them any inline script or event handler
// (onerror=, onload=) that an escaping bug let into the page, which is what a CSP is for. Next
// reads the nonce from the request's policy header and puts it on its own scripts
// (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md); the price is that
// every page is rendered per request, which Ghostline's pages are anyway (each reads the session).
//
// Styles: 'unsafe-inline', no nonce. A nonce would make browsers ignore 'unsafe-inline' and block
// style attributes in the server's HTML; injected CSS can't run code, and with img-src, font-src
// and connect-src kept to 'self' it can't send what it reads anywhere either.
//
// No upgrade-insecure-requests: Ghostline is often served over plain HTTP inside a network
// (http://ghostline.lan:3000), where it would turn every asset request into a failing https one.

/** A fresh nonce: 128 random bits, base64 (CSP3 §2.3.1 nonce-source: base64-value). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** The policy for one response; `dev` adds 'unsafe-eval', which React's dev build needs for its error stacks. */
export function contentSecurityPolicy(nonce: string, { dev }: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
