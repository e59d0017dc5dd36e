// The queue's URL keys as the client writes them (nuqs). The server reads the same keys with
// zod (lib/queue/schema.ts parseQueueQuery), which has the last word on what is valid.
import { parseAsArrayOf, parseAsInteger, parseAsNumberLiteral, parseAsString, parseAsStringLiteral } from "nuqs";
import {
  DEFAULT_PER_PAGE,
  DEFAULT_SORT,
  PER_PAGE_CHOICES,
  PERIOD_DAYS,
  QUEUE_COLUMNS,
  QUEUE_SORTS,
  STATUS_FILTERS,
} from "@/lib/queue/schema.ts";
import { FINDING_LEVELS } from "@/lib/matching/labels.ts";

export const queueParsers = {
  page: parseAsInteger.withDefault(1),
  perPage: parseAsNumberLiteral(PER_PAGE_CHOICES).withDefault(DEFAULT_PER_PAGE),
  sort: parseAsStringLiteral(QUEUE_SORTS).withDefault(DEFAULT_SORT),
  dir: parseAsStringLiteral(["asc", "desc"] as const),
  status: parseAsArrayOf(parseAsStringLiteral(STATUS_FILTERS)).withDefault([]),
  level: parseAsArrayOf(parseAsStringLiteral(FINDING_LEVELS)).withDefault([]),
  assignee: parseAsString,
  period: parseAsNumberLiteral(PERIOD_DAYS),
  vendor: parseAsString,
  q: parseAsString,
  ringingAgain: parseAsString,
  hide: parseAsArrayOf(parseAsStringLiteral(QUEUE_COLUMNS)).withDefault([]),
};
