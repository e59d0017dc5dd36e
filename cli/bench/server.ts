// The production server for the benches that measure what users get: `ghostline serve` (it
// builds first when the sources changed), its process tree's peak RSS, and its stop.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A process and all its descendants, from /proc (Linux). */
function processTree(root: number): number[] {
  // Parent of every process (the kernel here has no /proc/<pid>/task/<tid>/children).
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  const tree: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Each live process's value of `read` (0 once gone), summed over the tree. */
function sumOver(root: number, read: (pid: number) => number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      total += read(pid);
    } catch {
      // Gone.
    }
  }
  return total;
}

/** Resident memory of a process and all its descendants; 0 once gone. */
export const treeRss = (root: number): number => sumOver(root, (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024);

/** CPU time (user + system) a process and its live descendants have used, in ms (clock ticks of 10 ms, USER_HZ = 100 on Linux). */
export const treeCpuMs = (root: number): number =>
  sumOver(root, (pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime: fields 14 and 15 of proc(5), 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  });

export interface Server {
  /** Peak RSS of the server's process tree since the last reset. */
  peak(): number;
  resetPeak(): void;
  /** CPU time its process tree has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startServer({ databaseUrl, log, port, secret }: { databaseUrl: string; log: string; port: number; secret: string }): Promise<Server> {
  const BASE_URL = `http://localhost:${port}`;
  // Otherwise the health check below would find that other server and measure it.
  if (await fetch(`${BASE_URL}/api/health`).then(() => true, () => false)) {
    throw new Error(`something already answers on port ${port}; stop it or choose another --port`);
  }
  const out = createWriteStream(log);
  // Its own process group, so that stop() ends the wrapper and `next start` together.
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(new URL("../ghostline.mjs", import.meta.url)), "serve"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), GHOSTLINE_URL: BASE_URL, BETTER_AUTH_SECRET: secret },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? 1));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 500);
  const stop = async () => {
    clearInterval(sampler);
    if (exited === null) {
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    out.end();
  };
  // A build, when the sources changed since the last one, takes minutes on a small machine.
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the server exited with code ${exited} before answering; see ${log}:\n${readFileSync(log, "utf8").split("\n").slice(-30).join("\n")}`);
    }
    const ok = await fetch(`${BASE_URL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/health within 20 minutes; see ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { peak: () => peak, resetPeak: () => (peak = treeRss(child.pid!)), cpuMs: () => treeCpuMs(child.pid!), stop };
}
