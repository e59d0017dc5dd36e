// GET /api/v1/customers/:account/findings – the verdict for each ring the customer reported and
// their finding (is the customer likely being scanned?), as last evaluated.
import { apiRoute, jsonError } from "@/lib/auth/api.ts";
import { getVerdicts } from "@/lib/matching/data.ts";

export const GET = apiRoute<{ account: string }>({ role: "AGENT" }, async (_request, { params }) => {
  const result = await getVerdicts({ customerAccount: params.account });
  if (result.findings.length === 0) return jsonError(404, "not_found", `No customer with account ${params.account}.`);
  return Response.json(result);
});
