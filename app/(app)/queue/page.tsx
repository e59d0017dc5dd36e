import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireUser } from "@/lib/auth/session.ts";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Queue" description="Customers whose phones rang without the PBX seeing the call, most likely first." />
      <EmptyState
        title="No flagged customers yet"
        action={<Link href="/imports" className={buttonClass("primary")}>Import call records</Link>}
      >
        A customer is flagged when a ring they reported has no matching call record while the PBX&apos;s exports
        cover that moment. Start by importing the PBX&apos;s call history, then enter the reported rings.
      </EmptyState>
    </>
  );
}
