import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ghostline", template: "%s · Ghostline" },
  description: "Prove whether a ghost call went through the PBX, and stop it.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {/* URL state for client islands (the queue's filters, sort and page). */}
        <NuqsAdapter>{children}</NuqsAdapter>
      </body>
    </html>
  );
}
