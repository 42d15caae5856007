/**
 * The runtime matrix: one app (app.ts: `createCall` over `FetchHttpClient.layer`), bundled by
 * esbuild, run on every runtime we claim against the emulator on 127.0.0.1. Each runtime places a
 * call (a decoded `Call`), is refused with a wrong token (`AuthenticationFailed`), meets a closed
 * port and https spoken to a plain-HTTP port, and must end in the error the classification table
 * of docs/errors-and-retries.md gives it. The runtimes are devDependencies: one that is missing or
 * does not start fails its test.
 */
import { Emulator, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
import { describe, expect, it } from "@effect/vitest"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { EdgeRuntime } from "edge-runtime"
import * as esbuild from "esbuild"
import { Miniflare } from "miniflare"
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as path from "node:path"
import type { Readable } from "node:stream"
import { afterAll, beforeAll } from "vitest"
import { nodeRuntimes } from "../../scripts/nodeRuntimes.js"
import type { Outcome, Scenario } from "./app.js"

const root = path.resolve(import.meta.dirname, "../..")
const out = path.join(root, "build", "runtimes")
const bin = (name: string) => path.join(root, "node_modules", ".bin", name)

const project = { projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: "PTmatrix-token" }

const bundle = (entry: string, format: "esm" | "iife") =>
  esbuild.build({
    entryPoints: [path.join(import.meta.dirname, `${entry}.ts`)],
    outfile: path.join(out, `${entry}.${format === "esm" ? "mjs" : "js"}`),
    bundle: true,
    format,
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["@effect-signalwire/source"],
    logLevel: "warning"
  })

/** A port on 127.0.0.1 where nothing listens: bound, then closed (never a port fetch refuses outright). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer()
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const emulator = ManagedRuntime.make(
  EmulatorServer.layer().pipe(Layer.provide(Emulator.layer({ projects: [project] })), Layer.provide(WebhookClient.layerFetch))
)

let scenarios: ReadonlyArray<Scenario> = []

beforeAll(async () => {
  fs.rmSync(out, { recursive: true, force: true })
  await Promise.all([bundle("main", "esm"), bundle("worker", "esm"), bundle("edge", "iife")])
  const space = await emulator.runPromise(EmulatorServer.url)
  const env = { SIGNALWIRE_PROJECT_ID: project.projectId, SIGNALWIRE_API_TOKEN: project.authToken, SIGNALWIRE_SPACE_URL: space }
  scenarios = [
    { name: "call", env },
    { name: "wrongToken", env: { ...env, SIGNALWIRE_API_TOKEN: "PTwrong-token" } },
    { name: "closedPort", env: { ...env, SIGNALWIRE_SPACE_URL: `http://127.0.0.1:${await closedPort()}` } },
    { name: "httpsToPlainHttp", env: { ...env, SIGNALWIRE_SPACE_URL: space.replace("http://", "https://") } }
  ]
})

afterAll(() => emulator.dispose())

/** Runs a command; its stdout, or a failure carrying its stderr (a runtime that does not start). */
const run = (command: string, args: ReadonlyArray<string>) =>
  new Promise<string>((resolve, reject) =>
    execFile(command, args, { cwd: out, timeout: 45_000, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_DIR: path.join(out, "deno") } }, (error, stdout, stderr) =>
      error === null ? resolve(stdout) : reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr}`))))

const lastLine = (stdout: string) => JSON.parse(stdout.trim().split("\n").pop()!) as ReadonlyArray<Outcome>

/** How to run the bundled app with `scenarios` on each runtime: its outcomes. */
const runtimes: ReadonlyArray<readonly [name: string, run: (scenarios: ReadonlyArray<Scenario>) => Promise<ReadonlyArray<Outcome>>]> = [
  ["Node", async (s) => lastLine(await run(process.execPath, ["main.mjs", JSON.stringify(s)]))],
  // The other Node releases we claim (devDependencies node22, node24), the same app and table.
  ...nodeRuntimes().map(({ binary, major }) =>
    [`Node ${major}`, async (s: ReadonlyArray<Scenario>) => lastLine(await run(binary, ["main.mjs", JSON.stringify(s)]))] as const
  ),
  ["Bun", async (s) => lastLine(await run(bin("bun"), ["main.mjs", JSON.stringify(s)]))],
  ["Deno", async (s) => lastLine(await run(bin("deno"), ["run", "--allow-net=127.0.0.1", "main.mjs", JSON.stringify(s)]))],
  ["edge-runtime", async (s) => {
    const runtime = new EdgeRuntime({ initialCode: fs.readFileSync(path.join(out, "edge.js"), "utf8") })
    return JSON.parse(JSON.stringify(await runtime.evaluate(`runScenarios(${JSON.stringify(s)})`)))
  }],
  ["workerd", async (s) => {
    // The good configuration is the Worker's bindings; each scenario overrides only what it breaks.
    const [call] = s
    // workerd logs each failed fetch (the failures the matrix provokes) with a stack: kept for an
    // error report rather than printed.
    let log = ""
    const mf = new Miniflare({
      modules: true,
      scriptPath: path.join(out, "worker.mjs"),
      compatibilityDate: "2025-09-01",
      bindings: call!.env,
      handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
        stdout.on("data", (chunk: Buffer) => log += chunk)
        stderr.on("data", (chunk: Buffer) => log += chunk)
      }
    })
    try {
      const overrides = s.map((scenario) => ({
        name: scenario.name,
        env: Object.fromEntries(Object.entries(scenario.env).filter(([key, value]) => call!.env[key] !== value))
      }))
      const response = await mf.dispatchFetch("http://matrix.test/", { method: "POST", body: JSON.stringify(overrides) })
      const text = await response.text()
      if (response.status !== 200) throw new Error(`the worker answered ${response.status}: ${text}\n${log}`)
      return JSON.parse(text)
    } finally {
      await mf.dispose()
    }
  }]
]

/** The table's row for a runtime: what a closed port and a failed TLS handshake become. */
const expectedFailures = (runtime: string) =>
  runtime === "workerd"
    ? {
      // workerd says "Network connection lost." for a refused connection too: it cannot tell.
      closedPort: { tag: "OutcomeUnknown", reason: "ConnectionLost", attempts: 1 },
      httpsToPlainHttp: { tag: "OutcomeUnknown", reason: "ConnectionLost", attempts: 1 }
    }
    : {
      closedPort: { tag: "TransportError", reason: "Connect", attempts: 4 },
      httpsToPlainHttp: { tag: "TransportError", reason: "Tls", attempts: 1 }
    }

describe.concurrent("the bundled app on each runtime, against the emulator", () => {
  it.each(runtimes)("%s", async (name, runOn) => {
    const outcomes = await runOn(scenarios)
    const byName = Object.fromEntries(outcomes.map((outcome) => [outcome.name, outcome]))
    expect(byName.call?.call).toMatchObject({ status: "queued", decoded: true })
    expect(byName.call?.call?.sid).toMatch(/^[0-9a-f-]{36}$/)
    expect(byName.wrongToken?.error).toMatchObject({ tag: "AuthenticationFailed", status: 401, identified: true })
    const expected = expectedFailures(name)
    expect(byName.closedPort?.error).toMatchObject({ ...expected.closedPort, identified: true })
    expect(byName.httpsToPlainHttp?.error).toMatchObject({ ...expected.httpsToPlainHttp, identified: true })
    for (const outcome of outcomes) expect(outcome.error?.message ?? "").not.toContain(project.authToken)
  })
})
