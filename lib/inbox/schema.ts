// Isomorphic: what the inbox's ticket box may send.
import * as z from "zod";

/** A ticket number as agents type it (ghost_report.ticket holds it as entered). */
export const ticketSchema = z.string().trim().min(1).max(100);

/** "Today" for a team spread over zones: the last 24 hours, the same for everyone. */
export const INBOX_WINDOW_HOURS = 24;
