// AMI framing: the banner, `Key: Value` lines, the empty line ending each message, and chunks
// that end anywhere (TCP delivers bytes, not messages).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AmiFramer, amiAction } from "./ami.ts";

const cdrEvent = readFileSync(new URL("./fixtures/ami-cdr-event.txt", import.meta.url), "utf8");
const stream = `Asterisk Call Manager/9.0.0\r\nResponse: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\nEvent: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n${cdrEvent}`;

describe("AmiFramer", () => {
  it("reads the banner and the messages, a Cdr event's fields case-insensitively with empty values kept", () => {
    const framer = new AmiFramer();
    const messages = framer.push(stream);
    expect(framer.banner).toBe("Asterisk Call Manager/9.0.0");
    expect(messages.map((m) => m.get("event") ?? m.get("response"))).toEqual(["Success", "FullyBooted", "Cdr"]);
    const cdr = messages[2]!;
    expect(cdr.get("CallerID")).toBe('"sipvicious" <3125550101>');
    expect(cdr.get("LastData")).toBe("PJSIP/202,30,tT");
    expect(cdr.get("AnswerTime")).toBe("");
    expect(cdr.get("StartTime")).toBe("2026-11-03 10:00:00");
    expect(cdr.fields).toHaveLength(20);
    expect(cdr.raw.split("\r\n")[0]).toBe("Event: Cdr");
  });

  it("gives the same messages whatever the chunks, one byte at a time or LF line ends", () => {
    const whole = new AmiFramer().push(stream).map((m) => m.fields);
    const bytes = new AmiFramer();
    const pieces = [...stream].flatMap((ch) => bytes.push(ch).map((m) => m.fields));
    expect(pieces).toEqual(whole);
    expect(new AmiFramer().push(stream.replaceAll("\r\n", "\n")).map((m) => m.fields)).toEqual(whole);
  });

  it("holds a message until its empty line arrives", () => {
    const framer = new AmiFramer();
    expect(framer.push("Asterisk Call Manager/5.0.1\r\nEvent: Cdr\r\nSource: 100\r\n")).toEqual([]);
    expect(framer.push("\r\n").map((m) => m.get("Source"))).toEqual(["100"]);
  });

  it("keeps a value's own colons and spaces after the first", () => {
    const [m] = new AmiFramer().push("Event: Cdr\r\nLastData: SIP/a:b,30\r\nUserField:  two spaces\r\n\r\n");
    expect(m!.get("LastData")).toBe("SIP/a:b,30");
    expect(m!.get("UserField")).toBe(" two spaces");
  });

  it("drops a link that sends no line end for over 1 MiB (not an AMI port)", () => {
    expect(() => new AmiFramer().push("x".repeat(1024 * 1024 + 1))).toThrow(/over 1 MiB/);
  });
});

describe("amiAction", () => {
  it("writes the lines and the empty line, and refuses a value that would start another line", () => {
    expect(amiAction({ Action: "Login", Username: "ghostline", Secret: "s3cret", Events: "cdr" })).toBe("Action: Login\r\nUsername: ghostline\r\nSecret: s3cret\r\nEvents: cdr\r\n\r\n");
    expect(() => amiAction({ Action: "Login", Secret: "a\r\nAction: Originate" })).toThrow(/one line/);
  });
});
