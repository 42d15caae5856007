/**
 * `npm run test:repeat -- N [--node 22|24] [vitest arguments]`: runs the whole vitest suite N
 * times in a row, each run with a fresh fast-check seed (FC_SEED), and reports every failure with
 * its seed and the command that replays it. Logs: build/test-repeat/run-<i>.log. Exits 1 if any run
 * failed. A flaky test shows up here before it blocks someone else's change.
 */
import { randomInt } from "node:crypto"
import * as path from "node:path"
import { nodeRuntimes } from "./nodeRuntimes.js"
import { replayCommand, root, type RunResult, runVitest } from "./vitestRun.js"

const args = process.argv.slice(2)
const usage = "usage: npm run test:repeat -- N [--node 22|24] [vitest arguments]"
const count = Number(args.shift() ?? "1")
if (!Number.isInteger(count) || count < 1) throw new Error(`${usage} (N must be a positive integer)`)
const nodeAt = args.indexOf("--node")
const major = nodeAt === -1 ? undefined : Number(args.splice(nodeAt, 2)[1])
const runtime = major === undefined ? undefined : nodeRuntimes().find((node) => node.major === major)
if (major !== undefined && runtime === undefined) throw new Error(`${usage} (no Node ${major} here)`)
const binary = runtime?.binary ?? process.execPath

console.log(`${count} run(s) of the suite on ${runtime?.name ?? `this Node (${process.version})`}${args.length > 0 ? `, vitest ${args.join(" ")}` : ""}`)
const results: Array<RunResult & { readonly seed: number }> = []
for (let run = 1; run <= count; run++) {
  const seed = randomInt(-(2 ** 31), 2 ** 31 - 1)
  const result = await runVitest({ binary, seed, args, log: path.join(root, "build", "test-repeat", `run-${run}.log`) })
  results.push({ ...result, seed })
  const verdict = result.failed.length === 0 ? "green" : `${result.failed.length} FAILED`
  console.log(`run ${run}/${count}  FC_SEED=${seed}  ${result.passed} passed, ${verdict}  (${result.seconds.toFixed(0)} s)`)
  for (const failure of result.failed) {
    console.log(`  ✗ ${failure.file} > ${failure.name}\n${failure.message.replace(/^/gm, "      ")}`)
    console.log(`    replay: ${replayCommand(failure, seed, runtime?.binary)}`)
    console.log(`    log: ${path.relative(root, result.log)}`)
  }
}

const failedRuns = results.filter((result) => result.failed.length > 0)
const seconds = results.map((result) => result.seconds)
console.log(
  `${count - failedRuns.length}/${count} runs green; ${seconds.reduce((a, b) => a + b, 0).toFixed(0)} s in all, ` +
    `${Math.min(...seconds).toFixed(0)}-${Math.max(...seconds).toFixed(0)} s a run`
)
if (failedRuns.length > 0) {
  console.log(`failed runs (seed): ${failedRuns.map((result) => `FC_SEED=${result.seed}`).join(", ")}`)
  process.exitCode = 1
}
