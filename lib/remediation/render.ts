// Renders override lines in the support article's override syntax or in a vendor's native file
// syntax. Pure; XML goes through xml.ts so it is always escaped and well-formed.
import type { NativeSyntax, Setting } from "./catalog-schema";
import { isUncertain, type Target } from "./catalog";
import { inFirmwareRange } from "./firmware";
import type { OverrideLine } from "./generate";
import { renderXmlDocument, type XmlElement, type XmlNode } from "./xml";

export interface RenderItem {
  line: OverrideLine;
  setting: Setting;
}

export type RenderSyntax = "override" | NativeSyntax;

/** The caveat a native file carries above an uncertain line (override boxes have no known comment syntax). */
function caveat(line: OverrideLine): string | undefined {
  return isUncertain(line.confidence) ? `${line.confidence.toUpperCase()}: ${line.note ?? ""}`.trim() : undefined;
}

function textLines(items: RenderItem[], format: (line: OverrideLine) => string, header: string[] = []): string {
  const body = items.flatMap(({ line }) => {
    const note = caveat(line);
    return note ? [`# ${note}`, format(line)] : [format(line)];
  });
  return [...header, ...body].join("\n") + "\n";
}

/** XML children, each preceded by a comment when its line is uncertain. */
function withCaveats(items: RenderItem[], element: (item: RenderItem) => XmlElement): XmlNode[] {
  return items.flatMap((item) => {
    const note = caveat(item.line);
    return note ? [{ comment: note }, element(item)] : [element(item)];
  });
}

// Polycom reads parameters from attributes; elements only group them (§2 "Syntax", [P3][P4]).
// Attributes that share their first key segment go on one element, as in the note's example
// <voIpProt voIpProt.SIP.requestValidation.1.request="INVITE" voIpProt.SIP.requestValidation.1.method="source"/>.
// Root: <sip> as in the SIP 3.1.6 sip.cfg [P3]; UC Software (3.3+) files use <polycomConfig> [P4].
function polycomXml(items: RenderItem[], target: Target): string {
  const nodes: XmlNode[] = [];
  const groups = new Map<string, XmlElement>();
  for (const { line } of items) {
    const name = line.key.split(".")[0] ?? line.key;
    const note = caveat(line);
    let element = groups.get(name);
    if (!element || note) {
      element = { name, attributes: [] };
      if (note) nodes.push({ comment: note });
      nodes.push(element);
      if (!note) groups.set(name, element);
    }
    element.attributes?.push([line.key, line.value]);
  }
  const ucs = inFirmwareRange(target.vendor.firmwareFormat, target.firmware, { from: "3.3" });
  return renderXmlDocument({ name: ucs ? "polycomConfig" : "sip", children: nodes });
}

// Snom XML settings (§4.1): <settings><phone-settings>; per-identity settings carry idx="N";
// perm="R" (read-only, provisioning wins) as in the note's example.
function snomXml(items: RenderItem[]): string {
  const children = withCaveats(items, ({ line, setting }) => {
    const template = typeof setting.key === "string" && setting.key.endsWith("{N}") ? setting.key : undefined;
    if (template === undefined || line.account === undefined) return { name: line.key, attributes: [["perm", "R"]], text: line.value };
    const name = template.slice(0, -"{N}".length);
    return { name, attributes: [["idx", String(line.account)], ["perm", "R"]], text: line.value };
  });
  return renderXmlDocument({ name: "settings", children: [{ name: "phone-settings", children }] });
}

// Cisco 3PCC flat profile (§5): <flat-profile><SIP_Port_1_ ua="na">5060</SIP_Port_1_>.
function ciscoXml(items: RenderItem[]): string {
  const children = withCaveats(items, ({ line }) => ({ name: line.key, attributes: [["ua", "na"]], text: line.value }));
  return renderXmlDocument({ name: "flat-profile", children });
}

// Grandstream alias format (§3 "Alias XML", [G5][G6][G8]).
function grandstreamAliasXml(items: RenderItem[]): string {
  const children = withCaveats(items, ({ line }) => ({ name: "item", attributes: [["name", line.key]], text: line.value }));
  return renderXmlDocument({
    name: "gs_provision",
    attributes: [["version", "1"]],
    children: [{ name: "config", attributes: [["version", "2"]], children }],
  });
}

// Fanvil (§6): keys are element paths; a numeric segment is the index attribute of the element
// before it (sip.line.1.BanAnonymous = <sip><line index="1"><BanAnonymous>). Root <sysConf> [F2].
function fanvilPath(key: string): XmlElement[] {
  const steps: XmlElement[] = [];
  for (const segment of key.split(".")) {
    const last = steps.at(-1);
    if (/^\d+$/.test(segment) && last) last.attributes = [["index", segment]];
    else steps.push({ name: segment });
  }
  return steps;
}

function sameElement(a: XmlNode, b: XmlElement): a is XmlElement {
  return "name" in a && a.name === b.name && a.attributes?.[0]?.[1] === b.attributes?.[0]?.[1];
}

function fanvilXml(items: RenderItem[]): string {
  const root: XmlElement = { name: "sysConf", children: [] };
  for (const { line } of items) {
    const steps = fanvilPath(line.key);
    const leaf = steps.pop() ?? { name: line.key };
    let parent = root;
    for (const step of steps) {
      const children = (parent.children ??= []);
      let next = children.find((child) => sameElement(child, step));
      if (!next) {
        next = { ...step, children: [] };
        children.push(next);
      }
      parent = next;
    }
    const note = caveat(line);
    (parent.children ??= []).push(...(note ? [{ comment: note }] : []), { ...leaf, text: line.value });
  }
  return renderXmlDocument(root);
}

export function renderLines(syntax: RenderSyntax, items: RenderItem[], target: Target): string {
  if (items.length === 0) return "";
  switch (syntax) {
    case "override":
      // The support article's override syntax: key="value", one per line (values never contain quotes,
      // the catalog loader enforces that).
      return items.map(({ line }) => `${line.key}="${line.value}"`).join("\n") + "\n";
    case "yealink-cfg":
      // §1.2 "Syntax": first line #!version:1.0.0.1, then key = value without quotes.
      return textLines(items, (line) => `${line.key} = ${line.value}`, ["#!version:1.0.0.1"]);
    case "grandstream-pvalue":
      // §3: plain-text template style, "P40 = 5060".
      return textLines(items, (line) => `${line.key} = ${line.value}`);
    case "grandstream-alias":
      return grandstreamAliasXml(items);
    case "polycom-xml":
      return polycomXml(items, target);
    case "snom-xml":
      return snomXml(items);
    case "cisco-xml":
      return ciscoXml(items);
    case "fanvil-xml":
      return fanvilXml(items);
  }
}
