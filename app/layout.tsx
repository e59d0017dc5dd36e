import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ghostline", template: "%s · Ghostline" },
  description: "Prove whether a ghost call went through the PBX, and stop it.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page per request, the 404 page included: Next writes the CSP nonce (proxy.ts) on the
  // scripts of pages it renders for the request only, and a page built ahead would have none.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {/* URL state for client islands (the queue's filters, sort and page). */}
        <NuqsAdapter>{children}</NuqsAdapter>
      </body>
    </html>
  );
}
