// The app's routes as Next's App Router sees them in app/: each page.tsx is a page and each route.ts
// a route handler, at the URL its folders spell (Next docs, "Project structure": a `(group)` folder
// is left out of the URL, `[param]` and `[...param]` are dynamic segments). The reliability suite
// walks this instead of a hand-kept list, so a route added tomorrow is checked without anyone
// listing it. Plain Node (no server-only): Playwright's specs use it too.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type AppRoute = {
  /** The file, relative to the project root, e.g. `app/(app)/customers/[account]/page.tsx`. */
  file: string;
  kind: "page" | "handler";
  /** The URL with its dynamic segments as written, e.g. `/customers/[account]`. */
  pattern: string;
  /** A route handler's exported HTTP methods, read from its source; empty for a page. */
  methods: HttpMethod[];
};

/** The URL path a folder path under app/ serves (route groups dropped), e.g. `(app)/queue` → `/queue`. */
export function urlPattern(folder: string): string {
  const segments = folder.split(/[\\/]/).filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/**
 * The HTTP methods a route.ts exports, as its source declares them: `export async function GET`,
 * `export const POST = …`, `export const { GET, POST } = …`, `export { GET }`.
 */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s+(?:const|let|var)\s*\{([^}]*)\}/g)) for (const name of names(m[1]!)) found.add(name);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const name of names(m[1]!)) found.add(name);
  return HTTP_METHODS.filter((method) => found.has(method));
}

// `GET, POST: handler, x as PATCH` → the exported names.
function names(list: string): string[] {
  return list.split(",").map((part) => part.trim().split(/\s+as\s+|\s*:\s*/).pop()!.trim());
}

/** Every page and route handler under `root`/app, sorted by URL. */
export function appRoutes(root: string): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(root, "app", folder), { withFileTypes: true })) {
      const rel = path.posix.join(folder, entry.name);
      if (entry.isDirectory()) {
        // `_folder` is private (not routed), per the same docs.
        if (!entry.name.startsWith("_")) walk(rel);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        routes.push({ file: `app/${rel}`, kind: "page", pattern: urlPattern(folder), methods: [] });
      } else if (/^route\.(ts|js)$/.test(entry.name)) {
        const source = readFileSync(path.join(root, "app", rel), "utf8");
        routes.push({ file: `app/${rel}`, kind: "handler", pattern: urlPattern(folder), methods: exportedMethods(source) });
      }
    }
  };
  walk("");
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern) || a.file.localeCompare(b.file));
}

/** The dynamic segments of a pattern, e.g. `/customers/[account]/devices/[id]` → ["account", "id"]. */
export function dynamicSegments(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
}

/**
 * The pattern with each dynamic segment filled in: `values` keyed by the segment before it and the
 * parameter (`customers/[account]`), else by the parameter alone, else `fallback`.
 */
export function fillPattern(pattern: string, values: Record<string, string>, fallback = "any-value"): string {
  const parts = pattern.split("/");
  return parts
    .map((part, i) => {
      const param = /^\[(?:\.\.\.)?([^\]]+)\]$/.exec(part)?.[1];
      if (param === undefined) return part;
      const value = values[`${parts[i - 1]}/${part}`] ?? values[part] ?? fallback;
      return encodeURIComponent(value);
    })
    .join("/");
}
