/**
 * Campaigns in one process on SQLite against the emulator over real HTTP: every item placed
 * once; crash points (the emulator's drop faults before and after processing, a 5xx, a 429, the
 * process stopped between send and record) end in exactly one call or an item reported
 * `Unknown`, never two calls; a campaign interrupted and run again on the same file finishes the
 * rest.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as CreateCallError from "@effect-signalwire/client/CreateCallError"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import { Emulator, EmulatorServer, Fault, FaultRules, RequestLog } from "@effect-signalwire/emulator"
import type { CreateCallRequest } from "@effect-signalwire/schema"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import type * as CallLookup from "../src/CallLookup.js"
import * as Campaign from "../src/Campaign.js"
import * as CampaignRunner from "../src/CampaignRunner.js"
import { clientFor, EmulatorLive, items, numberOf, tempDir } from "./fixtures.js"

/** A runner on a SQLite file in the test's temporary directory, against the served emulator. */
const sqliteRunner = Effect.gen(function*() {
  const space = yield* EmulatorServer.url
  const dir = yield* tempDir
  const filename = `${dir}/campaign.db`
  return {
    filename,
    runner: (client: Layer.Layer<SignalWireClient.SignalWireClient | CallLookup.CallLookup> = clientFor(space)) =>
      // A stop waits for running activities at most this long (a crash does not wait at all).
      CampaignRunner.layerSqlite({ filename, shardingConfig: { entityTerminationTimeout: "500 millis" } }).pipe(Layer.provide(client), Layer.orDie),
    client: clientFor(space)
  }
})

/** The emulator's calls to `to`. */
const callsTo = (to: string) => Effect.map(Emulator.Emulator, (emulator) => emulator.calls).pipe(
  Effect.flatten,
  Effect.map((calls) => calls.filter((call) => call.to === to))
)

describe("Campaign on SQLite", () => {
  it.scopedLive("places every item once and reports each call's sid", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { runner } = yield* sqliteRunner
      const report = yield* Campaign.run({ campaignId: "smoke", items: items(10), options: { callsPerSecond: 50 } }).pipe(
        Effect.provide(runner())
      )
      const calls = yield* emulator.calls
      expect(report.counts).toEqual({ total: 10, pending: 0, sending: 0, placed: 10, failed: 0, unknown: 0 })
      expect(calls.length).toBe(10)
      expect(new Set(report.placed.map((item) => item.sid))).toEqual(new Set(calls.map((call) => call.sid)))
      expect(report.placed.every((item) => item.attempts === 1 && !item.reconciled)).toBe(true)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("a create dropped after SignalWire processed it is found, not sent again", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const faults = yield* FaultRules.FaultRules
      const log = yield* RequestLog.RequestLog
      const { runner } = yield* sqliteRunner
      yield* faults.add({ fault: Fault.dropAfterProcessing, operation: "createCall", times: 1 })
      const report = yield* Campaign.run({
        campaignId: "dropped-after",
        items: items(3),
        options: { callsPerSecond: 50, reconcileGraceMillis: 0 }
      }).pipe(Effect.provide(runner()))
      expect(report.counts.placed).toBe(3)
      expect(report.placed.filter((item) => item.reconciled).length).toBe(1)
      expect((yield* emulator.calls).length).toBe(3)
      expect(yield* log.count({ operation: "createCall" })).toBe(3)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("a create dropped before processing is reported Unknown, or sent once more when asked", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const faults = yield* FaultRules.FaultRules
      const log = yield* RequestLog.RequestLog
      const { runner } = yield* sqliteRunner
      yield* faults.add({ fault: Fault.drop, operation: "createCall", times: 1 })
      const cautious = yield* Campaign.run({
        campaignId: "dropped-before",
        items: items(3),
        options: { callsPerSecond: 50, reconcileGraceMillis: 0 }
      }).pipe(Effect.provide(runner()))
      expect(cautious.counts).toMatchObject({ placed: 2, unknown: 1 })
      assert.strictEqual(cautious.unknown[0]!.failure.tag, "NotFound")
      expect((yield* emulator.calls).length).toBe(2)

      yield* emulator.reset
      yield* log.clear
      yield* faults.add({ fault: Fault.drop, operation: "createCall", times: 1 })
      const resending = yield* Campaign.run({
        campaignId: "dropped-before-resend",
        items: items(3, "resend"),
        options: { callsPerSecond: 50, reconcileGraceMillis: 0, resendWhenNotFound: true }
      }).pipe(Effect.provide(runner()))
      expect(resending.counts).toMatchObject({ placed: 3, unknown: 0 })
      expect(resending.placed.map((item) => item.attempts).sort()).toEqual([1, 1, 2])
      expect((yield* emulator.calls).length).toBe(3)
      expect(yield* log.count({ operation: "createCall" })).toBe(4)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("a 5xx is reconciled (not found: Unknown), a 429 is sent again, a refusal fails with its typed error", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const faults = yield* FaultRules.FaultRules
      const log = yield* RequestLog.RequestLog
      const { runner } = yield* sqliteRunner
      yield* faults.add({ fault: Fault.serverError(503), operation: "createCall", times: 1 })
      yield* faults.add({ fault: Fault.rateLimited("10 millis"), operation: "createCall", times: 1 })
      const report = yield* Campaign.run({
        campaignId: "faults",
        items: items(2),
        options: { callsPerSecond: 50, reconcileGraceMillis: 0 }
      }).pipe(Effect.provide(runner()))
      // The 503 came before the emulator processed the create; the 429 was retried by the client.
      expect(report.counts).toMatchObject({ placed: 1, unknown: 1, failed: 0 })
      assert.strictEqual(report.unknown[0]!.failure.tag, "NotFound")
      expect((yield* emulator.calls).map((call) => call.sid)).toEqual([report.placed[0]!.sid])
      expect(yield* log.count({ operation: "createCall" })).toBe(3)

      const refused = yield* Campaign.run({
        campaignId: "refused",
        items: [{ id: "too-dear", request: { to: "+13105550999", from: "+13103384645", url: "https://example.com/x.xml", maxPricePerMinute: "0.0001" } }],
        options: { callsPerSecond: 50 }
      }).pipe(Effect.provide(runner()))
      expect(refused.failed.map((item) => [item.id, item.failure.tag, item.attempts])).toEqual([["too-dear", "ApiRejected", 1]])
      expect(yield* log.count({ operation: "createCall" })).toBe(4)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("a create that times out is looked up, never sent again; not found, it is reported Unknown", () =>
    Effect.gen(function*() {
      const faults = yield* FaultRules.FaultRules
      const log = yield* RequestLog.RequestLog
      const { runner } = yield* sqliteRunner
      const space = yield* EmulatorServer.url
      yield* faults.add({ fault: Fault.delay("3 seconds"), operation: "createCall", times: 1 })
      const report = yield* Campaign.run({
        campaignId: "timeout",
        items: items(2),
        options: { callsPerSecond: 50, reconcileGraceMillis: 0 }
      }).pipe(Effect.provide(runner(clientFor(space, { requestTimeout: "300 millis" }))))
      expect(report.counts).toMatchObject({ placed: 1, unknown: 1 })
      assert.strictEqual(report.unknown[0]!.failure.tag, "NotFound")
      expect(yield* log.count({ operation: "createCall" })).toBe(2)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("a placed call whose answer is unreadable is recorded by its sid, or found by a lookup: never sent again", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const log = yield* RequestLog.RequestLog
      const { client, runner } = yield* sqliteRunner
      // The create reaches the emulator; its answer is then "unreadable", with the sid for the
      // first item and without it for the others.
      const unreadable = Layer.effect(
        SignalWireClient.SignalWireClient,
        Effect.gen(function*() {
          const real = yield* SignalWireClient.SignalWireClient
          return {
            ...real,
            createCall: (input, options) =>
              Effect.flatMap(real.createCall(input, options), (call) =>
                Effect.fail(
                  new CreateCallError.PlacedButUnreadable({
                    status: 201,
                    ...(call.to === numberOf(0) ? { sid: call.sid } : {}),
                    bodySnippet: "{",
                    detail: "cut off",
                    // The activity hands createCall a decoded request.
                    request: input as CreateCallRequest.CreateCallRequest,
                    sentAt: new Date(),
                    attempts: 1
                  })
                ))
          }
        })
      ).pipe(Layer.provideMerge(client))
      const report = yield* Campaign.run({
        campaignId: "unreadable",
        items: items(3),
        options: { callsPerSecond: 50, reconcileGraceMillis: 0, resendWhenNotFound: true }
      }).pipe(Effect.provide(runner(unreadable)))
      const calls = yield* emulator.calls
      expect(report.counts).toMatchObject({ placed: 3, unknown: 0, failed: 0 })
      expect(new Set(report.placed.map((item) => item.sid))).toEqual(new Set(calls.map((call) => call.sid)))
      expect(report.placed.find((item) => item.id === "item-0")!.reconciled).toBe(false)
      expect(report.placed.filter((item) => item.reconciled).length).toBe(2)
      expect(yield* log.count({ operation: "createCall" })).toBe(3)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("stopped between send and record, then run again on the same file: the call is found, never placed twice", () =>
    Effect.gen(function*() {
      const { client, runner } = yield* sqliteRunner
      const sent = yield* Deferred.make<void>()
      // The second create reaches SignalWire, then the process "dies" before recording it.
      const crashing = Layer.effect(
        SignalWireClient.SignalWireClient,
        Effect.gen(function*() {
          const real = yield* SignalWireClient.SignalWireClient
          let creates = 0
          return {
            ...real,
            createCall: (input, options) =>
              Effect.flatMap(real.createCall(input, options), (call) =>
                ++creates === 2
                  ? Effect.zipRight(Deferred.succeed(sent, undefined), Effect.interruptible(Effect.never))
                  : Effect.succeed(call))
          }
        })
      ).pipe(Layer.provideMerge(client))
      const definition: Campaign.Definition = {
        campaignId: "crash",
        items: items(12),
        options: { callsPerSecond: 20, reconcileGraceMillis: 0, concurrency: 4 }
      }
      const first = yield* Effect.fork(Effect.provide(Campaign.run(definition), runner(crashing)))
      yield* Deferred.await(sent)
      yield* Effect.sleep("150 millis")
      yield* Fiber.interrupt(first)

      const interrupted = yield* Effect.provide(Campaign.status("crash"), runner())
      expect(interrupted.counts.sending).toBeGreaterThanOrEqual(1)
      expect(interrupted.counts.placed).toBeLessThan(12)

      const report = yield* Effect.provide(Campaign.run(definition), runner())
      expect(report.counts).toMatchObject({ placed: 12, failed: 0, unknown: 0 })
      expect(report.placed.filter((item) => item.reconciled).length).toBeGreaterThanOrEqual(1)
      for (let index = 0; index < 12; index++) {
        expect((yield* callsTo(numberOf(index))).length).toBe(1)
      }
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("the time window: nothing is sent before notBefore, and items not sent by notAfter fail WindowClosed", () =>
    Effect.gen(function*() {
      const log = yield* RequestLog.RequestLog
      const { runner } = yield* sqliteRunner
      const now = Date.now()
      const closed = yield* Campaign.run({
        campaignId: "closed",
        items: items(2),
        options: { callsPerSecond: 50, notBefore: now - 60_000, notAfter: now - 1 }
      }).pipe(Effect.provide(runner()))
      const closedBy = `not sent by ${new Date(now - 1).toISOString()}`
      expect(closed.failed.map((item) => item.failure)).toEqual([
        { tag: "WindowClosed", message: closedBy },
        { tag: "WindowClosed", message: closedBy }
      ])
      expect(yield* log.count({ operation: "createCall" })).toBe(0)

      const opensSoon = yield* Campaign.run({
        campaignId: "opens-soon",
        items: items(2, "later"),
        options: { callsPerSecond: 50, notBefore: Date.now() + 1500 }
      }).pipe(Effect.provide(runner()))
      expect(opensSoon.counts.placed).toBe(2)
      const first = Math.min(...(yield* log.requests).map((request) => request.receivedAt.getTime()))
      expect(first).toBeGreaterThanOrEqual(now + 1500)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.scopedLive("progress streams every change and ends when every item is settled", () =>
    Effect.gen(function*() {
      const { runner } = yield* sqliteRunner
      const events = yield* Effect.gen(function*() {
        yield* Campaign.start({ campaignId: "progress", items: items(6), options: { callsPerSecond: 30 } })
        return yield* Stream.runCollect(Campaign.progress("progress", { interval: "20 millis" }))
      }).pipe(Effect.provide(runner()))
      const all = [...events]
      const last = all[all.length - 1]!
      expect(last.done).toBe(true)
      expect(last.counts.placed).toBe(6)
      const placedIds = new Set(all.flatMap((event) => event.changed.filter((item) => item.state._tag === "Placed").map((item) => item.id)))
      expect(placedIds.size).toBe(6)
    }).pipe(Effect.provide(EmulatorLive)), 60_000)

  it.effect("a definition that does not hold fails naming the field, before anything is recorded", () =>
    Effect.gen(function*() {
      const badNumber = yield* Effect.flip(Campaign.validate({
        campaignId: "x",
        items: [{ id: "a", request: { to: "12", from: "+13103384645", url: "https://example.com/x.xml" } }],
        options: { callsPerSecond: 1 }
      }))
      expect(badNumber.detail).toMatch(/^items\[0\]\.request/)
      const duplicate = yield* Effect.flip(Campaign.validate({ campaignId: "x", items: [...items(2), ...items(1)], options: { callsPerSecond: 1 } }))
      expect(duplicate.detail).toMatch(/^items\[2\]\.id: must be unique/)
      const rate = yield* Effect.flip(Campaign.validate({ campaignId: "x", items: items(1), options: { callsPerSecond: 0 } }))
      expect(rate.detail).toMatch(/^options\.callsPerSecond: /)
    }))
})
