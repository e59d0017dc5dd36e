import { describe, expect, it } from "vitest";
import type { VendorId } from "./catalog-schema";
import { generateOverrides } from "./generate";
import { xmlProblems } from "./xml-check";
import { escapeXml, renderXmlDocument } from "./xml";

describe("the well-formedness check itself", () => {
  it("accepts a well-formed document", () => {
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="1 &amp; 2"><b>t &lt; u</b><c/><!-- ok --></a>\n')).toEqual([]);
  });

  it("catches the mistakes it is there for", () => {
    expect(xmlProblems("<a><b></a>")).toEqual(["mismatched </a>", "unclosed <a>"]);
    expect(xmlProblems("<a>1 & 2</a>")).toEqual(["unescaped character in text: 1 & 2"]);
    expect(xmlProblems('<a x="1"/><b/>')).toEqual(["expected one root element, found 2"]);
    expect(xmlProblems('<a x="1 & 2"/>')).toEqual(["raw & in attribute x"]);
    expect(xmlProblems("<a x=1/>")).toEqual(["malformed tag at: <a x=1/>"]);
    expect(xmlProblems("<a><!-- a -- b --></a>")).toEqual(['"--" inside comment:  a -- b ']);
  });
});

describe("xml writer", () => {
  it("escapes text and attribute values", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
    const doc = renderXmlDocument({ name: "r", attributes: [["v", '"<&>']], children: [{ name: "t", text: "a < b && c" }] });
    expect(doc).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r v="&quot;&lt;&amp;&gt;">\n  <t>a &lt; b &amp;&amp; c</t>\n</r>\n');
    expect(xmlProblems(doc)).toEqual([]);
  });

  it("keeps comments legal", () => {
    const doc = renderXmlDocument({ name: "r", children: [{ comment: "a -- b ---" }] });
    expect(doc).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r>\n  <!-- a - - b - - -  -->\n</r>\n');
    expect(xmlProblems(doc)).toEqual([]);
  });
});

describe("every native XML output is well-formed", () => {
  const targets: [VendorId, string | undefined, string, number][] = [
    ["polycom", undefined, "3.1.6", 1],
    ["polycom", undefined, "4.1.6", 1],
    ["grandstream", "GXP2170", "1.0.11.85", 5],
    ["grandstream", "GRP2616", "1.0.5.48", 6],
    ["snom", "D785", "10.1.54.13", 3],
    ["cisco", "8861", "11.3.7", 2],
    ["cisco", "PAP2T", "5.1.6", 2],
    ["fanvil", "X6U", "2.12.1", 4],
  ];

  it.each(targets)("%s %s %s (account %i)", (vendor, model, firmware, account) => {
    const res = generateOverrides({
      vendor,
      ...(model ? { model } : {}),
      firmware,
      actions: ["accept-server-only", "disable-ip-calls", "listen-port", "check-user-id", "reject-anonymous"],
      params: { port: 5070, account },
      syntax: "native",
    });
    expect(res.lines.length).toBeGreaterThan(0);
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xmlProblems(res.text)).toEqual([]);
  });
});
