// Preloaded (`node --import`) into the CLI process that bench:ingest times: at exit it writes
// the process's own peak RSS (getrusage's high-water mark), CPU time, and its RSS when 10%, 20%, …
// of the file had been read (from the kernel's read counter, /proc/self/io rchar), as one JSON
// line on stderr after the marker. From inside, because the launcher (cli/ghostline.mjs) runs
// the CLI as a child of its own, whose peak the bench could not read from outside.
import { readFileSync } from "node:fs";

const size = Number(process.env.BENCH_FILE_SIZE ?? 0);
const rssByTenth = [];
const readBytes = () => Number(/rchar: (\d+)/.exec(readFileSync("/proc/self/io", "utf8"))?.[1] ?? 0);
const readAtStart = readBytes();
const sampler = setInterval(() => {
  const n = readBytes() - readAtStart;
  while (rssByTenth.length < 10 && n >= (size * (rssByTenth.length + 1)) / 10) rssByTenth.push(process.memoryUsage().rss);
}, 50);
sampler.unref();
process.on("exit", () => {
  const cpu = process.cpuUsage();
  const report = { maxRss: process.resourceUsage().maxRSS * 1024, cpuMs: (cpu.user + cpu.system) / 1000, rssByTenth };
  process.stderr.write(`\nbench-process-report ${JSON.stringify(report)}\n`);
});
