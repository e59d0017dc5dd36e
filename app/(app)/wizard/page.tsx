import type { Metadata } from "next";
import Link from "next/link";
import * as z from "zod";
import { buttonClass } from "@/components/ui/button.tsx";
import { PageHeader } from "@/components/ui/page-header.tsx";
import { Wizard, type KnownPhone } from "@/components/wizard/wizard.tsx";
import { requireUser } from "@/lib/auth/session.ts";
import { getCustomer } from "@/lib/customers/data.ts";
import { getVendor, listModels } from "@/lib/remediation/catalog.ts";
import { normalizeModelId, type VendorId } from "@/lib/remediation/catalog-schema.ts";
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
});

/** The catalog id for a model as stored on a device or typed in a link ("SIP-T46G", "t46g"). */
function catalogModel(vendor: VendorId, model: string | undefined): string {
  if (!model) return "";
  const wanted = normalizeModelId(model);
  return listModels(vendor).find((m) => normalizeModelId(m.id) === wanted || normalizeModelId(m.name) === wanted)?.id ?? "";
}

async function findCustomer(account: string) {
  const customer = await getCustomer(account);
  if (!customer) return undefined;
  const phones = new Map<string, KnownPhone>();
  for (const device of customer.devices) {
    // Device vendors are free text from imports; only those the catalog covers can be offered.
    const vendor = vendorIdSchema.safeParse(device.vendor.trim().toLowerCase());
    if (!vendor.success) continue;
    const label = `${getVendor(vendor.data).name} ${device.model}, firmware ${device.firmware}`;
    phones.set(label, { label, vendor: vendor.data, model: catalogModel(vendor.data, device.model), firmware: device.firmware });
  }
  return { name: customer.name, account: customer.account, phones: [...phones.values()] };
}

export default async function WizardPage({ searchParams }: PageProps<"/wizard">) {
  await requireUser();
  const prefill = prefillSchema.parse(await searchParams);
  const customer = prefill.customer ? await findCustomer(prefill.customer) : undefined;
  const vendor = prefill.vendor ?? "";
  return (
    <>
      <PageHeader
        title="Remediation wizard"
        description={
          customer
            ? `Provisioning overrides that stop ghost calls, for ${customer.name} (${customer.account}).`
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
          device: { vendor, model: vendor ? catalogModel(vendor, prefill.model) : "", firmware: prefill.firmware ?? "" },
          account: prefill.account ?? "",
        }}
        phones={customer?.phones ?? []}
      />
    </>
  );
}
