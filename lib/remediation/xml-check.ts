// Test helper: a strict XML well-formedness check (no dependency on an XML library). Verifies a
// single root, balanced and properly nested tags, quoted attributes without raw "<" or "&",
// unique attribute names, known entities only, and comments without "--".
const NAME = "[A-Za-z_][\\w.:-]*";
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*"([^"<]*)"`, "g");

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  let rest = xml.replace(/^<\?xml[^?]*\?>/, "");
  const stack: string[] = [];
  let roots = 0;
  while (rest.length > 0) {
    if (rest.startsWith("<!--")) {
      const end = rest.indexOf("-->");
      if (end < 0) return [...problems, "unterminated comment"];
      const body = rest.slice(4, end);
      if (body.includes("--") || body.endsWith("-")) problems.push(`"--" inside comment: ${body}`);
      rest = rest.slice(end + 3);
      continue;
    }
    if (rest.startsWith("<")) {
      const tag = TAG.exec(rest);
      if (!tag) return [...problems, `malformed tag at: ${rest.slice(0, 40)}`];
      const [whole, closing, name = "", attributes = "", selfClosing] = tag;
      const names = [...attributes.matchAll(ATTRIBUTE)].map((m) => {
        if (ENTITY.test(m[2] ?? "")) problems.push(`raw & in attribute ${m[1]}`);
        return m[1];
      });
      if (new Set(names).size !== names.length) problems.push(`duplicate attribute in <${name}>`);
      if (closing) {
        if (stack.pop() !== name) problems.push(`mismatched </${name}>`);
      } else {
        if (stack.length === 0) roots++;
        if (!selfClosing) stack.push(name);
      }
      rest = rest.slice(whole.length);
      continue;
    }
    const next = rest.indexOf("<");
    const text = next < 0 ? rest : rest.slice(0, next);
    if (stack.length === 0 && text.trim() !== "") problems.push(`text outside the root: ${text.trim()}`);
    if (ENTITY.test(text)) problems.push(`unescaped character in text: ${text}`);
    rest = next < 0 ? "" : rest.slice(next);
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join("> <")}>`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}
