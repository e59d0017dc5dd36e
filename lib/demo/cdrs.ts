// A demo PBX's call history: Asterisk cdr_csv Master.csv rows (18 columns,
// no header, local times in the PBX's zone), generated deterministically so
// the demo loads through the same parser and COPY path as a real export.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export type DemoLine = { did: string; extension: string };

// Small linear congruential generator: the same demo on every machine.
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const callers = ["+13125550199", "+17735550142", "+18475550117", "+16305550175", "+12125550168"];
const dispositions = ["ANSWERED", "ANSWERED", "ANSWERED", "NO ANSWER", "BUSY"] as const;

const csv = (fields: (string | number)[]) =>
  fields.map((f) => (typeof f === "number" ? String(f) : `"${f.replaceAll('"', '""')}"`)).join(",");

export function demoMasterCsv(options: { lines: DemoLine[]; timeZone: string; end: Date; days: number }): string {
  const random = prng(20261126);
  const rows: string[] = [];
  const local = (d: Date) => format(new TZDate(d, options.timeZone), "yyyy-MM-dd HH:mm:ss");
  let seq = 1;
  for (let day = options.days; day >= 1; day--) {
    for (const line of options.lines) {
      const calls = 3 + Math.floor(random() * 5);
      for (let i = 0; i < calls; i++) {
        // Office hours, 08:00 to 18:00 in the PBX's zone.
        const dayStart = new TZDate(options.end.getTime() - day * 86_400_000, options.timeZone);
        dayStart.setHours(8, 0, 0, 0);
        const start = new Date(dayStart.getTime() + Math.floor(random() * 10 * 3600) * 1000);
        const disposition = dispositions[Math.floor(random() * dispositions.length)]!;
        const ring = 3 + Math.floor(random() * 20);
        const talk = disposition === "ANSWERED" ? 20 + Math.floor(random() * 600) : 0;
        const answer = disposition === "ANSWERED" ? new Date(start.getTime() + ring * 1000) : null;
        const end = new Date(start.getTime() + (ring + talk) * 1000);
        const caller = callers[Math.floor(random() * callers.length)]!;
        const channelId = (0x1000 + seq).toString(16).padStart(8, "0");
        rows.push(csv([
          "", caller, line.did.replace(/^\+1/, ""), "from-pstn", `"Caller" <${caller}>`,
          `PJSIP/trunk-${channelId}`, `PJSIP/${line.extension}-${channelId}`, "Dial", `PJSIP/${line.extension},30,tT`,
          local(start), answer ? local(answer) : "", local(end), ring + talk, talk, disposition, "DOCUMENTATION",
          `${Math.floor(start.getTime() / 1000)}.${seq}`, "",
        ]));
        seq++;
      }
    }
  }
  return `${rows.join("\n")}\n`;
}
