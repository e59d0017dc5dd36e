"use server";

// The customer forms: zod, the role checked on the server, then the same
// writes the API uses. Creating and deleting customers is for supervisors
// (a delete takes the customer's rings, cases and history with it); agents
// keep the details, numbers and sources up to date.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import * as z from "zod";
import { requireUser } from "@/lib/auth/session.ts";
import { auditActor } from "@/lib/auth/actor.ts";
import { formStateOf } from "./boundary.ts";
import type { DirectoryFormState } from "./errors.ts";
import { customerCreateSchema, customerUpdateSchema } from "./schema.ts";
import { createCustomer, deleteCustomer, updateCustomer } from "./writes.ts";

function fields(form: FormData) {
  return {
    account: form.get("account") ?? undefined,
    name: form.get("name") ?? undefined,
    timeZone: form.get("timeZone") ?? undefined,
    numbers: form.get("numbers") ?? "",
    sources: form.getAll("sources"),
  };
}

export async function createCustomerAction(_prev: DirectoryFormState, form: FormData): Promise<DirectoryFormState> {
  const user = await requireUser("SUPERVISOR");
  const input = customerCreateSchema.safeParse(fields(form));
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  try {
    await createCustomer(input.data, auditActor(user));
  } catch (error) {
    return formStateOf(error);
  }
  revalidatePath("/customers");
  redirect(`/customers/${encodeURIComponent(input.data.account)}`);
}

export async function updateCustomerAction(account: string, _prev: DirectoryFormState, form: FormData): Promise<DirectoryFormState> {
  const user = await requireUser("AGENT");
  const { account: _ignored, ...patch } = fields(form);
  const input = customerUpdateSchema.safeParse(patch);
  if (!input.success) return { fieldErrors: z.flattenError(input.error).fieldErrors };
  try {
    await updateCustomer(account, input.data, auditActor(user));
  } catch (error) {
    return formStateOf(error);
  }
  revalidatePath("/customers");
  revalidatePath(`/customers/${encodeURIComponent(account)}`);
  return { ok: "Saved." };
}

export async function deleteCustomerAction(account: string, _prev: DirectoryFormState, form: FormData): Promise<DirectoryFormState> {
  const user = await requireUser("SUPERVISOR");
  if (String(form.get("confirm") ?? "").trim() !== account) {
    return { fieldErrors: { confirm: [`type ${account} to confirm`] } };
  }
  try {
    await deleteCustomer(account, auditActor(user));
  } catch (error) {
    return formStateOf(error);
  }
  revalidatePath("/customers");
  redirect("/customers");
}
