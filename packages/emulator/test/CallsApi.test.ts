/**
 * SignalWire's Calls API as the emulator answers it over HTTP (`EmulatorApp`, run in-process by
 * `EmulatorClient`): Basic auth, form and query decoding, the documented error bodies, codes and
 * statuses, and each call's life and callbacks as a client sees them.
 */
import { assert, describe, expect, it } from "@effect/vitest"
import { WebhookSignature } from "@effect-signalwire/client"
import { Emulator, WebhookClient } from "@effect-signalwire/emulator"
import { ApiErrorBody, Call, StatusCallback } from "@effect-signalwire/schema"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as TestClock from "effect/TestClock"
import {
  type Answer,
  callsApi,
  credentials,
  form,
  makeEmulator,
  minimalForm,
  otherCredentials,
  otherProjectId,
  paramsOf,
  projectId,
  type Received,
  recordingClient,
  reference,
  signingKey
} from "./utils.js"

const isSigned = (
  received: { readonly url: string; readonly params: WebhookSignature.Params; readonly signature: string | undefined },
  key: string
) => Effect.isSuccess(WebhookSignature.verify({ ...received, signingKey: Redacted.make(key) }))

const allEvents = { StatusCallback: "https://app.example.com/status", StatusCallbackEvent: ["initiated", "ringing", "answered", "completed"] }

const request = { credentials, accountSid: projectId }

/** The error an operation failed with. */
const failure = <A>(effect: Effect.Effect<A, Answer>) => Effect.flip(effect)

/** The `code`s of an error's body, as a client decoding it with `ApiErrorBody` sees them. */
const codesOf = (error: Answer) =>
  Option.getOrThrow(ApiErrorBody.decodeOption(error.body)).errors.map((e) => e.code)

const callStatusOf = (received: Received) => paramsOf(received).CallStatus

/** Yields long enough for any delivery in flight to land, then checks none did. */
const expectNoMoreCallbacks = (callbacks: Queue.Queue<Received>) =>
  Effect.gen(function*() {
    yield* Effect.repeatN(Effect.yieldNow(), 50)
    expect(yield* Queue.size(callbacks)).toBe(0)
  })

describe("the Calls API (EmulatorApp)", () => {
  describe("createCall", () => {
    it.scoped("answers a queued call with every documented field", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(Date.parse("2024-05-01T12:00:00.750Z"))
        const { api, emulator } = yield* makeEmulator()
        const call = yield* api.createCall({ ...request, form: minimalForm() })
        expect(call).toBeInstanceOf(Call.Call)
        expect(call.sid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        const uri = `/api/laml/2010-04-01/Accounts/${projectId}/Calls/${call.sid}`
        expect(call).toMatchObject({
          accountSid: projectId,
          status: "queued",
          to: "+13105678901",
          formattedTo: "(310) 567-8901",
          toFormatted: "(310) 567-8901",
          from: "+13103384645",
          formattedFrom: "(310) 338-4645",
          direction: "outbound-api",
          apiVersion: "2010-04-01",
          dateCreated: new Date("2024-05-01T12:00:00Z"),
          dateUpdated: new Date("2024-05-01T12:00:00Z"),
          startTime: null,
          endTime: null,
          duration: 0,
          price: null,
          priceUnit: "USD",
          answeredBy: null,
          parentCallSid: null,
          uri: `${uri}.json`,
          subresourceUris: { notifications: `${uri}/Notifications.json`, recordings: `${uri}/Recordings.json` }
        })
        // The JSON carries the same fields as the documented example.
        const documented = Object.keys(Schema.encodeSync(Call.Call)(call)).sort()
        expect(documented).toContain("formatted_to")
        expect(documented).toContain("audio_out_lost")
        expect(yield* emulator.calls).toStrictEqual([call])
      }))

    it.scoped("keeps SIP and client addresses as they are", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const call = yield* api.createCall({ ...request, form: minimalForm({ To: "sip:alice@example.com", From: "client:bob" }) })
        expect(call).toMatchObject({ to: "sip:alice@example.com", formattedTo: "sip:alice@example.com", from: "client:bob" })
      }))

    it.scoped("reads the official SDK's full request (official-sdk-wire.json)", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const sdk = reference("official-sdk-wire.json")
        const call = yield* api.createCall({ ...request, form: sdk.full.request.params })
        expect(call.status).toBe("queued")
      }))

    it.scoped("reads RecordingStatusCallbackEvent space-separated (as documented) and repeated (as the official SDK sends it)", () =>
      Effect.gen(function*() {
        const { api, emulator } = yield* makeEmulator()
        const spaced = yield* api.createCall({ ...request, form: minimalForm({ RecordingStatusCallbackEvent: "in-progress completed" }) })
        const repeated = yield* api.createCall({ ...request, form: minimalForm({ RecordingStatusCallbackEvent: ["in-progress", "completed"] }) })
        expect(yield* emulator.calls).toStrictEqual([spaced, repeated])
      }))

    const rejected: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>, ReadonlyArray<readonly [number, string]>]> = [
      ["nothing at all", [], [[21201, "To is required"], [21213, "From is required"], [21205, "Url or an ApplicationSid must be included."]]],
      ["no Url, ApplicationSid or Twiml", form({ To: "+13105678901", From: "+13103384645" }), [[21205, "Url or an ApplicationSid must be included."]]],
      ["a To that is no address", minimalForm({ To: "310-567-8901" }), [[21211, "To must be an E.164 phone number"]]],
      ["a From that is no address", minimalForm({ From: "+0" }), [[21212, "From must be an E.164 phone number"]]],
      ["a SIP From to a phone number", minimalForm({ From: "sip:a@example.com" }), [[21212, "From must be an E.164 phone number when To is a phone number"]]],
      ["a relative Url", minimalForm({ Url: "/voice.xml" }), [[21205, "Url must be an absolute http: or https: URL"]]],
      ["Url and ApplicationSid", minimalForm({ ApplicationSid: "b3877c40-da60-4998-90ad-b792e98472aa" }), [[21205, "ApplicationSid cannot be combined with Url"]]],
      ["a bad ApplicationSid", form({ To: "+13105678901", From: "+13103384645", ApplicationSid: "AP123" }), [[21218, "ApplicationSid must be a UUID"]]],
      ["Twiml that is not XML", form({ To: "+13105678901", From: "+13103384645", Twiml: "Say hi" }), [[21205, "Twiml must be inline LaML/TwiML XML"]]],
      ["bad SendDigits", minimalForm({ SendDigits: "12x" }), [[21206, "SendDigits must be"]]],
      ["bad MachineDetection", minimalForm({ MachineDetection: "Yes" }), [[21207, "MachineDetection must be one of \"Enable\", \"DetectMessageEnd\", \"none\""]]],
      ["Timeout out of range", minimalForm({ Timeout: "601" }), [[21208, "Timeout must be an integer from 1 to 600 (got 601)"]]],
      ["a PUT Method", minimalForm({ Method: "PUT" }), [[21209, "Method must be one of \"GET\", \"POST\""]]],
      ["a PUT StatusCallbackMethod", minimalForm({ StatusCallbackMethod: "PUT" }), [[21209, "StatusCallbackMethod must be one of"]]],
      ["an unknown StatusCallbackEvent", minimalForm({ StatusCallbackEvent: "hangup" }), [[21626, "StatusCallbackEvent must be one of"]]],
      ["an unknown RecordingStatusCallbackEvent, space-separated", minimalForm({ RecordingStatusCallbackEvent: "in-progress hangup" }), [[21200, "RecordingStatusCallbackEvent must be one of \"completed\", \"in-progress\", \"absent\" (got \"hangup\")"]]],
      ["an unknown RecordingStatusCallbackEvent, repeated", minimalForm({ RecordingStatusCallbackEvent: ["in-progress", "hangup"] }), [[21200, "RecordingStatusCallbackEvent must be one of \"completed\", \"in-progress\", \"absent\" (got \"hangup\")"]]],
      ["a bad StatusCallback", minimalForm({ StatusCallback: "mailto:x@example.com" }), [[21200, "StatusCallback must be an absolute http: or https: URL"]]],
      ["Record that is no boolean", minimalForm({ Record: "yes" }), [[21200, "Record must be a boolean"]]],
      ["a user name without password", minimalForm({ SipAuthUsername: "alice" }), [[21200, "SipAuthPassword is required with SipAuthUsername"]]],
      ["MaxPricePerMinute below the price", minimalForm({ MaxPricePerMinute: "0.005" }), [[30010, "Maxpriceperminute was exceeded. This call's cost is 0.0065 per minute."]]]
    ]

    it.scoped.each(rejected)("answers 400 to %s, each broken rule with its code, naming the parameter", ([_, fields, expected]) =>
      Effect.gen(function*() {
        const { api, emulator } = yield* makeEmulator()
        const error = yield* failure(api.createCall({ ...request, form: fields }))
        expect(error.status).toBe(400)
        expect(error.shape).toBe("errors")
        expect(error.apiError.errors.map((e) => [e.code, e.message])).toStrictEqual(
          expected.map(([code, message]) => [code, expect.stringContaining(message)])
        )
        // The documented errors-array shape, codes as numeric strings.
        expect(error.body).toStrictEqual({
          errors: expected.map(([code]) => ({ code: String(code), message: expect.any(String), more_info: expect.stringMatching(/^https:\/\//) }))
        })
        expect(codesOf(error)).toStrictEqual(expected.map(([code]) => code))
        expect(yield* emulator.calls).toStrictEqual([])
      }))

    const names = ["To", "From", "Url", "ApplicationSid", "Twiml", "Method", "StatusCallback", "StatusCallbackEvent", "Timeout", "MachineDetection", "Record", "SipAuthUsername", "SipAuthPassword", "MaxPricePerMinute", "SendDigits"]
    it.scoped.prop(
      "answers any form with a call or a 400, never a defect",
      [fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string()), fc.oneof(fc.string(), fc.constantFrom("+13105678901", "https://example.com/v.xml", "true", "60"))))],
      ([fields]) =>
        Effect.gen(function*() {
          const { api } = yield* makeEmulator()
          const exit = yield* Effect.exit(api.createCall({ ...request, form: fields }))
          if (Exit.isFailure(exit)) {
            const error = Cause.failureOption(exit.cause)
            expect(Option.isSome(error) && error.value.status).toBe(400)
          }
        })
    )

    it.scoped("never echoes a SIP password in an error", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const error = yield* failure(api.createCall({ ...request, form: minimalForm({ SipAuthPassword: "hunter2", Timeout: "0" }) }))
        expect(JSON.stringify(error.body)).not.toContain("hunter2")
      }))
  })

  describe("callsPerSecond", () => {
    it.scoped("answers 429 with Retry-After beyond the limit, per project, without placing the call; a slot frees after a second", () =>
      Effect.gen(function*() {
        const { api, emulator } = yield* makeEmulator({ callsPerSecond: 2 })
        const create = (req: typeof request) => api.createCall({ ...req, form: minimalForm() })
        yield* create(request)
        yield* TestClock.adjust("500 millis")
        yield* create(request)
        const limited = yield* failure(create(request))
        expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 1 })
        expect(codesOf(limited)).toStrictEqual([20429])
        expect(yield* emulator.calls).toHaveLength(2)
        // Another project has its own limit.
        yield* create({ credentials: otherCredentials, accountSid: otherProjectId })
        // The first slot frees a second after it was taken; evenly spaced creates never wait.
        yield* TestClock.adjust("501 millis")
        yield* create(request)
        yield* TestClock.adjust("500 millis")
        yield* create(request)
        expect(yield* emulator.calls).toHaveLength(5)
      }))

    it.scoped("checks the limit before the parameters: beyond it, 429 whatever the form; an invalid create takes its slot", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator({ callsPerSecond: 1 })
        const invalid = yield* failure(api.createCall({ ...request, form: [] }))
        expect([invalid.status, codesOf(invalid)[0]]).toStrictEqual([400, 21201])
        expect(yield* failure(api.createCall({ ...request, form: [] }))).toMatchObject({ status: 429, retryAfterSeconds: 1 })
        expect(yield* failure(api.createCall({ ...request, form: minimalForm() }))).toMatchObject({ status: 429 })
        // Unauthenticated creates are refused before the limit and take no slot.
        yield* TestClock.adjust("1 second")
        expect(yield* failure(api.createCall({ credentials: undefined, accountSid: projectId, form: minimalForm() }))).toMatchObject({ status: 401 })
        yield* api.createCall({ ...request, form: minimalForm() })
      }))

    it.scoped("below one per second, allows one create per 1/cps seconds", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator({ callsPerSecond: 0.5 })
        const create = api.createCall({ ...request, form: minimalForm() })
        yield* create
        yield* TestClock.adjust("1500 millis")
        expect(yield* failure(create)).toMatchObject({ status: 429, retryAfterSeconds: 1 })
        yield* TestClock.adjust("501 millis")
        yield* create
      }))
  })

  describe("authentication", () => {
    const authFailed = {
      code: 20003,
      message: "Authentication failed",
      more_info: "https://developer.signalwire.com/compatibility-api/reference/error-codes",
      status: 401
    }

    it.scoped.each([
      ["no credentials", { credentials: undefined, accountSid: projectId }],
      ["a wrong token", { credentials: { username: projectId, password: Redacted.make("PTwrong") }, accountSid: projectId }],
      ["an unknown project", { credentials: { username: "11111111-2222-4333-8444-555555555555", password: Redacted.make("x") }, accountSid: "11111111-2222-4333-8444-555555555555" }],
      ["another project's AccountSid in the URL", { credentials, accountSid: otherProjectId }]
    ] as const)("answers 401 (code 20003) to %s, for every operation", ([_, auth]) =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const errors = yield* Effect.all([
          failure(api.createCall({ ...auth, form: minimalForm() })),
          failure(api.fetchCall({ ...auth, callSid: "x" })),
          failure(api.listCalls({ ...auth, query: [] })),
          failure(api.updateCall({ ...auth, callSid: "x", form: [] })),
          failure(api.deleteCall({ ...auth, callSid: "x" }))
        ])
        for (const error of errors) {
          expect(error.body).toStrictEqual(authFailed)
        }
      }))

    it.scoped("answers 404 (code 20404) for another project's call", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const call = yield* api.createCall({ ...request, form: minimalForm() })
        const error = yield* failure(api.fetchCall({ credentials: otherCredentials, accountSid: otherProjectId, callSid: call.sid }))
        expect(error.body).toStrictEqual({
          code: 20404,
          message: `The requested resource /api/laml/2010-04-01/Accounts/${otherProjectId}/Calls/${call.sid}.json was not found`,
          more_info: "https://developer.signalwire.com/compatibility-api/reference/error-codes",
          status: 404
        })
        const page = yield* api.listCalls({ credentials: otherCredentials, accountSid: otherProjectId, query: [] })
        expect(page.calls).toStrictEqual([])
      }))
  })

  describe("fetchCall", () => {
    it.scoped("answers the call as it is now; 404 for an unknown sid", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const created = yield* api.createCall({ ...request, form: minimalForm() })
        yield* TestClock.adjust("3 seconds")
        const fetched = yield* api.fetchCall({ ...request, callSid: created.sid })
        expect(fetched.sid).toBe(created.sid)
        expect(fetched.status).toBe("in-progress")
        const error = yield* failure(api.fetchCall({ ...request, callSid: "00000000-0000-4000-8000-000000000000" }))
        expect([error.status, error.apiError.code]).toStrictEqual([404, 20404])
      }))
  })

  describe("listCalls", () => {
    const createSome = Effect.gen(function*() {
      const { api, emulator } = yield* makeEmulator()
      const make = (to: string, from = "+13103384645") =>
        api.createCall({ ...request, form: minimalForm({ To: to, From: from }) })
      // 2024-05-01 12:00:00: three calls, a second apart; then two more the next day.
      yield* TestClock.setTime(Date.parse("2024-05-01T12:00:00Z"))
      const a = yield* make("+13105550001")
      yield* TestClock.adjust("1 second")
      const b = yield* make("+13105550002", "+13105559999")
      yield* TestClock.adjust("1 second")
      const c = yield* make("+15005550002")
      yield* TestClock.setTime(Date.parse("2024-05-02T12:00:00Z"))
      const d = yield* make("+13105550001")
      const e = yield* make("+13105550003")
      return { api, emulator, sids: { a: a.sid, b: b.sid, c: c.sid, d: d.sid, e: e.sid } }
    })

    const sidsOf = (page: { readonly calls: ReadonlyArray<Call.Call> }) => page.calls.map((call) => call.sid)

    it.scoped("lists the project's calls, newest first, in one page by default", () =>
      Effect.gen(function*() {
        const { api, sids } = yield* createSome
        const page = yield* api.listCalls({ ...request, query: [] })
        expect(sidsOf(page)).toStrictEqual([sids.e, sids.d, sids.c, sids.b, sids.a])
        expect(page).toMatchObject({
          uri: `/api/laml/2010-04-01/Accounts/${projectId}/Calls?Page=0&PageSize=50`,
          firstPageUri: `/api/laml/2010-04-01/Accounts/${projectId}/Calls?Page=0&PageSize=50`,
          nextPageUri: null,
          previousPageUri: null,
          page: 0,
          pageSize: 50
        })
      }))

    it.scoped("pages with Page and PageSize, links keeping the filters", () =>
      Effect.gen(function*() {
        const { api, sids } = yield* createSome
        const base = `/api/laml/2010-04-01/Accounts/${projectId}/Calls`
        const first = yield* api.listCalls({ ...request, query: [["From", "+13103384645"], ["PageSize", "2"]] })
        expect(sidsOf(first)).toStrictEqual([sids.e, sids.d])
        expect(first).toMatchObject({
          uri: `${base}?From=%2B13103384645&Page=0&PageSize=2`,
          nextPageUri: `${base}?From=%2B13103384645&Page=1&PageSize=2`,
          previousPageUri: null
        })
        const second = yield* api.listCalls({ ...request, query: [["From", "+13103384645"], ["PageSize", "2"], ["Page", "1"], ["PageToken", "PA123"]] })
        expect(sidsOf(second)).toStrictEqual([sids.c, sids.a])
        expect(second).toMatchObject({ page: 1, nextPageUri: null, previousPageUri: `${base}?From=%2B13103384645&Page=0&PageSize=2` })
        const beyond = yield* api.listCalls({ ...request, query: [["Page", "9"]] })
        expect(beyond.calls).toStrictEqual([])
      }))

    // By the time the last two calls are made (a day later), the first three have ended.
    it.scoped.each([
      ["To", [["To", "+13105550001"]], ["d", "a"]],
      ["From", [["From", "+13105559999"]], ["b"]],
      ["Status (queued)", [["Status", "queued"]], ["e", "d"]],
      ["Status (completed)", [["Status", "completed"]], ["b", "a"]],
      ["Status (busy)", [["Status", "busy"]], ["c"]],
      ["ParentCallSid", [["ParentCallSid", "b3877c40-da60-4998-90ad-b792e98472ca"]], []],
      ["StartTime (today's calls have not started)", [["StartTime>", "2024-05-02"]], []]
    ] as const)("filters by %s", ([_, query, expected]) =>
      Effect.gen(function*() {
        const { api, sids } = yield* createSome
        const page = yield* api.listCalls({ ...request, query })
        expect(sidsOf(page)).toStrictEqual(expected.map((name) => sids[name]))
      }))

    it.scoped("filters by StartTime and EndTime: a day, on or before (<), on or after (>), to the second", () =>
      Effect.gen(function*() {
        const { api, sids } = yield* createSome
        // Every call ends (busy +15005550002 ends first); end times follow creation times.
        yield* TestClock.adjust("1 minute")
        const sidsFor = (query: ReadonlyArray<readonly [string, string]>) =>
          Effect.map(api.listCalls({ ...request, query }), sidsOf)
        expect(yield* sidsFor([["EndTime", "2024-05-01"]])).toStrictEqual([sids.c, sids.b, sids.a])
        expect(yield* sidsFor([["EndTime>", "2024-05-02"]])).toStrictEqual([sids.e, sids.d])
        expect(yield* sidsFor([["EndTime<", "2024-05-01"]])).toStrictEqual([sids.c, sids.b, sids.a])
        // A call starts when it is dialed (initiated, 0.5 s after its creation; times are whole
        // seconds): a at 12:00:00, b at 12:00:01, c at 12:00:02.
        expect(yield* sidsFor([["StartTime", "Wed, 01 May 2024 12:00:00 +0000"]])).toStrictEqual([sids.a])
        expect(yield* sidsFor([["StartTime>", "2024-05-01T12:00:01Z"], ["StartTime<", "2024-05-01T23:59:59Z"]])).toStrictEqual([
          sids.c,
          sids.b
        ])
        // c was busy, never answered: it started all the same, so a StartTime search finds it.
        expect(yield* sidsFor([["StartTime>", "2024-05-01T12:00:02Z"], ["StartTime<", "2024-05-01"]])).toStrictEqual([sids.c])
      }))

    it.scoped.each([
      ["PageSize", [["PageSize", "0"]], "PageSize must be an integer from 1 to 1000 (got \"0\")"],
      ["PageSize", [["PageSize", "1001"]], "PageSize must be an integer from 1 to 1000"],
      ["Page", [["Page", "-1"]], "Page must be an integer from 0"],
      ["Status", [["Status", "ringing-ish"]], "Status must be one of \"queued\", \"ringing\""],
      ["StartTime", [["StartTime>", "yesterday"]], "StartTime> must be a date (2024-05-01) or a date-time"]
    ] as const)("answers 400 (code 21200) to a bad %s", ([_, query, message]) =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const error = yield* failure(api.listCalls({ ...request, query }))
        expect(error).toMatchObject({ status: 400, shape: "object" })
        expect(error.apiError).toMatchObject({ code: 21200, message: expect.stringContaining(message) })
      }))
  })

  describe("a call's life", () => {
    it.scoped("plays queued → initiated → ringing → in-progress → completed on the Clock, calling back for each subscribed event", () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(Date.parse("2024-05-01T12:00:00Z"))
        const { api, callbacks } = yield* makeEmulator()
        const call = yield* api.createCall({ ...request, form: minimalForm(allEvents) })
        const status = Effect.map(api.fetchCall({ ...request, callSid: call.sid }), (c) => c.status)

        yield* TestClock.adjust("499 millis")
        yield* expectNoMoreCallbacks(callbacks)
        yield* TestClock.adjust("1 millis")
        const initiated = yield* Queue.take(callbacks)
        expect(callStatusOf(initiated)).toBe("initiated")
        // `initiated` is an event: the resource stays queued until it rings.
        expect(yield* status).toBe("queued")

        yield* TestClock.adjust("500 millis")
        const ringing = yield* Queue.take(callbacks)
        expect(callStatusOf(ringing)).toBe("ringing")
        expect(yield* status).toBe("ringing")

        yield* TestClock.adjust("2 seconds")
        const answered = yield* Queue.take(callbacks)
        expect(callStatusOf(answered)).toBe("in-progress")
        const inProgress = yield* api.fetchCall({ ...request, callSid: call.sid })
        // It started when dialed (initiated at 12:00:00.5, in whole seconds).
        expect(inProgress).toMatchObject({ status: "in-progress", startTime: new Date("2024-05-01T12:00:00Z"), answeredBy: null })

        yield* TestClock.adjust("3 seconds")
        const completed = yield* Queue.take(callbacks)
        expect(callStatusOf(completed)).toBe("completed")
        expect(yield* api.fetchCall({ ...request, callSid: call.sid })).toMatchObject({
          status: "completed",
          startTime: new Date("2024-05-01T12:00:00Z"),
          endTime: new Date("2024-05-01T12:00:06Z"),
          dateUpdated: new Date("2024-05-01T12:00:06Z"),
          duration: 3,
          price: 0.0065,
          sipResultCode: "200"
        })

        // The documented fields, numbered from 0, at the event's time; CallDuration on the last.
        const received = [initiated, ringing, answered, completed]
        const payloads = yield* Effect.forEach(received, (r) => StatusCallback.fromFormParams(r.params))
        expect(payloads.map((p) => [p.callStatus, p.sequenceNumber, p.timestamp?.toISOString(), p.callDuration])).toStrictEqual([
          ["initiated", 0, "2024-05-01T12:00:00.000Z", undefined],
          ["ringing", 1, "2024-05-01T12:00:01.000Z", undefined],
          ["in-progress", 2, "2024-05-01T12:00:03.000Z", undefined],
          ["completed", 3, "2024-05-01T12:00:06.000Z", 3]
        ])
        expect(paramsOf(completed)).toStrictEqual({
          AccountSid: projectId,
          ApiVersion: "2010-04-01",
          CallSid: call.sid,
          CallStatus: "completed",
          CallDuration: "3",
          Direction: "outbound-api",
          From: "+13103384645",
          To: "+13105678901",
          Timestamp: "Wed, 01 May 2024 12:00:06 +0000",
          SequenceNumber: "3",
          CallbackSource: "call-progress-events",
          SipResultCode: "200"
        })
        // POSTed, form-encoded, signed with the project's signing key under both header names.
        for (const r of received) {
          expect(r.method).toBe("POST")
          expect(r.url).toBe("https://app.example.com/status")
          expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded")
          const signature = r.headers[WebhookSignature.signatureHeader]!
          expect(r.headers[WebhookSignature.twilioSignatureHeader]).toBe(signature)
          expect(yield* isSigned({ url: r.url, params: r.params, signature }, signingKey)).toBe(true)
          expect(yield* isSigned({ url: r.url, params: r.params, signature }, "PTtest-token")).toBe(false)
        }
        yield* TestClock.adjust("1 hour")
        yield* expectNoMoreCallbacks(callbacks)
      }))

    it.scoped("calls back only for `completed` by default, numbered 0", () =>
      Effect.gen(function*() {
        const { api, callbacks } = yield* makeEmulator()
        yield* api.createCall({ ...request, form: minimalForm({ StatusCallback: "https://app.example.com/status" }) })
        yield* TestClock.adjust("6 seconds")
        const only = yield* Queue.take(callbacks)
        expect(paramsOf(only)).toMatchObject({ CallStatus: "completed", SequenceNumber: "0", CallDuration: "3" })
        yield* expectNoMoreCallbacks(callbacks)
      }))

    it.scoped("with StatusCallbackMethod=GET, sends the fields in the URL and signs the URL", () =>
      Effect.gen(function*() {
        const { api, callbacks } = yield* makeEmulator()
        yield* api.createCall({
          ...request,
          form: minimalForm({ StatusCallback: "https://app.example.com/status?app=1", StatusCallbackMethod: "GET" })
        })
        yield* TestClock.adjust("6 seconds")
        const received = yield* Queue.take(callbacks)
        expect(received.method).toBe("GET")
        const url = new URL(received.url)
        expect(url.searchParams.get("app")).toBe("1")
        expect(url.searchParams.get("CallStatus")).toBe("completed")
        expect(yield* isSigned({ url: received.url, params: [], signature: received.headers[WebhookSignature.signatureHeader] }, signingKey)).toBe(true)
      }))

    it.scoped("keeps living when callbacks fail (refused or answered 500)", () =>
      Effect.gen(function*() {
        const { answer, api, callbacks } = yield* makeEmulator()
        const call = yield* api.createCall({ ...request, form: minimalForm(allEvents) })
        yield* Ref.set(answer, "refuse")
        yield* TestClock.adjust("1 second")
        expect(Array.from(yield* Queue.takeN(callbacks, 2)).map(callStatusOf)).toStrictEqual(["initiated", "ringing"])
        yield* Ref.set(answer, 500)
        yield* TestClock.adjust("5 seconds")
        expect(Array.from(yield* Queue.takeN(callbacks, 2)).map(callStatusOf)).toStrictEqual(["in-progress", "completed"])
        expect((yield* api.fetchCall({ ...request, callSid: call.sid })).status).toBe("completed")
      }))

    it.scoped("an undelivered callback is one WARN line with the reason, no stack", () => {
      const logged: Array<{ readonly level: string; readonly text: string; readonly cause: boolean }> = []
      const capture = Logger.make(({ cause, logLevel, message }) => {
        logged.push({ level: logLevel.label, text: Array.isArray(message) ? message.join(" ") : String(message), cause: !Cause.isEmpty(cause) })
      })
      return Effect.gen(function*() {
        const { answer, api } = yield* makeEmulator()
        yield* Ref.set(answer, "refuse")
        yield* api.createCall({ ...request, form: minimalForm(allEvents) })
        yield* TestClock.adjust("1 second")
        yield* Effect.repeatN(Effect.yieldNow(), 50)
        const warnings = logged.filter((entry) => entry.level === "WARN")
        expect(warnings.length).toBeGreaterThan(0)
        for (const warning of warnings) {
          expect(warning.text).toMatch(/^status callback not delivered: Transport error .*ECONNREFUSED/)
          expect(warning.text).not.toContain("\n")
          expect(warning.cause).toBe(false)
        }
      }).pipe(Effect.provide(Logger.replace(Logger.defaultLogger, capture)))
    })

    it.scoped("uses the configured timings", () =>
      Effect.gen(function*() {
        const { api, callbacks } = yield* makeEmulator({
          timings: { queued: "1 second", initiated: "1 second", ringing: "10 seconds", inProgress: "1 minute" }
        })
        const call = yield* api.createCall({ ...request, form: minimalForm(allEvents) })
        yield* TestClock.adjust("12 seconds")
        expect(Array.from(yield* Queue.takeN(callbacks, 3)).map(callStatusOf)).toStrictEqual(["initiated", "ringing", "in-progress"])
        yield* TestClock.adjust("59 seconds")
        expect((yield* api.fetchCall({ ...request, callSid: call.sid })).status).toBe("in-progress")
        yield* TestClock.adjust("1 second")
        expect(callStatusOf(yield* Queue.take(callbacks))).toBe("completed")
        expect((yield* api.fetchCall({ ...request, callSid: call.sid })).duration).toBe(60)
      }))
  })

  describe("scripted outcomes", () => {
    const lifeOf = (to: string, extra: Record<string, string> = {}, options: Emulator.Options = {}) =>
      Effect.gen(function*() {
        const { api, callbacks } = yield* makeEmulator(options)
        const call = yield* api.createCall({ ...request, form: minimalForm({ ...allEvents, To: to, ...extra }) })
        yield* TestClock.adjust("1 hour")
        const final = yield* api.fetchCall({ ...request, callSid: call.sid })
        const events: Array<string> = []
        while (events.length === 0 || !["completed", "busy", "failed", "no-answer", "canceled"].includes(events[events.length - 1]!)) {
          events.push(callStatusOf(yield* Queue.take(callbacks))!)
        }
        return { final, events }
      })

    it.scoped.each([
      ["+15005550001", "failed", ["initiated", "failed"], "404"],
      ["+15005550002", "busy", ["initiated", "busy"], "486"],
      ["+15005550003", "no-answer", ["initiated", "ringing", "no-answer"], "480"],
      ["+15005550004", "canceled", ["initiated", "ringing", "canceled"], "487"],
      ["+13105678901", "completed", ["initiated", "ringing", "in-progress", "completed"], "200"]
    ] as const)("a call to %s ends %s", ([to, status, events, sipResultCode]) =>
      Effect.gen(function*() {
        const life = yield* lifeOf(to)
        expect(life.events).toStrictEqual(events)
        expect(life.final).toMatchObject({ status, sipResultCode })
        // Dialed, so started, but never answered: nothing billed.
        expect(life.final.startTime).toBeInstanceOf(Date)
        if (status !== "completed") {
          expect(life.final).toMatchObject({ duration: 0, price: 0, answeredBy: null })
        }
      }))

    it.scoped.each([
      ["Enable", "+13105678901", "human"],
      ["DetectMessageEnd", "+15005550005", "machine_end_beep"],
      ["none", "+15005550005", null]
    ] as const)("with MachineDetection=%s, a call to %s is answered by %s", ([machineDetection, to, answeredBy]) =>
      Effect.gen(function*() {
        const life = yield* lifeOf(to, { MachineDetection: machineDetection })
        expect(life.final.answeredBy).toBe(answeredBy)
      }))

    it.scoped("follows the rules it is given (exact or pattern), before the defaults, with their own timings", () =>
      Effect.gen(function*() {
        const options: Emulator.Options = {
          outcomes: [
            { toPattern: "^\\+1415", outcome: "busy" },
            { to: "+15005550002", outcome: "completed", answeredBy: "machine_start", ring: "10 seconds", talk: 90_000 }
          ]
        }
        expect((yield* lifeOf("+14155550100", {}, options)).final.status).toBe("busy")
        const overridden = yield* lifeOf("+15005550002", { MachineDetection: "Enable" }, options)
        expect(overridden.final).toMatchObject({ status: "completed", answeredBy: "machine_start", duration: 90 })
        // 0.5 s queued + 0.5 s initiated + 10 s ringing + 90 s talking.
        expect(overridden.final.endTime!.getTime() - overridden.final.dateCreated.getTime()).toBe(101_000)
      }))

    it.scoped("ends no-answer after the request's Timeout when the callee rings longer", () =>
      Effect.gen(function*() {
        const life = yield* lifeOf("+13105678901", { Timeout: "5" }, { outcomes: [{ outcome: "completed", ring: "30 seconds" }] })
        expect(life.events).toStrictEqual(["initiated", "ringing", "no-answer"])
        expect(life.final.endTime!.getTime() - life.final.dateCreated.getTime()).toBe(6_000)
      }))

    it.scoped("setOutcomes replaces the scripted rules for calls created afterwards", () =>
      Effect.gen(function*() {
        const { api, emulator } = yield* makeEmulator()
        yield* emulator.setOutcomes([{ to: "+13105678901", outcome: "failed" }])
        expect(yield* emulator.outcomes).toStrictEqual([{ to: "+13105678901", outcome: "failed" }])
        const call = yield* api.createCall({ ...request, form: minimalForm() })
        yield* TestClock.adjust("1 minute")
        expect((yield* api.fetchCall({ ...request, callSid: call.sid })).status).toBe("failed")
      }))
  })

  describe("updateCall", () => {
    const started = (advance: Duration.DurationInput) =>
      Effect.gen(function*() {
        const { api, callbacks, emulator } = yield* makeEmulator()
        const call = yield* api.createCall({ ...request, form: minimalForm(allEvents) })
        yield* TestClock.adjust(advance)
        return { api, callbacks, emulator, callSid: call.sid }
      })

    it.scoped("Status=completed hangs up a call in progress at once, calling back `completed`", () =>
      Effect.gen(function*() {
        const { api, callSid, callbacks } = yield* started("4 seconds")
        expect(Array.from(yield* Queue.takeN(callbacks, 3)).map(callStatusOf)).toStrictEqual(["initiated", "ringing", "in-progress"])
        const updated = yield* api.updateCall({ ...request, callSid, form: [["Status", "completed"]] })
        expect(updated).toMatchObject({ status: "completed", duration: 1 })
        expect(paramsOf(yield* Queue.take(callbacks))).toMatchObject({ CallStatus: "completed", SequenceNumber: "3", CallDuration: "1" })
        yield* TestClock.adjust("1 hour")
        yield* expectNoMoreCallbacks(callbacks)
        expect((yield* api.fetchCall({ ...request, callSid })).status).toBe("completed")
      }))

    it.scoped.each([["canceled"], ["completed"]] as const)("Status=%s cancels a ringing call", ([status]) =>
      Effect.gen(function*() {
        const { api, callSid, callbacks } = yield* started("1 second")
        yield* Queue.takeN(callbacks, 2)
        const updated = yield* api.updateCall({ ...request, callSid, form: [["Status", status]] })
        expect(updated).toMatchObject({ status: "canceled", duration: 0, price: 0, sipResultCode: "487" })
        expect(updated.startTime).toBeInstanceOf(Date)
        expect(callStatusOf(yield* Queue.take(callbacks))).toBe("canceled")
      }))

    it.scoped("Status=canceled leaves a call in progress alone", () =>
      Effect.gen(function*() {
        const { api, callSid, callbacks } = yield* started("4 seconds")
        yield* Queue.takeN(callbacks, 3)
        expect((yield* api.updateCall({ ...request, callSid, form: [["Status", "canceled"]] })).status).toBe("in-progress")
        yield* TestClock.adjust("2 seconds")
        expect(callStatusOf(yield* Queue.take(callbacks))).toBe("completed")
      }))

    it.scoped("Status on an ended call changes nothing", () =>
      Effect.gen(function*() {
        const { api, callSid } = yield* started("1 minute")
        const before = yield* api.fetchCall({ ...request, callSid })
        expect(yield* api.updateCall({ ...request, callSid, form: [["Status", "canceled"]] })).toStrictEqual(before)
      }))

    it.scoped("StatusCallback moves the callbacks still to come", () =>
      Effect.gen(function*() {
        const { api, callSid, callbacks } = yield* started("4 seconds")
        yield* Queue.takeN(callbacks, 3)
        yield* api.updateCall({ ...request, callSid, form: [["StatusCallback", "https://other.example.com/s"], ["Url", "https://example.com/next.xml"]] })
        yield* TestClock.adjust("2 seconds")
        expect((yield* Queue.take(callbacks)).url).toBe("https://other.example.com/s")
      }))

    it.scoped("answers 422 (code 21220) to a redirect of an ended call", () =>
      Effect.gen(function*() {
        const { api, callSid } = yield* started("1 minute")
        const error = yield* failure(api.updateCall({ ...request, callSid, form: [["Url", "https://example.com/next.xml"]] }))
        expect(error.body).toMatchObject({ code: 21220, status: 422, message: "Call is not in-progress. Cannot redirect." })
      }))

    it.scoped.each([
      ["Status=busy", [["Status", "busy"]], 21200, "Status must be one of \"canceled\", \"completed\" (got \"busy\")"],
      ["a relative Url", [["Url", "/next"]], 21205, "Url must be an absolute"],
      ["Method=PUT", [["Method", "PUT"]], 21209, "Method must be one of"]
    ] as const)("answers 400 to %s, in the object shape", ([_, fields, code, message]) =>
      Effect.gen(function*() {
        const { api, callSid } = yield* started("1 second")
        const error = yield* failure(api.updateCall({ ...request, callSid, form: fields }))
        expect(error.body).toMatchObject({ code, status: 400, message: expect.stringContaining(message) })
      }))
  })

  describe("deleteCall", () => {
    it.scoped("deletes an ended call; answers 422 (code 20009) before it ends", () =>
      Effect.gen(function*() {
        const { api } = yield* makeEmulator()
        const call = yield* api.createCall({ ...request, form: minimalForm() })
        const early = yield* failure(api.deleteCall({ ...request, callSid: call.sid }))
        expect(early.body).toMatchObject({ code: 20009, status: 422 })
        yield* TestClock.adjust("1 minute")
        yield* api.deleteCall({ ...request, callSid: call.sid })
        expect((yield* failure(api.fetchCall({ ...request, callSid: call.sid }))).status).toBe(404)
        expect((yield* api.listCalls({ ...request, query: [] })).calls).toStrictEqual([])
        expect((yield* failure(api.deleteCall({ ...request, callSid: call.sid }))).status).toBe(404)
      }))
  })

  it.scoped("reset forgets calls (ending their lives) and scripted outcomes", () =>
    Effect.gen(function*() {
      const { api, callbacks, emulator } = yield* makeEmulator({ outcomes: [{ outcome: "busy" }] })
      yield* api.createCall({ ...request, form: minimalForm(allEvents) })
      yield* emulator.setOutcomes([])
      yield* emulator.reset
      expect(yield* emulator.calls).toStrictEqual([])
      expect(yield* emulator.outcomes).toStrictEqual([{ outcome: "busy" }])
      yield* TestClock.adjust("1 minute")
      yield* expectNoMoreCallbacks(callbacks)
    }))

  it.scoped("ends every life with its scope", () =>
    Effect.gen(function*() {
      const callbacks = yield* Effect.scoped(Effect.gen(function*() {
        const { api, callbacks } = yield* makeEmulator()
        yield* api.createCall({ ...request, form: minimalForm(allEvents) })
        return callbacks
      }))
      yield* TestClock.adjust("1 minute")
      yield* expectNoMoreCallbacks(callbacks)
    }))

  it.scoped("layerConfig reads its options from Config, a missing one failing as a ConfigError", () =>
    Effect.gen(function*() {
      const callbacks = yield* Queue.unbounded<Received>()
      const noCallbacks = Layer.succeed(WebhookClient.WebhookClient, recordingClient(callbacks, yield* Ref.make<number | "refuse">(204)))
      const fromEnv = Emulator.layerConfig({
        projects: Config.map(
          Config.all({ projectId: Config.string("EMULATOR_PROJECT_ID"), authToken: Config.redacted("EMULATOR_API_TOKEN") }),
          (project) => [project]
        ),
        pricePerMinute: Config.number("EMULATOR_PRICE")
      }).pipe(Layer.provide(noCallbacks))
      const env = (entries: ReadonlyArray<readonly [string, string]>) => Layer.setConfigProvider(ConfigProvider.fromMap(new Map(entries)))

      const emulator = yield* Effect.provide(
        Emulator.Emulator,
        fromEnv.pipe(Layer.provide(env([["EMULATOR_PROJECT_ID", projectId], ["EMULATOR_API_TOKEN", "PTfrom-env"], ["EMULATOR_PRICE", "0.01"]])))
      )
      const api = yield* callsApi(emulator)
      const created = yield* api.createCall({
        credentials: { username: projectId, password: Redacted.make("PTfrom-env") },
        accountSid: projectId,
        form: minimalForm({ MaxPricePerMinute: "0.009" })
      }).pipe(Effect.flip)
      expect(created.apiError.code).toBe(30010)

      const missing = yield* Effect.flip(Effect.provide(Emulator.Emulator, fromEnv.pipe(Layer.provide(env([])))))
      expect(missing._tag).toBe("ConfigError")
    }))

  it.scoped("serves the default project when none is configured", () =>
    Effect.gen(function*() {
      const { api } = yield* makeEmulator({ projects: undefined })
      const { authToken, projectId } = Emulator.defaultProject
      const call = yield* api.createCall({
        credentials: { username: projectId, password: Redacted.make(authToken as string) },
        accountSid: projectId,
        form: minimalForm()
      })
      assert.strictEqual(call.accountSid, "b3877c40-da60-4998-90ad-b792e98472af")
    }))
})
