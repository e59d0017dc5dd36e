import type { ReactNode } from "react";
import Link from "next/link";
import { NavLinks, type NavItem } from "@/components/shell/nav-links.tsx";
import { UserMenu } from "@/components/shell/user-menu.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/session.ts";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const items: NavItem[] = [
    { href: "/", label: "Overview" },
    { href: "/inbox", label: "Inbox" },
    { href: "/queue", label: "Queue" },
    { href: "/customers", label: "Customers" },
    { href: "/imports", label: "Imports" },
    { href: "/wizard", label: "Wizard" },
  ];
  if (hasRole(user.role, "ADMIN")) items.push({ href: "/admin", label: "Admin" });
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-brand-900">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-white">◌</span>
            Ghostline
          </Link>
          <div className="flex-1">
            <NavLinks items={items} />
          </div>
          <UserMenu user={user} />
        </nav>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  );
}
