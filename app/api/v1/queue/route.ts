// GET /api/v1/queue – the supervisor queue as the queue page shows it, same URL state (?page,
// ?perPage, ?sort, ?dir, ?status, ?level, ?assignee=me|unassigned|<user id>, ?period, ?vendor, ?q,
// ?ringingAgain): `{ data, page, perPage, total }`. Unknown values fall back to their default,
// as on the page, so a link that opens there answers here too. With ?format=csv, every row of
// the view (all pages) as a CSV download, streamed.
// Open to agents: reading who is flagged is part of working a ticket; what changes a case
// (assigning, closing) is checked by the case actions, not here. "me" is the signed-in user (a
// token has no cases assigned to it).
import { apiRoute } from "@/lib/auth/api.ts";
import { queueCsvHeader, queueCsvRow } from "@/lib/queue/csv.ts";
import { listQueue, queueBatches } from "@/lib/queue/data.ts";
import { parseQueueQuery } from "@/lib/queue/schema.ts";

export const GET = apiRoute({ role: "AGENT" }, async (request, { actor }) => {
  const params = new URL(request.url).searchParams;
  const query = parseQueueQuery(params);
  const scope = { userId: actor.id };
  if (params.get("format") !== "csv") {
    const { rows, ...page } = await listQueue(query, scope);
    return Response.json({ data: rows, ...page });
  }

  const encoder = new TextEncoder();
  const batches = queueBatches(query, scope);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(queueCsvHeader()));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done === true) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(queueCsvRow).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ghostline-queue-${day}.csv"`,
      "x-content-type-options": "nosniff",
    },
  });
});
