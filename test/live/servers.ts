// Runs the real servers for the live suite: Healthchecks v1.3.0, v1.15.0 and v1.23.1 and Livebridge 0.27.0,
// from the unchanged source archives in ../shared/servers and Debian's Python packages
// (/usr/bin/python3), each on 127.0.0.1 and a free port, with fixed users, keys and channels.
// Every process started here is stopped by close(), and also when this Node process exits.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../../scripts/testkit/free-port.js";

export const PYTHON = process.env.LIVE_PYTHON ?? "/usr/bin/python3";
/** Where the archives and SHA256SUMS live (override with LIVE_SERVERS_DIR). */
export const SERVERS_DIR = resolve(
  process.env.LIVE_SERVERS_DIR ?? new URL("../../../shared/servers", import.meta.url).pathname,
);

export const HEALTHCHECKS_VERSIONS = ["1.3.0", "1.15.0", "1.23.1"] as const;
export type HealthchecksVersion = (typeof HEALTHCHECKS_VERSIONS)[number];

/** Debian packages the servers need (installed by .ci/run). */
export const DEBIAN_PACKAGES = [
  "python3-django",
  "python3-croniter",
  "python3-tz",
  "python3-requests",
  "python3-django-compressor",
  "python3-aiohttp",
  "python3-yaml",
  "python3-botocore",
  "python3-dateutil",
  "python3-sqlalchemy",
  "python3-motor",
  "python3-pymongo",
  // v1.23.1 only (with cron-descriptor from ../shared/servers on PYTHONPATH)
  "python3-fido2",
  "python3-pyotp",
  "python3-segno",
  "python3-statsd",
  "python3-whitenoise",
];

/** The one module v1.23.1 imports that Debian lacks: a pure-Python tree put on PYTHONPATH, unpatched. */
const CRON_DESCRIPTOR = "cron-descriptor-1.2.24.tar.gz";

/** An account on a Healthchecks server (keys are exactly 32 characters, as the server wants). */
export interface HealthchecksAccount {
  email: string;
  password: string;
  apiKey: string;
  readOnlyKey: string;
  /** Integration ids of this account, in creation order. */
  channels: { id: string; name: string; kind: string }[];
}

export interface HealthchecksServer {
  version: HealthchecksVersion;
  url: string;
  /** The main test account. */
  owner: HealthchecksAccount;
  /** A second account: its checks give the owner 403, its channels are foreign to the owner. */
  other: HealthchecksAccount;
  /** An account whose check limit is 0 (creating a check gives 403). */
  limited: HealthchecksAccount;
  badgeKey: string;
  /** Each account's project's ping key (slug ping URLs: `<user>-ping-key`), on servers that have them (v1.23.0+). */
  pingKeys: Record<"owner" | "other" | "limited", string> | undefined;
  logFile: string;
  close(): Promise<void>;
}

export interface LivebridgeServer {
  url: string;
  user: string;
  password: string;
  /** The file control store; every GET and PUT re-reads it, so rewriting it resets the state. */
  controlFile: string;
  logFile: string;
  close(): Promise<void>;
}

export interface LiveServers {
  healthchecks: Record<HealthchecksVersion, HealthchecksServer>;
  livebridge: LivebridgeServer;
  workDir: string;
  close(): Promise<void>;
}

const key = (prefix: string) => prefix.padEnd(32, "0");

function account(name: string, channels: { name: string; kind: string }[]): HealthchecksAccount {
  return {
    email: `${name}@example.org`,
    password: `${name}-password`,
    apiKey: key(`live-${name}-rw-`),
    readOnlyKey: key(`live-${name}-ro-`),
    channels: channels.map((c, i) => ({
      ...c,
      id: `${["6f1c5a0e", "7a2d6b1f", "8b3e7c20"][i]}-0000-4000-8000-${name
        .padEnd(12, "0")
        .slice(0, 12)
        .replace(/[^0-9a-f]/g, "0")}`,
    })),
  };
}

/** The fixed accounts every Healthchecks server is seeded with. */
export const HEALTHCHECKS_ACCOUNTS = {
  owner: account("alice", [
    { name: "Ops email", kind: "email" },
    { name: "Ops webhook", kind: "webhook" },
  ]),
  other: account("bob", [{ name: "Bob email", kind: "email" }]),
  limited: account("carol", []),
};

export const LIVEBRIDGE_USER = "live-user";
export const LIVEBRIDGE_PASSWORD = "live-password";

// --- processes -------------------------------------------------------------------------------

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill("SIGKILL");
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

function startChild(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): ChildProcess {
  installExitHook();
  const log = createWriteStream(options.logFile, { flags: "a" });
  const child = spawn(PYTHON, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/** Runs a Python command to completion; rejects with its output on failure. */
function runPython(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(PYTHON, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", fail);
    child.on("exit", (code) => {
      running.delete(child);
      if (code === 0) done();
      else fail(new Error(`${PYTHON} ${args.slice(0, 2).join(" ")} failed (${code}):\n${output.slice(-3000)}`));
    });
  });
}

function tarExtract(archive: string, into: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn("tar", ["-xzf", archive, "-C", into], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`tar -xzf ${archive} failed: ${err}`))));
  });
}

/** A minimal environment for the servers (nothing of ours leaks into them), plus `extra`. */
function pythonEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: "C.UTF-8",
    PYTHONWARNINGS: "ignore",
    PYTHONDONTWRITEBYTECODE: "1",
    ...extra,
  };
}

/** Polls `probe` until it resolves true; fails with the log tail when the process exits or time runs out. */
async function waitReady(
  probe: () => Promise<boolean>,
  child: ChildProcess,
  logFile: string,
  what: string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      if (await probe()) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-3000) : "";
  throw new Error(
    `${what} did not become ready (${child.exitCode !== null ? `exited with ${child.exitCode}` : "timed out"}); log:\n${log}`,
  );
}

// --- archives --------------------------------------------------------------------------------

function sha256(file: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("error", fail)
      .on("data", (d) => hash.update(d))
      .on("end", () => done(hash.digest("hex")));
  });
}

/** Extracts an archive named in SHA256SUMS into `into`, after checking its digest. Returns the tree's path. */
export async function extractVerified(archive: string, into: string, serversDir = SERVERS_DIR): Promise<string> {
  const sums = await readFile(join(serversDir, "SHA256SUMS"), "utf8").catch(() => {
    throw new Error(`${serversDir}/SHA256SUMS not found: the live suite needs ../shared/servers (or LIVE_SERVERS_DIR)`);
  });
  const line = sums.split("\n").find((l) => l.trim().endsWith(`  ${archive}`));
  if (!line) throw new Error(`${archive} is not listed in ${serversDir}/SHA256SUMS`);
  const expected = line.split(/\s+/)[0]!;
  const actual = await sha256(join(serversDir, archive));
  if (actual !== expected) throw new Error(`${archive}: SHA-256 ${actual} does not match SHA256SUMS (${expected})`);
  await tarExtract(join(serversDir, archive), into);
  return join(into, archive.replace(/\.tar\.gz$/, ""));
}

// --- Healthchecks ----------------------------------------------------------------------------

// Creates the accounts, keys and channels. v1.3.0 keeps keys on the profile; v1.15.0 and later on a project.
function seedScript(version: HealthchecksVersion): string {
  const accounts = JSON.stringify(HEALTHCHECKS_ACCOUNTS);
  const projects = version !== "1.3.0";
  const pingKeys = version === "1.23.1"; // Project.ping_key came with slug ping URLs in v1.23.0
  return `
import json
from django.contrib.auth.models import User
from hc.accounts.models import Profile
from hc.api.models import Channel
${projects ? "from hc.accounts.models import Project" : ""}
accounts = json.loads(${JSON.stringify(accounts)})
limits = {"owner": 500, "other": 500, "limited": 0}
for role, a in accounts.items():
    u = User.objects.create_user(username=a["email"].split("@")[0], email=a["email"], password=a["password"])
    p = Profile.objects.for_user(u)
    p.check_limit = limits[role]
${
  projects
    ? `    project = Project.objects.create(owner=u, name=role, api_key=a["apiKey"], api_key_readonly=a["readOnlyKey"], badge_key=a["email"].split("@")[0] + "-badges"${pingKeys ? `, ping_key=a["email"].split("@")[0] + "-ping-key"` : ""})
    p.current_project = project
    p.save()
    for c in a["channels"]:
        Channel.objects.create(code=c["id"], project=project, kind=c["kind"], value="ops@example.org" if c["kind"] == "email" else "http://127.0.0.1:9/hook", name=c["name"])`
    : `    p.api_key = a["apiKey"]
    p.api_key_readonly = a["readOnlyKey"]
    p.save()
    for c in a["channels"]:
        Channel.objects.create(code=c["id"], user=u, kind=c["kind"], value="ops@example.org" if c["kind"] == "email" else "http://127.0.0.1:9/hook", name=c["name"])`
}
`;
}

export async function startHealthchecks(
  version: HealthchecksVersion,
  workDir: string,
  serversDir = SERVERS_DIR,
): Promise<HealthchecksServer> {
  const dir = join(workDir, `healthchecks-${version}`);
  await mkdir(dir, { recursive: true });
  const tree = await extractVerified(`healthchecks-${version}.tar.gz`, dir, serversDir);
  await writeFile(
    join(tree, "hc", "local_settings.py"),
    'EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"\n',
  );
  const extra: Record<string, string> = {};
  if (version === "1.23.1") extra.PYTHONPATH = await extractVerified(CRON_DESCRIPTOR, dir, serversDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = pythonEnv({
    DEBUG: "False",
    SECRET_KEY: "live-suite-secret-key",
    ALLOWED_HOSTS: "127.0.0.1,localhost",
    SITE_ROOT: url,
    ...extra,
  });
  await runPython(["manage.py", "migrate", "--no-input", "-v", "0"], tree, env);
  await runPython(["manage.py", "shell", "-c", seedScript(version)], tree, env);
  const logFile = join(dir, "server.log");
  const child = startChild(["manage.py", "runserver", `127.0.0.1:${port}`, "--noreload"], { cwd: tree, env, logFile });
  const server: HealthchecksServer = {
    version,
    url,
    ...HEALTHCHECKS_ACCOUNTS,
    badgeKey: "alice-badges",
    pingKeys:
      version === "1.23.1" ? { owner: "alice-ping-key", other: "bob-ping-key", limited: "carol-ping-key" } : undefined,
    logFile,
    close: () => stopChild(child),
  };
  try {
    await waitReady(async () => (await fetch(`${url}/api/v1/status/`)).ok, child, logFile, `Healthchecks ${version}`);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

// --- Livebridge ------------------------------------------------------------------------------

// Modules Livebridge imports that Debian does not package and that a file control store with
// dummy post storage never uses.
const STAND_INS: Record<string, string> = {
  "aiobotocore/__init__.py":
    'def get_session(*args, **kwargs):\n    raise RuntimeError("aiobotocore is a stand-in: S3/SQS/DynamoDB are not available")\n',
  "sqlalchemy_aio/__init__.py": 'ASYNCIO_STRATEGY = "_asyncio"\n',
  "dsnparse/__init__.py":
    'def parse(*args, **kwargs):\n    raise RuntimeError("dsnparse is a stand-in: MongoDB storage is not available")\n',
};

// PyYAML 6 requires a Loader; Livebridge 0.27.0 calls yaml.load without one.
const LAUNCHER = `import sys
sys.path[0:0] = [sys.argv[1], sys.argv[2]]
import yaml
_load = yaml.load
def _compatible_load(stream, Loader=yaml.Loader):
    return _load(stream, Loader=Loader)
yaml.load = _compatible_load
from livebridge.run import main
main()
`;

export async function startLivebridge(workDir: string, serversDir = SERVERS_DIR): Promise<LivebridgeServer> {
  const dir = join(workDir, "livebridge");
  await mkdir(dir, { recursive: true });
  const tree = await extractVerified("livebridge-0.27.0.tar.gz", dir, serversDir);
  const standIns = join(dir, "stand-ins");
  for (const [file, text] of Object.entries(STAND_INS)) {
    await mkdir(join(standIns, file, ".."), { recursive: true });
    await writeFile(join(standIns, file), text);
  }
  const launcher = join(dir, "launch.py");
  await writeFile(launcher, LAUNCHER);
  const controlFile = join(dir, "control.json");
  await writeFile(controlFile, "{}\n");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = pythonEnv({
    LB_WEB_HOST: "127.0.0.1",
    LB_WEB_PORT: String(port),
    LB_WEB_USER: LIVEBRIDGE_USER,
    LB_WEB_PWD: LIVEBRIDGE_PASSWORD,
    LB_CONTROLFILE: controlFile,
    LB_DB_DSN: "dummy://",
  });
  const logFile = join(dir, "server.log");
  const child = startChild([launcher, standIns, tree], { cwd: tree, env, logFile });
  const server: LivebridgeServer = {
    url,
    user: LIVEBRIDGE_USER,
    password: LIVEBRIDGE_PASSWORD,
    controlFile,
    logFile,
    close: () => stopChild(child),
  };
  try {
    // Any HTTP answer means the API is up (without a token it is a 401).
    await waitReady(
      async () => (await fetch(`${url}/api/v1/controldata`)).status === 401,
      child,
      logFile,
      "Livebridge 0.27.0",
    );
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

// --- all three -------------------------------------------------------------------------------

/** Starts all three servers in a fresh temporary directory; close() stops them and removes it. */
export async function startLiveServers(serversDir = SERVERS_DIR): Promise<LiveServers> {
  const workDir = await mkdtemp(join(tmpdir(), "live-servers-"));
  const results = await Promise.allSettled([
    startHealthchecks("1.3.0", workDir, serversDir),
    startHealthchecks("1.15.0", workDir, serversDir),
    startHealthchecks("1.23.1", workDir, serversDir),
    startLivebridge(workDir, serversDir),
  ]);
  const started = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const closeAll = async () => {
    await Promise.allSettled(started.map((s) => s.close()));
    await rm(workDir, { recursive: true, force: true });
  };
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await closeAll();
    throw failed.reason;
  }
  const [v13, v115, v1231, livebridge] = started as [
    HealthchecksServer,
    HealthchecksServer,
    HealthchecksServer,
    LivebridgeServer,
  ];
  return { healthchecks: { "1.3.0": v13, "1.15.0": v115, "1.23.1": v1231 }, livebridge, workDir, close: closeAll };
}
