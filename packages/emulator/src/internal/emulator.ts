/**
 * The engine: calls in memory per project, their lives on Effect's `Clock` and their signed
 * status callbacks; operations on decoded values, failing with the domain errors of
 * `EmulatorError`. (Authentication, decoding and error answers are the HTTP app's; fault rules
 * and the request log are `FaultRules` and `RequestLog`.)
 *
 * @internal
 */
import type {
  CreateCallForm as CreateCallFormModule,
  CreateCallRequest,
  Recording,
  StatusCallbackEvent,
  UpdateCallRequest
} from "@effect-signalwire/schema"
import { ApiPath, AsyncAmdStatusCallback, Call, CallStatus, RecordingStatusCallback, Sid, StatusCallback } from "@effect-signalwire/schema"
import * as WebhookSignature from "@effect-signalwire/client/WebhookSignature"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Arr from "effect/Array"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberMap from "effect/FiberMap"
import * as FiberSet from "effect/FiberSet"
import * as HashMap from "effect/HashMap"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as CallLife from "../CallLife.js"
import { WebhookClient } from "../WebhookClient.js"
import type * as Emulator from "../Emulator.js"
import { CallNotFound, CallNotInState, PriceExceeded, RateLimited } from "../EmulatorError.js"
import * as listing from "./listing.js"

// One line for a person watching the emulator: the reason and the system error code (such as
// ECONNREFUSED), not the cause's stack through Effect's internals.
const undeliveredReason = (cause: Cause.Cause<unknown>): string => {
  const error = Cause.squash(cause)
  if (typeof error === "string") return error
  const codes: Array<string> = []
  let message = error instanceof Error ? error.message : String(error)
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { readonly code?: unknown }).code
    if (typeof code === "string") codes.push(code)
    else if (current !== error && current.message !== "" && !message.includes(current.message)) message = `${message} (${current.message})`
  }
  return codes.length === 0 ? message : `${message} [${codes.join(", ")}]`
}

/** @internal */
export const defaultProject = {
  projectId: "b3877c40-da60-4998-90ad-b792e98472af",
  authToken: "PTemulator-token"
} as const

type Status = CallStatus.KnownCallStatus

interface CallbackTarget {
  readonly url: string
  readonly method: "GET" | "POST"
  readonly events: ReadonlyArray<StatusCallbackEvent.StatusCallbackEvent>
}

// The AMD result and recording events asked for by a create (`AsyncAmd`, `Record`).
interface WebhookTarget {
  readonly url: string
  readonly method: "GET" | "POST"
}

interface RecordingTarget extends WebhookTarget {
  readonly sid: string
  readonly events: ReadonlyArray<Recording.RecordingStatusCallbackEvent>
  readonly channels: number
}

// A signed form webhook other than the status callback: the AMD result or a recording event.
interface Webhook {
  readonly _tag: "Webhook"
  readonly kind: "async AMD callback" | "recording status callback"
  readonly target: WebhookTarget
  readonly params: CreateCallFormModule.FormParams
}

type Delivery =
  | { readonly _tag: "Callback"; readonly target: CallbackTarget; readonly callback: StatusCallback.StatusCallback }
  | Webhook
  | { readonly _tag: "End" }

interface CallRecord {
  readonly project: Project
  readonly order: number
  readonly call: Call.Call
  readonly callbacks: CallbackTarget | undefined
  readonly machineDetection: boolean
  readonly asyncAmd: WebhookTarget | undefined
  readonly recording: RecordingTarget | undefined
  readonly outcome: CallLife.OutcomeRule
  readonly timeout: Duration.Duration
  readonly url: string | undefined
  /** When it was answered: its duration and price count from then. */
  readonly answeredAt: Date | null
  readonly nextSequenceNumber: number
  readonly deliveries: Queue.Queue<Delivery>
}

interface Project {
  readonly projectId: string
  readonly authToken: Redacted.Redacted<string>
  readonly signingKey: Redacted.Redacted<string>
}

const redacted = (value: Redacted.Redacted<string> | string) => Redacted.isRedacted(value) ? value : Redacted.make(value)

const wholeSecond = (millis: number) => new Date(Math.floor(millis / 1000) * 1000)

const now = Effect.map(Clock.currentTimeMillis, wholeSecond)

// (310) 567-8901 for a North American number, the number itself otherwise.
const formatted = (address: string) => {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(address)
  return nanp === null ? address : `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`
}

const uuid = Effect.map(Effect.all(Arr.makeBy(16, () => Random.nextIntBetween(0, 256))), (bytes) => {
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
})

const eventOf = (status: Status): StatusCallbackEvent.StatusCallbackEvent | undefined => {
  switch (status) {
    case "initiated":
    case "ringing":
      return status
    case "in-progress":
      return "answered"
    case "queued":
      return undefined
    default:
      return "completed"
  }
}

const sipResultCodes: Partial<Record<Status, string>> = {
  completed: "200",
  busy: "486",
  "no-answer": "480",
  canceled: "487",
  failed: "404"
}

const callsPath = ApiPath.calls

const paramOf = (params: CreateCallFormModule.FormParams, name: string) => params.find(([key]) => key === name)?.[1] ?? ""

// How long machine detection "takes" in the emulator, by who answered (milliseconds).
const machineDetectionDuration = (answeredBy: string) => answeredBy === "human" ? 1800 : 3200

// The AMD result when a call with `AsyncAmd` is answered; the recording's `in-progress` when a
// recorded call is answered, and `completed` (or `absent`, for a recording of no length) when
// it ends. A call that is never answered records nothing.
const webhooksOn = (record: CallRecord, status: Status): ReadonlyArray<Webhook> => {
  const { call } = record
  const webhooks: Array<Webhook> = []
  if (status === "in-progress" && record.asyncAmd !== undefined && call.answeredBy !== null) {
    webhooks.push({
      _tag: "Webhook",
      kind: "async AMD callback",
      target: record.asyncAmd,
      params: AsyncAmdStatusCallback.toFormParams(new AsyncAmdStatusCallback.AsyncAmdStatusCallback({
        accountSid: call.accountSid,
        callSid: call.sid,
        answeredBy: call.answeredBy,
        machineDetectionDuration: machineDetectionDuration(call.answeredBy)
      }))
    })
  }
  const recording = record.recording
  if (recording === undefined || record.answeredAt === null) return webhooks
  const recordingStatus = status === "in-progress"
    ? "in-progress"
    : CallStatus.isFinal(status) ? (call.duration === 0 ? "absent" : "completed") : undefined
  if (recordingStatus === undefined || !recording.events.includes(recordingStatus)) return webhooks
  const final = recordingStatus !== "in-progress"
  webhooks.push({
    _tag: "Webhook",
    kind: "recording status callback",
    target: recording,
    params: RecordingStatusCallback.toFormParams(new RecordingStatusCallback.RecordingStatusCallback({
      accountSid: call.accountSid,
      callSid: call.sid,
      recordingSid: recording.sid,
      recordingStatus,
      ...(recordingStatus === "completed"
        ? { recordingUrl: `${ApiPath.basePath}/Accounts/${call.accountSid}/Recordings/${recording.sid}` }
        : {}),
      ...(final ? { recordingDuration: call.duration ?? 0 } : {}),
      recordingChannels: recording.channels,
      recordingSource: "OutboundAPI",
      recordingStartTime: record.answeredAt,
      ...(final ? { errorCode: "0" } : {})
    }))
  })
  return webhooks
}

/** @internal */
export const make = (options: Emulator.Options = {}): Effect.Effect<Emulator.Service, never, WebhookClient | Scope.Scope> =>
  Effect.gen(function*() {
    const configured: ReadonlyArray<Emulator.Project> = options.projects ?? [defaultProject]
    const projects: ReadonlyArray<Project> = configured.map((project) => ({
      projectId: project.projectId,
      authToken: redacted(project.authToken),
      signingKey: redacted(project.signingKey ?? project.authToken)
    }))
    const timings = { ...CallLife.defaultTimings, ...options.timings }
    const pricePerMinute = options.pricePerMinute ?? 0.0065
    const callbackTimeout = options.callbackTimeout ?? "15 seconds"
    const httpClient = (yield* WebhookClient).pipe(HttpClient.withTracerPropagation(false))

    const store = yield* Ref.make(HashMap.empty<string, CallRecord>())
    const created = yield* Ref.make(0)
    const outcomes = yield* Ref.make<ReadonlyArray<CallLife.OutcomeRule>>(options.outcomes ?? [])
    const lives = yield* FiberMap.make<string>()
    // Held while a call changes status, so an update reads a status no life is about to change.
    const statusLock = yield* Effect.makeSemaphore(1)
    const deliveries = yield* FiberSet.make()

    // A project the engine does not serve has no calls; its creates are signed with its id as key
    // (the HTTP app only ever passes a configured project).
    const projectOf = (projectId: string): Project =>
      projects.find((project) => project.projectId === projectId) ??
        { projectId, authToken: Redacted.make(projectId), signingKey: Redacted.make(projectId) }

    const find = (projectId: string, callSid: string): Effect.Effect<CallRecord, CallNotFound> =>
      Effect.flatMap(Ref.get(store), (calls) => {
        const record = HashMap.get(calls, callSid)
        return Option.isSome(record) && record.value.project.projectId === projectId
          ? Effect.succeed(record.value)
          : Effect.fail(new CallNotFound({ projectId, callSid }))
      })

    // Moves a call to `status` and queues the status callback the request subscribed to. Atomic:
    // a life is interrupted between steps, never inside one.
    const transitionLocked = (callSid: string, status: Status) =>
      Effect.uninterruptible(Effect.gen(function*() {
        const at = yield* now
        const changed = yield* Ref.modify(store, (calls) => {
          const found = HashMap.get(calls, callSid)
          if (Option.isNone(found) || CallStatus.isFinal(found.value.call.status)) return [Option.none(), calls] as const
          const record = found.value
          const final = CallStatus.isFinal(status)
          // A call starts when it is dialed (as Twilio's `start_time`: set for calls that ring
          // unanswered too); its duration and price count from the answer.
          const startTime = status === "initiated" ? at : record.call.startTime
          const answeredAt = status === "in-progress" ? at : record.answeredAt
          const duration = final && answeredAt !== null ? Math.round((at.getTime() - answeredAt.getTime()) / 1000) : 0
          const call = new Call.Call({
            ...record.call,
            // `initiated` is an event, not a status of the resource: the call stays `queued` until it rings.
            status: status === "initiated" ? "queued" : status,
            dateUpdated: at,
            startTime,
            ...(status === "in-progress" && record.machineDetection
              ? { answeredBy: record.outcome.answeredBy ?? "human" }
              : {}),
            ...(final
              ? {
                endTime: at,
                duration,
                price: answeredAt === null ? 0 : Math.max(1, Math.ceil(duration / 60)) * pricePerMinute,
                sipResultCode: sipResultCodes[status] ?? null
              }
              : {})
          })
          const event = eventOf(status)
          const target = record.callbacks
          const callback = target !== undefined && event !== undefined && target.events.includes(event)
            ? Option.some(new StatusCallback.StatusCallback({
              accountSid: call.accountSid,
              apiVersion: ApiPath.apiVersion,
              callSid: call.sid,
              callStatus: status,
              ...(final ? { callDuration: duration } : {}),
              ...(call.direction !== null ? { direction: call.direction } : {}),
              from: call.from,
              to: call.to,
              timestamp: at,
              sequenceNumber: record.nextSequenceNumber,
              callbackSource: "call-progress-events",
              ...(final ? { sipResultCode: call.sipResultCode! } : {})
            }))
            : Option.none()
          const next: CallRecord = {
            ...record,
            call,
            answeredAt,
            nextSequenceNumber: record.nextSequenceNumber + (Option.isSome(callback) ? 1 : 0)
          }
          const webhooks = webhooksOn(next, status)
          return [Option.some({ record: next, callback, target, final, webhooks }), HashMap.set(calls, callSid, next)] as const
        })
        if (Option.isNone(changed)) return
        const { callback, final, record, target, webhooks } = changed.value
        if (Option.isSome(callback)) {
          yield* Queue.offer(record.deliveries, { _tag: "Callback", target: target!, callback: callback.value })
        }
        yield* Queue.offerAll(record.deliveries, webhooks)
        if (final) yield* Queue.offer(record.deliveries, { _tag: "End" })
      }))

    const transition = (callSid: string, status: Status) => statusLock.withPermits(1)(transitionLocked(callSid, status))

    const life = (callSid: string, outcome: CallLife.OutcomeRule, timeout: Duration.Duration) => {
      const ring = Duration.decode(outcome.ring ?? timings.ringing)
      const talk = outcome.talk ?? timings.inProgress
      return Effect.gen(function*() {
        yield* Effect.sleep(timings.queued)
        yield* transition(callSid, "initiated")
        yield* Effect.sleep(timings.initiated)
        if (outcome.outcome === "busy" || outcome.outcome === "failed") {
          return yield* transition(callSid, outcome.outcome)
        }
        yield* transition(callSid, "ringing")
        if (outcome.outcome === "canceled") {
          yield* Effect.sleep(ring)
          return yield* transition(callSid, "canceled")
        }
        if (outcome.outcome === "no-answer" || Duration.greaterThan(ring, timeout)) {
          yield* Effect.sleep(Duration.min(ring, timeout))
          return yield* transition(callSid, "no-answer")
        }
        yield* Effect.sleep(ring)
        yield* transition(callSid, "in-progress")
        yield* Effect.sleep(talk)
        yield* transition(callSid, "completed")
      }).pipe(Effect.withSpan("Emulator.callLife", { attributes: { callSid } }))
    }

    // Sends one signed form webhook; a failure is logged and the call goes on.
    const send = (
      project: Project,
      webhook: { readonly kind: string; readonly target: WebhookTarget; readonly params: CreateCallFormModule.FormParams },
      annotations: Record<string, string>
    ) => {
      const { kind, params } = webhook
      const { method, url } = webhook.target
      const signedUrl = method === "GET" ? `${url}${url.includes("?") ? "&" : "?"}${new URLSearchParams(params as Array<[string, string]>)}` : url
      return WebhookSignature.sign({ signingKey: project.signingKey, url: signedUrl, params: method === "GET" ? [] : params }).pipe(
        Effect.map((signature) =>
          (method === "GET" ? HttpClientRequest.get(signedUrl) : HttpClientRequest.post(url).pipe(HttpClientRequest.bodyUrlParams(params))).pipe(
            HttpClientRequest.setHeaders({
              [WebhookSignature.signatureHeader]: signature,
              [WebhookSignature.twilioSignatureHeader]: signature,
              "user-agent": "effect-signalwire-emulator"
            })
          )
        ),
        // The answer is timed, not the signing: WebCrypto is asynchronous, and a test that moves
        // the clock while a signature is computed must not see the delivery time out.
        Effect.flatMap((request) =>
          httpClient.execute(request).pipe(
            Effect.flatMap((response) =>
              Effect.zipRight(
                Effect.ignore(response.text),
                response.status >= 200 && response.status < 300
                  ? Effect.void
                  : Effect.logWarning(`${kind} answered ${response.status}`)
              )
            ),
            Effect.timeoutFail({ duration: callbackTimeout, onTimeout: () => `no answer within ${Duration.format(callbackTimeout)}` })
          )
        ),
        Effect.catchAllCause((cause) => Effect.logWarning(`${kind} not delivered: ${undeliveredReason(cause)}`)),
        Effect.annotateLogs({ ...annotations, url }),
        Effect.withSpan("Emulator.deliverWebhook", { attributes: { ...annotations, kind, url } })
      )
    }

    const deliver = (project: Project, delivery: Exclude<Delivery, { _tag: "End" }>) =>
      delivery._tag === "Webhook"
        ? send(project, delivery, { callSid: paramOf(delivery.params, "CallSid") })
        : send(
          project,
          { kind: "status callback", target: delivery.target, params: StatusCallback.toFormParams(delivery.callback) },
          { callSid: delivery.callback.callSid, callStatus: delivery.callback.callStatus }
        )

    // One consumer per call keeps its callbacks in order without holding up its life.
    const deliverAll = (project: Project, queue: Queue.Queue<Delivery>): Effect.Effect<void> =>
      Effect.flatMap(Queue.take(queue), (delivery) =>
        delivery._tag === "End" ? Effect.void : Effect.zipRight(deliver(project, delivery), deliverAll(project, queue)))

    // At most `callsPerSecond` creates per project in any window of a second (one per 1/cps
    // seconds when it is below 1): beyond it, 429 with the seconds until a slot frees.
    const callsPerSecond = options.callsPerSecond
    const admitted = yield* Ref.make(HashMap.empty<string, ReadonlyArray<number>>())
    const admitCall = (projectId: string): Effect.Effect<void, RateLimited> => {
      if (callsPerSecond === undefined) return Effect.void
      const window = Math.max(1000, 1000 / callsPerSecond)
      const limit = Math.max(1, Math.floor((callsPerSecond * window) / 1000))
      return Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Effect.flatten(Ref.modify(admitted, (all): readonly [Effect.Effect<void, RateLimited>, HashMap.HashMap<string, ReadonlyArray<number>>] => {
          const recent = Option.getOrElse(HashMap.get(all, projectId), () => []).filter((at) => at > now - window)
          if (recent.length >= limit) {
            const retryAfter = Math.max(1, Math.ceil((recent[0]! + window - now) / 1000))
            return [Effect.fail(new RateLimited({ projectId, retryAfterSeconds: retryAfter })), HashMap.set(all, projectId, recent)] as const
          }
          return [Effect.void, HashMap.set(all, projectId, [...recent, now])] as const
        })))
    }

    const createCall = Effect.fn("Emulator.createCall")(function*(projectId: Sid.ProjectId, input: CreateCallRequest.CreateCallRequest) {
      const project = projectOf(projectId)
      if (input.maxPricePerMinute !== undefined && Number(input.maxPricePerMinute) < pricePerMinute) {
        return yield* Effect.fail(new PriceExceeded({ pricePerMinute, maxPricePerMinute: Number(input.maxPricePerMinute) }))
      }
      const sid = yield* uuid
      const at = yield* now
      const path = `${callsPath(project.projectId)}/${sid}`
      // What SignalWire leaves null at creation is left out: Call's constructor defaults it to null.
      const call = new Call.Call({
        sid: Sid.CallSid.make(sid),
        accountSid: project.projectId as Call.Call["accountSid"],
        dateCreated: at,
        dateUpdated: at,
        to: input.to,
        formattedTo: formatted(input.to),
        toFormatted: formatted(input.to),
        from: input.from,
        formattedFrom: formatted(input.from),
        fromFormatted: formatted(input.from),
        status: "queued",
        duration: 0,
        priceUnit: "USD",
        direction: "outbound-api",
        apiVersion: ApiPath.apiVersion,
        uri: `${path}.json`,
        subresourceUris: { notifications: `${path}/Notifications.json`, recordings: `${path}/Recordings.json` }
      })
      const outcome = CallLife.resolve([...(yield* Ref.get(outcomes)), ...CallLife.defaultOutcomeRules], input.to)
      const timeout = Duration.seconds(input.timeout ?? 60)
      const queue = yield* Queue.unbounded<Delivery>()
      const record: CallRecord = {
        project,
        order: yield* Ref.getAndUpdate(created, (n) => n + 1),
        call,
        callbacks: input.statusCallback === undefined ? undefined : {
          url: input.statusCallback,
          method: input.statusCallbackMethod ?? "POST",
          events: input.statusCallbackEvent ?? ["completed"]
        },
        machineDetection: input.machineDetection !== undefined && input.machineDetection !== "none",
        asyncAmd: input.asyncAmd === true && input.asyncAmdStatusCallback !== undefined &&
            input.machineDetection !== undefined && input.machineDetection !== "none"
          ? { url: input.asyncAmdStatusCallback, method: input.asyncAmdStatusCallbackMethod ?? "POST" }
          : undefined,
        recording: input.record === true && input.recordingStatusCallback !== undefined
          ? {
            url: input.recordingStatusCallback,
            method: input.recordingStatusCallbackMethod ?? "POST",
            events: input.recordingStatusCallbackEvent ?? ["completed"],
            channels: input.recordingChannels === "dual" ? 2 : 1,
            sid: yield* uuid
          }
          : undefined,
        outcome,
        timeout,
        url: input.url,
        answeredAt: null,
        nextSequenceNumber: 0,
        deliveries: queue
      }
      yield* Ref.update(store, HashMap.set(sid, record))
      yield* FiberSet.run(deliveries, deliverAll(project, queue))
      yield* FiberMap.run(lives, sid, life(sid, outcome, timeout))
      return call
    })

    const fetchCall = Effect.fn("Emulator.fetchCall")(function*(projectId: Sid.ProjectId, callSid: string) {
      return (yield* find(projectId, callSid)).call
    })

    const listCalls = Effect.fn("Emulator.listCalls")(function*(projectId: Sid.ProjectId, filter: Emulator.ListFilter = {}) {
      return Arr.fromIterable(HashMap.values(yield* Ref.get(store)))
        .filter((record) => record.project.projectId === projectId)
        .sort((a, b) => b.order - a.order)
        .map((record) => record.call)
        .filter(listing.matches(filter))
    })

    const updateCall = Effect.fn("Emulator.updateCall")(function*(
      projectId: Sid.ProjectId,
      callSid: string,
      update: UpdateCallRequest.UpdateCallRequest
    ) {
      const record = yield* find(projectId, callSid)
      const redirect = update.url !== undefined || update.twiml !== undefined
      if (update.status === undefined && redirect && CallStatus.isFinal(record.call.status)) {
        return yield* Effect.fail(new CallNotInState({ callSid, status: record.call.status, operation: "redirect" }))
      }
      yield* Ref.update(store, (calls) =>
        HashMap.modify(calls, callSid, (current) => ({
          ...current,
          url: update.url ?? current.url,
          callbacks: update.statusCallback === undefined && update.statusCallbackMethod === undefined
            ? current.callbacks
            : {
              url: update.statusCallback ?? current.callbacks?.url ?? "",
              method: update.statusCallbackMethod ?? current.callbacks?.method ?? "POST",
              events: current.callbacks?.events ?? ["completed"]
            }
        })))
      if (update.status !== undefined) {
        const status = update.status
        yield* statusLock.withPermits(1)(Effect.gen(function*() {
          const current = (yield* find(projectId, callSid)).call.status
          // `canceled` ends a call that is not answered yet; `completed` ends it whatever its state.
          if (CallStatus.isFinal(current) || (status === "canceled" && current === "in-progress")) return
          yield* FiberMap.remove(lives, callSid)
          yield* transitionLocked(callSid, current === "in-progress" ? "completed" : "canceled")
        }))
      }
      return (yield* find(projectId, callSid)).call
    })

    const deleteCall = Effect.fn("Emulator.deleteCall")(function*(projectId: Sid.ProjectId, callSid: string) {
      const record = yield* find(projectId, callSid)
      if (!CallStatus.isFinal(record.call.status)) {
        return yield* Effect.fail(new CallNotInState({ callSid, status: record.call.status, operation: "delete" }))
      }
      yield* Ref.update(store, HashMap.remove(callSid))
    })

    return {
      projects: projects.map(({ authToken, projectId, signingKey }) => ({ projectId, authToken, signingKey })),
      admitCall,
      createCall,
      fetchCall,
      listCalls,
      updateCall,
      deleteCall,
      calls: Effect.map(Ref.get(store), (calls) =>
        Arr.fromIterable(HashMap.values(calls))
          .sort((a, b) => a.order - b.order)
          .map((record) => record.call)),
      outcomes: Ref.get(outcomes),
      setOutcomes: (rules: ReadonlyArray<CallLife.OutcomeRule>) => Ref.set(outcomes, rules),
      reset: Effect.all([
        FiberMap.clear(lives),
        FiberSet.clear(deliveries),
        Ref.set(store, HashMap.empty()),
        Ref.set(admitted, HashMap.empty()),
        Ref.set(outcomes, options.outcomes ?? [])
      ], { discard: true })
    }
  })
