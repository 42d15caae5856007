/**
 * Runs the vitest suite once in a child process on a given Node binary, with a given fast-check
 * seed, and reads back what failed (vitest's JSON report), for scripts/testRepeat.ts and
 * scripts/testNodes.ts.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

/** The repository root. */
export const root = path.resolve(import.meta.dirname, "..")

/** One failed test: its file (from the root), its full name and the first lines of the failure. */
export interface Failure {
  readonly file: string
  readonly name: string
  readonly message: string
}

/** What one run gave. */
export interface RunResult {
  readonly exitCode: number | null
  readonly passed: number
  readonly failed: ReadonlyArray<Failure>
  readonly seconds: number
  readonly log: string
}

interface JsonReport {
  readonly numPassedTests: number
  readonly testResults: ReadonlyArray<{
    readonly name: string
    readonly status: string
    readonly message?: string
    readonly assertionResults: ReadonlyArray<{ readonly fullName: string; readonly status: string; readonly failureMessages: ReadonlyArray<string> }>
  }>
}

const firstLines = (text: string, count = 6) => text.split("\n").slice(0, count).join("\n")

/**
 * Runs `vitest run` with `binary` (a Node executable), writing its output to `log` and its JSON
 * report beside it. `seed` goes to the property tests as FC_SEED (see vitest.setup.ts).
 */
export const runVitest = (options: {
  readonly binary: string
  readonly seed?: number | undefined
  readonly args?: ReadonlyArray<string> | undefined
  readonly log: string
}): Promise<RunResult> => {
  fs.mkdirSync(path.dirname(options.log), { recursive: true })
  const report = options.log.replace(/\.log$/, "") + ".json"
  fs.rmSync(report, { force: true })
  const output = fs.openSync(options.log, "w")
  const started = performance.now()
  const child = spawn(
    options.binary,
    [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "--reporter=dot", "--reporter=json", `--outputFile.json=${report}`, ...(options.args ?? [])],
    {
      cwd: root,
      stdio: ["ignore", output, output],
      env: { ...process.env, ...(options.seed === undefined ? {} : { FC_SEED: String(options.seed) }) }
    }
  )
  return new Promise((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (exitCode) => {
      fs.closeSync(output)
      const seconds = (performance.now() - started) / 1000
      if (!fs.existsSync(report)) {
        resolve({ exitCode, passed: 0, failed: [{ file: "", name: "(no report: vitest did not finish)", message: firstLines(fs.readFileSync(options.log, "utf8").slice(-2000), 20) }], seconds, log: options.log })
        return
      }
      const json = JSON.parse(fs.readFileSync(report, "utf8")) as JsonReport
      const failed = json.testResults.flatMap((file): Array<Failure> => {
        const relative = path.relative(root, file.name)
        const tests = file.assertionResults
          .filter((test) => test.status === "failed")
          .map((test) => ({ file: relative, name: test.fullName, message: firstLines(test.failureMessages.join("\n")) }))
        // A file that failed outside any test (an import error, an unhandled rejection).
        return tests.length === 0 && file.status === "failed"
          ? [{ file: relative, name: "(the file itself)", message: firstLines(file.message ?? "") }]
          : tests
      })
      const unexplained = exitCode !== 0 && failed.length === 0
        ? [{ file: "", name: `(vitest exited with ${exitCode})`, message: firstLines(fs.readFileSync(options.log, "utf8").slice(-2000), 20) }]
        : []
      resolve({ exitCode, passed: json.numPassedTests, failed: [...failed, ...unexplained], seconds, log: options.log })
    })
  })
}

// vitest's -t is a regular expression over the test's full name.
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** The command that replays one failure: the same seed, that file, that test. */
export const replayCommand = (failure: Failure, seed: number | undefined, binary?: string) =>
  [
    seed === undefined ? [] : [`FC_SEED=${seed}`],
    binary === undefined ? ["npx vitest"] : [binary, "node_modules/vitest/vitest.mjs"],
    ["run", failure.file],
    failure.name.startsWith("(") ? [] : ["-t", `'${escapeRegExp(failure.name).replace(/'/g, "'\\''")}'`]
  ].flat().join(" ")
