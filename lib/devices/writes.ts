import "server-only";
import { recordAudit } from "@/lib/audit/writes.ts";
import { DirectoryError } from "@/lib/customers/errors.ts";
import type { AuditActor } from "@/lib/auth/actor.ts";
import { Prisma, prisma } from "@/lib/db/client.ts";
import { type DeviceData, type DevicePatch, deviceInputSchema, formatMac } from "./schema.ts";

const deviceSelect = { id: true, vendor: true, model: true, firmware: true, mac: true, extension: true } satisfies Prisma.DeviceSelect;

async function customerId(account: string): Promise<string> {
  const customer = await prisma.customer.findUnique({ where: { account }, select: { id: true } });
  if (!customer) throw DirectoryError.of(404, "account", `no customer with account ${account}`);
  return customer.id;
}

/** The customer's own device; another customer's id is as unknown as a made-up one. */
async function ownDevice(account: string, id: string) {
  const device = await prisma.device.findFirst({ where: { id, customer: { account } }, select: { ...deviceSelect, customerId: true } });
  if (!device) throw DirectoryError.of(404, "id", `customer ${account} has no phone ${id}`);
  return device;
}

/** A MAC identifies one phone, so it can be on record once (the unique index on device.mac). */
async function assertMacFree(mac: string | null, exceptId: string | null) {
  if (!mac) return;
  const other = await prisma.device.findUnique({ where: { mac }, select: { id: true, customer: { select: { account: true, name: true } } } });
  if (other && other.id !== exceptId) {
    throw DirectoryError.of(409, "mac", `MAC ${formatMac(mac)} is already on a phone of ${other.customer.name} (${other.customer.account})`);
  }
}

function macRace(mac: string | null) {
  return (error: unknown): never => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && mac) {
      throw DirectoryError.of(409, "mac", `MAC ${formatMac(mac)} was just saved on another phone`);
    }
    throw error;
  };
}

export async function createDevice(account: string, input: DeviceData, actor: AuditActor) {
  const owner = await customerId(account);
  await assertMacFree(input.mac, null);
  return prisma
    .$transaction(async (tx) => {
      const device = await tx.device.create({ data: { ...input, customerId: owner }, select: deviceSelect });
      await recordAudit({ ...actor, action: "device.create", entityType: "device", entityId: device.id, after: { account, ...input } }, tx);
      return device;
    })
    .catch(macRace(input.mac));
}

export async function updateDevice(account: string, id: string, patch: DevicePatch, actor: AuditActor) {
  const { customerId: _owner, id: _id, ...before } = await ownDevice(account, id);
  // Re-checked whole: a new firmware must read in the (possibly new) vendor's format.
  const parsed = deviceInputSchema.safeParse({ ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "device")] ??= []).push(issue.message);
    throw new DirectoryError(400, fieldErrors);
  }
  const after = parsed.data;
  await assertMacFree(after.mac, id);
  return prisma
    .$transaction(async (tx) => {
      const device = await tx.device.update({ where: { id }, data: after, select: deviceSelect });
      await recordAudit({ ...actor, action: "device.update", entityType: "device", entityId: id, before: { account, ...before }, after: { account, ...after } }, tx);
      return device;
    })
    .catch(macRace(after.mac));
}

export async function deleteDevice(account: string, id: string, actor: AuditActor) {
  const { customerId: _owner, ...before } = await ownDevice(account, id);
  await prisma.$transaction(async (tx) => {
    await tx.device.delete({ where: { id } });
    await recordAudit({ ...actor, action: "device.delete", entityType: "device", entityId: id, before: { account, ...before } }, tx);
  });
}
