// @ts-check
// Starts `$DIRSYNC_BIN dev` on a fresh PostgreSQL database and a free port for
// the end-to-end tests, and tears both down afterwards.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const ADMIN_URL = process.env.E2E_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** @returns {Promise<number>} a TCP port nobody listens on right now */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** @param {string} sql */
async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The server's environment: ours, minus anything that would point it at a
 * real WorkOS or another address, plus the public URL for setup return links.
 * @param {string} baseURL
 */
function childEnv(baseURL) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, DIRSYNC_PUBLIC_URL: baseURL };
  for (const k of ["WORKOS_API_KEY", "WORKOS_API_URL", "WORKOS_WEBHOOK_SECRET", "DIRSYNC_ADDR", "DATABASE_URL", "DIRSYNC_SMTP_URL", "DIRSYNC_MAIL_FROM"]) delete env[k];
  return env;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @typedef {object} Server
 * @property {string} baseURL e.g. http://127.0.0.1:41234
 * @property {() => Promise<void>} stop
 * @property {() => Promise<void>} restart stops dirsync dev and starts it again on the same data dir, database and port
 */

/**
 * Starts the server and waits until /readyz answers 200.
 * @param {{ resultsDir: string, demoUsers?: number, logName?: string }} opts
 * @returns {Promise<Server>}
 */
export async function startServer({ resultsDir, demoUsers = 300, logName = "server.log" }) {
  const bin = process.env.DIRSYNC_BIN;
  if (!bin) throw new Error("set DIRSYNC_BIN to the absolute path of bin/dirsync (make test-frontend does)");
  const dbName = `dirsync_e2e_${process.pid}_${Date.now()}`;
  await admin(`CREATE DATABASE ${dbName}`);
  const dataDir = mkdtempSync(join(tmpdir(), "dirsync-e2e-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dbURL = new URL(ADMIN_URL);
  dbURL.pathname = `/${dbName}`;
  dbURL.searchParams.set("sslmode", "disable");

  mkdirSync(resultsDir, { recursive: true });
  const log = createWriteStream(join(resultsDir, logName));
  /** @type {import("node:child_process").ChildProcess} */
  let child;
  /** @type {number | null} */
  let exitCode = null;
  /** @type {Promise<unknown>} */
  let exited = Promise.resolve();
  const launch = () => {
    exitCode = null;
    child = spawn(
      bin,
      ["dev", "--addr", `127.0.0.1:${port}`, "--data-dir", dataDir, "--database-url", dbURL.toString(), "--demo-users", String(demoUsers)],
      { stdio: ["ignore", "pipe", "pipe"], env: childEnv(baseURL) },
    );
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    exited = new Promise((resolve) => child.on("exit", (code) => { exitCode = code ?? -1; resolve(undefined); }));
  };
  // Stops the server: SIGTERM (it saves its emulator's state), SIGKILL after 10 s.
  const halt = async () => {
    if (exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
      if (exitCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    }
  };
  launch();

  const cleanup = async () => {
    await halt();
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch((e) => console.error("drop e2e database:", e));
  };

  const ready = async () => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (exitCode !== null) {
        await cleanup();
        throw new Error(`dirsync dev exited with ${exitCode} before it was ready; see ${join(resultsDir, logName)}`);
      }
      try {
        const res = await fetch(`${baseURL}/readyz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await cleanup();
        throw new Error("dirsync dev was not ready within 120 s");
      }
      await sleep(250);
    }
  };
  await ready();
  const restart = async () => {
    await halt();
    assert.equal(exitCode, 0, "dirsync dev stops cleanly on SIGTERM");
    launch();
    await ready();
  };
  return { baseURL, stop: cleanup, restart };
}
