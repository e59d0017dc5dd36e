// The fast path for clean lines must split exactly as csv-parse does (fields, raw text, line
// numbers, faults), whatever the chunking: identical fields keep natural keys, so re-imports stay
// idempotent across the two paths.
import { describe, expect, it } from "vitest";
import { CdrFileRefused } from "./errors";
import { RecordReader } from "./records";

type Event = [kind: string, ...rest: unknown[]];

async function read(text: string, chunkSizes: number[], fastPath: boolean, delimiter = ","): Promise<Event[] | string> {
  const events: Event[] = [];
  const reader = new RecordReader(
    delimiter,
    {
      record: (fields, raw, line, complete, flags, flagged) => events.push(["record", line, fields, raw, complete, flags, flagged]),
      blank: (line) => events.push(["blank", line]),
      fault: (line, raw, reason) => events.push(["fault", line, raw, reason]),
    },
    "f.csv",
    fastPath,
  );
  const bytes = Buffer.from(text, "latin1");
  try {
    let at = 0;
    for (let i = 0; at < bytes.length; i++) {
      const size = chunkSizes[i % chunkSizes.length] ?? bytes.length;
      reader.write(bytes.subarray(at, at + size));
      at += size;
    }
    await reader.end();
  } catch (error) {
    return error instanceof CdrFileRefused ? `refused: ${error.message}` : `error: ${String(error)}`;
  }
  return events;
}

const ROW = '"","100","202","from-internal","""Alice"" <100>","PJSIP/100-1","PJSIP/202-2","Dial","x","2026-01-05 10:00:00",,"2026-01-05 10:01:00",60,55,"ANSWERED","DOCUMENTATION"';

const CASES: Record<string, string> = {
  "clean LF": `${ROW}\n${ROW}\n`,
  "clean CRLF": `${ROW}\r\n${ROW}\r\n`,
  "no line end at the end": `${ROW}\n${ROW}`,
  "blank lines and a trailing empty field": `${ROW}\n\n${ROW},\n\n`,
  "FreeSWITCH's space before quotes": `"a", "b",  "c",d\n  x, y\n`,
  "escaped quotes": `"a""b","""","",""""""\n`,
  "latin1 / UTF-8 bytes": `"Jos\xc3\xa9","Jos\xe9",caf\xe9\n`,
  "leading bytes that are no whitespace": `(312) 555,_x,/a,\x00b,\xffd,\x80e, c\n`,
  "quoted line break": `${ROW}\n"a\nb",c\n${ROW}\n`,
  "unescaped quote in a quoted field": `${ROW}\n"Alice "the boss" Smith",x\n${ROW}\n`,
  "quote in an unquoted field": `${ROW}\nab"c,d\n${ROW}\n`,
  "text after a closing quote": `${ROW}\n"a"b,c\n${ROW}\n`,
  "unterminated quote at the end": `${ROW}\n${ROW}\n"","100","sca`,
  "odd quotes running over lines": `${ROW}\n"a,"b\n${ROW}\n"x\n${ROW}\n`,
  "lone CR": `${ROW}\na\rb,c\n${ROW}\n`,
  "CRLF file with a bare LF": `${ROW}\r\na,b\nc\r\n${ROW}\r\n`,
  "LF file with a CRLF line": `${ROW}\n${ROW}\r\n${ROW}\n`,
  "only spaces on the last line": `${ROW}\n   `,
  "quoted empty last line": `${ROW}\n""`,
  "trailing CR at the end": `${ROW}\r\n${ROW}\r`,
};

describe("RecordReader fast path", () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`agrees with csv-parse: ${name}`, async () => {
      const expected = await read(text, [text.length], false);
      expect(await read(text, [text.length], true)).toEqual(expected);
      // Every split point of the input, and uneven runs of small chunks.
      for (let cut = 1; cut < text.length; cut++) expect(await read(text, [cut, text.length], true)).toEqual(expected);
      expect(await read(text, [1, 2, 3, 5, 7], true)).toEqual(expected);
    });
  }

  it("keeps the first character of an unquoted field unless it is whitespace (a no-break space is)", async () => {
    // Fields only: csv-parse's raw text of a trimmed no-break space is broken (it keeps half of
    // the character's UTF-8), the fast path's is the line as read.
    for (const fastPath of [false, true]) {
      const events = await read(`(312) 555-0100,_macro,/dial, \t\xa0x\n`, [1 << 20], fastPath);
      expect(Array.isArray(events) && events[0]?.[2]).toEqual(["(312) 555-0100", "_macro", "/dial", "x"]);
    }
  });

  it("agrees with csv-parse on a semicolon-delimited file", async () => {
    const text = `a;"b;c"; d\n"x""y";;\n`;
    expect(await read(text, [7], true, ";")).toEqual(await read(text, [text.length], false, ";"));
  });

  it("numbers lines after csv-parse takes over mid-file", async () => {
    const events = await read(`${ROW}\n"a\nb",c\n${ROW}\n`, [1 << 20], true);
    expect(Array.isArray(events) && events.map((e) => [e[0], e[1]])).toEqual([
      ["record", 1],
      ["record", 2],
      ["record", 4],
    ]);
  });

  it("refuses a file with a record past the size limit, naming its line, in both paths", async () => {
    // A runaway quote, and one huge unquoted line with good rows after it: csv-parse cannot skip
    // either without dropping what follows, so the file is refused rather than cut short.
    for (const text of [`${ROW}\n${ROW}\n"${"x".repeat(1024 * 1024 + 10)}\n`, `${ROW}\n${ROW}\n${"x".repeat(1024 * 1024 + 10)}\n${ROW}\n${ROW}\n`]) {
      const result = await read(text, [64 * 1024], true);
      expect(result).toEqual(await read(text, [64 * 1024], false));
      expect(result).toBe("refused: f.csv: line 3: a record grew past 1048576 bytes; an unterminated quote is swallowing the rest of the file");
    }
  });
});
