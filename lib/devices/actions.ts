"use server";

// The phone forms on a customer's edit page. Any agent may keep phones on
// record: they are who talks to the customer and reads the phone's status page.
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { requireUser } from "@/lib/auth/session.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { formStateOf } from "@/lib/customers/boundary.ts";
import type { DirectoryFormState } from "@/lib/customers/errors.ts";
import { deviceInputSchema } from "./schema.ts";
import { createDevice, deleteDevice, updateDevice } from "./writes.ts";

function revalidate(account: string) {
  revalidatePath(`/customers/${encodeURIComponent(account)}`);
  revalidatePath(`/customers/${encodeURIComponent(account)}/edit`);
}

/** Adds a phone (deviceId null) or replaces one's fields. */
export async function saveDeviceAction(account: string, deviceId: string | null, _prev: DirectoryFormState, form: FormData): Promise<DirectoryFormState> {
  const user = await requireUser("AGENT");
  const input = deviceInputSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
    try {
    if (deviceId) await updateDevice(account, z.uuid().parse(deviceId), input.data, auditActor(user));
    else await createDevice(account, input.data, auditActor(user));
  } catch (error) {
    return formStateOf(error);
  }
  revalidate(account);
  return { ok: deviceId ? "Phone saved." : "Phone added." };
}

export async function deleteDeviceAction(account: string, deviceId: string, _prev: DirectoryFormState, _form: FormData): Promise<DirectoryFormState> {
  const user = await requireUser("AGENT");
  try {
    await deleteDevice(account, z.uuid().parse(deviceId), auditActor(user));
  } catch (error) {
    return formStateOf(error);
  }
  revalidate(account);
  return { ok: "Phone removed." };
}
