import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CustomerForm } from "@/components/customers/customer-form.tsx";
import { DeleteCustomerForm } from "@/components/customers/delete-customer-form.tsx";
import { DeviceForm, RemoveDeviceButton } from "@/components/customers/device-form.tsx";
import { buttonClass } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { hasRole } from "@/lib/auth/roles.ts";
import { requireUser } from "@/lib/auth/session.ts";
import { deleteCustomerAction, updateCustomerAction } from "@/lib/customers/actions.ts";
import { getCustomer, listSourceChoices } from "@/lib/customers/data.ts";
import { deleteDeviceAction, saveDeviceAction } from "@/lib/devices/actions.ts";
import { formatMac } from "@/lib/devices/schema.ts";
import { VENDOR_IDS, type VendorId } from "@/lib/remediation/catalog-schema.ts";

export const metadata: Metadata = { title: "Edit customer" };

const vendorOf = (id: string): VendorId | "" => ((VENDOR_IDS as readonly string[]).includes(id) ? (id as VendorId) : "");

export default async function EditCustomerPage({ params }: PageProps<"/customers/[account]/edit">) {
  const user = await requireUser();
  const customer = await getCustomer(decodeURIComponent((await params).account));
  if (!customer) notFound();
  const sources = await listSourceChoices();
  const { account } = customer;
  const href = `/customers/${encodeURIComponent(account)}`;
  return (
    <>
      <PageHeader
        title={<>Edit <UntrustedText text={customer.name} /></>}
        description={`${account} · changes are recorded in the audit trail with your name.`}
        actions={<Link href={{ pathname: href }} className={buttonClass("secondary")}>Back to the customer</Link>}
      />
      <Card title="Customer, numbers and sources">
        <CustomerForm
          action={updateCustomerAction.bind(null, account)}
          initial={{
            account,
            name: customer.name,
            timeZone: customer.timeZone,
            // One line per number as it was typed (an extension is stored once per source).
            numbers: [...new Set(customer.numbers.map((n) => n.raw))].join("\n"),
            sources: customer.sources.map((s) => s.source.name),
          }}
          sources={sources}
          zones={Intl.supportedValuesOf("timeZone")}
          withAccount={false}
          submitLabel="Save customer"
        />
      </Card>

      <Card title="Phones" className="mt-6">
        {customer.devices.length === 0 ? (
          <p className="text-sm text-slate-600">No phones on record. Add the customer&apos;s phones below so the wizard can write their overrides.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {customer.devices.map((d) => {
              const label = `${d.vendor} ${d.model}${d.extension ? ` (extension ${d.extension})` : ""}`;
              return (
                <li key={d.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
                    <span>
                      <span className="font-medium capitalize">{d.vendor}</span> {d.model} · <span className="font-mono text-xs">{d.firmware}</span>
                      {d.extension ? ` · extension ${d.extension}` : ""}
                      {d.mac ? <> · <span className="font-mono text-xs">{formatMac(d.mac)}</span></> : null}
                    </span>
                    <RemoveDeviceButton action={deleteDeviceAction.bind(null, account, d.id)} label={label} />
                  </div>
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm text-brand-700 underline">Edit<span className="sr-only"> {label}</span></summary>
                    <div className="mt-3">
                      <DeviceForm
                        action={saveDeviceAction.bind(null, account, d.id)}
                        initial={{ vendor: vendorOf(d.vendor), model: d.model, firmware: d.firmware, mac: d.mac ? formatMac(d.mac) : "", extension: d.extension ?? "" }}
                        submitLabel="Save phone"
                      />
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
        )}
        <h3 className="mt-6 mb-3 text-sm font-semibold text-slate-700">Add a phone</h3>
        <DeviceForm
          // A fresh form after each add: the key changes with the number of phones.
          key={customer.devices.length}
          action={saveDeviceAction.bind(null, account, null)}
          initial={{ vendor: "", model: "", firmware: "", mac: "", extension: "" }}
          submitLabel="Add phone"
        />
      </Card>

      {hasRole(user.role, "SUPERVISOR") ? (
        <Card title="Delete this customer" className="mt-6">
          <p className="mb-3 text-sm text-slate-600">
            Deletes the customer with its numbers, phones, reported rings, verdicts, cases and remediation history. It can&apos;t be undone; the audit trail keeps a record of what was deleted.
          </p>
          <DeleteCustomerForm account={account} action={deleteCustomerAction.bind(null, account)} />
        </Card>
      ) : null}
    </>
  );
}
