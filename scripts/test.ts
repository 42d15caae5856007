/**
 * `npm test`: every check the CI runs, one after the other, each announced by a banner line so a
 * person watching knows what the silence is (type-checking takes a while on a small machine).
 * Stops at the first step that fails, with its exit code, and says which one it was.
 *
 * Steps are npm scripts, so each can be run alone (`npm run lint`).
 */
import { spawnSync } from "node:child_process"

interface Step {
  readonly script: string
  readonly what: string
}

const steps: ReadonlyArray<Step> = [
  { script: "check", what: "type-check every package, its tests and the scripts (tsc -b)" },
  { script: "lint", what: "lint (eslint)" },
  { script: "docs-check", what: "compile every ts example of the READMEs and docs/*.md" },
  { script: "vitest", what: "run the tests and the type-level tests (vitest)" },
  { script: "test:nodes", what: "run the whole suite again on Node 22 and Node 24 (both at once)" },
  { script: "test:runtimes", what: "run one bundled app on Node, Bun, Deno, edge-runtime and workerd against the emulator" },
  { script: "pack-check", what: "pack each package and run an app on the tarballs with plain Node" },
  { script: "size", what: "bundle an app that places a call and check its size budget" },
  { script: "docgen", what: "generate the API reference into docs/api, type-checking and running every @example (@effect/docgen)" }
]

const npm = process.platform === "win32" ? "npm.cmd" : "npm"
const started = Date.now()
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(0)} s`

for (const [index, step] of steps.entries()) {
  console.log(`\n▶ npm test [${index + 1}/${steps.length}] ${step.what}: npm run ${step.script}`)
  const stepStarted = Date.now()
  const { error, status } = spawnSync(npm, ["run", "--silent", step.script], { stdio: "inherit" })
  if (error !== undefined || status !== 0) {
    console.error(`\n✖ npm test: step ${index + 1}/${steps.length} (npm run ${step.script}) failed${status === null ? "" : ` with exit code ${status}`}${error ? `: ${error.message}` : ""}`)
    process.exit(status === null || status === 0 ? 1 : status)
  }
  console.log(`✔ ${step.script} (${seconds(stepStarted)})`)
}

console.log(`\n✔ npm test: all ${steps.length} steps passed in ${seconds(started)}`)
