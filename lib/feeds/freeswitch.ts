// FreeSWITCH's own CDR pushes: mod_json_cdr and mod_xml_cdr POST one CDR per call as it ends
// (their my_on_reporting / process_cdr: a new curl handle per CDR, `?uuid=<uuid>` on the URL,
// retries=N with delay seconds on a non-2xx answer, then the CDR goes to err-log-dir). Pure: the
// body in, the CDRs' fields out, as the columns of mod_cdr_csv's `example` template so that the
// CSV format's own reader (lib/cdr/formats/freeswitch.ts) normalises them and keys them exactly
// as the same call in a later Master.csv export (one call, one natural key).
//
// Bodies, by the modules' `encode` parameter (mod_json_cdr.c / mod_xml_cdr.c, signalwire/freeswitch):
//   mod_json_cdr  encode=false (default) application/json, the JSON itself
//                 encode=true  application/x-www-form-urlencoded, `cdr=` + the URL-encoded JSON
//                 encode=base64 application/x-www-form-base64-encoded, `cdr=` + base64
//   mod_xml_cdr   encode=false (default) application/x-www-form-plaintext, `cdr=` + the XML as is
//                 encode=true / base64 as above; encode=textxml text/xml, the XML itself
// Channel variables are URL-encoded in both (mod_json_cdr's encode-values, default true;
// switch_ivr_set_xml_chan_var always); caller-profile fields are not.
import { XMLParser } from "fast-xml-parser";

import { FREESWITCH_CSV_COLUMNS } from "@/lib/cdr/formats/freeswitch.ts";

export interface FreeswitchCdr {
  /** The template's columns, each as `${name}` would expand in mod_cdr_csv ("" when absent). */
  fields: string[];
  /** The CDR as it was posted (one element of the body), for a reject. */
  raw: string;
}

export type FreeswitchBody = { format: "json" | "xml"; cdrs: FreeswitchCdr[] } | { error: string };

type Strings = Record<string, unknown>;

const isObject = (v: unknown): v is Strings => typeof v === "object" && v !== null && !Array.isArray(v);

/** A channel variable as posted: URL-encoded unless encode-values=false (then left as it is). */
function decodeVariable(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/**
 * The template's columns from one CDR's variables and current caller profile: a channel variable
 * wins, else the caller-profile field of that name, as switch_channel_get_variable resolves
 * `${caller_id_number}` for mod_cdr_csv.
 */
function fieldsOf(variables: Strings, profile: Strings): string[] {
  return FREESWITCH_CSV_COLUMNS.map((name) => {
    const variable = text(variables[name]);
    if (variable !== undefined) return decodeVariable(variable);
    return text(profile[name]) ?? "";
  });
}

/**
 * The current caller profile: `callflow` is an array in FreeSWITCH 1.10 (newest profile first)
 * and a repeated key in older ones (JSON.parse keeps the last); the XML repeats <callflow>.
 */
function currentProfile(callflow: unknown): Strings {
  const first = Array.isArray(callflow) ? callflow[0] : callflow;
  return isObject(first) && isObject(first.caller_profile) ? first.caller_profile : {};
}

function jsonCdrs(body: string): FreeswitchBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return { error: `the body is not JSON: ${(error as Error).message}` };
  }
  // An array: CDRs replayed from err-log-dir in one request.
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const cdrs: FreeswitchCdr[] = [];
  for (const [i, item] of items.entries()) {
    if (!isObject(item) || !isObject(item.variables)) {
      return { error: `${Array.isArray(parsed) ? `item ${i}: ` : ""}not a mod_json_cdr CDR (an object with "variables")` };
    }
    cdrs.push({ fields: fieldsOf(item.variables, currentProfile(item.callflow)), raw: Array.isArray(parsed) ? JSON.stringify(item) : body });
  }
  return { format: "json", cdrs };
}

const xml = new XMLParser({
  // Values stay text: `0012` is a number to dial, not 12.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: false,
  isArray: (name) => name === "callflow",
});

function xmlCdrs(body: string): FreeswitchBody {
  let parsed: unknown;
  try {
    parsed = xml.parse(body, true);
  } catch (error) {
    return { error: `the body is not XML: ${(error as Error).message}` };
  }
  const cdr = isObject(parsed) ? parsed.cdr : undefined;
  if (!isObject(cdr) || !isObject(cdr.variables)) return { error: "not a mod_xml_cdr CDR (a <cdr> element with <variables>)" };
  return { format: "xml", cdrs: [{ fields: fieldsOf(cdr.variables, currentProfile(cdr.callflow)), raw: body }] };
}

/** Reads a mod_json_cdr / mod_xml_cdr POST body (see the header for the encodings). */
export function readFreeswitchBody(contentType: string | null, body: string): FreeswitchBody {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  let payload = body;
  if (body.startsWith("cdr=")) {
    const rest = body.slice(4);
    if (type === "application/x-www-form-base64-encoded") payload = Buffer.from(rest, "base64").toString("utf8");
    else if (type === "application/x-www-form-plaintext") payload = rest;
    else payload = new URLSearchParams(body).get("cdr") ?? "";
  }
  const start = payload.trimStart()[0];
  if (start === "{" || start === "[") return jsonCdrs(payload);
  if (start === "<") return xmlCdrs(payload);
  return { error: "the body is neither a mod_json_cdr JSON CDR nor a mod_xml_cdr XML CDR" };
}
