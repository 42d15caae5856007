/**
 * One measurement, in its own process so CPU time is the runner's alone and no runner inherits
 * another's warm JIT or connection pool: load a runner, warm it up, then time `count` creates at
 * `concurrency` and print `{ wallMs, cpuMs, ... }` as one JSON line.
 *
 * Usage: `node --import tsx runner.ts <runner> <origin> <count> <concurrency> <warmup>`, with
 * `NODE_EXTRA_CA_CERTS` naming the local server's certificate when `origin` is https.
 */
import { runners, type RunnerName } from "./runners/index.js"

const [name, origin, count, concurrency, warmup] = process.argv.slice(2)
if (name === undefined || !(name in runners) || origin === undefined) {
  process.stderr.write(`usage: runner.ts <${Object.keys(runners).join("|")}> <origin> <count> <concurrency> <warmup>\n`)
  process.exit(2)
}
const creates = Number(count)
const inFlight = Number(concurrency)

const runner = await runners[name as RunnerName].load().then((module) => module.make(origin))
await runner.run(Number(warmup), inFlight)

const cpuBefore = process.cpuUsage()
const started = performance.now()
await runner.run(creates, inFlight)
const wallMs = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
await runner.close()

process.stdout.write(
  `${JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, userMs: cpu.user / 1000, systemMs: cpu.system / 1000 })}\n`
)
// Pools (undici's, the SDK's agents) may hold sockets open; the measurement is done.
process.exit(0)
