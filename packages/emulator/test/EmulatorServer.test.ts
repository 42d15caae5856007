import { describe, expect, it } from "@effect/vitest"
import type { Emulator } from "@effect-signalwire/emulator"
import { ApiErrorBody, Call, CallPage } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { authToken, basicAuth, minimalForm, otherProjectId, projectId, serveEmulator } from "./utils.js"

const fast: Emulator.Options = { timings: { queued: 10, initiated: 10, ringing: 10, inProgress: 10 } }

interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

const send = (url: string, init: RequestInit & { readonly form?: ReadonlyArray<readonly [string, string]> } = {}) =>
  Effect.promise(async (): Promise<Answer> => {
    const { form, ...rest } = init
    const response = await fetch(url, {
      ...rest,
      headers: {
        authorization: basicAuth(),
        ...(form !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        ...rest.headers
      },
      ...(form !== undefined ? { body: new URLSearchParams(form as Array<[string, string]>).toString() } : {})
    })
    const text = await response.text()
    return { status: response.status, headers: response.headers, text, json: text === "" ? undefined : JSON.parse(text) }
  })

const decodeCall = Schema.decodeUnknownSync(Call.Call)

/** Waits (really) until the call has ended. */
const ended = (base: string, sid: string) =>
  send(`${base}/api/laml/2010-04-01/Accounts/${projectId}/Calls/${sid}.json`).pipe(
    Effect.map((answer) => answer.json.status as string),
    // Polled, not spun: a busy loop of requests would slow the emulator it waits for.
    Effect.repeat(
      Schedule.recurUntil((status: string) => !["queued", "ringing", "in-progress"].includes(status)).pipe(
        Schedule.addDelay(() => "10 millis")
      )
    ),
    // A guard against a call that never ends, generous for a loaded machine.
    Effect.timeout("60 seconds")
  )

describe("EmulatorServer", () => {
  describe.each([
    ["/api/laml/2010-04-01", ".json"],
    ["/api/laml/2010-04-01", ""],
    ["/2010-04-01", ".json"],
    ["/2010-04-01", ""]
  ])("under %s, paths ending %j", (prefix, suffix) => {
    it.scopedLive("creates (201), fetches, lists, hangs up and deletes (204) a call", () =>
      Effect.gen(function*() {
        const { url } = yield* serveEmulator()
        const calls = `${url}${prefix}/Accounts/${projectId}/Calls`

        const created = yield* send(`${calls}${suffix}`, { method: "POST", form: minimalForm() })
        expect(created.status).toBe(201)
        expect(created.headers.get("content-type")).toBe("application/json")
        const call = decodeCall(created.json)
        expect(call.status).toBe("queued")

        const fetched = yield* send(`${calls}/${call.sid}${suffix}`)
        expect(fetched.status).toBe(200)
        expect(decodeCall(fetched.json).sid).toBe(call.sid)

        const listed = yield* send(`${calls}${suffix}?To=%2B13105678901`)
        expect(listed.status).toBe(200)
        // The envelope's keys: the official SDK takes the one that is not paging metadata as the items.
        expect(Object.keys(listed.json).sort()).toStrictEqual(
          ["calls", "first_page_uri", "next_page_uri", "page", "page_size", "previous_page_uri", "uri"]
        )
        expect(Schema.decodeUnknownSync(CallPage.CallPage)(listed.json).calls.map((c) => c.sid)).toStrictEqual([call.sid])

        const hungUp = yield* send(`${calls}/${call.sid}${suffix}`, { method: "POST", form: [["Status", "canceled"]] })
        expect(hungUp.status).toBe(200)
        expect(hungUp.json.status).toBe("canceled")

        const deleted = yield* send(`${calls}/${call.sid}${suffix}`, { method: "DELETE" })
        expect(deleted.status).toBe(204)
        expect(deleted.text).toBe("")

        const gone = yield* send(`${calls}/${call.sid}${suffix}`)
        expect(gone.status).toBe(404)
        expect(gone.json).toMatchObject({ code: 20404, status: 404 })
      }))
  })

  it.scopedLive("answers like SignalWire when something is wrong", () =>
    Effect.gen(function*() {
      const { url } = yield* serveEmulator()
      const calls = `${url}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`

      const anonymous = yield* send(calls, { method: "POST", form: minimalForm(), headers: { authorization: "" } })
      expect(anonymous.status).toBe(401)
      expect(anonymous.json).toStrictEqual({
        code: 20003,
        message: "Authentication failed",
        more_info: "https://developer.signalwire.com/compatibility-api/reference/error-codes",
        status: 401
      })
      const wrongToken = yield* send(calls, { headers: { authorization: basicAuth(projectId, `${authToken}x`) } })
      expect(wrongToken.status).toBe(401)
      const otherAccount = yield* send(`${url}/api/laml/2010-04-01/Accounts/${otherProjectId}/Calls.json`)
      expect(otherAccount.status).toBe(401)

      const invalid = yield* send(calls, { method: "POST", form: [["To", "+13105678901"], ["From", "+13103384645"]] })
      expect(invalid.status).toBe(400)
      expect(invalid.json).toStrictEqual({
        errors: [{
          code: "21205",
          message: "Url or an ApplicationSid must be included.",
          more_info: "https://developer.signalwire.com/compatibility-api/reference/error-codes"
        }]
      })
      expect(Option.getOrThrow(ApiErrorBody.decodeOption(invalid.json)).code).toBe(21205)

      const unknown = yield* send(`${url}/api/laml/2010-04-01/Accounts/${projectId}/Messages.json`)
      expect(unknown.status).toBe(404)
      expect(unknown.json).toMatchObject({
        code: 20404,
        message: `The requested resource /api/laml/2010-04-01/Accounts/${projectId}/Messages.json was not found`
      })
    }))

  describe("faults", () => {
    it.scopedLive("answers 429 with Retry-After, and 5xx, as many times as the rule says, without processing the request", () =>
      Effect.gen(function*() {
        const { emulator, log, url } = yield* serveEmulator()
        const calls = `${url}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`
        const added = yield* send(`${url}/__emulator/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify([
            { fault: { _tag: "RateLimited", retryAfterSeconds: 3 }, operation: "createCall", times: 1 },
            { fault: { _tag: "ServerError", status: 503 }, operation: "createCall", times: 1 }
          ])
        })
        expect(added.status).toBe(201)

        const limited = yield* send(calls, { method: "POST", form: minimalForm() })
        expect(limited.status).toBe(429)
        expect(limited.headers.get("retry-after")).toBe("3")
        expect(limited.json).toMatchObject({ code: 20429, status: 429 })

        const unavailable = yield* send(calls, { method: "POST", form: minimalForm() })
        expect(unavailable.status).toBe(503)
        expect(unavailable.json).toMatchObject({ code: 20503, status: 503 })

        expect((yield* send(calls, { method: "POST", form: minimalForm() })).status).toBe(201)
        expect((yield* emulator.calls).length).toBe(1)
        expect(yield* log.count({ operation: "createCall" })).toBe(3)
      }))

    it.scopedLive("drops the connection after reading the request; with afterProcessing, once the call is created", () =>
      Effect.gen(function*() {
        const { emulator, faults, log, url } = yield* serveEmulator()
        const calls = `${url}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`
        const post = Effect.tryPromise(() =>
          fetch(calls, {
            method: "POST",
            headers: { authorization: basicAuth(), "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(minimalForm() as Array<[string, string]>).toString()
          })
        )

        yield* faults.add({ fault: { _tag: "Drop", afterProcessing: false }, times: 1 })
        const dropped = yield* Effect.flip(post)
        expect(String(dropped.error)).toContain("fetch failed")
        expect(yield* emulator.calls).toStrictEqual([])

        yield* faults.add({ fault: { _tag: "Drop", afterProcessing: true }, times: 1 })
        yield* Effect.flip(post)
        expect((yield* emulator.calls).length).toBe(1)

        expect((yield* post).status).toBe(201)
        expect(yield* log.count({ operation: "createCall" })).toBe(3)
      }))
  })

  describe("the admin API", () => {
    it.scopedLive("reports health, requests per operation, calls, and resets", () =>
      Effect.gen(function*() {
        const { url } = yield* serveEmulator(fast)
        const calls = `${url}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`
        expect((yield* send(`${url}/__emulator/health`)).json).toStrictEqual({ status: "ok" })
        const created = yield* send(calls, { method: "POST", form: minimalForm() })
        yield* send(calls)
        yield* send(`${url}/api/laml/2010-04-01/Accounts/${projectId}/Queues.json`)

        const requests = (yield* send(`${url}/__emulator/requests`)).json
        expect(requests.total).toBe(3)
        expect(requests.counts).toStrictEqual({ createCall: 1, fetchCall: 0, listCalls: 1, updateCall: 0, deleteCall: 0, unmatched: 1 })
        expect(requests.requests[0]).toMatchObject({
          operation: "createCall",
          method: "POST",
          path: `/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`,
          accountSid: projectId,
          faults: []
        })
        expect((yield* send(`${url}/__emulator/calls`)).json.calls.map((c: any) => c.sid)).toStrictEqual([created.json.sid])

        expect((yield* send(`${url}/__emulator/requests`, { method: "DELETE" })).status).toBe(204)
        expect((yield* send(`${url}/__emulator/requests`)).json.total).toBe(0)
        expect((yield* send(`${url}/__emulator/reset`, { method: "POST" })).status).toBe(204)
        expect((yield* send(`${url}/__emulator/calls`)).json.calls).toStrictEqual([])
      }))

    it.scopedLive("sets, lists and clears faults; rejects a malformed rule with the reason", () =>
      Effect.gen(function*() {
        const { url } = yield* serveEmulator()
        const faults = `${url}/__emulator/faults`
        const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
        expect((yield* send(faults, json({ fault: { _tag: "Delay", millis: 5 } }))).status).toBe(201)
        expect((yield* send(faults)).json).toStrictEqual({ faults: [{ fault: { _tag: "Delay", millis: 5 } }] })
        const malformed = yield* send(faults, json({ fault: { _tag: "Explode" } }))
        expect(malformed.status).toBe(400)
        expect(malformed.json.error).toContain("Explode")
        const notJson = yield* send(faults, { method: "POST", body: "{" })
        expect(notJson.status).toBe(400)
        expect((yield* send(faults, { method: "DELETE" })).status).toBe(204)
        expect((yield* send(faults)).json).toStrictEqual({ faults: [] })
      }))

    it.scopedLive("scripts outcomes", () =>
      Effect.gen(function*() {
        const { url } = yield* serveEmulator(fast)
        const outcomes = `${url}/__emulator/outcomes`
        const set = yield* send(outcomes, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify([{ to: "+13105678901", outcome: "busy" }])
        })
        expect(set.status).toBe(200)
        const listed = (yield* send(outcomes)).json
        expect(listed.outcomes).toStrictEqual([{ to: "+13105678901", outcome: "busy" }])
        expect(listed.defaults.length).toBe(5)
        const bad = yield* send(outcomes, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify([{ outcome: "exploded" }]) })
        expect(bad.status).toBe(400)

        const created = yield* send(`${url}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`, { method: "POST", form: minimalForm() })
        expect(yield* ended(url, created.json.sid)).toBe("busy")
      }))
  })
})
