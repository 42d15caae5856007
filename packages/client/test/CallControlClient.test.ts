/**
 * The call-control operations through the real client over `FakeHttpClient` (no socket): what
 * each puts on the wire, its span, its retries, and that neither its errors nor its logs carry a
 * credential.
 */
import {
  CallControlError,
  createCall,
  deleteCall,
  fetchCall,
  FakeHttpClient,
  hangUpCall,
  listCalls,
  listCallsPage,
  reconcile,
  updateCall
} from "@effect-signalwire/client"
import { assert, describe, expect, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import {
  answers,
  authToken,
  createResponseBody,
  fakeClient,
  lost,
  makeLogRecorder,
  makeSpanRecorder,
  projectId,
  requests,
  space,
  status,
  withinAMinute
} from "./fixtures.js"

const sid = "82e7850d-054e-4067-8c4f-6568acd96575"
const callUrl = `https://${space}/api/laml/2010-04-01/Accounts/${projectId}/Calls/${sid}.json`
const callJson = { ...createResponseBody, sid }
const ok = () => FakeHttpClient.json(200, callJson)
const page = (calls: ReadonlyArray<unknown>, next: string | null) => () =>
  FakeHttpClient.json(200, {
    uri: "/api/laml/2010-04-01/Accounts/x/Calls?Page=0",
    first_page_uri: "/api/laml/2010-04-01/Accounts/x/Calls?Page=0",
    next_page_uri: next,
    previous_page_uri: null,
    page: 0,
    page_size: 50,
    calls
  })

describe("call control through the client", () => {
  it.effect("each operation's method, path and body", () =>
    Effect.gen(function*() {
      yield* fetchCall(sid)
      yield* updateCall(sid, { url: "https://example.com/next.xml", method: "GET" })
      yield* hangUpCall(sid)
      yield* deleteCall(sid)
      yield* listCallsPage({ to: "+13105678901", startTime: { after: new Date("2024-05-01T12:00:00Z") } }, { pageSize: 20 })
      const sent = yield* requests
      expect(sent.map((r) => [r.method, r.url, r.form])).toStrictEqual([
        ["GET", callUrl, []],
        ["POST", callUrl, [["Url", "https://example.com/next.xml"], ["Method", "GET"]]],
        ["POST", callUrl, [["Status", "completed"]]],
        ["DELETE", callUrl, []],
        [
          "GET",
          `https://${space}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json?To=%2B13105678901&StartTime%3E=2024-05-01T12%3A00%3A00Z&PageSize=20`,
          []
        ]
      ])
      for (const request of sent) {
        expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${projectId}:${authToken}`).toString("base64")}`)
        expect(request.headers.accept).toBe("application/json")
      }
    }).pipe(Effect.provide(fakeClient((request) => request.method === "DELETE" ? new Response(null, { status: 204 }) : request.url.includes("Calls.json?") ? page([], null)() : ok()))))

  it.effect("a sid is one path segment, whatever it holds", () =>
    Effect.gen(function*() {
      yield* Effect.flip(fetchCall("a/../../b?c"))
      expect((yield* requests)[0]!.url).toBe(`https://${space}/api/laml/2010-04-01/Accounts/${projectId}/Calls/a%2F..%2F..%2Fb%3Fc.json`)
    }).pipe(Effect.provide(fakeClient(status(404, { code: 20404, message: "not found", status: 404 })))))

  it.effect("each operation has its span, named after it and annotated with the sid and the attempts", () =>
    Effect.gen(function*() {
      const tracing = makeSpanRecorder()
      yield* withinAMinute(Effect.all([fetchCall(sid), hangUpCall(sid), deleteCall(sid)])).pipe(Effect.withTracer(tracing.tracer))
      for (const name of ["SignalWireClient.fetchCall", "SignalWireClient.hangUpCall", "SignalWireClient.updateCall", "SignalWireClient.deleteCall"]) {
        const span = tracing.spans.find((s) => s.name === name)
        assert.isDefined(span, name)
        expect(span.attributes.get("signalwire.call.sid")).toBe(sid)
      }
      expect(tracing.spans.find((s) => s.name === "SignalWireClient.fetchCall")!.attributes.get("signalwire.attempts")).toBe(2)
    }).pipe(Effect.provide(fakeClient(answers(status(503, { code: 20503, message: "Service Unavailable", status: 503 }), (request) =>
      request.method === "DELETE" ? new Response(null, { status: 204 }) : ok())))))

  it.effect.each([
    { name: "a list page that links to another host", link: "https://attacker.example.com/steal?Page=1" },
    { name: "a protocol-relative next_page_uri (//host/...), another host", link: "//attacker.example.com/steal?Page=1" }
  ])("$name: refused, never followed", ({ link }) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Stream.runCollect(listCalls()))
      expect(error).toMatchObject({ _tag: "UnexpectedResponse", detail: "next_page_uri is not a path on the space" })
      expect(yield* requests).toHaveLength(1)
    }).pipe(Effect.provide(fakeClient(page([callJson], link)))))

  const secondPage = `/api/laml/2010-04-01/Accounts/${projectId}/Calls?Page=1&PageSize=1`
  it.effect.each([
    { name: "a next_page_uri given as a path on the space", link: secondPage },
    { name: "a next_page_uri given as a full URL on the space itself", link: `https://${space}${secondPage}` }
  ])("$name: followed as its path and query, with the same credentials", ({ link }) =>
    Effect.gen(function*() {
      const calls = yield* Stream.runCollect(listCalls())
      expect(Chunk.size(calls)).toBe(2)
      expect((yield* requests)[1]!.url).toBe(`https://${space}/api/laml/2010-04-01/Accounts/${projectId}/Calls?Page=1&PageSize=1`)
    }).pipe(Effect.provide(fakeClient(answers(
      page([callJson], link),
      page([{ ...callJson, sid: "b3877c40-da60-4998-90ad-b792e98472ca" }], null)
    )))))

  it.effect("NoResponse and ServerFailure after the retries, and no credential in any error, message or log", () =>
    Effect.gen(function*() {
      const logs = makeLogRecorder()
      const lostAnswer = yield* Effect.flip(withinAMinute(fetchCall(sid))).pipe(Effect.provide(fakeClient(lost)), Effect.provide(logs.layer))
      expect(lostAnswer).toBeInstanceOf(CallControlError.NoResponse)
      expect(lostAnswer).toMatchObject({ reason: "ConnectionLost", operation: "Fetch Call", sid, attempts: 4 })
      const failed = yield* Effect.flip(withinAMinute(deleteCall(sid))).pipe(
        Effect.provide(fakeClient(status(500, { code: 20500, message: "Internal Server Error", status: 500 }))),
        Effect.provide(logs.layer)
      )
      expect(failed).toMatchObject({ _tag: "ServerFailure", status: 500, code: 20500, operation: "Delete Call", sid, attempts: 4 })
      expect(logs.entries.filter((entry) => entry.message.includes("SignalWire Fetch Call: retrying"))).toHaveLength(3)
      const basic = Buffer.from(`${projectId}:${authToken}`).toString("base64")
      for (const error of [lostAnswer, failed]) {
        const encoded = JSON.stringify(yield* Schema.encode(CallControlError.CallControlError)(error))
        for (const text of [error.message, String(error), encoded, ...logs.entries.map((entry) => entry.text)]) {
          expect(text).not.toContain(authToken)
          expect(text).not.toContain(basic)
        }
      }
    }))

  it.effect("a placed call whose answer is unreadable: reconcile() finds it and never sends the create again", () =>
    Effect.gen(function*() {
      const call = yield* withinAMinute(
        createCall({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }, {
          reconcile: reconcile({ resendIfNone: true })
        })
      )
      expect(call.sid).toBe(sid)
      const sent = yield* requests
      expect(sent.map((r) => r.method)).toStrictEqual(["POST", "GET"])
      expect(sent[1]!.url).toContain("Calls.json?To=%2B13105678901&From=%2B13103384645")
    }).pipe(Effect.provide(fakeClient(answers(
      () => new Response(`{"sid": "${sid}", "status": `, { status: 201, headers: { "content-type": "application/json" } }),
      page([{ ...callJson, to: "+13105678901", from: "+13103384645", date_created: new Date(0).toUTCString().replace("GMT", "+0000") }], null)
    )))))
})
