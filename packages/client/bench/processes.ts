/**
 * Child processes for the harness: every measurement runs in a fresh Node so CPU time, memory and
 * JIT state belong to what is measured and to nothing else.
 */
import * as ChildProcess from "node:child_process"
import * as Url from "node:url"

export interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  /** From spawn to exit, as the parent saw it. */
  readonly wallMs: number
}

/** The tsx loader as a URL, for children that run TypeScript. */
export const tsxLoader = import.meta.resolve("tsx")

/**
 * The node arguments that run `runner.ts` (one client placing `creates` calls, `concurrency` at a
 * time, after `warmup` more) from source: the throughput bench and the profiler both start it.
 */
export const runnerArgs = (runner: string, origin: string, creates: number, concurrency: number, warmup: number) => [
  "--import",
  tsxLoader,
  "--conditions=@effect-signalwire/source",
  Url.fileURLToPath(new URL("runner.ts", import.meta.url)),
  runner,
  origin,
  String(creates),
  String(concurrency),
  String(warmup)
]

/** Runs `node ...args` to completion; a child that outlives `timeoutMs` is killed and reported. */
export const runNode = (
  args: ReadonlyArray<string>,
  options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs: number; readonly cwd?: string }
): Promise<Finished> =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const child = ChildProcess.spawn(process.execPath, args, {
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs)
    child.on("error", reject)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      const wallMs = performance.now() - started
      if (signal !== null) {
        reject(new Error(`node ${args.join(" ")} was killed (${signal}) after ${Math.round(wallMs)} ms\n${stderr}`))
        return
      }
      resolve({ code, stdout, stderr, wallMs })
    })
  })

/** Like `runNode`, but a non-zero exit is an error carrying the child's stderr. */
export const runNodeOk = async (
  args: ReadonlyArray<string>,
  options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs: number; readonly cwd?: string }
): Promise<Finished> => {
  const finished = await runNode(args, options)
  if (finished.code !== 0) {
    throw new Error(`node ${args.join(" ")} exited with ${finished.code}\n${finished.stderr}`)
  }
  return finished
}

/** The median of a non-empty list. */
export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
