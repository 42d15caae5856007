/**
 * The emulator's AMD and recording callbacks (signed with the client's WebhookSignature, decoded
 * by the schema package), and an app's fetch handler (`Webhook.toWebHandler`, served by Node)
 * receiving every kind of callback the emulator sends over real HTTP.
 */
import { Webhook, WebhookConfig, WebhookSignature } from "@effect-signalwire/client"
import { Emulator, WebhookClient } from "@effect-signalwire/emulator"
import { AsyncAmdStatusCallback, RecordingStatusCallback, StatusCallback } from "@effect-signalwire/schema"
import * as HttpRouter from "@effect/platform/HttpRouter"
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { createFromForm, form, makeEmulator, paramsOf, projectId, projects, type Received, signingKey } from "./utils.js"

const app = "https://app.example.com"

const isSigned = (received: Received) =>
  Effect.isSuccess(WebhookSignature.verify({
    signingKey: Redacted.make(signingKey),
    url: received.url,
    params: received.method === "GET" ? [] : received.params,
    signature: received.headers[WebhookSignature.signatureHeader]
  }))

const recordedCall = (to: string, extra: Record<string, string | ReadonlyArray<string>> = {}) =>
  form({
    To: to,
    From: "+13103384645",
    Url: "https://example.com/voice.xml",
    StatusCallback: `${app}/status`,
    StatusCallbackEvent: ["answered", "completed"],
    MachineDetection: "Enable",
    AsyncAmd: "true",
    AsyncAmdStatusCallback: `${app}/amd`,
    Record: "true",
    RecordingStatusCallback: `${app}/recording`,
    RecordingStatusCallbackEvent: ["in-progress", "completed", "absent"],
    ...extra
  })

/** Real time, not the test clock: lets deliveries still signing through WebCrypto (real promises) finish. */
const realPause = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 50)))

/**
 * Every callback delivered once the test clock has moved: the queue must stay the same size for
 * half a second of real time (signing goes through WebCrypto, whose promises the test clock does not
 * drive), then all of it.
 */
const takeAll = (queue: Queue.Queue<Received>) =>
  Effect.gen(function*() {
    let size = yield* Queue.size(queue)
    for (let quiet = 0; quiet < 10;) {
      yield* realPause
      const now = yield* Queue.size(queue)
      quiet = now === size ? quiet + 1 : 0
      size = now
    }
    return Array.from(yield* Queue.takeAll(queue))
  })

describe("the emulator's AMD and recording callbacks", () => {
  it.scoped("an answered call: status, AMD result and recording events, in order, signed, decodable", () =>
    Effect.gen(function*() {
      const { callbacks, emulator } = yield* makeEmulator()
      const call = yield* createFromForm(emulator, recordedCall("+15005550005", { RecordingChannels: "dual" }))
      yield* TestClock.adjust("1 minute")
      const received = yield* takeAll(callbacks)
      expect(received.map((r) => [new URL(r.url).pathname, paramsOf(r).CallStatus ?? paramsOf(r).RecordingStatus ?? paramsOf(r).AnsweredBy]))
        .toStrictEqual([
          ["/status", "in-progress"],
          ["/amd", "machine_end_beep"],
          ["/recording", "in-progress"],
          ["/status", "completed"],
          ["/recording", "completed"]
        ])
      expect((yield* Effect.forEach(received, isSigned)).every(Boolean)).toBe(true)
      const amd = yield* AsyncAmdStatusCallback.fromFormParams(received[1]!.params)
      expect(amd).toMatchObject({ accountSid: projectId, callSid: call.sid, answeredBy: "machine_end_beep", machineDetectionDuration: 3200 })
      const started = yield* RecordingStatusCallback.fromFormParams(received[2]!.params)
      const completed = yield* RecordingStatusCallback.fromFormParams(received[4]!.params)
      const final = yield* StatusCallback.fromFormParams(received[3]!.params)
      expect(started).toMatchObject({ callSid: call.sid, recordingStatus: "in-progress", recordingChannels: 2, recordingSource: "OutboundAPI" })
      expect(started.recordingDuration).toBeUndefined()
      expect(completed).toMatchObject({
        callSid: call.sid,
        recordingSid: started.recordingSid,
        recordingStatus: "completed",
        recordingDuration: final.callDuration,
        recordingStartTime: started.recordingStartTime,
        recordingUrl: `/api/laml/2010-04-01/Accounts/${projectId}/Recordings/${started.recordingSid}`
      })
    }))

  it.scoped("GET methods put the fields in the signed URL; only the subscribed recording events are sent", () =>
    Effect.gen(function*() {
      const { callbacks, emulator } = yield* makeEmulator()
      yield* createFromForm(
        emulator,
        recordedCall("+13105678901", {
          StatusCallbackEvent: "completed",
          AsyncAmdStatusCallbackMethod: "GET",
          RecordingStatusCallbackMethod: "GET",
          RecordingStatusCallbackEvent: "completed"
        })
      )
      yield* TestClock.adjust("1 minute")
      const received = yield* takeAll(callbacks)
      const gets = received.filter((r) => r.method === "GET")
      expect(gets.map((r) => new URL(r.url).pathname)).toStrictEqual(["/amd", "/recording"])
      expect(new URL(gets[0]!.url).searchParams.get("AnsweredBy")).toBe("human")
      expect(new URL(gets[1]!.url).searchParams.get("RecordingStatus")).toBe("completed")
      expect((yield* Effect.forEach(received, isSigned)).every(Boolean)).toBe(true)
    }))

  it.scoped("a call never answered sends neither AMD nor recording callbacks; without AsyncAmd, no AMD callback", () =>
    Effect.gen(function*() {
      const { callbacks, emulator } = yield* makeEmulator()
      yield* createFromForm(emulator, recordedCall("+15005550003")) // busy
      yield* createFromForm(emulator, recordedCall("+13105678901", { AsyncAmd: "false" }))
      yield* TestClock.adjust("1 minute")
      const paths = (yield* takeAll(callbacks)).map((r) => new URL(r.url).pathname)
      expect(paths.filter((path) => path === "/amd")).toStrictEqual([])
      expect(paths.filter((path) => path === "/recording")).toHaveLength(2) // in-progress, completed of the answered call
    }))
})

/** A fetch handler served by Node's HTTP server on 127.0.0.1, as Node adapters for fetch handlers do. */
const serveFetch = (handler: (request: Request) => Promise<Response>) =>
  Effect.acquireRelease(
    Effect.async<Server>((resume) => {
      const server = createServer(async (incoming, outgoing) => {
        const chunks: Array<Buffer> = []
        for await (const chunk of incoming) chunks.push(chunk as Buffer)
        const headers = new Headers()
        for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value)
        const { port } = server.address() as AddressInfo
        const response = await handler(new Request(`http://127.0.0.1:${port}${incoming.url}`, {
          method: incoming.method!,
          headers,
          ...(incoming.method === "GET" || incoming.method === "HEAD" ? {} : { body: Buffer.concat(chunks) })
        }))
        outgoing.writeHead(response.status, Object.fromEntries(response.headers))
        outgoing.end(Buffer.from(await response.arrayBuffer()))
      })
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
  )

describe("Webhook.toWebHandler on Node, fed by the emulator over real HTTP", () => {
  it.scoped("verifies and decodes the status (POST, with a query), AMD (GET) and recording callbacks the emulator signed", () =>
    Effect.gen(function*() {
      const handled = yield* Queue.unbounded<string>()
      const router = HttpRouter.empty.pipe(
        HttpRouter.all("/status", Webhook.handler(StatusCallback.StatusCallback, (c) => Effect.asVoid(Queue.offer(handled, `status ${c.callStatus} #${c.sequenceNumber}`)))),
        HttpRouter.all("/amd", Webhook.handler(AsyncAmdStatusCallback.AsyncAmdStatusCallback, (c) => Effect.asVoid(Queue.offer(handled, `amd ${c.answeredBy}`)))),
        HttpRouter.all("/recording", Webhook.handler(RecordingStatusCallback.RecordingStatusCallback, (c) => Effect.asVoid(Queue.offer(handled, `recording ${c.recordingStatus}`))))
      )
      const fetchHandler = Webhook.toWebHandler(HttpRouter.toHttpApp(router).pipe(Effect.flatten, Effect.orDie), WebhookConfig.layer({ signingKey: Redacted.make(signingKey) }))
      yield* Effect.addFinalizer(() => Effect.promise(() => fetchHandler.dispose()))
      const server = yield* serveFetch(fetchHandler)
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

      // Moving the test clock a minute must not time out a delivery that is in flight over real HTTP.
      const emulator = yield* Emulator.make({ projects, callbackTimeout: "1 day" }).pipe(Effect.provide(WebhookClient.layerFetch))
      yield* createFromForm(
        emulator,
        form({
          To: "+15005550005",
          From: "+13103384645",
          Url: "https://example.com/voice.xml",
          StatusCallback: `${origin}/status?tenant=7`,
          StatusCallbackEvent: ["ringing", "answered", "completed"],
          MachineDetection: "Enable",
          AsyncAmd: "true",
          AsyncAmdStatusCallback: `${origin}/amd`,
          AsyncAmdStatusCallbackMethod: "GET",
          Record: "true",
          RecordingStatusCallback: `${origin}/recording`
        })
      )
      yield* TestClock.adjust("1 minute")
      const seen: Array<string> = []
      while (seen.length < 5) seen.push(yield* Queue.take(handled))
      expect(seen).toStrictEqual(["status ringing #0", "status in-progress #1", "amd machine_end_beep", "status completed #2", "recording completed"])
    }))
})
