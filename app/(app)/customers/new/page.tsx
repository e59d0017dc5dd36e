import type { Metadata } from "next";
import Link from "next/link";
import { CustomerForm } from "@/components/customers/customer-form.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { createCustomerAction } from "@/lib/customers/actions.ts";
import { listSourceChoices } from "@/lib/customers/data.ts";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage() {
  await requireUser("SUPERVISOR");
  const sources = await listSourceChoices();
  return (
    <>
      <PageHeader
        title="New customer"
        description="Its numbers and the PBXs that serve it are what reported rings are checked against. Add phones on the next page."
        actions={<Link href="/customers" className={buttonClass("secondary")}>Cancel</Link>}
      />
      <Card>
        <CustomerForm
          action={createCustomerAction}
          initial={{ account: "", name: "", timeZone: "", numbers: "", sources: sources.length === 1 ? [sources[0]!.name] : [] }}
          sources={sources}
          zones={Intl.supportedValuesOf("timeZone")}
          withAccount
          submitLabel="Create customer"
        />
      </Card>
    </>
  );
}
