/**
 * `SignalWireConfig`: the space normalised, bad values refused with a `ConfigError` naming the
 * option or variable (never printing the token), the defaults, `layerConfig` from a
 * `ConfigProvider`, and whether trace headers reach SignalWire.
 */
import { createCall, FakeHttpClient, RetryPolicy, SignalWireClient, SignalWireConfig } from "@effect-signalwire/client"
import * as SignalWireConfigModule from "@effect-signalwire/client/SignalWireConfig"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Cause from "effect/Cause"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import { readFileSync } from "node:fs"
import { answers, authToken, created, fakeClient, input, options, projectId, requests } from "./fixtures.js"

const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))

const env = {
  SIGNALWIRE_PROJECT_ID: projectId,
  SIGNALWIRE_API_TOKEN: authToken,
  SIGNALWIRE_SPACE_URL: "example.signalwire.com"
}

/** The configuration `layerConfig` reads from `entries` (the failure, if any, in an Either). */
const fromEnv = (entries: Record<string, string>, layerOptions?: Parameters<typeof SignalWireConfig.layerConfig>[0]) =>
  SignalWireConfig.SignalWireConfig.pipe(
    Effect.provide(SignalWireConfig.layerConfig(layerOptions)),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries)))),
    Effect.either
  )

/** Everything a ConfigError shows a user: its text, its JSON and the rendered failure. */
const shown = (error: ConfigError.ConfigError) =>
  [String(error), error.message, JSON.stringify(error), Cause.pretty(Cause.fail(error))].join("\n")

const expectConfigError = (result: Either.Either<unknown, ConfigError.ConfigError>, ...names: Array<string>) => {
  assert.isTrue(Either.isLeft(result))
  const error = (result as Either.Left<ConfigError.ConfigError, unknown>).left
  assert.isTrue(ConfigError.isConfigError(error))
  const text = shown(error)
  for (const name of names) expect(text).toContain(name)
  expect(text).not.toContain(authToken)
  return error
}

/** The path of an `InvalidData` error (failing the test for any other kind). */
const invalidDataPath = (error: ConfigError.ConfigError) => {
  if (!ConfigError.isInvalidData(error)) throw new Error(`expected InvalidData, got ${String(error)}`)
  return error.path
}

describe("SignalWireConfig", () => {
  it("is the same module from the barrel and from the deep import", () => {
    expect(SignalWireConfigModule.SignalWireConfig).toBe(SignalWireConfig.SignalWireConfig)
  })

  describe("parseSpace", () => {
    it.each([
      ["example.signalwire.com", "example.signalwire.com", "https://example.signalwire.com"],
      ["https://example.signalwire.com/", "example.signalwire.com", "https://example.signalwire.com"],
      ["https://example.signalwire.com", "example.signalwire.com", "https://example.signalwire.com"],
      ["example.signalwire.com/", "example.signalwire.com", "https://example.signalwire.com"],
      ["  example.signalwire.com  ", "example.signalwire.com", "https://example.signalwire.com"],
      ["Example.SignalWire.com", "example.signalwire.com", "https://example.signalwire.com"],
      ["https://example.signalwire.com:443/", "example.signalwire.com", "https://example.signalwire.com"],
      ["http://127.0.0.1:8080", "127.0.0.1:8080", "http://127.0.0.1:8080"],
      ["http://127.0.0.1:8080/", "127.0.0.1:8080", "http://127.0.0.1:8080"],
      ["http://localhost:3000", "localhost:3000", "http://localhost:3000"]
    ])("%j → space %s, origin %s", (given, space, origin) => {
      expect(SignalWireConfig.parseSpace(given)).toStrictEqual(Either.right({ space, origin }))
    })

    it.each([
      "",
      "   ",
      "not a host",
      "ftp://example.signalwire.com",
      "https://example.signalwire.com/api/laml",
      "example.signalwire.com/api",
      "https://user:secret@example.signalwire.com",
      "user@example.signalwire.com", // a user name alone
      "https://:secret@example.signalwire.com", // a password alone
      "https://example.signalwire.com/?x=1",
      "https://example.signalwire.com/#top",
      "https://"
    ])("refuses %j, saying what a space is", (given) => {
      const result = SignalWireConfig.parseSpace(given)
      assert.isTrue(Either.isLeft(result))
      expect(Either.match(result, { onLeft: (message) => message, onRight: () => "" })).toContain(
        "a space such as example.signalwire.com"
      )
    })
  })

  describe("make and layer", () => {
    it.effect("normalises the space and keeps the project id and token", () =>
      Effect.gen(function*() {
        const config = yield* SignalWireConfig.make(options({ space: "https://example.signalwire.com/" }))
        expect(config.projectId).toBe(projectId)
        expect(config.space).toBe("example.signalwire.com")
        expect(config.origin).toBe("https://example.signalwire.com")
        expect(Redacted.value(config.authToken)).toBe(authToken)
        expect(String(config.authToken)).not.toContain(authToken)
      }))

    it.effect("defaults: 15 s timeout, the safe retry policy, no trace headers, a User-Agent naming the package and version", () =>
      Effect.gen(function*() {
        const config = yield* SignalWireConfig.SignalWireConfig.pipe(Effect.provide(SignalWireConfig.layer(options())))
        expect(Duration.toMillis(config.requestTimeout)).toBe(15_000)
        expect(SignalWireConfig.defaultRequestTimeout).toStrictEqual(Duration.seconds(15))
        expect(config.retry).toBe(RetryPolicy.safe)
        expect(config.tracerPropagation).toBe(false)
        expect(config.userAgent).toContain(packageJson.name)
        expect(config.userAgent).toContain(packageJson.version)
      }))

    it.effect("options override the defaults", () =>
      Effect.gen(function*() {
        const retry = RetryPolicy.make({ schedule: Schedule.recurs(1) })
        const config = yield* SignalWireConfig.make(options({
          requestTimeout: "3 seconds",
          retry,
          userAgent: "my-app/1.0",
          tracerPropagation: true
        }))
        expect(Duration.toMillis(config.requestTimeout)).toBe(3_000)
        expect(config.retry).toBe(retry)
        expect(config.userAgent).toBe("my-app/1.0")
        expect(config.tracerPropagation).toBe(true)
      }))

    it.effect.each(["not a host", "https://example.signalwire.com/api", "ftp://example.signalwire.com"])(
      "a bad space (%j) fails with a ConfigError naming space",
      (space) =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(SignalWireConfig.make(options({ space })))
          assert.isTrue(ConfigError.isConfigError(error))
          expect(invalidDataPath(error)).toStrictEqual(["space"])
          expect(String(error)).toContain("space")
          expect(shown(error)).not.toContain(authToken)
        })
    )

    it.effect.each(["", "b3877c40", "not-a-uuid", `${projectId}x`])("a bad project id (%j) fails with a ConfigError naming projectId", (id) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(SignalWireConfig.make(options({ projectId: id })))
        expect(invalidDataPath(error)).toStrictEqual(["projectId"])
        expect(String(error)).toContain("projectId")
        expect(error.message).toBe(`expected a project id (a UUID), got ${JSON.stringify(id)}`)
        expect(shown(error)).not.toContain(authToken)
      }))

    it.effect("the layer fails with the same error, before any request", () =>
      Effect.gen(function*() {
        const exit = yield* Effect.exit(createCall(input).pipe(
          Effect.provide(fakeClient(answers(created()), { space: "https://example.signalwire.com/api" }))
        ))
        assert.isTrue(Exit.isFailure(exit))
        const failure = Cause.failureOption((exit as Exit.Failure<unknown, unknown>).cause)
        assert.isTrue(failure._tag === "Some" && ConfigError.isConfigError(failure.value))
      }))
  })

  describe("callsPerSecond", () => {
    it.effect.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("%s: a ConfigError naming callsPerSecond and the value", (callsPerSecond) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(SignalWireConfig.make(options({ callsPerSecond })))
        expect(invalidDataPath(error)).toStrictEqual(["callsPerSecond"])
        expect(error.message).toBe(`expected a positive number of calls per second, got ${callsPerSecond}`)
      }))

    it.effect("a positive number (a fraction too) is kept; none means no pacing", () =>
      Effect.gen(function*() {
        expect((yield* SignalWireConfig.make(options({ callsPerSecond: 0.5 }))).callsPerSecond).toBe(0.5)
        expect((yield* SignalWireConfig.make(options())).callsPerSecond).toBeUndefined()
      }))

    it.effect("layerConfig takes it as a number or as a Config, and reads none by default", () =>
      Effect.gen(function*() {
        const read = (callsPerSecond?: Config.Config<number> | number) =>
          Effect.map(fromEnv({ ...env, CPS: "4" }, callsPerSecond === undefined ? undefined : { callsPerSecond }), Either.getOrThrow)
        expect((yield* read(3)).callsPerSecond).toBe(3)
        expect((yield* read(Config.number("CPS"))).callsPerSecond).toBe(4)
        expect((yield* read()).callsPerSecond).toBeUndefined()
      }))
  })

  it("the service's key is namespaced by the package (two copies of the package find each other's config)", () => {
    expect(SignalWireConfig.SignalWireConfig.key).toBe("@effect-signalwire/client/SignalWireConfig")
  })

  describe("layerConfig (from a ConfigProvider)", () => {
    it.effect("reads SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE_URL", () =>
      Effect.gen(function*() {
        const result = yield* fromEnv({ ...env, SIGNALWIRE_SPACE_URL: "https://example.signalwire.com/" })
        assert.isTrue(Either.isRight(result))
        const config = (result as Either.Right<never, SignalWireConfig.Service>).right
        expect(config.projectId).toBe(projectId)
        expect(Redacted.value(config.authToken)).toBe(authToken)
        expect(config.space).toBe("example.signalwire.com")
        expect(config.origin).toBe("https://example.signalwire.com")
        expect(Duration.toMillis(config.requestTimeout)).toBe(15_000)
        expect(config.retry).toBe(RetryPolicy.safe)
        expect(config.tracerPropagation).toBe(false)
      }))

    it.effect("falls back to SIGNALWIRE_API_HOSTNAME, as the official SDK does; SIGNALWIRE_SPACE_URL wins when both are set", () =>
      Effect.gen(function*() {
        const { SIGNALWIRE_SPACE_URL: _, ...withoutSpace } = env
        const fallback = yield* fromEnv({ ...withoutSpace, SIGNALWIRE_API_HOSTNAME: "other.signalwire.com" })
        expect(Either.map(fallback, (config) => config.origin)).toStrictEqual(Either.right("https://other.signalwire.com"))
        const both = yield* fromEnv({ ...env, SIGNALWIRE_API_HOSTNAME: "other.signalwire.com" })
        expect(Either.map(both, (config) => config.space)).toStrictEqual(Either.right("example.signalwire.com"))
      }))

    it.effect("accepts an origin such as http://127.0.0.1:8080", () =>
      Effect.gen(function*() {
        const result = yield* fromEnv({ ...env, SIGNALWIRE_SPACE_URL: "http://127.0.0.1:8080" })
        expect(Either.map(result, (config) => config.origin)).toStrictEqual(Either.right("http://127.0.0.1:8080"))
      }))

    it.effect.each(["SIGNALWIRE_PROJECT_ID", "SIGNALWIRE_API_TOKEN"] as const)("a missing %s: a ConfigError naming it", (name) =>
      Effect.gen(function*() {
        const { [name]: _, ...rest } = env
        const error = expectConfigError(yield* fromEnv(rest), name)
        expect(ConfigError.isMissingData(error) || error._op === "And" || error._op === "Or").toBe(true)
      }))

    it.effect("a missing SIGNALWIRE_API_TOKEN: the explanation a person reads is not redacted", () =>
      Effect.gen(function*() {
        const { SIGNALWIRE_API_TOKEN: _, ...rest } = env
        const error = expectConfigError(yield* fromEnv(rest), "SIGNALWIRE_API_TOKEN")
        expect(String(error)).toBe(`(Missing data at SIGNALWIRE_API_TOKEN: "Expected SIGNALWIRE_API_TOKEN to exist in the provided map")`)
      }))

    it.effect.each(["", "  "])("an empty SIGNALWIRE_API_TOKEN (%j) is refused at configuration, naming it", (token) =>
      Effect.gen(function*() {
        const error = expectConfigError(yield* fromEnv({ ...env, SIGNALWIRE_API_TOKEN: token }), "SIGNALWIRE_API_TOKEN")
        expect(String(error)).toBe(`(Invalid data at SIGNALWIRE_API_TOKEN: "expected the project's API token (its API page), got an empty value")`)
      }))

    it.effect("an empty or blank authToken given to layer is refused too", () =>
      Effect.gen(function*() {
        for (const token of ["", " \t "]) {
          const error = yield* Effect.flip(SignalWireConfig.make(options({ authToken: Redacted.make(token) })))
          expect(String(error)).toBe(`(Invalid data at authToken: "expected the project's API token (its API page), got an empty value")`)
        }
      }))

    it.effect("neither SIGNALWIRE_SPACE_URL nor SIGNALWIRE_API_HOSTNAME: a ConfigError naming both", () =>
      Effect.gen(function*() {
        const { SIGNALWIRE_SPACE_URL: _, ...rest } = env
        const error = expectConfigError(yield* fromEnv(rest), "SIGNALWIRE_SPACE_URL", "SIGNALWIRE_API_HOSTNAME")
        assert.isTrue(ConfigError.isMissingData(error))
        expect((error as ConfigError.MissingData).path).toStrictEqual(["SIGNALWIRE_SPACE_URL"])
        expect(error.message).toBe(
          "Expected SIGNALWIRE_SPACE_URL or SIGNALWIRE_API_HOSTNAME to be set: a space such as example.signalwire.com, or an origin such as http://127.0.0.1:8080"
        )
      }))

    it.effect("a malformed SIGNALWIRE_PROJECT_ID: a ConfigError naming it (the token not shown)", () =>
      Effect.gen(function*() {
        const error = expectConfigError(yield* fromEnv({ ...env, SIGNALWIRE_PROJECT_ID: "my-project" }), "SIGNALWIRE_PROJECT_ID")
        // Named once: `Config.mapOrFail` already prefixes the variable's name to the error's path.
        expect(invalidDataPath(error)).toStrictEqual(["SIGNALWIRE_PROJECT_ID"])
      }))

    it.effect("a malformed SIGNALWIRE_SPACE_URL: a ConfigError naming it", () =>
      Effect.gen(function*() {
        const error = expectConfigError(
          yield* fromEnv({ ...env, SIGNALWIRE_SPACE_URL: "https://example.signalwire.com/api/laml" }),
          "SIGNALWIRE_SPACE_URL"
        )
        expect(invalidDataPath(error)).toStrictEqual(["SIGNALWIRE_SPACE_URL"])
      }))

    it.effect("a malformed SIGNALWIRE_API_HOSTNAME (the fallback): a ConfigError naming it", () =>
      Effect.gen(function*() {
        const { SIGNALWIRE_SPACE_URL: _, ...rest } = env
        const error = expectConfigError(
          yield* fromEnv({ ...rest, SIGNALWIRE_API_HOSTNAME: "ftp://example.signalwire.com" }),
          "SIGNALWIRE_API_HOSTNAME"
        )
        expect(invalidDataPath(error)).toStrictEqual(["SIGNALWIRE_API_HOSTNAME"])
      }))

    it.effect("every variable missing at once: each is named, the token in none", () =>
      Effect.gen(function*() {
        expectConfigError(
          yield* fromEnv({}),
          "SIGNALWIRE_PROJECT_ID",
          "SIGNALWIRE_API_TOKEN",
          "SIGNALWIRE_SPACE_URL"
        )
      }))

    it.effect("each value can come from another Config; the options that are not configuration are given as values", () =>
      Effect.gen(function*() {
        const retry = RetryPolicy.make({ schedule: Schedule.recurs(1) })
        const result = yield* fromEnv({
          APP_PROJECT: projectId,
          APP_TOKEN: authToken,
          APP_SPACE: "http://127.0.0.1:9999",
          APP_TIMEOUT: "4 seconds"
        }, {
          projectId: Config.string("APP_PROJECT"),
          authToken: Config.redacted("APP_TOKEN"),
          space: Config.string("APP_SPACE"),
          requestTimeout: Config.duration("APP_TIMEOUT"),
          retry,
          userAgent: "my-app/2",
          tracerPropagation: true
        })
        assert.isTrue(Either.isRight(result))
        const config = (result as Either.Right<never, SignalWireConfig.Service>).right
        expect(config.projectId).toBe(projectId)
        expect(config.origin).toBe("http://127.0.0.1:9999")
        expect(Duration.toMillis(config.requestTimeout)).toBe(4_000)
        expect(config.retry).toBe(retry)
        expect(config.userAgent).toBe("my-app/2")
        expect(config.tracerPropagation).toBe(true)
      }))

    it.effect("a custom Config with a bad value still fails with a ConfigError naming what was wrong", () =>
      Effect.gen(function*() {
        const result = yield* fromEnv({ ...env, APP_SPACE: "not a host" }, { space: Config.string("APP_SPACE") })
        expectConfigError(result, "space")
      }))
  })

  describe("layerFromEnv (a Worker's env bindings)", () => {
    // The surrounding ConfigProvider holds other values: the record alone must be read.
    const fromRecord = (record: Record<string, unknown>) =>
      SignalWireConfig.SignalWireConfig.pipe(
        Effect.provide(SignalWireConfig.layerFromEnv(record)),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries({ ...env, SIGNALWIRE_PROJECT_ID: "not-this-one" })))),
        Effect.either
      )

    it.effect("reads the same variables from the record, not from the ConfigProvider around it; non-string bindings are ignored", () =>
      Effect.gen(function*() {
        const result = yield* fromRecord({ ...env, SESSIONS: { get: () => undefined }, COUNT: 3 })
        assert.isTrue(Either.isRight(result))
        const config = (result as Either.Right<never, SignalWireConfig.Service>).right
        expect(config.projectId).toBe(projectId)
        expect(Redacted.value(config.authToken)).toBe(authToken)
        expect(config.origin).toBe("https://example.signalwire.com")
      }))

    it.effect("a binding missing from the record is a ConfigError naming it, without the token", () =>
      Effect.gen(function*() {
        const { SIGNALWIRE_API_TOKEN: _, ...withoutToken } = env
        expectConfigError(yield* fromRecord(withoutToken), "SIGNALWIRE_API_TOKEN")
        expectConfigError(yield* fromRecord({ ...env, SIGNALWIRE_PROJECT_ID: 42 }), "SIGNALWIRE_PROJECT_ID")
      }))

    it.effect("a SignalWire variable bound to something other than a string is missing, not read", () =>
      Effect.gen(function*() {
        const result = yield* fromRecord({ ...env, SIGNALWIRE_PROJECT_ID: 42 })
        assert.isTrue(Either.isLeft(result))
        expect(String((result as Either.Left<unknown, never>).left)).toContain("Missing data at SIGNALWIRE_PROJECT_ID")
      }))

    it.effect("SignalWireClient.layerFromEnv places a call with the record's credentials", () =>
      Effect.gen(function*() {
        yield* createCall(input)
        const [sent, ...more] = yield* requests
        expect(more).toHaveLength(0)
        expect(sent?.url).toBe(`https://example.signalwire.com/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`)
        expect(sent?.headers.authorization).toBe(`Basic ${btoa(`${projectId}:${authToken}`)}`)
      }).pipe(Effect.provide(SignalWireClient.layerFromEnv(env).pipe(Layer.provideMerge(FakeHttpClient.layer(answers(created())))))))
  })

  describe("trace headers", () => {
    const traceHeaders = (headers: Readonly<Record<string, string>>) =>
      Object.keys(headers).filter((name) => name === "traceparent" || name === "b3" || name.startsWith("x-b3-"))

    it.effect("by default no traceparent or b3 header reaches SignalWire, even inside a span", () =>
      Effect.gen(function*() {
        yield* createCall(input).pipe(Effect.withSpan("the user's span"))
        const [request] = yield* requests
        assert.isDefined(request)
        expect(traceHeaders(request.headers)).toStrictEqual([])
      }).pipe(Effect.provide(fakeClient(answers(created())))))

    it.effect("with tracerPropagation: true, the headers carry the current trace", () =>
      Effect.gen(function*() {
        const traceId = yield* createCall(input).pipe(
          Effect.zipRight(Effect.map(Effect.currentSpan, (span) => span.traceId)),
          Effect.withSpan("the user's span")
        )
        const [request] = yield* requests
        assert.isDefined(request)
        expect(traceHeaders(request.headers)).toEqual(expect.arrayContaining(["traceparent", "b3"]))
        expect(request.headers["traceparent"]).toContain(traceId)
        expect(request.headers["b3"]).toContain(traceId)
      }).pipe(Effect.provide(fakeClient(answers(created()), { tracerPropagation: true }))))
  })
})
