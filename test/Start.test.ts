/**
 * `npm start` at the repository root, run as a newcomer runs it (no SignalWire credentials): it
 * must place a call on the in-process emulator, print the call and every status callback of its
 * life with a valid signature, and exit 0; a bad flag must exit 2 naming the field.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../", import.meta.url))

interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** What `npm start -- <args>` runs, with every SIGNALWIRE_* variable removed; killed if the test ends first. */
const npmStart = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("SIGNALWIRE_")))
      return spawn(
        process.execPath,
        ["--conditions=@effect-signalwire/source", "--import", "tsx", "scripts/start.ts", ...args],
        { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] }
      )
    }),
    (child) => Effect.sync(() => child.kill("SIGKILL"))
  ).pipe(Effect.flatMap(finished))

const finished = (child: ChildProcess) =>
  Effect.async<Finished>((resume) => {
    let stdout = ""
    let stderr = ""
    child.stdout!.on("data", (chunk) => (stdout += chunk))
    child.stderr!.on("data", (chunk) => (stderr += chunk))
    child.on("close", (code) => resume(Effect.succeed({ code, stdout, stderr })))
  })

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/

describe("npm start", () => {
  it.scopedLive("places a call on the emulator and prints it and each signed status callback until completed", () =>
    Effect.gen(function*() {
      const { code, stderr, stdout } = yield* npmStart([])
      expect(stderr).toBe("")
      expect(code).toBe(0)
      expect(stdout).toContain("No SignalWire credentials in the environment: using the emulator")

      const sid = new RegExp(`Created call (${uuid.source})`).exec(stdout)?.[1]
      expect(sid).toBeDefined()
      expect(stdout).toContain(`/Calls/${sid}.json`)

      const callbacks = [...stdout.matchAll(/^ {2}#(\d+) {2}(\S+)\s+(\S+) {2}(.*)$/gm)].map(([, sequence, status, timestamp, rest]) => ({
        sequence: Number(sequence),
        status,
        timestamp: new Date(timestamp!),
        rest
      }))
      expect(callbacks.map(({ sequence, status }) => [sequence, status])).toStrictEqual([
        [0, "initiated"],
        [1, "ringing"],
        [2, "in-progress"],
        [3, "completed"]
      ])
      for (const callback of callbacks) {
        expect(Number.isNaN(callback.timestamp.getTime())).toBe(false)
        expect(callback.rest).toMatch(/signature valid$/)
      }
      expect(callbacks[3]!.rest).toMatch(/^duration \d+ s {2}signature valid$/)

      // Then the call as fetched once it ended: its final status, duration and price.
      const callbackDuration = /^duration (\d+) s/.exec(callbacks[3]!.rest!)![1]
      expect(stdout).toMatch(new RegExp(
        `Fetched the call after its end:\\n {2}status {3}completed\\n {2}duration ${callbackDuration} s\\n {2}price {4}0\\.\\d+ USD\\n?$`
      ))
    }), 60_000)

  it.scopedLive("a bad --to exits 2 with the client's message naming the field", () =>
    Effect.gen(function*() {
      const { code, stderr, stdout } = yield* npmStart(["--to", "not-a-number"])
      expect(code).toBe(2)
      expect(stderr).toMatch(/^npm start: Invalid Create Call request: to: .*"not-a-number"/m)
      expect(stdout).not.toContain("Created call")
    }), 60_000)
})
