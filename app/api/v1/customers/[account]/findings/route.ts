// GET /api/v1/customers/:account/findings – the verdict for each ring the customer reported and
// their finding (is the customer likely being scanned?), computed from the CDRs on read.
import { apiRoute, jsonError } from "@/lib/auth/api.ts";
import { computeVerdicts } from "@/lib/matching/verdicts.ts";

export const GET = apiRoute<{ account: string }>({ role: "AGENT" }, async (_request, { params }) => {
  const result = await computeVerdicts({ customerAccount: params.account });
  if (result.findings.length === 0) return jsonError(404, "not_found", `No customer with account ${params.account}.`);
  return Response.json(result);
});
