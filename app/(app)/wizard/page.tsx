import type { Metadata } from "next";
import Link from "next/link";
import * as z from "zod";
import { buttonClass } from "@/components/ui/button.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { UntrustedText } from "@/components/ui/untrusted-text.tsx";
import { Wizard, type KnownPhone } from "@/components/wizard/wizard.tsx";
import type { CasePhone } from "@/components/wizard/save-to-case.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { getCustomer } from "@/lib/customers/data.ts";
import { findModel, getVendor } from "@/lib/remediation/catalog.ts";
import type { VendorId } from "@/lib/remediation/catalog-schema.ts";
import { vendorIdSchema } from "@/lib/remediation/schema.ts";

export const metadata: Metadata = { title: "Remediation wizard" };

// Links from elsewhere (a customer, later a case) prefill the wizard. A bad value is dropped rather
// than failing the page: the agent can still pick it by hand.
const prefillSchema = z.object({
  vendor: z.string().trim().toLowerCase().pipe(vendorIdSchema).optional().catch(undefined),
  model: z.string().trim().optional().catch(undefined),
  firmware: z.string().trim().max(100).optional().catch(undefined),
  account: z.string().regex(/^\d{1,3}$/).optional().catch(undefined),
  /** The customer's account code, as shown on the customers page. */
  customer: z.string().trim().min(1).max(200).optional().catch(undefined),
  /** One of the customer's phones (device id): the wizard starts from it and saves to it. */
  device: z.uuid().optional().catch(undefined),
});

/** The catalog id for a model as stored on a device or typed in a link ("SIP-T46G", "t46g"). */
function catalogModel(vendor: VendorId, model: string | undefined): string {
  if (!model) return "";
  return findModel(getVendor(vendor), model)?.model.id ?? "";
}

async function findCustomer(account: string, deviceId: string | undefined) {
  const customer = await getCustomer(account);
  if (!customer) return undefined;
  let linked: CasePhone | undefined;
  const phones = new Map<string, KnownPhone>();
  for (const device of customer.devices) {
    // Device vendors are free text from imports; only those the catalog covers can be offered.
    const vendor = vendorIdSchema.safeParse(device.vendor.trim().toLowerCase());
    if (!vendor.success) continue;
    const label = `${getVendor(vendor.data).name} ${device.model}, firmware ${device.firmware}`;
    const phone = { label, vendor: vendor.data, model: catalogModel(vendor.data, device.model), firmware: device.firmware };
    phones.set(label, phone);
    if (device.id === deviceId) linked = { ...phone, id: device.id };
  }
  return { name: customer.name, account: customer.account, phones: [...phones.values()], device: linked };
}

export default async function WizardPage({ searchParams }: PageProps<"/wizard">) {
  await requireUser();
  const prefill = prefillSchema.parse(await searchParams);
  const customer = prefill.customer ? await findCustomer(prefill.customer, prefill.device) : undefined;
  // The linked phone as recorded wins over loose vendor/model/firmware in the link.
  const start = customer?.device ?? {
    vendor: prefill.vendor ?? "",
    model: prefill.vendor ? catalogModel(prefill.vendor, prefill.model) : "",
    firmware: prefill.firmware ?? "",
  };
  return (
    <>
      <PageHeader
        title="Remediation wizard"
        description={
          customer
            ? <>Provisioning overrides that stop ghost calls, for <UntrustedText text={customer.name} /> ({customer.account}).</>
            : "Provisioning overrides that stop ghost calls: pick the phone, the protections, and get the exact lines for its firmware."
        }
        actions={
          <Link href="/wizard/lint" className={buttonClass("secondary")}>
            Lint existing overrides
          </Link>
        }
      />
      <Wizard
        initial={{
          device: { vendor: start.vendor, model: start.model, firmware: start.firmware },
          account: prefill.account ?? "",
        }}
        phones={customer?.phones ?? []}
        customer={customer ? { account: customer.account, name: customer.name, device: customer.device } : undefined}
      />
    </>
  );
}
