/**
 * Pacing creates with `callsPerSecond`, under the test clock, against the in-process emulator
 * limited to the same rate: the creates of every fiber share one pacer, take the time the rate
 * asks for, and draw no 429; without pacing the same burst does.
 */
import { describe, expect, it } from "@effect/vitest"
import { createCall, RetryPolicy, SignalWireClient, SignalWireConfig } from "@effect-signalwire/client"
import { Emulator, EmulatorClient, RequestLog, WebhookClient } from "@effect-signalwire/emulator"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"

const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
const authToken = "PTpacing-token"

const neverCalled = HttpClient.make(() => Effect.dieMessage("no request expected"))
const noCallbacks = Layer.succeed(WebhookClient.WebhookClient, neverCalled)
// For a client layer that fails before it would send anything.
const noHttp = Layer.succeed(HttpClient.HttpClient, neverCalled)

/** Our client (never retrying, so a 429 shows) over an emulator allowing 2 creates per second. */
const onLimitedEmulator = (callsPerSecond: number | undefined) =>
  Layer.provideMerge(
    SignalWireClient.layer({
      projectId,
      authToken: Redacted.make(authToken),
      space: "http://emulator.test",
      retry: RetryPolicy.none,
      callsPerSecond
    }),
    EmulatorClient.layerWithEmulator({
      projects: [{ projectId, authToken }],
      timings: { queued: "1 hour" },
      callsPerSecond: 2
    }).pipe(Layer.provide(noCallbacks))
  ).pipe(Layer.orDie)

/** Ten creates at once, from ten fibers; their outcomes and the virtual time they took. */
const tenAtOnce = Effect.gen(function*() {
  const fiber = yield* Effect.fork(Effect.gen(function*() {
    const start = yield* Clock.currentTimeMillis
    const outcomes = yield* Effect.forEach(
      Array.from({ length: 10 }, (_, i) => `+131055500${String(i).padStart(2, "0")}`),
      (to) => Effect.either(createCall({ to, from: "+13103384645", url: "https://example.com/voice.xml" })),
      { concurrency: "unbounded" }
    )
    return { outcomes, elapsed: (yield* Clock.currentTimeMillis) - start }
  }))
  yield* TestClock.adjust("30 seconds")
  return yield* Fiber.join(fiber)
})

describe("callsPerSecond", () => {
  it.effect("10 creates at 2/s take at least 4.5 s and draw no 429 from an emulator limited to 2/s", () =>
    Effect.gen(function*() {
      const { elapsed, outcomes } = yield* tenAtOnce
      expect(outcomes.filter(Either.isLeft).map((failure) => failure.left._tag)).toStrictEqual([])
      expect(elapsed).toBeGreaterThanOrEqual(4500)
      const emulator = yield* Emulator.Emulator
      expect(yield* Effect.flatMap(RequestLog.RequestLog, (log) => log.count({ operation: "createCall" }))).toBe(10)
      expect(yield* emulator.calls).toHaveLength(10)
    }).pipe(Effect.provide(onLimitedEmulator(2))))

  it.effect("without pacing, the same burst is answered 429 beyond the emulator's limit, with Retry-After", () =>
    Effect.gen(function*() {
      const { elapsed, outcomes } = yield* tenAtOnce
      const limited = outcomes.filter(Either.isLeft).map((failure) => failure.left)
      expect(limited).toHaveLength(8)
      for (const error of limited) {
        expect(error._tag).toBe("RateLimited")
        expect(error._tag === "RateLimited" && error.retryAfter !== undefined && Duration.toMillis(error.retryAfter)).toBe(1000)
      }
      expect(elapsed).toBe(0)
      expect(yield* (yield* Emulator.Emulator).calls).toHaveLength(2)
    }).pipe(Effect.provide(onLimitedEmulator(undefined))))

  const threeAtOnce = Effect.gen(function*() {
    const times: Array<number> = []
    const fiber = yield* Effect.fork(Effect.forEach(
      ["+13105550001", "+13105550002", "+13105550003"],
      (to) =>
        Effect.zipRight(
          createCall({ to, from: "+13103384645", url: "https://example.com/voice.xml" }),
          Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => times.push(now)))
        ),
      { concurrency: "unbounded" }
    ))
    yield* TestClock.adjust("10 seconds")
    yield* Fiber.join(fiber)
    return times.sort((a, b) => a - b)
  })

  it.effect("the slots are 1/callsPerSecond apart: 3 at 2/s end at 1 s", () =>
    Effect.gen(function*() {
      expect(yield* threeAtOnce).toStrictEqual([0, 500, 1000])
    }).pipe(Effect.provide(onLimitedEmulator(2))))

  it.effect("a client's pacer is shared by every fiber and spaces creates evenly: 3 at 1/s end at 2 s", () =>
    Effect.gen(function*() {
      expect(yield* threeAtOnce).toStrictEqual([0, 1000, 2000])
    }).pipe(Effect.provide(onLimitedEmulator(1))))

  it.effect("a callsPerSecond that is not a positive number is a ConfigError naming it", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Layer.build(
        SignalWireClient.layer({ projectId, authToken: Redacted.make(authToken), space: "example.signalwire.com", callsPerSecond: 0 })
          .pipe(Layer.provide(noHttp))
      ))
      expect(String(error)).toContain("callsPerSecond")
      expect(String(error)).toContain("expected a positive number of calls per second, got 0")
    }).pipe(Effect.scoped))

  it.effect("callsPerSecond from configuration: layerConfig reads it like any other value", () =>
    Effect.gen(function*() {
      const config = yield* SignalWireConfig.SignalWireConfig
      expect(config.callsPerSecond).toBe(2)
    }).pipe(
      Effect.provide(
        SignalWireClient.layerConfig({ callsPerSecond: Config.number("CALLS_PER_SECOND") }).pipe(Layer.provide(noHttp))
      ),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map([
        ["SIGNALWIRE_PROJECT_ID", projectId],
        ["SIGNALWIRE_API_TOKEN", authToken],
        ["SIGNALWIRE_SPACE_URL", "example.signalwire.com"],
        ["CALLS_PER_SECOND", "2"]
      ])))
    ))
})
