/**
 * `npm run mutate`: mutation testing (Stryker + its vitest runner) of the safety-critical
 * modules, one module at a time, printing the score of each and its surviving mutants.
 *
 *   npm run mutate                      every module below
 *   npm run mutate -- retry form        only these modules (names from the table)
 *   npm run mutate -- --changed         only modules whose source or tests differ from main
 *   npm run mutate -- --changed=origin/main
 *   npm run mutate -- --concurrency=1   test runner processes (default 2: the machine is shared)
 *   npm run mutate -- --list            the modules and their files
 *
 * Exits 1 when a module scores under the threshold (90%) or when the tests never load the
 * mutated code (every mutant "no coverage": the sandbox would be resolving the original
 * sources, see scripts/vitest.mutate.config.ts). Not part of `npm test`: see docs/contributing.md.
 */
import { execFileSync, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { Stryker } from "@stryker-mutator/core"
import type { LogLevel, MutantResult, PartialStrykerOptions } from "@stryker-mutator/api/core"

interface Module {
  /** What to type on the command line. */
  readonly name: string
  /** The file Stryker mutates. */
  readonly file: string
  /** The test files run against its mutants (Stryker then picks, per mutant, the tests that reach it). */
  readonly tests: ReadonlyArray<string>
}

const client = "packages/client/test"
const schema = "packages/schema/test"

/** The modules where a bug places a call twice, sends a bad request or leaks a secret. */
const modules: ReadonlyArray<Module> = [
  {
    name: "transport",
    file: "packages/client/src/internal/transport.ts",
    tests: [`${client}/CauseChains.test.ts`, `${client}/TransportFailures.test.ts`, `${client}/WireFaults.test.ts`, `${client}/FakeHttpClient.test.ts`, `${client}/CreateCall.test.ts`]
  },
  {
    name: "pipeline",
    file: "packages/client/src/internal/request.ts",
    tests: [
      `${client}/CauseChains.test.ts`, `${client}/TransportFailures.test.ts`,
      `${client}/CreateCall.test.ts`,
      `${client}/CallControl.test.ts`,
      `${client}/CallControlClient.test.ts`,
      `${client}/MalformedResponses.test.ts`,
      `${client}/RetryPolicy.test.ts`,
      `${client}/Pacing.test.ts`,
      `${client}/WireFaults.test.ts`
    ]
  },
  {
    name: "create",
    file: "packages/client/src/internal/createCall.ts",
    tests: [
      `${client}/CreateCall.test.ts`, `${client}/CauseChains.test.ts`, `${client}/TransportFailures.test.ts`, `${client}/RetryPolicy.test.ts`,
      `${client}/Reconcile.test.ts`, `${client}/Secrets.test.ts`, `${client}/DriftedBodies.test.ts`, `${client}/LayerTest.test.ts`
    ]
  },
  {
    name: "retry",
    file: "packages/client/src/RetryPolicy.ts",
    tests: [`${client}/RetryPolicy.test.ts`, `${client}/CreateCall.test.ts`, `${client}/SignalWireConfig.test.ts`]
  },
  {
    name: "config",
    file: "packages/client/src/SignalWireConfig.ts",
    tests: [`${client}/SignalWireConfig.test.ts`, `${client}/SignalWireClient.test.ts`, `${client}/Secrets.test.ts`]
  },
  {
    name: "form",
    file: "packages/schema/src/CreateCallForm.ts",
    tests: [`${schema}/CreateCallForm.test.ts`, `${schema}/CreateCallRequest.test.ts`]
  },
  {
    name: "rules",
    file: "packages/schema/src/internal/rules.ts",
    tests: [`${schema}/CreateCallRequest.test.ts`, `${schema}/PhoneNumber.test.ts`, `${schema}/Sid.test.ts`, `${schema}/SipUri.test.ts`, `${schema}/MaxPrice.test.ts`, `${schema}/StatusCallbackEvent.test.ts`]
  },
  {
    // The campaign's exactly-once step: sent once, looked up rather than sent again, or reported.
    name: "campaign",
    file: "packages/campaign/src/internal/placeCall.ts",
    tests: ["packages/campaign/test/PlaceCall.test.ts", "packages/campaign/test/Campaign.test.ts"]
  },
  {
    name: "webhook",
    file: "packages/client/src/WebhookSignature.ts",
    tests: [`${client}/WebhookSignature.test.ts`, `${client}/Webhook.test.ts`]
  }
]

const threshold = 90
const root = path.resolve(import.meta.dirname, "..")

const git = (...args: Array<string>): Array<string> =>
  execFileSync("git", args, { cwd: root, encoding: "utf8" }).split("\n").filter((line) => line.length > 0)

/** Files that differ from `base`: committed on this branch since it forked, staged, unstaged or new. */
const changedFiles = (base: string): Set<string> => {
  const forkPoint = git("merge-base", base, "HEAD")[0]!
  return new Set([
    ...git("diff", "--name-only", forkPoint),
    ...git("ls-files", "--others", "--exclude-standard")
  ])
}

const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    "^" +
      glob
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*\*\//g, "\u0000")
        .replace(/\*/g, "[^/]*")
        .replace(/\u0000/g, "(?:.*/)?") +
      "$"
  )

const touches = (module: Module, files: Set<string>): boolean =>
  [...files].some((file) => file === module.file || module.tests.some((glob) => globToRegExp(glob).test(file)))

const parseArguments = (argv: ReadonlyArray<string>) => {
  let concurrency = 2
  let changed: string | undefined
  let list = false
  const names: Array<string> = []
  for (const argument of argv) {
    if (argument === "--list") list = true
    else if (argument === "--changed") changed = "main"
    else if (argument.startsWith("--changed=")) changed = argument.slice("--changed=".length)
    else if (argument.startsWith("--concurrency=")) concurrency = Number(argument.slice("--concurrency=".length))
    else if (argument.startsWith("-")) throw new Error(`unknown option ${argument}`)
    else names.push(argument)
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error("--concurrency must be a positive integer")
  const unknown = names.filter((name) => !modules.some((module) => module.name === name))
  if (unknown.length > 0) {
    throw new Error(`unknown module ${unknown.join(", ")}; one of ${modules.map((module) => module.name).join(", ")}`)
  }
  return { concurrency, changed, list, names }
}

const detected = new Set(["Killed", "Timeout"])
const undetected = new Set(["Survived", "NoCoverage"])

interface Score {
  readonly module: Module
  readonly results: ReadonlyArray<MutantResult>
  readonly seconds: number
}

const count = (results: ReadonlyArray<MutantResult>, status: string) =>
  results.filter((result) => result.status === status).length

/** Stryker's mutation score: detected / (detected + undetected); mutants that error are not counted. */
const percent = (results: ReadonlyArray<MutantResult>): number => {
  const valid = results.filter((result) => detected.has(result.status) || undetected.has(result.status))
  const killed = valid.filter((result) => detected.has(result.status)).length
  return valid.length === 0 ? 0 : (100 * killed) / valid.length
}

/** The source split at the mutant: before, the text it replaces, after (positions are 1-based). */
/** Each mutated file as it was when its run started: what its mutants' locations refer to. */
const sources = new Map<string, string>()

const splitAt = (result: MutantResult): readonly [string, string, string] => {
  const file = path.resolve(root, result.fileName)
  const source = sources.get(file) ?? fs.readFileSync(file, "utf8")
  const lineStarts = [0]
  for (let index = 0; index < source.length; index++) if (source[index] === "\n") lineStarts.push(index + 1)
  const offset = ({ column, line }: { readonly line: number; readonly column: number }) => lineStarts[line - 1]! + column - 1
  const start = offset(result.location.start)
  const end = offset(result.location.end)
  return [source.slice(0, start), source.slice(start, end), source.slice(end)]
}

const originalText = (result: MutantResult): string => splitAt(result)[1]

const oneLine = (text: string, max = 90) => {
  const flat = text.replace(/\s+/g, " ")
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat
}

const mutate = async (module: Module, concurrency: number): Promise<Score> => {
  const options: PartialStrykerOptions = {
    testRunner: "vitest",
    plugins: ["@stryker-mutator/vitest-runner"],
    vitest: { configFile: "scripts/vitest.mutate.config.ts", related: false },
    mutate: [module.file],
    testFiles: [...module.tests],
    coverageAnalysis: "perTest",
    concurrency,
    // A loaded 2-core machine runs a test several times slower than the dry run measured.
    timeoutMS: 20_000,
    timeoutFactor: 3,
    reporters: ["progress", "json"],
    jsonReporter: { fileName: `reports/mutation/${module.name}.json` },
    // The sandbox needs the packages and the test setup; not the docs, builds or benchmarks.
    ignorePatterns: ["docs", "build", "dist", "reports", "coverage", ".bench", ".ci", "packages/*/bench", "packages/*/build", "packages/*/dist"],
    tempDirName: ".stryker-tmp",
    cleanTempDir: "always",
    logLevel: (process.env.MUTATE_LOG_LEVEL ?? "warn") as LogLevel,
    fileLogLevel: "off" as LogLevel,
    thresholds: { high: 95, low: threshold, break: null }
  }
  const started = Date.now()
  // The tree as Stryker copies it now: the re-runs by hand use the same files, whatever is edited
  // in the working tree meanwhile.
  makeScratchCopy()
  sources.set(path.resolve(root, module.file), fs.readFileSync(path.resolve(root, module.file), "utf8"))
  try {
    const results = await recheckByHand(module, await new Stryker(options).runMutationTest())
    return { module, results, seconds: (Date.now() - started) / 1000 }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

// One per run: two runs (two modules at once) must not share it.
const scratch = path.join(root, ".stryker-tmp", `recheck-${process.pid}`)

/** A copy of the repository's files (tracked and new, not ignored) with node_modules linked. */
const makeScratchCopy = () => {
  fs.rmSync(scratch, { recursive: true, force: true })
  for (const file of git("ls-files", "--cached", "--others", "--exclude-standard")) {
    if (file.startsWith("docs/") || !fs.existsSync(path.join(root, file))) continue
    fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true })
    fs.copyFileSync(path.join(root, file), path.join(scratch, file))
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(scratch, "node_modules"))
}

/**
 * Two kinds of result Stryker 9.6's vitest runner gets wrong are re-run by hand:
 * - every STATIC mutant (code run when a module loads, such as `export const safe = {...}`) is
 *   reported as surviving, the tests having run without it active (seen with
 *   `RetryPolicy.safe = {}`, which fails 20 tests by hand);
 * - a mutant covered by a few hundred tests is a "runtime error": the runner joins their names
 *   into one test-name RegExp, which is then too large (seen with the rules' `show`).
 * Each is re-run as Stryker would: the mutated text written into the scratch copy taken when the
 * run started, the module's tests run with vitest (same config); a failing test kills it,
 * otherwise it survived.
 */
const recheckByHand = async (module: Module, results: Array<MutantResult>): Promise<Array<MutantResult>> => {
  const suspects = results.filter((result) =>
    (result.status === "Survived" && result.static === true) || result.status === "RuntimeError"
  )
  if (suspects.length === 0) return results
  console.log(`\nRe-running ${suspects.length} static or erroring mutant(s) of ${module.name} by hand`)
  const testFiles = git("ls-files", "--cached", "--others", "--exclude-standard")
    .filter((file) => module.tests.some((glob) => globToRegExp(glob).test(file)) && fs.existsSync(path.join(scratch, file)))
  const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs")
  for (const result of suspects) {
    const [before, , after] = splitAt(result)
    const target = path.join(scratch, path.relative(root, path.resolve(root, result.fileName)))
    fs.writeFileSync(target, `${before}${result.replacement ?? ""}${after}`)
    const run = spawnSync(process.execPath, [vitest, "run", "--config", "scripts/vitest.mutate.config.ts", "--bail=1", ...testFiles], {
      cwd: scratch,
      encoding: "utf8",
      timeout: 10 * 60_000
    })
    fs.writeFileSync(target, `${before}${originalText(result)}${after}`)
    result.status = run.status === 0 ? "Survived" : run.signal === null ? "Killed" : "Timeout"
    result.statusReason = "re-run by hand"
    console.log(`  ${module.file}:${result.location.start.line}:${result.location.start.column} ${result.mutatorName}: ${result.status}`)
  }
  return results
}

const report = (scores: ReadonlyArray<Score>): boolean => {
  let ok = true
  const rows = scores.map(({ module, results, seconds }) => {
    const score = percent(results)
    const covered = results.some((result) => result.status !== "NoCoverage")
    const passed = covered && score >= threshold
    ok &&= passed
    return [
      module.name,
      module.file,
      String(count(results, "Killed") + count(results, "Timeout")),
      String(count(results, "Survived")),
      String(count(results, "NoCoverage")),
      String(count(results, "RuntimeError") + count(results, "CompileError")),
      `${score.toFixed(1)}%`,
      `${Math.round(seconds)} s`,
      passed ? "ok" : covered ? `under ${threshold}%` : "NOT LOADED BY THE TESTS"
    ]
  })
  const header = ["module", "file", "killed", "survived", "no cov.", "errors", "score", "time", ""]
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  const format = (row: ReadonlyArray<string>) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()

  for (const { module, results } of scores) {
    const survivors = results
      .filter((result) => undetected.has(result.status))
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
    if (survivors.length === 0) continue
    console.log(`\n${module.name}: ${survivors.length} undetected mutant(s)`)
    for (const result of survivors) {
      const where = `${module.file}:${result.location.start.line}:${result.location.start.column}`
      const status = result.status === "NoCoverage" ? " (no test reaches it)" : ""
      console.log(`  ${where} ${result.mutatorName}${status}\n    - ${oneLine(originalText(result))}\n    + ${oneLine(result.replacement ?? "")}`)
    }
  }
  console.log(`\n${format(header)}\n${rows.map(format).join("\n")}`)
  return ok
}

const main = async () => {
  let parsed: ReturnType<typeof parseArguments>
  try {
    parsed = parseArguments(process.argv.slice(2))
  } catch (error) {
    console.error(`npm run mutate: ${(error as Error).message}`)
    process.exitCode = 2
    return
  }
  const { changed, concurrency, list, names } = parsed
  if (list) {
    for (const module of modules) console.log(`${module.name.padEnd(10)} ${module.file}  (tests: ${module.tests.join(", ")})`)
    return
  }
  let selected = names.length > 0 ? modules.filter((module) => names.includes(module.name)) : modules
  if (changed !== undefined) {
    const files = changedFiles(changed)
    selected = selected.filter((module) => touches(module, files))
    if (selected.length === 0) {
      console.log(`No mutated module or its tests differ from ${changed}: nothing to run.`)
      return
    }
  }
  const scores: Array<Score> = []
  for (const module of selected) {
    console.log(`\n== ${module.name}: ${module.file}`)
    scores.push(await mutate(module, concurrency))
  }
  if (!report(scores)) process.exitCode = 1
}

await main()
