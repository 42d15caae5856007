/**
 * Every answer a create can get, and what the campaign records for it: the client and the lookup
 * are scripted (no HTTP), the store and the workflow engine are real (SQLite). What each outcome
 * promises: sent again only when SignalWire provably did not process the create (and only up to
 * `maxAttempts`), looked up when it may have, `Placed` with the sid when it was placed, and a
 * reported reason otherwise.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import * as CreateCallError from "@effect-signalwire/client/CreateCallError"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import type { Call, CreateCallRequest } from "@effect-signalwire/schema"
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Exit from "effect/Exit"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"
import * as CallLookup from "../src/CallLookup.js"
import * as Campaign from "../src/Campaign.js"
import * as CampaignRunner from "../src/CampaignRunner.js"
import * as CampaignStore from "../src/CampaignStore.js"
import * as CampaignWorkflow from "../src/CampaignWorkflow.js"
import { items, numberOf, tempDir } from "./fixtures.js"

type Answer = (request: CreateCallRequest.CreateCallRequest) => Effect.Effect<Call.Call, CreateCallError.CreateCallError>
type Lookup = Effect.Effect<ReadonlyArray<Call.Call>, CallLookup.LookupFailed>

// The errors as the client builds them; only their tags and messages reach the campaign.
const refused = new CreateCallError.TransportError({ reason: "Connect", code: "ECONNREFUSED", detail: "connect ECONNREFUSED", attempts: 1 })
const badCertificate = new CreateCallError.TransportError({ reason: "Tls", detail: "self-signed certificate", attempts: 1 })
const rateLimited = new CreateCallError.RateLimited({ status: 429, detail: "Too Many Requests", errors: [], headers: {}, attempts: 1 })
const rejected = new CreateCallError.ApiRejected({ status: 400, code: 21211, detail: "Invalid 'To' Phone Number", errors: [] })
const noAnswer = (request: CreateCallRequest.CreateCallRequest) =>
  new CreateCallError.OutcomeUnknown({ reason: "Timeout", detail: "no answer within 10s", request, sentAt: new Date(), attempts: 1 })
const serverError = (request: CreateCallRequest.CreateCallRequest) =>
  new CreateCallError.ServerError({ status: 503, detail: "Service Unavailable", errors: [], request, sentAt: new Date(), attempts: 1 })
const unreadable = (request: CreateCallRequest.CreateCallRequest, sid?: string) =>
  new CreateCallError.PlacedButUnreadable({
    status: 201,
    ...(sid === undefined ? {} : { sid }),
    bodySnippet: "{",
    detail: "cut off",
    request,
    sentAt: new Date(),
    attempts: 1
  })

const call = (request: CreateCallRequest.CreateCallRequest, sid: string) => SignalWireClient.queuedCall(request, { sid })
const sidA = "c0ffee00-0000-4000-8000-00000000000a"
const sidB = "c0ffee00-0000-4000-8000-00000000000b"

interface Script {
  /** The creates' answers in turn (the last one again when they run out). */
  readonly answers: ReadonlyArray<Answer>
  /** The lookups' answers in turn (a lookup beyond them is a defect). */
  readonly lookups?: ReadonlyArray<(request: CreateCallRequest.CreateCallRequest) => Lookup>
  /** Spans started on the runner, for the tests of tracing. */
  readonly spans?: Array<Tracer.Span>
}

/**
 * A runner on SQLite (`filename`) whose client and lookup follow `script`; records every create
 * sent and every lookup made, with when it was made.
 */
const scriptedRunner = (filename: string, script: Script) => {
  const sent: Array<{ readonly request: CreateCallRequest.CreateCallRequest; readonly at: number }> = []
  const looked: Array<{ readonly request: CreateCallRequest.CreateCallRequest; readonly sentAt: Date; readonly at: number }> = []
  const client = SignalWireClient.layerTest((request) =>
    Effect.suspend(() => {
      const answer = script.answers[Math.min(sent.length, script.answers.length - 1)]!
      sent.push({ request, at: Date.now() })
      return answer(request)
    })
  )
  const lookup = Layer.succeed(CallLookup.CallLookup, {
    findCreatedCalls: (request, sentAt) =>
      Effect.suspend(() => {
        const next = script.lookups?.[looked.length]
        looked.push({ request, sentAt, at: Date.now() })
        return next === undefined ? Effect.dieMessage("an unexpected lookup") : next(request)
      })
  })
  const spans = script.spans
  const tracing = spans === undefined ? Layer.empty : Layer.unwrapEffect(Effect.map(Effect.tracer, (base) =>
    Layer.setTracer(Tracer.make({
      span: (...args) => {
        const span = base.span(...args)
        spans.push(span)
        return span
      },
      context: base.context
    }))))
  const runner = CampaignRunner.layerSqlite({ filename, shardingConfig: { entityTerminationTimeout: "500 millis" } }).pipe(
    Layer.provide(Layer.merge(client, lookup)),
    Layer.provide(tracing),
    Layer.orDie
  )
  return { runner, sent, looked }
}

/** A scripted runner on a fresh SQLite file, built for the test's scope: its services and records. */
const startScripted = (script: Script) =>
  Effect.gen(function*() {
    const dir = yield* tempDir
    const { looked, runner, sent } = scriptedRunner(`${dir}/campaign.db`, script)
    const services = yield* Layer.build(runner)
    return { services, sent, looked }
  })

const definition = (options?: Partial<Campaign.Definition["options"]>): Campaign.Definition => ({
  campaignId: "scripted",
  items: items(1),
  options: { callsPerSecond: 50, reconcileGraceMillis: 0, ...options }
})

/**
 * A one-item campaign run to its end by a scripted runner: the report, the item's stored state,
 * every create sent and every lookup made.
 */
const runScripted = (options: Script & { readonly campaign?: Partial<Campaign.Definition["options"]> }) =>
  Effect.gen(function*() {
    const { looked, sent, services } = yield* startScripted(options)
    const report = yield* Campaign.run(definition(options.campaign)).pipe(Effect.provide(services))
    const states = yield* Effect.provide(Campaign.status("scripted"), services)
    return { report, sent, looked, state: states.items[0]!.state }
  })

/**
 * A one-item campaign whose first run stops (is interrupted) after its create went out and
 * before the answer was recorded, as a crash would leave it; then `script` runs it again on the
 * same file.
 */
const crashThenRun = (script: Script, options?: Partial<Campaign.Definition["options"]>) =>
  Effect.gen(function*() {
    const dir = yield* tempDir
    const filename = `${dir}/campaign.db`
    const sending = yield* Deferred.make<void>()
    const first = scriptedRunner(filename, {
      answers: [() => Effect.zipRight(Deferred.succeed(sending, undefined), Effect.interruptible(Effect.never))]
    })
    const run = yield* Effect.fork(Effect.provide(Campaign.run(definition(options)), first.runner))
    yield* Deferred.await(sending)
    yield* Fiber.interrupt(run)
    const again = scriptedRunner(filename, script)
    const report = yield* Effect.provide(Campaign.run(definition(options)), again.runner)
    return { report, sent: again.sent, looked: again.looked, firstSent: first.sent }
  })

describe("PlaceCall: what each answer to a create records", () => {
  it.scopedLive("placed: its sid, one attempt, not reconciled, nothing looked up", () =>
    Effect.gen(function*() {
      const { looked, report, sent, state } = yield* runScripted({ answers: [(request) => Effect.succeed(call(request, sidA))] })
      expect(report.placed).toEqual([{ id: "item-0", sid: sidA, attempts: 1, reconciled: false }])
      assert.deepStrictEqual(state, { _tag: "Placed", sid: sidA, attempts: 1, reconciled: false })
      expect(sent.map(({ request }) => request.to)).toEqual([numberOf(0)])
      expect(looked).toEqual([])
    }), 60_000)

  it.scopedLive("refused and rate limited (provably not processed) are sent again, each send an attempt", () =>
    Effect.gen(function*() {
      const { looked, report, sent } = yield* runScripted({
        answers: [() => Effect.fail(refused), () => Effect.fail(rateLimited), (request) => Effect.succeed(call(request, sidA))]
      })
      expect(report.placed).toEqual([{ id: "item-0", sid: sidA, attempts: 3, reconciled: false }])
      expect(sent.length).toBe(3)
      expect(looked).toEqual([])
    }), 60_000)

  it.scopedLive("not processed on every send: Failed AttemptsExhausted after exactly maxAttempts sends", () =>
    Effect.gen(function*() {
      const { report, sent, state } = yield* runScripted({ answers: [() => Effect.fail(refused)], campaign: { maxAttempts: 3 } })
      expect(sent.length).toBe(3)
      expect(report.failed).toEqual([
        { id: "item-0", failure: { tag: "AttemptsExhausted", message: "not processed after 3 attempt(s)" }, attempts: 3 }
      ])
      assert.strictEqual(state._tag, "Failed")
    }), 60_000)

  it.scopedLive("a refusal or a failure that is not a connect failure is reported with its tag and message, never sent again", () =>
    Effect.gen(function*() {
      const api = yield* runScripted({ answers: [() => Effect.fail(rejected)] })
      expect(api.report.failed).toEqual([{ id: "item-0", failure: { tag: "ApiRejected", message: rejected.message }, attempts: 1 }])
      expect(api.sent.length).toBe(1)
      const tls = yield* runScripted({ answers: [() => Effect.fail(badCertificate)] })
      expect(tls.report.failed).toEqual([{ id: "item-0", failure: { tag: "TransportError", message: badCertificate.message }, attempts: 1 }])
      expect(tls.sent.length).toBe(1)
      expect([...api.looked, ...tls.looked]).toEqual([])
    }), 60_000)

  it.scopedLive("no answer: looked up after the grace period with the request and when it was sent; one call found is Placed, reconciled", () =>
    Effect.gen(function*() {
      const { looked, report, sent, state } = yield* runScripted({
        answers: [(request) => Effect.fail(noAnswer(request))],
        lookups: [(request) => Effect.succeed([call(request, sidB)])],
        campaign: { reconcileGraceMillis: 300 }
      })
      expect(report.placed).toEqual([{ id: "item-0", sid: sidB, attempts: 1, reconciled: true }])
      assert.deepStrictEqual(state, { _tag: "Placed", sid: sidB, attempts: 1, reconciled: true })
      expect(sent.length).toBe(1)
      expect(looked.length).toBe(1)
      const [lookup] = looked
      assert.strictEqual(lookup!.request.to, numberOf(0))
      // `sentAt` is when the send was recorded, just before the create went out.
      expect(lookup!.sentAt.getTime()).toBeLessThanOrEqual(sent[0]!.at)
      expect(sent[0]!.at - lookup!.sentAt.getTime()).toBeLessThan(5_000)
      // The lookup waits the grace period after the create's answer (a lower bound: a slow machine
      // only adds). Less 5 ms: a timer is due in the event loop's whole milliseconds, which can
      // fall up to one early against `Date.now`; without the grace the lookup follows at once.
      expect(lookup!.at - sent[0]!.at).toBeGreaterThanOrEqual(295)
    }), 60_000)

  it.scopedLive("a 5xx is looked up like no answer; two calls found are Unknown Ambiguous, naming both", () =>
    Effect.gen(function*() {
      const { looked, report, sent } = yield* runScripted({
        answers: [(request) => Effect.fail(serverError(request))],
        lookups: [(request) => Effect.succeed([call(request, sidA), call(request, sidB)])]
      })
      expect(report.unknown.map(({ failure, id }) => ({ id, failure }))).toEqual([{
        id: "item-0",
        failure: { tag: "Ambiguous", message: `2 calls to ${numberOf(0)} match (${sidA}, ${sidB})` }
      }])
      expect(sent.length).toBe(1)
      expect(looked.length).toBe(1)
    }), 60_000)

  it.scopedLive("not found is Unknown NotFound (why, the number and since when), unless resending was asked for", () =>
    Effect.gen(function*() {
      const cautious = yield* runScripted({
        answers: [(request) => Effect.fail(noAnswer(request))],
        lookups: [() => Effect.succeed([])]
      })
      const [unknown] = cautious.report.unknown
      assert.strictEqual(unknown!.failure.tag, "NotFound")
      expect(unknown!.failure.message).toMatch(
        new RegExp(`^the create's outcome is unknown \\(OutcomeUnknown: No answer from SignalWire \\(Timeout: .*\\), and no call to \\${numberOf(0)} created since ${unknown!.sentAt.toISOString().replace(/[.]/g, "\\.")} was found$`)
      )
      assert.strictEqual(cautious.state._tag, "Unknown")
      expect(cautious.sent.length).toBe(1)

      const resending = yield* runScripted({
        answers: [(request) => Effect.fail(noAnswer(request)), (request) => Effect.succeed(call(request, sidA))],
        lookups: [() => Effect.succeed([])],
        campaign: { resendWhenNotFound: true }
      })
      expect(resending.report.placed).toEqual([{ id: "item-0", sid: sidA, attempts: 2, reconciled: false }])
      expect(resending.sent.length).toBe(2)
    }), 60_000)

  it.scopedLive("resending when not found stops at maxAttempts: the last one not found is Unknown", () =>
    Effect.gen(function*() {
      const { looked, report, sent } = yield* runScripted({
        answers: [(request) => Effect.fail(noAnswer(request))],
        lookups: [() => Effect.succeed([]), () => Effect.succeed([])],
        campaign: { resendWhenNotFound: true, maxAttempts: 2 }
      })
      expect(sent.length).toBe(2)
      expect(looked.length).toBe(2)
      expect(report.unknown.map(({ failure }) => failure.tag)).toEqual(["NotFound"])
    }), 60_000)

  it.scopedLive("placed but unreadable: its sid when the answer had one (no lookup); without it, looked up and never sent again", () =>
    Effect.gen(function*() {
      const withSid = yield* runScripted({ answers: [(request) => Effect.fail(unreadable(request, sidA))] })
      expect(withSid.report.placed).toEqual([{ id: "item-0", sid: sidA, attempts: 1, reconciled: false }])
      expect(withSid.looked).toEqual([])

      // Placed for sure: even with resending asked for, a lookup that finds nothing does not send again.
      const withoutSid = yield* runScripted({
        answers: [(request) => Effect.fail(unreadable(request))],
        lookups: [() => Effect.succeed([])],
        campaign: { resendWhenNotFound: true }
      })
      expect(withoutSid.sent.length).toBe(1)
      expect(withoutSid.report.unknown.map(({ failure }) => failure.tag)).toEqual(["NotFound"])
      expect(withoutSid.report.unknown[0]!.failure.message).toMatch(/^the create's outcome is unknown \(PlacedButUnreadable: /)
    }), 60_000)

  it.scopedLive("a lookup that fails is Unknown with the lookup's tag and message", () =>
    Effect.gen(function*() {
      const failed = new CallLookup.LookupFailed({ detail: "HTTP 500" })
      const { report, sent } = yield* runScripted({
        answers: [(request) => Effect.fail(noAnswer(request))],
        lookups: [() => Effect.fail(failed)]
      })
      expect(report.unknown.map(({ failure }) => failure)).toEqual([{ tag: "LookupFailed", message: failed.message }])
      expect(sent.length).toBe(1)
    }), 60_000)

  it.scopedLive("stopped after the send and before its answer was recorded: looked up on the next run, the stop named when not found", () =>
    Effect.gen(function*() {
      const { firstSent, looked, report, sent } = yield* crashThenRun({
        answers: [() => Effect.dieMessage("not sent again")],
        lookups: [() => Effect.succeed([])]
      })
      expect(firstSent.length).toBe(1)
      expect(sent).toEqual([])
      expect(looked.length).toBe(1)
      expect(report.unknown.map(({ failure }) => failure)).toEqual([{
        tag: "NotFound",
        message: expect.stringMatching(/^a run stopped after recording the send and before its outcome, and no call to \+13105550000 created since /)
      }])
    }), 60_000)

  it.scopedLive("stopped after the send, not found, resending asked for: sent again (the send was not known to be placed)", () =>
    Effect.gen(function*() {
      const { firstSent, looked, report, sent } = yield* crashThenRun(
        { answers: [(request) => Effect.succeed(call(request, sidA))], lookups: [() => Effect.succeed([])] },
        { resendWhenNotFound: true }
      )
      expect(firstSent.length).toBe(1)
      expect(looked.length).toBe(1)
      expect(sent.length).toBe(1)
      expect(report.placed).toEqual([{ id: "item-0", sid: sidA, attempts: 2, reconciled: false }])
    }), 60_000)

  it.scopedLive("an item already settled in the store keeps its outcome: nothing is sent or looked up", () =>
    Effect.gen(function*() {
      const { looked, sent, services } = yield* startScripted({ answers: [(request) => Effect.succeed(call(request, sidB))] })
      const { campaignId, items: valid, options } = yield* Campaign.validate(definition())
      const store = yield* Effect.provide(CampaignStore.CampaignStore, services)
      yield* store.register(campaignId, options, valid)
      yield* store.claim(campaignId, "item-0", 1_000)
      yield* store.settle(campaignId, "item-0", { _tag: "Placed", sid: sidA, attempts: 1, reconciled: false })
      const report = yield* Effect.provide(Campaign.run(definition()), services)
      expect(report.placed).toEqual([{ id: "item-0", sid: sidA, attempts: 1, reconciled: false }])
      expect(sent).toEqual([])
      expect(looked).toEqual([])
    }), 60_000)

  it.scopedLive("another runner claims the item first (between this one's read and its claim): this one never sends, and looks the call up", () =>
    Effect.gen(function*() {
      const { looked, sent, services } = yield* startScripted({
        answers: [() => Effect.dieMessage("sent by the runner that lost the claim")],
        lookups: [(request) => Effect.succeed([call(request, sidB)])]
      })
      const store = yield* Effect.provide(CampaignStore.CampaignStore, services)
      // The item is read at once, then waits for notBefore: the other runner claims it meanwhile.
      const window = definition({ notBefore: Date.now() + 4_500 })
      yield* Effect.provide(Campaign.start(window), services)
      yield* Effect.sleep("1500 millis")
      const other = yield* store.claim("scripted", "item-0", Date.now())
      assert.strictEqual(Option.getOrUndefined(other)?._tag, "Sending")
      const report = yield* Effect.provide(Campaign.await("scripted"), services)
      expect(sent).toEqual([])
      expect(looked.length).toBe(1)
      expect(report.placed).toEqual([{ id: "item-0", sid: sidB, attempts: 1, reconciled: true }])
    }), 60_000)

  it.scopedLive("an item the campaign does not have is a defect naming the campaign and the item", () =>
    Effect.gen(function*() {
      const { sent, services } = yield* startScripted({ answers: [(request) => Effect.succeed(call(request, sidA))] })
      const { options } = yield* Campaign.validate(definition())
      const exit = yield* CampaignWorkflow.CallWorkflow.execute({ campaignId: "scripted", itemId: "missing", options }).pipe(
        Effect.provide(services),
        Effect.exit
      )
      assert.isTrue(Exit.isFailure(exit) && Cause.isDie(exit.cause))
      expect(Exit.isFailure(exit) && Cause.pretty(exit.cause)).toMatch(/^Error: Campaign scripted has no item missing\n/)
      expect(sent).toEqual([])
    }), 60_000)

  it.scopedLive("the window: nothing is sent before notBefore, and an open notAfter lets the item be sent", () =>
    Effect.gen(function*() {
      // Beyond the pacer's first slot (a fresh pacer grants none in its first 3 s).
      const notBefore = Date.now() + 4_500
      const { report, sent } = yield* runScripted({
        answers: [(request) => Effect.succeed(call(request, sidA))],
        campaign: { notBefore, notAfter: notBefore + 600_000 }
      })
      expect(report.placed.map(({ sid }) => sid)).toEqual([sidA])
      // Less 5 ms, as above; sent without waiting, it would go at the pacer's first slot, 1.5 s early.
      expect(sent[0]!.at).toBeGreaterThanOrEqual(notBefore - 5)
    }), 60_000)

  it.scopedLive("traced: a PlaceCall span per item with the campaign and item ids, and a PlaceCall.reconcile span for a lookup", () =>
    Effect.gen(function*() {
      const spans: Array<Tracer.Span> = []
      yield* runScripted({
        answers: [(request) => Effect.fail(noAnswer(request))],
        lookups: [(request) => Effect.succeed([call(request, sidA)])],
        spans
      })
      // Ours, inside the activity's own span of the same name.
      const place = spans.filter((span) => span.name === "PlaceCall" && span.attributes.has("campaignId"))
      expect(place.length).toBe(1)
      expect(Object.fromEntries(place[0]!.attributes)).toEqual({ campaignId: "scripted", itemId: "item-0" })
      const reconcile = spans.filter((span) => span.name === "PlaceCall.reconcile")
      expect(reconcile.length).toBe(1)
      expect(Option.getOrUndefined(reconcile[0]!.parent)).toMatchObject({ spanId: place[0]!.spanId })
    }), 60_000)
})
