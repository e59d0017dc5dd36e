// Minimal XML writer for the native provisioning files: every text and attribute value is escaped,
// comments are made safe, so the output is always well-formed. Isomorphic.

export interface XmlElement {
  name: string;
  attributes?: [string, string][];
  children?: XmlNode[];
  text?: string;
}

export type XmlNode = XmlElement | { comment: string };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// "--" may not appear inside a comment, nor may it end in "-".
function commentText(text: string): string {
  return text.replace(/-{2,}/g, (dashes) => dashes.split("").join(" ")).replace(/-$/, "- ");
}

function renderNode(node: XmlNode, depth: number): string[] {
  const indent = "  ".repeat(depth);
  if ("comment" in node) return [`${indent}<!-- ${commentText(node.comment)} -->`];
  const attributes = (node.attributes ?? []).map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join("");
  const open = `${indent}<${node.name}${attributes}`;
  if (node.children && node.children.length > 0) {
    return [`${open}>`, ...node.children.flatMap((child) => renderNode(child, depth + 1)), `${indent}</${node.name}>`];
  }
  if (node.text !== undefined) return [`${open}>${escapeXml(node.text)}</${node.name}>`];
  return [`${open}/>`];
}

export function renderXmlDocument(root: XmlElement): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...renderNode(root, 0)].join("\n") + "\n";
}
