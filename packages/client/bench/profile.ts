/**
 * `npm run bench:profile`: where the CPU of one create goes. Runs a runner under `node --cpu-prof`
 * against the benchmark's local server (HTTP, so TLS does not drown the rest), then attributes the
 * profile's self time per create: to our sources, to each Effect module, to the HTTP stack, to
 * V8's garbage collector, and lists the costliest functions.
 *
 * Options: `--runners=ours-undici,floor-undici` (default), `--protocol=http|https`,
 * `--creates=3000`, `--concurrency=50`, `--top=25`.
 */
import * as Fs from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { makeCertificate } from "./certificate.js"
import { startLocalServer } from "./localServer.js"
import { runNodeOk, runnerArgs } from "./processes.js"

const flags = new Map(
  process.argv.slice(2).map((argument) => {
    const [name, value] = argument.replace(/^--/, "").split("=", 2)
    return [name ?? "", value ?? "true"] as const
  })
)
const runnerNames = (flags.get("runners") ?? "ours-undici,floor-undici").split(",")
const protocol = flags.get("protocol") ?? "http"
const creates = Number(flags.get("creates") ?? 3000)
const concurrency = Number(flags.get("concurrency") ?? 50)
const top = Number(flags.get("top") ?? 25)

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
  readonly children?: ReadonlyArray<number>
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** Which part of the program a function belongs to, from its script URL. */
const groupOf = (url: string, name: string): string => {
  if (url === "") return name.startsWith("(") ? name : "(native)"
  const effect = url.match(/node_modules\/(@effect\/[^/]+|effect)\/dist\/esm\/(?:internal\/)?(.+?)\.js/)
  if (effect) return `${effect[1]}/${effect[2]}`
  const ours = url.match(/packages\/(\w+)\/src\/(.+?)\.ts/)
  if (ours) return `ours: ${ours[1]}/${ours[2]}`
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)
  if (pkg) return pkg[1]!
  if (url.startsWith("node:")) return url
  return Path.basename(url)
}

const summarise = (profile: Profile, perCreate: number) => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<number, number>()
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)))
  const groups = new Map<string, number>()
  const functions = new Map<string, number>()
  let total = 0
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame
    if (frame.functionName === "(idle)") continue
    total += micros
    const group = groupOf(frame.url, frame.functionName)
    groups.set(group, (groups.get(group) ?? 0) + micros)
    const name = `${frame.functionName || "(anonymous)"} ${group}:${frame.lineNumber + 1}`
    functions.set(name, (functions.get(name) ?? 0) + micros)
  }
  const ms = (micros: number) => (micros / 1000 / perCreate).toFixed(3)
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1])
  return { total: ms(total), groups: sorted(groups).slice(0, top).map(([g, m]) => [g, ms(m)] as const), functions: sorted(functions).slice(0, top).map(([f, m]) => [f, ms(m)] as const) }
}

const temporary = Fs.mkdtempSync(Path.join(Os.tmpdir(), "signalwire-profile-"))
const certificate = makeCertificate(temporary)
const server = await startLocalServer(certificate)
try {
  console.log(`profile: ${protocol} c=${concurrency}, ${creates} creates, Node ${process.version}, load average ${Os.loadavg().map((v) => v.toFixed(2)).join(" ")}`)
  for (const runner of runnerNames) {
    const profileDirectory = Path.join(temporary, runner)
    const origin = protocol === "https" ? server.httpsOrigin : server.httpOrigin
    await runNodeOk(
      ["--cpu-prof", `--cpu-prof-dir=${profileDirectory}`, ...runnerArgs(runner, origin, creates, concurrency, Math.round(creates / 5))],
      { env: { NODE_EXTRA_CA_CERTS: certificate.certFile }, timeoutMs: 600_000 }
    )
    await server.takeCount()
    const file = Fs.readdirSync(profileDirectory).find((name) => name.endsWith(".cpuprofile"))!
    const profile = JSON.parse(Fs.readFileSync(Path.join(profileDirectory, file), "utf8")) as Profile
    // Warm-up and set-up are in the profile too: per create is over all the creates the process placed.
    const summary = summarise(profile, creates + Math.round(creates / 5))
    console.log(`\n${runner}: ${summary.total} ms of CPU per create in the profile (set-up and warm-up included)`)
    console.log("  by module (self time, ms per create)")
    for (const [group, ms] of summary.groups) console.log(`    ${ms.padStart(7)}  ${group}`)
    console.log("  costliest functions (self time, ms per create)")
    for (const [name, ms] of summary.functions) console.log(`    ${ms.padStart(7)}  ${name}`)
  }
} finally {
  server.stop()
  Fs.rmSync(temporary, { recursive: true, force: true })
}
