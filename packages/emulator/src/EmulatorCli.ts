/**
 * The `effect-signalwire-emulator` command: serves the emulator over HTTP until SIGINT or
 * SIGTERM, printing where it listens and the settings in force.
 *
 * ```sh
 * npx effect-signalwire-emulator --port 8080 --project <id> --token <token>
 * ```
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as CallLife from "./CallLife.js"
import * as Emulator from "./Emulator.js"
import * as EmulatorServer from "./EmulatorServer.js"

/**
 * The settings of a run.
 *
 * @since 0.1.0
 * @category models
 */
export interface CliOptions {
  readonly port: number
  readonly host: string
  readonly projectId: string
  readonly authToken: Redacted.Redacted<string>
  readonly signingKey: Redacted.Redacted<string> | undefined
  readonly timings: CallLife.Timings
  /** Creates allowed per second and project (429 beyond); `undefined`: no limit. */
  readonly callsPerSecond: number | undefined
  readonly logRequests: boolean
}

/**
 * What the command line asks for.
 *
 * @since 0.1.0
 * @category models
 */
export type Command =
  | { readonly _tag: "Help" }
  | { readonly _tag: "Run"; readonly options: CliOptions }

/**
 * A command line that cannot be run, and why.
 *
 * @since 0.1.0
 * @category errors
 */
export class CliError extends Data.TaggedError("CliError")<{ readonly message: string }> {}

/**
 * @since 0.1.0
 * @category defaults
 */
export const defaults: CliOptions = {
  port: 8080,
  host: "127.0.0.1",
  projectId: Emulator.defaultProject.projectId,
  authToken: Redacted.make(Emulator.defaultProject.authToken as string),
  signingKey: undefined,
  timings: CallLife.defaultTimings,
  callsPerSecond: undefined,
  logRequests: false
}

/**
 * @since 0.1.0
 * @category help
 */
export const usage = `Usage: effect-signalwire-emulator [options]

A local SignalWire Calls API (the Compatibility / LaML REST API) for tests and development.

Options:
  --port <n>            port to listen on, 0 for any free port       (default ${defaults.port})
  --host <address>      address to listen on                         (default ${defaults.host})
  --project <id>        the Project ID clients authenticate as       (default ${defaults.projectId})
  --token <token>       its API token                                (default ${Redacted.value(defaults.authToken)})
  --signing-key <key>   the key status callbacks are signed with     (default: the token)
  --queued <duration>   time a call stays queued                     (default 500ms)
  --initiated <duration> time from initiated to ringing              (default 500ms)
  --ringing <duration>  time a call rings before it is answered      (default 2s)
  --talk <duration>     time an answered call lasts                  (default 3s)
  --cps <n>             creates allowed per second per project, 429 beyond
                        (SignalWire's default is about 1)             (default: no limit)
  --log                 log every request
  -h, --help            show this help

Durations: 250ms, 2s, "2 seconds", or a number of milliseconds.
Point a client at http://<host>:<port> as its space; /api/laml/2010-04-01 and /2010-04-01 both work.
Admin API: /__emulator/requests, /__emulator/faults, /__emulator/outcomes, /__emulator/calls, /__emulator/reset.`

const duration = (flag: string, text: string): Either.Either<Duration.Duration, CliError> => {
  const short = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text)
  const parsed = short !== null
    ? Option.some(Duration.millis(Number(short[1]) * (short[2] === "s" ? 1000 : 1)))
    : Duration.decodeUnknown(text)
  return Option.match(parsed, {
    onNone: () => Either.left(new CliError({ message: `${flag} must be a duration such as 500ms, 2s or "2 seconds" (got ${JSON.stringify(text)})` })),
    onSome: Either.right
  })
}

const flags = [
  "--port",
  "--host",
  "--project",
  "--token",
  "--signing-key",
  "--queued",
  "--initiated",
  "--ringing",
  "--talk",
  "--cps"
] as const

/**
 * Reads a command line (without the node and script paths).
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (argv: ReadonlyArray<string>): Either.Either<Command, CliError> =>
  Either.gen(function*() {
    let options: { -readonly [K in keyof CliOptions]: CliOptions[K] } = { ...defaults, timings: { ...defaults.timings } }
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!
      if (arg === "-h" || arg === "--help") return { _tag: "Help" } as const
      if (arg === "--log") {
        options.logRequests = true
        continue
      }
      const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined]
      if (!(flags as ReadonlyArray<string>).includes(flag!)) {
        return yield* Either.left(new CliError({ message: `unknown option ${JSON.stringify(arg)}` }))
      }
      const value = inline ?? argv[++i]
      if (value === undefined || value === "") return yield* Either.left(new CliError({ message: `${flag} needs a value` }))
      switch (flag as (typeof flags)[number]) {
        case "--port": {
          const port = /^\d+$/.test(value) ? Number(value) : Number.NaN
          if (!(port >= 0 && port <= 65535)) {
            return yield* Either.left(new CliError({ message: `--port must be a port number from 0 to 65535 (got ${JSON.stringify(value)})` }))
          }
          options.port = port
          break
        }
        case "--host":
          options.host = value
          break
        case "--project":
          options.projectId = value
          break
        case "--token":
          options.authToken = Redacted.make(value)
          break
        case "--signing-key":
          options.signingKey = Redacted.make(value)
          break
        case "--queued":
          options = { ...options, timings: { ...options.timings, queued: yield* duration(flag!, value) } }
          break
        case "--initiated":
          options = { ...options, timings: { ...options.timings, initiated: yield* duration(flag!, value) } }
          break
        case "--ringing":
          options = { ...options, timings: { ...options.timings, ringing: yield* duration(flag!, value) } }
          break
        case "--talk":
          options = { ...options, timings: { ...options.timings, inProgress: yield* duration(flag!, value) } }
          break
        case "--cps": {
          const cps = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN
          if (!(cps > 0)) {
            return yield* Either.left(new CliError({ message: `--cps must be a positive number of calls per second (got ${JSON.stringify(value)})` }))
          }
          options.callsPerSecond = cps
          break
        }
      }
    }
    return { _tag: "Run", options } as const
  })

// The default token is printed (a client needs it); one that was given is not.
const tokenShown = (token: Redacted.Redacted<string>) =>
  Redacted.value(token) === Redacted.value(defaults.authToken) ? `${Redacted.value(token)} (default)` : "(as given)"

const banner = (url: string, options: CliOptions) => {
  const time = (d: Duration.DurationInput) => Duration.format(Duration.decode(d))
  const { inProgress, initiated, queued, ringing } = options.timings
  return [
    `effect-signalwire-emulator listening on ${url}`,
    "",
    `  space        ${url}  (SignalWire's /api/laml/2010-04-01 and the SDK's /2010-04-01 both work)`,
    `  project      ${options.projectId}`,
    `  token        ${tokenShown(options.authToken)}`,
    `  signing key  ${options.signingKey === undefined ? "the token" : "(as given)"}`,
    `  timings      queued ${time(queued)}, initiated ${time(initiated)}, ringing ${time(ringing)}, in progress ${time(inProgress)}`,
    `  rate limit   ${options.callsPerSecond === undefined ? "none" : `${options.callsPerSecond} creates per second (429 beyond)`}`,
    `  outcomes     ${CallLife.defaultOutcomeRules.map((rule) => `${rule.to} ${rule.answeredBy ? `answered by ${rule.answeredBy}` : rule.outcome}`).join(", ")}`,
    `  admin        ${url}/__emulator/requests (also /faults, /outcomes, /calls, /reset)`,
    "",
    "Ctrl-C to stop."
  ].join("\n")
}

/**
 * Serves the emulator until interrupted (SIGINT / SIGTERM under `NodeRuntime.runMain`).
 *
 * @since 0.1.0
 * @category running
 */
export const run = (options: CliOptions): Effect.Effect<void, HttpServerError.ServeError> =>
  Effect.gen(function*() {
    const url = yield* EmulatorServer.url
    yield* Console.log(banner(url, options))
    return yield* Effect.never
  }).pipe(
    Effect.provide(
      EmulatorServer.layer({ port: options.port, host: options.host, logRequests: options.logRequests }).pipe(
        Layer.provide(Emulator.layer({
          projects: [{ projectId: options.projectId, authToken: options.authToken, signingKey: options.signingKey }],
          timings: options.timings,
          callsPerSecond: options.callsPerSecond
        })),
        Layer.provide(FetchHttpClient.layer)
      )
    ),
    Effect.onInterrupt(() => Console.log("effect-signalwire-emulator stopped"))
  )

/**
 * The command: parses `argv`, prints help or an error (exit code 2), or runs until SIGINT or
 * SIGTERM and exits 0.
 *
 * @since 0.1.0
 * @category running
 */
export const main = (argv: ReadonlyArray<string>): void => {
  const command = parse(argv)
  if (Either.isLeft(command)) {
    process.stderr.write(`effect-signalwire-emulator: ${command.left.message}\nRun with --help for the options.\n`)
    process.exitCode = 2
    return
  }
  if (command.right._tag === "Help") {
    process.stdout.write(`${usage}\n`)
    return
  }
  const options = command.right.options
  NodeRuntime.runMain(
    run(options).pipe(
      Effect.catchTag("ServeError", (error) =>
        Effect.zipRight(
          Console.error(`effect-signalwire-emulator: cannot listen on ${options.host}:${options.port}: ${String(error.cause)}`),
          Effect.sync(() => {
            process.exitCode = 1
          })
        ))
    )
  )
}
