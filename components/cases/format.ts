// Times on the case page are the customer's: "rang at 03:12" means what the customer said.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(date: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    formatters.set(timeZone, f);
  }
  return f.format(date).replace(",", "");
}
