import { describe, expect, it } from "@effect/vitest"
import { EmulatorCli } from "@effect-signalwire/emulator"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const bin = fileURLToPath(new URL("../bin/effect-signalwire-emulator.js", import.meta.url))

interface Spawned {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exit: Promise<number | null>
}

/** Whether any process of the group led by `pid` is still alive. */
const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Runs the command as a user would, in a process group of its own, and kills the whole group when
 * the test ends: in the checkout the command is a wrapper whose child (tsx) runs the emulator, and
 * killing the wrapper alone would leave that child behind, orphaned and listening.
 */
const command = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.sync((): Spawned => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"], detached: true })
      let stdout = ""
      let stderr = ""
      child.stdout!.on("data", (chunk) => (stdout += chunk))
      child.stderr!.on("data", (chunk) => (stderr += chunk))
      const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
      return { child, stdout: () => stdout, stderr: () => stderr, exit }
    }),
    ({ child }) =>
      Effect.sync(() => {
        if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, "SIGKILL")
      })
  )

const listening = (spawned: Spawned) =>
  Effect.sync(() => /listening on (http:\/\/\S+)/.exec(spawned.stdout())?.[1]).pipe(
    Effect.flatMap((url) => url === undefined ? Effect.fail("not yet") : Effect.succeed(url)),
    Effect.retry({ schedule: Schedule.spaced("50 millis") }),
    // A guard, not a measure: starting tsx took up to 7 s on a loaded machine.
    Effect.timeout("60 seconds")
  )

describe("EmulatorCli", () => {
  describe("parse", () => {
    it.effect("gives the defaults for no arguments", () =>
      Effect.gen(function*() {
        const command = yield* Effect.either(EmulatorCli.parse([]))
        expect(command).toStrictEqual(Either.right({ _tag: "Run", options: EmulatorCli.defaults }))
        expect(EmulatorCli.defaults).toMatchObject({ port: 8080, host: "127.0.0.1", projectId: "b3877c40-da60-4998-90ad-b792e98472af" })
      }))

    it.effect("reads every option, as --flag value or --flag=value", () =>
      Effect.gen(function*() {
        const command = yield* Effect.either(EmulatorCli.parse([
          "--port=9090", "--host", "0.0.0.0", "--project", "p", "--token", "t", "--signing-key=k",
          "--queued", "1s", "--initiated", "250ms", "--ringing", "2 seconds", "--talk", "100", "--cps", "2", "--log"
        ]))
        assertRun(command, (options) => {
          expect(options).toMatchObject({ port: 9090, host: "0.0.0.0", projectId: "p", callsPerSecond: 2, logRequests: true })
          expect(Redacted.value(options.authToken)).toBe("t")
          expect(Redacted.value(options.signingKey!)).toBe("k")
          expect(Object.values(options.timings).map((d) => Duration.toMillis(d))).toStrictEqual([1000, 250, 2000, 100])
        })
      }))

    it.effect.each([["-h"], ["--help"]])("%s asks for help", ([flag]) =>
      Effect.gen(function*() {
        expect(yield* Effect.either(EmulatorCli.parse([flag!]))).toStrictEqual(Either.right({ _tag: "Help" }))
      }))

    it.effect.each([
      [["--bogus"], "--bogus"],
      [["--port"], "--port"],
      [["--port", "eighty"], "--port must be a port number from 0 to 65535 (got \"eighty\")"],
      [["--port", "70000"], "--port must be a port number"],
      [["--ringing", "soon"], "--ringing must be a duration such as 500ms, 2s or \"2 seconds\" (got \"soon\")"],
      [["--cps", "0"], "--cps must be a positive number of calls per second (got \"0\")"],
      [["--cps", "fast"], "--cps must be a positive number of calls per second (got \"fast\")"]
    ] as const)("rejects %j: %s", ([argv, message]) =>
      Effect.gen(function*() {
        const command = yield* Effect.either(EmulatorCli.parse(argv))
        expect(Either.isLeft(command) && command.left.message).toContain(message)
      }))
  })

  describe("the command", () => {
    it.scopedLive("starts, prints its settings, answers the API, and stops cleanly on SIGTERM", () =>
      Effect.gen(function*() {
        const projectId = "0f9d8c7b-6a5e-4d3c-8b2a-1f0e9d8c7b6a"
        const spawned = yield* command(["--port", "0", "--project", projectId, "--token", "PTcli-token"])
        const url = yield* listening(spawned)
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
        expect(spawned.stdout()).toContain(`project      ${projectId}`)
        // A token that was given is not printed.
        expect(spawned.stdout()).not.toContain("PTcli-token")

        const created = yield* Effect.promise(() =>
          fetch(`${url}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`, {
            method: "POST",
            headers: {
              authorization: `Basic ${Buffer.from(`${projectId}:PTcli-token`).toString("base64")}`,
              "content-type": "application/x-www-form-urlencoded"
            },
            body: "To=%2B13105678901&From=%2B13103384645&Url=https%3A%2F%2Fexample.com%2Fv.xml"
          })
        )
        expect(created.status).toBe(201)
        expect((yield* Effect.promise(() => created.json())).status).toBe("queued")

        spawned.child.kill("SIGTERM")
        expect(yield* Effect.promise(() => spawned.exit)).toBe(0)
        expect(spawned.stdout()).toContain("effect-signalwire-emulator stopped")
        const refused = yield* Effect.either(Effect.tryPromise(() => fetch(`${url}/__emulator/health`)))
        expect(Either.isLeft(refused)).toBe(true)
      }), 90_000)

    it.live("leaves no process behind when a test ends with the emulator still running", () =>
      Effect.gen(function*() {
        const pid = yield* Effect.scoped(Effect.gen(function*() {
          const spawned = yield* command(["--port", "0"])
          yield* listening(spawned)
          expect(groupAlive(spawned.child.pid!)).toBe(true)
          return spawned.child.pid!
        }))
        // SIGKILL is delivered at once, but the processes take a moment to be gone.
        yield* Effect.sync(() => groupAlive(pid)).pipe(
          Effect.flatMap((alive) => alive ? Effect.fail("still running") : Effect.void),
          Effect.retry({ schedule: Schedule.spaced("50 millis") }),
          Effect.timeout("30 seconds")
        )
        expect(groupAlive(pid)).toBe(false)
      }), 90_000)

    it.scopedLive("--help prints the options and exits 0; a bad option exits 2 saying why", () =>
      Effect.gen(function*() {
        const help = yield* command(["--help"])
        expect(yield* Effect.promise(() => help.exit)).toBe(0)
        expect(help.stdout()).toContain("effect-signalwire-emulator")
        for (const option of ["--port", "--host", "--project", "--token", "--signing-key", "--queued", "--initiated", "--ringing", "--talk", "--log"]) {
          expect(help.stdout()).toContain(option)
        }

        const bad = yield* command(["--port", "x"])
        expect(yield* Effect.promise(() => bad.exit)).toBe(2)
        expect(bad.stderr()).toContain("--port must be a port number")
        expect(bad.stderr()).toContain("Run with --help for the options.")
      }), 90_000)
  })
})

const assertRun = (command: Either.Either<EmulatorCli.Command, EmulatorCli.CliError>, check: (options: EmulatorCli.CliOptions) => void) => {
  if (Either.isLeft(command) || command.right._tag !== "Run") throw new Error(`expected options, got ${JSON.stringify(command)}`)
  check(command.right.options)
}
