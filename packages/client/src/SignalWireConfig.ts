/**
 * Who the client talks to and as whom: the project id, the API token (`Redacted`, never
 * printed), the space, and how requests behave (timeout, retry policy, User-Agent, trace
 * headers).
 *
 * Build it from explicit values with `layer`, or from the environment with `layerConfig`
 * (`SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN`, `SIGNALWIRE_SPACE_URL`, or
 * `SIGNALWIRE_API_HOSTNAME` as the official SDK also reads). A missing or malformed value fails
 * with a `ConfigError` naming it.
 *
 * @since 0.1.0
 */
import * as Sid from "@effect-signalwire/schema/Sid"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type { CallControlError } from "./CallControlError.js"
import { userAgent } from "./internal/version.js"
import * as RetryPolicy from "./RetryPolicy.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly projectId: Sid.ProjectId
  readonly authToken: Redacted.Redacted<string>
  /** The space's host, such as `example.signalwire.com` (or `127.0.0.1:8080`). */
  readonly space: string
  /** Where requests go: `https://{space}`, or the origin given (e.g. `http://127.0.0.1:8080`). */
  readonly origin: string
  /** How long one attempt may take, from sending to the decoded answer. */
  readonly requestTimeout: Duration.Duration
  /** The retry policy of creates. */
  readonly retry: RetryPolicy.RetryPolicy
  /** The retry policy of reads, deletes, hang-ups and status updates (unset: `RetryPolicy.idempotent`). */
  readonly idempotentRetry: RetryPolicy.RetryPolicy<CallControlError> | undefined
  /** The retry policy of a redirect, `updateCall` with `url` or `twiml` (unset: `RetryPolicy.redirect`). */
  readonly redirectRetry: RetryPolicy.RetryPolicy<CallControlError> | undefined
  /** At most this many creates start per second, across every fiber using the client. */
  readonly callsPerSecond: number | undefined
  readonly userAgent: string
  /** Whether trace headers (`traceparent`, `b3`) go to SignalWire; off by default. */
  readonly tracerPropagation: boolean
}

/**
 * @since 0.1.0
 * @category tags
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 * import { Effect, Redacted } from "effect"
 *
 * const config = await Effect.runPromise(
 *   SignalWireConfig.SignalWireConfig.pipe(
 *     Effect.provide(SignalWireConfig.layer({ projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" }))
 *   )
 * )
 * assert.strictEqual(config.origin, "https://example.signalwire.com")
 * ```
 */
export class SignalWireConfig extends Context.Tag("@effect-signalwire/client/SignalWireConfig")<
  SignalWireConfig,
  Service
>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly projectId: string
  readonly authToken: Redacted.Redacted<string>
  /** `example.signalwire.com`, `https://example.signalwire.com/`, or an origin such as `http://127.0.0.1:8080`. */
  readonly space: string
  /** Default: 15 seconds. */
  readonly requestTimeout?: Duration.DurationInput | undefined
  /** Default: `RetryPolicy.safe`. */
  readonly retry?: RetryPolicy.RetryPolicy | undefined
  /** Reads, deletes, hang-ups and status updates. Default: `RetryPolicy.idempotent`. */
  readonly idempotentRetry?: RetryPolicy.RetryPolicy<CallControlError> | undefined
  /** Redirects. Default: `RetryPolicy.redirect`. */
  readonly redirectRetry?: RetryPolicy.RetryPolicy<CallControlError> | undefined
  /**
   * Paces creates: at most this many start per second (evenly spaced), shared by every fiber
   * using the client, retries included. SignalWire's default limit is about 1 per second per
   * project. Default: no pacing.
   */
  readonly callsPerSecond?: number | undefined
  /** Default: `effect-signalwire/<version> (@effect-signalwire/client)`. */
  readonly userAgent?: string | undefined
  /** Default: false. */
  readonly tracerPropagation?: boolean | undefined
}

/**
 * How long one attempt may take unless configured.
 *
 * @since 0.1.0
 * @category defaults
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 * import { Duration } from "effect"
 *
 * assert.strictEqual(Duration.toSeconds(SignalWireConfig.defaultRequestTimeout), 15)
 * ```
 */
export const defaultRequestTimeout: Duration.Duration = Duration.seconds(15)

const spaceRule = "a space such as example.signalwire.com, or an origin such as http://127.0.0.1:8080"

/**
 * Normalises a space: the scheme (https unless `http:` is given) and a trailing slash are
 * stripped from the host; a path, query or credentials are refused.
 *
 * @since 0.1.0
 * @category parsing
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 * import { Either } from "effect"
 *
 * assert.deepStrictEqual(SignalWireConfig.parseSpace("https://example.signalwire.com/"), Either.right({ space: "example.signalwire.com", origin: "https://example.signalwire.com" }))
 * assert.deepStrictEqual(SignalWireConfig.parseSpace("http://127.0.0.1:8080"), Either.right({ space: "127.0.0.1:8080", origin: "http://127.0.0.1:8080" }))
 * assert.strictEqual(Either.isLeft(SignalWireConfig.parseSpace("example.signalwire.com/api/laml")), true)
 * ```
 */
export const parseSpace = (input: string): Either.Either<{ readonly space: string; readonly origin: string }, string> => {
  const trimmed = input.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return Either.left(`expected ${spaceRule}, got ${JSON.stringify(input)}`)
  }
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") || url.host === "" || url.username !== "" ||
    url.password !== "" || url.pathname !== "/" || url.search !== "" || url.hash !== ""
  ) {
    return Either.left(`expected ${spaceRule}, got ${JSON.stringify(input)}`)
  }
  return Either.right({ space: url.host, origin: url.origin })
}

const decodeProjectId = Schema.decodeUnknownEither(Sid.ProjectId)

const emptyTokenRule = "expected the project's API token (its API page), got an empty value"

const projectIdRule = (value: string) => `expected a project id (a UUID), got ${JSON.stringify(value)}`

/**
 * Validates and normalises options into the service.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 * import { Effect, Redacted } from "effect"
 *
 * const error = await Effect.runPromise(Effect.flip(SignalWireConfig.make({ projectId: "my-project", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" })))
 * assert.strictEqual(String(error), `(Invalid data at projectId: "expected a project id (a UUID), got "my-project"")`)
 * ```
 */
export const make = (options: Options): Effect.Effect<Service, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const projectId = yield* Either.mapLeft(
      decodeProjectId(options.projectId),
      () => ConfigError.InvalidData(["projectId"], projectIdRule(options.projectId))
    )
    const { origin, space } = yield* Either.mapLeft(
      parseSpace(options.space),
      (message) => ConfigError.InvalidData(["space"], message)
    )
    if (Redacted.value(options.authToken).trim() === "") {
      return yield* Effect.fail(ConfigError.InvalidData(["authToken"], emptyTokenRule))
    }
    const callsPerSecond = options.callsPerSecond
    if (callsPerSecond !== undefined && !(Number.isFinite(callsPerSecond) && callsPerSecond > 0)) {
      return yield* Effect.fail(
        ConfigError.InvalidData(["callsPerSecond"], `expected a positive number of calls per second, got ${callsPerSecond}`)
      )
    }
    return {
      projectId,
      authToken: options.authToken,
      space,
      origin,
      requestTimeout: Duration.decode(options.requestTimeout ?? defaultRequestTimeout),
      retry: options.retry ?? RetryPolicy.safe,
      // The defaults are applied by the operations, so that an app that only creates calls does not carry them.
      idempotentRetry: options.idempotentRetry,
      redirectRetry: options.redirectRetry,
      callsPerSecond,
      userAgent: options.userAgent ?? userAgent,
      tracerPropagation: options.tracerPropagation ?? false
    }
  })

/**
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 * import { Redacted } from "effect"
 *
 * export const Config = SignalWireConfig.layer({
 *   projectId: "b3877c40-da60-4998-90ad-b792e98472af",
 *   authToken: Redacted.make("PTtoken"),
 *   space: "http://127.0.0.1:8080",
 *   requestTimeout: "5 seconds"
 * })
 * ```
 */
export const layer = (options: Options): Layer.Layer<SignalWireConfig, ConfigError.ConfigError> =>
  Layer.effect(SignalWireConfig, make(options))

// Read as a string and redacted after checking: `Config.redacted` also redacts the error's
// explanation ("Missing data at SIGNALWIRE_API_TOKEN: <redacted>"), which holds no secret. An
// empty token is refused here rather than by SignalWire's 401 at the first call.
const authTokenConfig = (name: string) =>
  Config.string(name).pipe(
    Config.mapOrFail((value) =>
      value.trim() === ""
        ? Either.left(ConfigError.InvalidData([], emptyTokenRule))
        : Either.right(Redacted.make(value))
    )
  )

const projectIdConfig = (name: string) =>
  Config.string(name).pipe(
    Config.mapOrFail((value) =>
      Either.mapLeft(
        decodeProjectId(value),
        // The path is empty: `Config.string(name)` prefixes the variable's name itself.
        () => ConfigError.InvalidData([], projectIdRule(value))
      )
    )
  )

// The first of the names that is set, parsed; the error names the variable that was read.
const spaceConfig = (names: readonly [string, ...Array<string>]) =>
  Config.all(names.map((name) => Config.option(Config.string(name)))).pipe(
    Config.mapOrFail((values) => {
      const index = values.findIndex(Option.isSome)
      if (index === -1) {
        return Either.left(ConfigError.MissingData([names[0]], `Expected ${names.join(" or ")} to be set: ${spaceRule}`))
      }
      const name = names[index]!
      // Checked here so that the error names the variable; `make` normalises the value.
      const value = Option.getOrThrow(values[index]!)
      return Either.mapBoth(parseSpace(value), {
        onLeft: (message) => ConfigError.InvalidData([name], message),
        onRight: () => value
      })
    })
  )

const callsPerSecondConfig = (value: Config.Config<number> | number | undefined): Config.Config<number | undefined> =>
  value === undefined || typeof value === "number" ? Config.succeed(value) : Config.map(value, (n): number | undefined => n)

/**
 * Where `layerConfig` reads each value unless told otherwise.
 *
 * @since 0.1.0
 * @category defaults
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 *
 * assert.strictEqual(SignalWireConfig.environmentVariables.authToken, "SIGNALWIRE_API_TOKEN")
 * ```
 */
export const environmentVariables = {
  projectId: "SIGNALWIRE_PROJECT_ID",
  authToken: "SIGNALWIRE_API_TOKEN",
  space: ["SIGNALWIRE_SPACE_URL", "SIGNALWIRE_API_HOSTNAME"]
} as const

/**
 * The configuration from the `ConfigProvider` (the environment by default). Each value can be
 * replaced by another `Config`; options that are not configuration (retry policy, User-Agent)
 * are given as values.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 * import { ConfigProvider, Effect, Layer } from "effect"
 *
 * // Any ConfigProvider: here a map instead of the environment.
 * const FromMap = SignalWireConfig.layerConfig().pipe(
 *   Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map([
 *     ["SIGNALWIRE_PROJECT_ID", "b3877c40-da60-4998-90ad-b792e98472af"],
 *     ["SIGNALWIRE_API_TOKEN", "PTtoken"],
 *     ["SIGNALWIRE_SPACE_URL", "example.signalwire.com"]
 *   ]))))
 * )
 * const config = await Effect.runPromise(Effect.provide(SignalWireConfig.SignalWireConfig, FromMap))
 * assert.strictEqual(config.space, "example.signalwire.com")
 * ```
 */
export const layerConfig = (options?: {
  readonly projectId?: Config.Config<string> | undefined
  readonly authToken?: Config.Config<Redacted.Redacted<string>> | undefined
  readonly space?: Config.Config<string> | undefined
  readonly requestTimeout?: Config.Config<Duration.Duration> | undefined
  readonly callsPerSecond?: Config.Config<number> | number | undefined
  readonly retry?: RetryPolicy.RetryPolicy | undefined
  readonly idempotentRetry?: RetryPolicy.RetryPolicy<CallControlError> | undefined
  readonly redirectRetry?: RetryPolicy.RetryPolicy<CallControlError> | undefined
  readonly userAgent?: string | undefined
  readonly tracerPropagation?: boolean | undefined
}): Layer.Layer<SignalWireConfig, ConfigError.ConfigError> =>
  Layer.effect(
    SignalWireConfig,
    Effect.gen(function*() {
      const values = yield* Config.all({
        projectId: options?.projectId ?? projectIdConfig(environmentVariables.projectId),
        authToken: options?.authToken ?? authTokenConfig(environmentVariables.authToken),
        space: options?.space ?? spaceConfig(environmentVariables.space),
        requestTimeout: options?.requestTimeout ?? Config.succeed(defaultRequestTimeout),
        callsPerSecond: callsPerSecondConfig(options?.callsPerSecond)
      })
      return yield* make({ ...options, ...values })
    })
  )

/**
 * The configuration from a record of strings rather than the process environment: a Cloudflare
 * Worker's `env` bindings (or Deno's `Deno.env.toObject()`, or `process.env`). The same variable
 * names, rules and errors as `layerConfig`; values that are not strings (KV namespaces, service
 * bindings) are ignored.
 *
 * @example
 * ```ts
 * import { SignalWireConfig } from "@effect-signalwire/client"
 *
 * // In a Worker's fetch handler: `env` holds SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN
 * // (a secret) and SIGNALWIRE_SPACE_URL.
 * const configLayer = (env: Record<string, unknown>) => SignalWireConfig.layerFromEnv(env)
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv = (
  env: Readonly<Record<string, unknown>>,
  options?: Parameters<typeof layerConfig>[0]
): Layer.Layer<SignalWireConfig, ConfigError.ConfigError> =>
  layerConfig(options).pipe(
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(
      new Map(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    )))
  )
