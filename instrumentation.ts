// Next.js calls register() once when a server process starts, before it serves requests (and
// not during `next build`): next/dist/docs/01-app/02-guides/instrumentation.md. The job workers
// start here rather than in `ghostline serve`: serve only launches its server processes
// (cli/web-server.ts, Next's handler) or `next dev` as children, while this runs inside the
// process that receives the uploads (the worker reads their files from its disk), however the
// app is started, and each instance runs its own workers, but
// for the extra server processes of `ghostline serve` (GHOSTLINE_JOB_WORKERS=off: one per host
// is enough, and imports then keep to one at a time).
export async function register() {
  // The import sits inside this condition, as the guide shows: the bundler drops it from the Edge
  // build (no Postgres driver there) only when the branch is statically false.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    if (!process.env.DATABASE_URL || process.env.GHOSTLINE_JOB_WORKERS === "off") return;
    const { startJobWorkers } = await import("@/lib/jobs/boss.ts");
    try {
      await startJobWorkers();
    } catch (error) {
      // The app still serves pages; uploads stay QUEUED until a worker runs.
      console.error("[ghostline] the background job workers did not start:", error);
    }
  }
}
