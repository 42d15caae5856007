/**
 * The `effect-signalwire-emulator` command, on `@effect/cli`: serves the emulator over HTTP until
 * SIGINT or SIGTERM, printing where it listens and the settings in force. `--help` lists the
 * options; a bad option exits 2 with the reason.
 *
 * ```sh
 * npx effect-signalwire-emulator --port 8080 --project <id> --token <token>
 * ```
 *
 * @since 0.1.0
 */
import * as CliCommand from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as CallLife from "./CallLife.js"
import * as Emulator from "./Emulator.js"
import * as EmulatorServer from "./EmulatorServer.js"
import * as WebhookClient from "./WebhookClient.js"

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
 * @example
 * ```ts
 * import { EmulatorCli } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * const error = await Effect.runPromise(Effect.flip(EmulatorCli.parse(["--port", "eighty"])))
 * assert.ok(error instanceof EmulatorCli.CliError)
 * assert.ok(error.message.includes("--port must be a port number from 0 to 65535"))
 * ```
 */
export class CliError extends Data.TaggedError("CliError")<{ readonly message: string }> {}

/**
 * @since 0.1.0
 * @category defaults
 * @example
 * ```ts
 * import { EmulatorCli } from "@effect-signalwire/emulator"
 *
 * assert.strictEqual(EmulatorCli.defaults.port, 8080)
 * assert.strictEqual(EmulatorCli.defaults.host, "127.0.0.1")
 * ```
 */
export const defaults: CliOptions = {
  port: 8080,
  host: "127.0.0.1",
  projectId: Emulator.defaultProject.projectId,
  authToken: Redacted.make(Emulator.defaultProject.authToken as string),
  signingKey: undefined,
  // Decoded, as the command line gives them.
  timings: {
    queued: Duration.decode(CallLife.defaultTimings.queued),
    initiated: Duration.decode(CallLife.defaultTimings.initiated),
    ringing: Duration.decode(CallLife.defaultTimings.ringing),
    inProgress: Duration.decode(CallLife.defaultTimings.inProgress)
  },
  callsPerSecond: undefined,
  logRequests: false
}

const invalid = (message: string) => Effect.fail(ValidationError.invalidValue(HelpDoc.p(message)))

const port = Options.text("port").pipe(
  Options.withDescription("port to listen on, 0 for any free port"),
  Options.withDefault(String(defaults.port)),
  Options.mapEffect((text) => {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN
    return value >= 0 && value <= 65535 ? Effect.succeed(value) : invalid(`--port must be a port number from 0 to 65535 (got ${JSON.stringify(text)})`)
  })
)

/** `250ms`, `2s`, `"2 seconds"`, or a number of milliseconds. */
const duration = (name: string, description: string, fallback: Duration.DurationInput) =>
  Options.text(name).pipe(
    Options.withDescription(`${description} (250ms, 2s, "2 seconds", or milliseconds)`),
    Options.withDefault(Duration.format(Duration.decode(fallback))),
    Options.mapEffect((text) => {
      const short = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim())
      const parsed = short !== null ? Option.some(Duration.millis(Number(short[1]) * (short[2] === "s" ? 1000 : 1))) : Duration.decodeUnknown(text)
      return Option.match(parsed, {
        onNone: () => invalid(`--${name} must be a duration such as 500ms, 2s or "2 seconds" (got ${JSON.stringify(text)})`),
        onSome: Effect.succeed
      })
    })
  )

const options = {
  port,
  host: Options.text("host").pipe(Options.withDescription("address to listen on"), Options.withDefault(defaults.host)),
  projectId: Options.text("project").pipe(Options.withDescription("the Project ID clients authenticate as"), Options.withDefault(defaults.projectId)),
  authToken: Options.redacted("token").pipe(
    Options.withDescription(`its API token (default ${Redacted.value(defaults.authToken)}; a token you give is not printed)`),
    Options.withDefault(defaults.authToken)
  ),
  signingKey: Options.redacted("signing-key").pipe(Options.withDescription("the key status callbacks are signed with (default: the token)"), Options.optional),
  queued: duration("queued", "time a call stays queued", defaults.timings.queued),
  initiated: duration("initiated", "time from initiated to ringing", defaults.timings.initiated),
  ringing: duration("ringing", "time a call rings before it is answered", defaults.timings.ringing),
  talk: duration("talk", "time an answered call lasts", defaults.timings.inProgress),
  callsPerSecond: Options.text("cps").pipe(
    Options.withDescription("creates allowed per second per project, 429 beyond (SignalWire's default is about 1; default: no limit)"),
    Options.optional,
    Options.mapEffect(Option.match({
      onNone: () => Effect.succeed(undefined),
      onSome: (text) => {
        const cps = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN
        return cps > 0 ? Effect.succeed(cps) : invalid(`--cps must be a positive number of calls per second (got ${JSON.stringify(text)})`)
      }
    }))
  ),
  logRequests: Options.boolean("log").pipe(Options.withDescription("log every request"))
}

const description = HelpDoc.p(
  "A local SignalWire Calls API (the Compatibility / LaML REST API) for tests and development. " +
    "Point a client at http://<host>:<port> as its space; /api/laml/2010-04-01 and /2010-04-01 both work. " +
    "Admin API: /__emulator/requests, /__emulator/faults, /__emulator/outcomes, /__emulator/calls, /__emulator/reset."
)

/**
 * The command, with what to do with the options it read: `run` for the real thing, another
 * handler to test the parsing.
 *
 * @since 0.1.0
 * @category commands
 * @example
 * ```ts
 * import { EmulatorCli } from "@effect-signalwire/emulator"
 * import { Command } from "@effect/cli"
 * import { NodeContext } from "@effect/platform-node"
 * import { Console, Effect } from "effect"
 *
 * // Print the port a command line asks for, instead of serving.
 * const cli = Command.run(EmulatorCli.command((options) => Console.log(options.port)), { name: "emulator", version: "0.1.0" })
 * await Effect.runPromise(cli(["node", "emulator", "--port", "9090"]).pipe(Effect.provide(NodeContext.layer)))
 * ```
 */
export const command = <E, R>(handler: (options: CliOptions) => Effect.Effect<void, E, R>) =>
  CliCommand.make("effect-signalwire-emulator", options, (given) =>
    handler({
      port: given.port,
      host: given.host,
      projectId: given.projectId,
      authToken: given.authToken,
      signingKey: Option.getOrUndefined(given.signingKey),
      timings: { queued: given.queued, initiated: given.initiated, ringing: given.ringing, inProgress: given.talk },
      callsPerSecond: given.callsPerSecond,
      logRequests: given.logRequests
    })).pipe(CliCommand.withDescription(description))

const cliInfo = { name: "effect-signalwire-emulator", version: "0.1.0" }

// What @effect/cli reads and prints through (files, paths, the terminal).
const cliEnvironment = NodeContext.layer

/**
 * Reads a command line (without the node and script paths) as the command does: the options
 * to run with, `Help` when it asked for help (printed), or a `CliError` saying what is wrong.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * ```ts
 * import { EmulatorCli } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * const parsed = await Effect.runPromise(EmulatorCli.parse(["--port=9090", "--ringing", "5s"]))
 * assert.strictEqual(parsed._tag === "Run" && parsed.options.port, 9090)
 * ```
 */
export const parse = (argv: ReadonlyArray<string>): Effect.Effect<Command, CliError> =>
  Effect.gen(function*() {
    const read = yield* Ref.make<Option.Option<CliOptions>>(Option.none())
    yield* CliCommand.run(command((options) => Ref.set(read, Option.some(options))), cliInfo)(["node", cliInfo.name, ...argv])
    return Option.match(yield* Ref.get(read), {
      onNone: (): Command => ({ _tag: "Help" }),
      onSome: (options): Command => ({ _tag: "Run", options })
    })
  }).pipe(
    Effect.catchIf(ValidationError.isValidationError, (error) => Effect.fail(new CliError({ message: HelpDoc.toAnsiText(error.error).trim() }))),
    Effect.provide(cliEnvironment)
  )

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
 * @example
 * ```ts
 * import { EmulatorCli } from "@effect-signalwire/emulator"
 * import { Effect } from "effect"
 *
 * // The emulator on a free port with the default settings, until the program is interrupted.
 * export const serve = EmulatorCli.run({ ...EmulatorCli.defaults, port: 0 }).pipe(Effect.timeout("1 minute"))
 * ```
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
        Layer.provide(WebhookClient.layerFetch)
      )
    ),
    Effect.onInterrupt(() => Console.log("effect-signalwire-emulator stopped"))
  )

/**
 * The command: prints help (exit code 0) or what is wrong with the options (exit code 2), or
 * runs until SIGINT or SIGTERM and exits 0 (1 if it cannot listen).
 *
 * @since 0.1.0
 * @category running
 * @example
 * ```ts
 * import { EmulatorCli } from "@effect-signalwire/emulator"
 *
 * // What bin/effect-signalwire-emulator.js does with its arguments; --help prints the options and exits 0.
 * EmulatorCli.main(["--help"])
 * ```
 */
export const main = (argv: ReadonlyArray<string>): void => {
  const cli = CliCommand.run(
    command((options) =>
      run(options).pipe(
        Effect.catchTag("ServeError", (error) =>
          Effect.zipRight(
            Console.error(`effect-signalwire-emulator: cannot listen on ${options.host}:${options.port}: ${String(error.cause)}`),
            Effect.sync(() => {
              process.exitCode = 1
            })
          ))
      )
    ),
    cliInfo
  )
  NodeRuntime.runMain(
    cli(["node", cliInfo.name, ...argv]).pipe(
      // @effect/cli has printed what is wrong; the exit code says it was the command line.
      Effect.catchIf(ValidationError.isValidationError, () =>
        Effect.zipRight(
          Console.error("Run with --help for the options."),
          Effect.sync(() => {
            process.exitCode = 2
          })
        )),
      Effect.provide(cliEnvironment)
    )
  )
}
