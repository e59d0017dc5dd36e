import { describe, expect, it } from "vitest";
import { MAX_FILE_NAME, cleanFileName } from "./file-name";

describe("cleanFileName", () => {
  it("keeps the last segment of a Windows or POSIX path", () => {
    expect(cleanFileName("C:\\exports\\Master.csv")).toBe("Master.csv");
    expect(cleanFileName("/var/log/asterisk/cdr-csv/Master.csv.gz")).toBe("Master.csv.gz");
    expect(cleanFileName("Master 2026-07.csv")).toBe("Master 2026-07.csv");
  });

  it("drops control characters (a name is shown in pages and logs) and surrounding spaces", () => {
    expect(cleanFileName(" Mas\u0000ter\r\n.csv\u001b ")).toBe("Master.csv");
  });

  it("cuts a long name to the file-system limit", () => {
    expect(cleanFileName(`${"a".repeat(300)}.csv`)).toHaveLength(MAX_FILE_NAME);
  });

  it("answers null when nothing usable is left", () => {
    expect(cleanFileName("")).toBeNull();
    expect(cleanFileName("exports/")).toBeNull();
    expect(cleanFileName(" \t\u0007 ")).toBeNull();
  });
});
