/**
 * Calls per second a campaign reaches against the emulator: 1 and 3 runner processes
 * (`npm run campaign` with `--db postgres://...`) sharing an embedded PostgreSQL, and one process
 * on SQLite; each at the pace of a 20 calls/s project and with the pacer out of the way (a rate
 * no runner reaches). The rate is counted from the emulator's log of creates (first to last).
 *
 *   npx tsx --conditions=@effect-signalwire/source packages/campaign/bench/throughput.ts [count]
 */
import { Emulator, EmulatorServer, RequestLog } from "@effect-signalwire/emulator"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { authToken, EmulatorLive, projectId } from "../test/fixtures.js"
import { postgres } from "../test/postgres.js"

const root = path.resolve(import.meta.dirname, "../../..")
const count = Number(process.argv[2] ?? 200)

/** Runs `npm run campaign` to the end; its exit code and the summary line it printed. */
const runCli = (args: ReadonlyArray<string>) =>
  Effect.async<{ readonly code: number; readonly summary: string }>((resume) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@effect-signalwire/source", "scripts/campaign.ts", ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"]
    })
    let output = ""
    child.stdout.on("data", (chunk) => (output += String(chunk)))
    child.on("exit", (code) =>
      resume(Effect.succeed({ code: code ?? -1, summary: /Done in .*/.exec(output)?.[0] ?? "no summary" })))
    return Effect.sync(() => child.kill("SIGKILL"))
  })

const measure = (label: string, runners: number, db: string, cps: number) =>
  Effect.gen(function*() {
    const emulator = yield* Emulator.Emulator
    const log = yield* RequestLog.RequestLog
    const space = yield* EmulatorServer.url
    yield* emulator.reset
    const campaign = `bench-${label.replace(/\W+/g, "-")}-${cps}`
    const args = ["--db", db, "--space", space, "--project", projectId, "--token", authToken, "--count", String(count), "--cps", String(cps), "--campaign", campaign]
    const results = yield* Effect.all(Array.from({ length: runners }, () => runCli(args)), { concurrency: "unbounded" })
    const times = (yield* log.requests).filter((request) => request.operation === "createCall").map((request) => request.receivedAt.getTime()).sort((a, b) => a - b)
    const seconds = (times[times.length - 1]! - times[0]!) / 1000
    yield* Console.log(
      `${label.padEnd(28)} --cps ${String(cps).padEnd(5)} ${times.length} creates in ${seconds.toFixed(1)} s: ${((times.length - 1) / seconds).toFixed(1)} calls/s, load ${os.loadavg()[0]!.toFixed(1)}; ${results.map((result) => `exit ${result.code}: ${result.summary}`).join("; ")}`
    )
  })

const main = Effect.gen(function*() {
  const url = yield* postgres
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campaign-bench-"))
  yield* Effect.addFinalizer(() => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
  yield* Console.log(`${count} calls per campaign, Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}`)
  for (const cps of [20, 1000]) {
    yield* measure("1 process, SQLite", 1, path.join(dir, `bench-${cps}.db`), cps)
    yield* measure("1 runner, PostgreSQL", 1, url, cps)
    yield* measure("3 runners, PostgreSQL", 3, url, cps)
  }
}).pipe(Effect.scoped, Effect.provide(EmulatorLive))

NodeRuntime.runMain(main)
