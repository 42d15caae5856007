/**
 * `npm run bench`: throughput and CPU of `createCall` against the official SDK and a raw `fetch`
 * floor, over HTTPS and plain HTTP at concurrency 1 and 50, then start-up time and memory; prints
 * the figures, their ratios and the goals of issue 12 with PASS/MISS (goal 1 against the floor runners;
 * `npm run bench:overhead` gives it per operation, without the network).
 *
 * A local server (its own process, self-signed certificate made here) answers every create with
 * 201 and a Call. Each measurement is a fresh child process that trusts that certificate through
 * `NODE_EXTRA_CA_CERTS` (how Node's https, axios and undici, whichever a runner uses, all learn
 * it), warms up, then places N creates; CPU per create is that process's `process.cpuUsage()`.
 * Every combination runs `--repeats` times interleaved and the figures are medians.
 *
 * Options: `--repeats=3`, `--runners=sdk,raw-fetch` (a subset; `floor-fetch` and `floor-undici` are a bare
 * Effect POST with no validation or decoding, the floor our overhead is measured against),
 * `--startup-rounds=7`, `--quick` (a quarter of the creates, one repeat,
 * three start-up rounds: a smoke run), `--skip-startup`, `--skip-throughput`,
 * `--json=<file>` (also write every sample and median).
 */
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { makeCertificate } from "./certificate.js"
import { type LocalServer, startLocalServer } from "./localServer.js"
import { median, runNodeOk, runnerArgs } from "./processes.js"
import { defaultRunners, type RunnerName, runners } from "./runners/index.js"
import { measureStartup, type StartupReport, startupApps } from "./startup.js"

// ---------------------------------------------------------------------------------------------
// Options

const flags = new Map(
  process.argv.slice(2).map((argument) => {
    const [name, value] = argument.replace(/^--/, "").split("=", 2)
    return [name ?? "", value ?? "true"] as const
  })
)
const quick = flags.has("quick")
const repeats = Number(flags.get("repeats") ?? (quick ? 1 : 3))
const startupRounds = Number(flags.get("startup-rounds") ?? (quick ? 3 : 7))
const scale = quick ? 0.25 : 1

interface Scenario {
  readonly protocol: "https" | "http"
  readonly concurrency: number
  readonly creates: number
  readonly warmup: number
}

// Enough creates that a run of the slowest runner lasts seconds, not milliseconds; the whole
// benchmark stays within a few minutes on 2 cores.
const scenario = (protocol: Scenario["protocol"], concurrency: number, creates: number, warmup: number): Scenario => ({
  protocol,
  concurrency,
  creates: Math.round(creates * scale),
  warmup: Math.round(warmup * scale)
})
const scenarios: ReadonlyArray<Scenario> = [
  scenario("https", 50, 2000, 200),
  scenario("https", 1, 300, 50),
  scenario("http", 50, 2000, 200),
  scenario("http", 1, 300, 50)
]
const runnerNames = (flags.get("runners")?.split(",") ?? defaultRunners).filter(
  (name): name is RunnerName => name in runners
)

// ---------------------------------------------------------------------------------------------
// Throughput

interface Sample {
  readonly createsPerSecond: number
  readonly cpuMsPerCreate: number
  /** Connections the server accepted for the warm-up and the measured creates. */
  readonly connections: number
}

interface Figure extends Sample {
  readonly samples: ReadonlyArray<Sample>
}

const scenarioName = (scenario: Scenario): string => `${scenario.protocol.toUpperCase()} c=${scenario.concurrency}`

const measureOnce = async (
  server: LocalServer,
  certFile: string,
  scenario: Scenario,
  runner: RunnerName
): Promise<Sample> => {
  const origin = scenario.protocol === "https" ? server.httpsOrigin : server.httpOrigin
  const finished = await runNodeOk(
    runnerArgs(runner, origin, scenario.creates, scenario.concurrency, scenario.warmup),
    { env: { NODE_EXTRA_CA_CERTS: certFile }, timeoutMs: 300_000 }
  )
  const result = JSON.parse(finished.stdout.trim().split("\n").at(-1) ?? "") as { wallMs: number; cpuMs: number }
  const served = await server.takeCount()
  if (served.creates !== scenario.creates + scenario.warmup || served.refused !== 0) {
    throw new Error(
      `${runner} ${scenarioName(scenario)}: the server saw ${served.creates} creates and ${served.refused} refused, ` +
        `expected ${scenario.creates + scenario.warmup}`
    )
  }
  return {
    createsPerSecond: (scenario.creates / result.wallMs) * 1000,
    cpuMsPerCreate: result.cpuMs / scenario.creates,
    connections: served.connections
  }
}

type Throughput = Map<string, Map<RunnerName, Figure>>

const measureThroughput = async (server: LocalServer, certFile: string): Promise<Throughput> => {
  const samples = new Map<string, Map<RunnerName, Array<Sample>>>()
  for (let round = 0; round < repeats; round++) {
    for (const scenario of scenarios) {
      // Rotate the runners so none always follows the same one.
      const order = [...runnerNames.slice(round % runnerNames.length), ...runnerNames.slice(0, round % runnerNames.length)]
      for (const runner of order) {
        const sample = await measureOnce(server, certFile, scenario, runner)
        process.stderr.write(
          `  [${round + 1}/${repeats}] ${scenarioName(scenario).padEnd(10)} ${runners[runner].label.padEnd(40)} ` +
            `${Math.round(sample.createsPerSecond)} /s, ${sample.cpuMsPerCreate.toFixed(2)} ms CPU, ${sample.connections} connections\n`
        )
        const byRunner = samples.get(scenarioName(scenario)) ?? new Map<RunnerName, Array<Sample>>()
        byRunner.set(runner, [...(byRunner.get(runner) ?? []), sample])
        samples.set(scenarioName(scenario), byRunner)
      }
    }
  }
  return new Map(
    [...samples].map(([scenario, byRunner]) => [
      scenario,
      new Map(
        [...byRunner].map(([runner, list]) => [
          runner,
          {
            createsPerSecond: median(list.map((s) => s.createsPerSecond)),
            cpuMsPerCreate: median(list.map((s) => s.cpuMsPerCreate)),
            connections: median(list.map((s) => s.connections)),
            samples: list
          }
        ])
      )
    ])
  )
}

// ---------------------------------------------------------------------------------------------
// Printing

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`
  return [line(header), `|${widths.map((w, column) => (column === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...rows.map(line)].join("\n")
}

const ratio = (value: number): string => `${value.toFixed(2)}×`
const integer = (value: number): string => Math.round(value).toLocaleString("en-US")

interface Goal {
  readonly name: string
  readonly measured: string
  readonly pass: boolean
}

// The goals of issue 12, each a ratio of figures from this one run.
const throughputGoals = (throughput: Throughput): ReadonlyArray<Goal> => {
  const goals: Array<Goal> = []
  for (const scenario of scenarios) {
    const byRunner = throughput.get(scenarioName(scenario))
    if (byRunner === undefined) continue
    const where = scenarioName(scenario)
    const [sdk, raw] = [byRunner.get("sdk"), byRunner.get("raw-fetch")]
    // 1. Our overhead: CPU per create over the bare Effect POST on the same HttpClient (the floor
    //    runners, when named); `npm run bench:overhead` prints it for every operation.
    for (const [ours, floor] of [["ours-undici", "floor-undici"], ["ours-fetch", "floor-fetch"]] as const) {
      const [figure, bare] = [byRunner.get(ours), byRunner.get(floor)]
      if (figure === undefined || bare === undefined) continue
      const overhead = figure.cpuMsPerCreate - bare.cpuMsPerCreate
      goals.push({ name: `1. ${runners[ours].label}, ${where}: CPU per create − the bare Effect POST's ≤ 0.2 ms`, measured: `${overhead.toFixed(2)} ms`, pass: overhead <= 0.2 })
    }
    const undici = byRunner.get("ours-undici")
    const fetch = byRunner.get("ours-fetch")
    if (scenario.protocol === "https" && scenario.concurrency === 50) {
      if (undici !== undefined && raw !== undefined) {
        const cpu = undici.cpuMsPerCreate / raw.cpuMsPerCreate
        const rate = undici.createsPerSecond / raw.createsPerSecond
        goals.push({ name: `2. ${runners["ours-undici"].label}, ${where}: CPU per create ≤ 1.0× raw fetch`, measured: ratio(cpu), pass: cpu <= 1 })
        goals.push({ name: `2. ${runners["ours-undici"].label}, ${where}: creates/s ≥ 1.0× raw fetch`, measured: ratio(rate), pass: rate >= 1 })
      }
      if (undici !== undefined && sdk !== undefined) {
        const rate = undici.createsPerSecond / sdk.createsPerSecond
        goals.push({ name: `2. ${runners["ours-undici"].label}, ${where}: creates/s ≥ 3× the official SDK`, measured: ratio(rate), pass: rate >= 3 })
      }
      if (fetch !== undefined && sdk !== undefined) {
        const rate = fetch.createsPerSecond / sdk.createsPerSecond
        goals.push({ name: `3. ${runners["ours-fetch"].label}, ${where}: creates/s ≥ 1.5× the official SDK`, measured: ratio(rate), pass: rate >= 1.5 })
      }
    }
    if (scenario.protocol === "http" && undici !== undefined && sdk !== undefined) {
      const rate = undici.createsPerSecond / sdk.createsPerSecond
      const cpu = undici.cpuMsPerCreate / sdk.cpuMsPerCreate
      goals.push({ name: `4. ${runners["ours-undici"].label}, ${where}: creates/s ≥ 1.0× the official SDK`, measured: ratio(rate), pass: rate >= 1 })
      goals.push({ name: `4. ${runners["ours-undici"].label}, ${where}: CPU per create ≤ 1.0× the official SDK's`, measured: ratio(cpu), pass: cpu <= 1 })
    }
  }
  return goals
}

// Both of our bundled apps: over `FetchHttpClient` (what the guides recommend) and over node:http,
// because Node's global fetch alone holds the process for ~70 ms after its last answer (its
// keep-alive socket), which no client over it can take back (docs/performance.md).
const startupGoals = (startup: StartupReport): ReadonlyArray<Goal> => {
  const goals: Array<Goal> = []
  const sdk = startup["sdk-bundled"]
  for (const [id, over] of [["ours-bundled", "FetchHttpClient"], ["ours-node-http-bundled", "NodeHttpClient.layer"]] as const) {
    const ours = startup[id]
    if (ours === undefined || sdk === undefined) continue
    if (ours.placedMs !== undefined && sdk.placedMs !== undefined) {
      const placed = ours.placedMs / sdk.placedMs
      goals.push({
        name: `6. start-up, bundled, one create over ${over}: call placed at ≤ 0.5× the official SDK's time`,
        measured: ratio(placed),
        pass: placed <= 0.5
      })
    }
    const exit = ours.wallMs / sdk.wallMs
    goals.push({ name: `6. start-up, bundled, one create over ${over}: exit at ≤ 0.8× the official SDK's time`, measured: ratio(exit), pass: exit <= 0.8 })
  }
  return goals
}

const printThroughput = (throughput: Throughput): void => {
  for (const scenario of scenarios) {
    const byRunner = throughput.get(scenarioName(scenario))
    const sdk = byRunner?.get("sdk")
    const raw = byRunner?.get("raw-fetch")
    if (byRunner === undefined || sdk === undefined || raw === undefined) continue
    console.log(
      `\n${scenarioName(scenario)}: ${scenario.creates} creates after ${scenario.warmup} warm-up, median of ${repeats}` +
        " (connections: accepted by the server for warm-up and creates)"
    )
    console.log(
      table(
        ["runner", "creates/s", "(range)", "CPU ms/create", "×SDK /s", "×raw /s", "CPU ×raw", "connections"],
        runnerNames.flatMap((runner) => {
          const figure = byRunner.get(runner)
          if (figure === undefined) return []
          const rates = figure.samples.map((s) => s.createsPerSecond)
          return [[
            runners[runner].label,
            integer(figure.createsPerSecond),
            `${integer(Math.min(...rates))}–${integer(Math.max(...rates))}`,
            figure.cpuMsPerCreate.toFixed(2),
            ratio(figure.createsPerSecond / sdk.createsPerSecond),
            ratio(figure.createsPerSecond / raw.createsPerSecond),
            ratio(figure.cpuMsPerCreate / raw.cpuMsPerCreate),
            integer(figure.connections)
          ]]
        })
      )
    )
  }
}

const printStartup = (startup: StartupReport): void => {
  const empty = startup.node?.wallMs ?? 0
  console.log(
    `\nStart-up: spawn to exit, median of ${startupRounds} runs (the apps that create place one call over HTTP; ` +
      "\"call placed at\": when the sid was printed, in the app's own clock)"
  )
  console.log(
    table(
      ["app", "wall ms", "over empty Node", "call placed at ms", "maxRSS MiB"],
      startupApps.flatMap((app) => {
        const figure = startup[app.id]
        if (figure === undefined) return []
        return [[
          app.label,
          figure.wallMs.toFixed(0),
          app.id === "node" ? "" : `+${(figure.wallMs - empty).toFixed(0)}`,
          figure.placedMs === undefined ? "" : figure.placedMs.toFixed(0),
          figure.maxRssMiB.toFixed(1)
        ]]
      })
    )
  )
}

const printGoals = (goals: ReadonlyArray<Goal>): void => {
  console.log("\nGoals (issue 12; goal 5, size, is `npm run size`)")
  for (const goal of goals) {
    console.log(`  ${goal.pass ? "PASS" : "MISS"}  ${goal.name}: ${goal.measured}`)
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const temporary = Fs.mkdtempSync(Path.join(Os.tmpdir(), "signalwire-bench-"))
const certificate = makeCertificate(temporary)
const server = await startLocalServer(certificate)
try {
  // The load average says whether anything else competed for the cores during the run.
  const load = () => Os.loadavg().map((value) => value.toFixed(2)).join(" ")
  console.log(
    `effect-signalwire benchmark: Node ${process.version}, ${Os.cpus().length} CPU (${Os.cpus()[0]?.model ?? "?"}), ` +
      `${new Date().toISOString()}, load average ${load()}`
  )
  const throughput = flags.has("skip-throughput") ? undefined : await measureThroughput(server, certificate.certFile)
  const startup = flags.has("skip-startup") ? undefined : await measureStartup(server.httpOrigin, startupRounds)
  console.log(`measured by ${new Date().toISOString()}, load average ${load()} (1, 5, 15 min)`)
  if (throughput !== undefined) printThroughput(throughput)
  if (startup !== undefined) printStartup(startup)
  printGoals([...(throughput ? throughputGoals(throughput) : []), ...(startup ? startupGoals(startup) : [])])
  const jsonFile = flags.get("json")
  if (jsonFile !== undefined) {
    const serialisable = throughput && Object.fromEntries([...throughput].map(([scenario, byRunner]) => [scenario, Object.fromEntries(byRunner)]))
    Fs.writeFileSync(jsonFile, JSON.stringify({ node: process.version, date: new Date().toISOString(), throughput: serialisable, startup }, null, 2))
  }
} finally {
  server.stop()
  Fs.rmSync(temporary, { recursive: true, force: true })
}
