// Isomorphic: a customer's phone as the edit form and the API send it. Vendor
// and model come from the remediation catalog (canonical ids, so the wizard
// can be opened on the device), and the firmware must read in the vendor's
// own format, the same check the wizard makes.
import * as z from "zod";
import { closeModels, findModel, getVendor, resolveTarget } from "@/lib/remediation/catalog.ts";
import { vendorIdSchema } from "@/lib/remediation/schema.ts";

const SEPARATORS = /[\s:.-]/g;

/** `80:5E:C0:A1:B2:C3`, `80-5e-c0-a1-b2-c3`, `805e.c0a1.b2c3` → `805ec0a1b2c3`; null if not a MAC. */
export function normaliseMac(text: string): string | null {
  const hex = text.trim().toLowerCase().replace(SEPARATORS, "");
  return /^[0-9a-f]{12}$/.test(hex) ? hex : null;
}

/** `805ec0a1b2c3` → `80:5e:c0:a1:b2:c3`, as phones print it on their label. */
export function formatMac(mac: string): string {
  return mac.replace(/(..)(?!$)/g, "$1:");
}

// An empty form field means "none".
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

const macSchema = z.preprocess(
  blankToNull,
  z
    .string()
    .transform((text, ctx) => {
      const mac = normaliseMac(text);
      if (mac === null) {
        ctx.addIssue({ code: "custom", message: `${JSON.stringify(text)} is not a MAC address: 12 hex digits, e.g. 80:5E:C0:A1:B2:C3` });
        return z.NEVER;
      }
      return mac;
    })
    .nullable(),
);

// Extensions are short digit strings (lib/cdr/normalise.ts reads six digits or fewer as one).
const extensionSchema = z.preprocess(
  blankToNull,
  z.string().trim().regex(/^\d{1,6}$/, { error: "extension must be 1 to 6 digits" }).nullable(),
);

const deviceShape = {
  vendor: vendorIdSchema,
  model: z.string().trim().min(1, { error: "choose the model" }).max(64),
  firmware: z.string().trim().min(1, { error: "firmware is required" }).max(100),
  mac: macSchema.default(null),
  extension: extensionSchema.default(null),
};

const deviceObject = z.object(deviceShape);
export type DeviceData = z.output<typeof deviceObject>;

/**
 * The catalog's verdict on vendor + model + firmware, as zod issues on those
 * fields; the model comes back as the catalog spells it.
 */
function checkCatalog(device: DeviceData, ctx: z.RefinementCtx<DeviceData>): DeviceData {
  const vendor = getVendor(device.vendor);
  const found = findModel(vendor, device.model);
  if (!found) {
    ctx.addIssue({ code: "custom", path: ["model"], message: `unknown ${vendor.name} model "${device.model}"; closest: ${closeModels(vendor, device.model).join(", ")}` });
  }
  const target = resolveTarget({ vendor: device.vendor, model: found?.model.id, firmware: device.firmware });
  if (!target.ok) {
    for (const issue of target.issues.filter((i) => i.path === "firmware")) ctx.addIssue({ code: "custom", path: ["firmware"], message: issue.message });
  }
  return found ? { ...device, model: found.model.id } : device;
}

/** POST …/devices, the phone forms, and a patched device checked whole. */
export const deviceInputSchema = deviceObject.transform(checkCatalog);
export type DeviceInput = z.input<typeof deviceInputSchema>;

/** PATCH …/devices/:id: the fields given replace the stored ones (null clears mac or extension). */
export const devicePatchSchema = z
  .strictObject({
    vendor: deviceShape.vendor.optional(),
    model: deviceShape.model.optional(),
    firmware: deviceShape.firmware.optional(),
    mac: macSchema.optional(),
    extension: extensionSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), { error: "nothing to change" });
export type DevicePatch = z.output<typeof devicePatchSchema>;
