// GET /api/health – public liveness and readiness: database reachable and
// migrations current (200), otherwise 503 with what is wrong.
import { checkHealth } from "@/lib/db/health.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
