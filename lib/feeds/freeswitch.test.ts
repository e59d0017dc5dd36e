// The FreeSWITCH push bodies as mod_json_cdr and mod_xml_cdr send them (fixtures: the modules'
// output shapes, switch_ivr_generate_json_cdr / _xml_cdr: URL-encoded channel variables,
// caller-profile fields as they are, `callflow` newest first) in each of their encodings.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FREESWITCH_CSV_COLUMNS } from "@/lib/cdr/formats/freeswitch.ts";
import { readFreeswitchBody } from "./freeswitch.ts";

const json = readFileSync(new URL("./fixtures/mod_json_cdr.json", import.meta.url), "utf8").trim();
const xml = readFileSync(new URL("./fixtures/mod_xml_cdr.xml", import.meta.url), "utf8");

function columns(contentType: string | null, body: string) {
  const read = readFreeswitchBody(contentType, body);
  if ("error" in read) throw new Error(read.error);
  return read.cdrs.map((c) => Object.fromEntries(FREESWITCH_CSV_COLUMNS.map((name, i) => [name, c.fields[i]])));
}

const JSON_CDR = {
  caller_id_name: "sipvicious",
  caller_id_number: "+13125550101",
  destination_number: "13125550202",
  context: "public",
  start_stamp: "2026-11-03 10:00:00",
  answer_stamp: "",
  end_stamp: "2026-11-03 10:00:25",
  duration: "25",
  billsec: "0",
  hangup_cause: "ORIGINATOR_CANCEL",
  uuid: "3f2c9d1e-7b6a-11ef-9c4d-0242ac120002",
  bleg_uuid: "",
  accountcode: "",
  read_codec: "",
  write_codec: "",
};

describe("readFreeswitchBody: mod_json_cdr", () => {
  it("reads encode=false (application/json): variables URL-decoded, caller fields from the current caller profile", () => {
    expect(columns("application/json", json)).toEqual([JSON_CDR]);
  });

  it("reads encode=true (cdr= URL-encoded form) and encode=base64", () => {
    expect(columns("application/x-www-form-urlencoded", `cdr=${encodeURIComponent(json)}`)).toEqual([JSON_CDR]);
    expect(columns("application/x-www-form-base64-encoded", `cdr=${Buffer.from(json).toString("base64")}`)).toEqual([JSON_CDR]);
  });

  it("reads encode-values=false (variables as they are) and the old single-object callflow", () => {
    const cdr = JSON.parse(json);
    cdr.variables.start_stamp = "2026-11-03 10:00:00";
    cdr.variables.end_stamp = "2026-11-03 10:00:25";
    cdr.callflow = cdr.callflow[0];
    expect(columns("application/json", JSON.stringify(cdr))).toEqual([JSON_CDR]);
  });

  it("reads an array of CDRs (replayed from err-log-dir), each kept as its own text", () => {
    const read = readFreeswitchBody("application/json", `[${json},${json}]`);
    expect("cdrs" in read && read.cdrs.map((c) => JSON.parse(c.raw).variables.uuid)).toEqual([JSON_CDR.uuid, JSON_CDR.uuid]);
  });

  it("says what is wrong with a body that is no CDR", () => {
    expect(readFreeswitchBody("application/json", "{not json")).toEqual({ error: expect.stringMatching(/^the body is not JSON/) });
    expect(readFreeswitchBody("application/json", '{"core-uuid":"x"}')).toEqual({ error: 'not a mod_json_cdr CDR (an object with "variables")' });
    expect(readFreeswitchBody("application/json", '[{"variables":{}}, 3]')).toEqual({ error: 'item 1: not a mod_json_cdr CDR (an object with "variables")' });
    expect(readFreeswitchBody("text/plain", "hello")).toEqual({ error: "the body is neither a mod_json_cdr JSON CDR nor a mod_xml_cdr XML CDR" });
  });
});

const XML_CDR = {
  caller_id_name: "Front Desk & Co",
  caller_id_number: "1000",
  destination_number: "202",
  context: "default",
  start_stamp: "2026-11-03 10:05:00",
  answer_stamp: "2026-11-03 10:05:04",
  end_stamp: "2026-11-03 10:06:04",
  duration: "64",
  billsec: "60",
  hangup_cause: "NORMAL_CLEARING",
  uuid: "8d0e4a2b-7b6a-11ef-9c4d-0242ac120002",
  bleg_uuid: "",
  accountcode: "",
  read_codec: "PCMU",
  write_codec: "PCMU",
};

describe("readFreeswitchBody: mod_xml_cdr", () => {
  it("reads encode=false (cdr= and the XML as is, application/x-www-form-plaintext): entities decoded, the newest callflow's profile", () => {
    expect(columns("application/x-www-form-plaintext", `cdr=${xml}`)).toEqual([XML_CDR]);
  });

  it("reads encode=true, base64 and textxml", () => {
    expect(columns("application/x-www-form-urlencoded", `cdr=${encodeURIComponent(xml)}`)).toEqual([XML_CDR]);
    expect(columns("application/x-www-form-base64-encoded", `cdr=${Buffer.from(xml).toString("base64")}`)).toEqual([XML_CDR]);
    expect(columns("text/xml", xml)).toEqual([XML_CDR]);
  });

  it("keeps numbers as text (a leading zero is dialled, not dropped)", () => {
    const zero = xml.replace("<destination_number>202</destination_number>", "<destination_number>0012025550123</destination_number>");
    expect(columns("text/xml", zero)[0]!.destination_number).toBe("0012025550123");
  });

  it("says what is wrong with XML that is no CDR", () => {
    expect(readFreeswitchBody("text/xml", "<html><body>hi</body></html>")).toEqual({ error: "not a mod_xml_cdr CDR (a <cdr> element with <variables>)" });
    expect(readFreeswitchBody("text/xml", "<cdr><variables>")).toMatchObject({ error: expect.any(String) });
  });
});
