import "server-only";
import { recordAudit } from "@/lib/audit/writes.ts";
import { Prisma, prisma } from "@/lib/db/client.ts";
import { type CdrSourceInput, cdrSourceInputSchema } from "./source-schema";

export class SourceExistsError extends Error {
  override readonly name = "SourceExistsError";
  constructor(readonly sourceName: string) {
    super(`a CDR source named ${sourceName} already exists`);
  }
}

export type Actor = { id?: string | null; label: string };

/** Adds a CDR source (validated with cdrSourceInputSchema) and audits it. */
export async function createSource(input: CdrSourceInput, actor: Actor) {
  const data = cdrSourceInputSchema.parse(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const source = await tx.cdrSource.create({
        data: {
          name: data.name,
          format: data.format,
          timeZone: data.timeZone,
          defaultCountry: data.defaultCountry,
          ...(data.mapping === undefined ? {} : { mapping: data.mapping as Prisma.InputJsonValue }),
        },
        select: { id: true, name: true, format: true, timeZone: true, defaultCountry: true, mapping: true, createdAt: true },
      });
      await recordAudit(
        {
          actorId: actor.id ?? null,
          actorLabel: actor.label,
          action: "cdr_source.create",
          entityType: "cdr_source",
          entityId: source.id,
          after: { name: source.name, format: source.format, timeZone: source.timeZone, defaultCountry: source.defaultCountry },
        },
        tx,
      );
      return source;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new SourceExistsError(data.name);
    throw error;
  }
}
