// GET /inbox/ticket?ticket=T-1002 – the inbox's ticket box: 303 to the customer a report with that
// ticket is for, or back to the inbox, which says no report has it. Signed-in users only.
import { requireUser } from "@/lib/auth/session.ts";
import { customerOfTicket } from "@/lib/inbox/data.ts";
import { ticketSchema } from "@/lib/inbox/schema.ts";

export async function GET(request: Request) {
  await requireUser();
  const ticket = ticketSchema.safeParse(new URL(request.url).searchParams.get("ticket"));
  if (!ticket.success) return Response.redirect(new URL("/inbox", request.url), 303);
  const account = await customerOfTicket(ticket.data);
  const to = account === null ? `/inbox?missing=${encodeURIComponent(ticket.data)}` : `/customers/${encodeURIComponent(account)}`;
  return Response.redirect(new URL(to, request.url), 303);
}
