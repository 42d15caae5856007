/**
 * `npm run test:nodes`: the vitest suite on Node 22 and Node 24 (the devDependencies `node22`,
 * `node24`), both at once, each with a fresh fast-check seed. Part of `npm test`, after the run on
 * the Node you run npm with (20 in CI). Fails loudly if a runtime is missing, is not the version
 * it claims, or any test fails; a failure is printed with the command that replays it.
 *
 * `npm run test:nodes -- <vitest arguments>` narrows the run (a file, `-t name`).
 */
import { execFileSync } from "node:child_process"
import { randomInt } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { nodeRuntimes } from "./nodeRuntimes.js"
import { replayCommand, root, runVitest } from "./vitestRun.js"

// The campaign package's SQLite driver (better-sqlite3) is a native addon that `npm ci` compiles
// for the Node that installs (20): it cannot load on Node 22 or 24, so that package's tests run in
// the main vitest run only. The other packages run here in full.
const nodeOnlyOnInstaller = ["campaign"]
const projects = fs.readdirSync(path.join(root, "packages"))
  .filter((name) => fs.existsSync(path.join(root, "packages", name, "vitest.config.ts")) && !nodeOnlyOnInstaller.includes(name))
  .flatMap((name) => ["--project", `@effect-signalwire/${name}`])
  // The tests that span packages (test/: our client, `npm start`, the official SDK, the guides).
  .concat(["--project", "integration"])
const given = process.argv.slice(2)
const args = given.length > 0 ? given : projects
if (given.length === 0) {
  console.log(`test:nodes leaves out ${nodeOnlyOnInstaller.map((name) => `packages/${name}`).join(", ")}: its native SQLite addon is built for the installing Node only`)
}
const runtimes = nodeRuntimes().map((runtime) => {
  const version = execFileSync(runtime.binary, ["--version"], { encoding: "utf8" }).trim()
  if (!version.startsWith(`v${runtime.major}.`)) throw new Error(`${runtime.name} runs ${version}, not Node ${runtime.major}: run npm ci`)
  return { ...runtime, version, seed: randomInt(-(2 ** 31), 2 ** 31 - 1) }
})

console.log(`vitest on ${runtimes.map((runtime) => `${runtime.name} (${runtime.version})`).join(" and ")}, at once`)
const results = await Promise.all(runtimes.map((runtime) =>
  runVitest({ binary: runtime.binary, seed: runtime.seed, args, log: path.join(root, "build", "test-nodes", `${runtime.name}.log`) })
))

runtimes.forEach((runtime, index) => {
  const result = results[index]!
  const verdict = result.failed.length === 0 ? "green" : `${result.failed.length} FAILED`
  console.log(`${runtime.name} ${runtime.version}  FC_SEED=${runtime.seed}  ${result.passed} passed, ${verdict}  (${result.seconds.toFixed(0)} s, log ${path.relative(root, result.log)})`)
  for (const failure of result.failed) {
    console.log(`  ✗ ${failure.file} > ${failure.name}\n${failure.message.replace(/^/gm, "      ")}`)
    console.log(`    replay: ${replayCommand(failure, runtime.seed, path.relative(root, runtime.binary))}`)
  }
})
if (results.some((result) => result.failed.length > 0)) process.exitCode = 1
