/**
 * `Webhook.handler` served by a real Node HTTP server on 127.0.0.1 and as a fetch handler:
 * verified and decoded callbacks reach the handler and are answered 200 (empty or LaML); a
 * missing or forged signature is 403 and a body that does not decode is 400, both with an empty
 * body and a log line that never holds the key; GET callbacks and JSON bodies; the URL behind a
 * proxy (X-Forwarded-* trusted or not, or a configured public URL).
 */
import { CallbackSequence, Webhook, WebhookConfig, WebhookSignature } from "@effect-signalwire/client"
import { StatusCallback } from "@effect-signalwire/schema"
import * as Laml from "@effect-signalwire/schema/Laml"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpApp from "@effect/platform/HttpApp"
import type * as HttpServer from "@effect/platform/HttpServer"
import * as HttpRouter from "@effect/platform/HttpRouter"
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createServer } from "node:http"

const key = "PSwebhook-signing-key-0123"
const signingKey = Redacted.make(key)

const fields = {
  AccountSid: "b3877c40-da60-4998-90ad-b792e98472af",
  ApiVersion: "2010-04-01",
  CallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
  CallStatus: "ringing",
  Direction: "outbound-api",
  From: "+15551230000",
  To: "+15551234567",
  Timestamp: "Wed, 19 Sep 2018 20:00:00 +0000",
  SequenceNumber: "1",
  CallbackSource: "call-progress-events"
}

const laml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hello</Say></Response>"

/** What the server's handler saw and logged. */
const makeRecorder = () => {
  const handled: Array<StatusCallback.StatusCallback> = []
  const logs: Array<string> = []
  const logger = Logger.replace(
    Logger.defaultLogger,
    Logger.make(({ annotations, message }) => logs.push(JSON.stringify({ message, annotations: Object.fromEntries(annotations) })))
  )
  return { handled, logs, logger }
}

/** The handler served on 127.0.0.1: its origin, and what it handled and logged. */
const serve = (options: WebhookConfig.Options, reply: (callback: StatusCallback.StatusCallback) => Webhook.Reply = () => undefined) =>
  Effect.gen(function*() {
    const recorder = makeRecorder()
    const app = HttpRouter.empty.pipe(
      HttpRouter.all(
        "/status",
        Webhook.handler(StatusCallback.StatusCallback, (callback) => Effect.sync(() => (recorder.handled.push(callback), reply(callback))))
      )
    )
    const server = yield* NodeHttpServer.make(() => createServer(), { port: 0, host: "127.0.0.1" })
    yield* server.serve(app.pipe(
      Effect.provide(Layer.mergeAll(WebhookConfig.layer(options), recorder.logger, Logger.minimumLogLevel(LogLevel.Debug))),
      Effect.orDie
    ))
    return { ...recorder, origin: `http://127.0.0.1:${(server.address as HttpServer.TcpAddress).port}` }
  })

const post = (url: string, body: string, headers: Record<string, string>) =>
  Effect.promise(async () => {
    const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } })
    return { status: response.status, contentType: response.headers.get("content-type"), body: await response.text() }
  })

const signedPost = (url: string, signedUrl = url, extra: Record<string, string> = {}, params: Record<string, string> = fields) =>
  Effect.flatMap(WebhookSignature.sign({ signingKey, url: signedUrl, params }), (signature) =>
    post(url, new URLSearchParams(params).toString(), { [WebhookSignature.signatureHeader]: signature, ...extra }))

describe("Webhook.handler on a Node server", () => {
  it.scoped("a signed status callback is decoded, handled and answered 200 with an empty body", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey })
      const response = yield* signedPost(`${server.origin}/status?tenant=1`)
      expect(response).toMatchObject({ status: 200, body: "" })
      expect(server.handled).toHaveLength(1)
      expect(server.handled[0]).toMatchObject({ callSid: fields.CallSid, callStatus: "ringing", sequenceNumber: 1, timestamp: new Date("2018-09-19T20:00:00Z") })
    }))

  it.scoped("a LaML document returned by the handler is the text/xml answer", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey }, () => laml)
      const response = yield* signedPost(`${server.origin}/status`)
      expect(response).toStrictEqual({ status: 200, contentType: "text/xml", body: laml })
    }))

  it.scoped("a Laml document is checked and rendered; one that breaks a rule is a 500 and an error log", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey }, (callback) =>
        callback.callStatus === "ringing" ? Laml.response([Laml.say(`Hello & ${callback.callStatus}`)]) : Laml.response([Laml.say("bell \u0007")]))
      const response = yield* signedPost(`${server.origin}/status`)
      expect(response).toStrictEqual({
        status: 200,
        contentType: "text/xml",
        body: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hello &amp; ringing</Say></Response>"
      })
      const broken = yield* signedPost(`${server.origin}/status`, undefined, {}, { ...fields, CallStatus: "completed" })
      expect(broken).toMatchObject({ status: 500, body: "" })
      expect(server.logs.join("\n")).toContain("breaks a rule")
    }))

  it.scoped("X-Twilio-Signature alone is accepted", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey })
      const url = `${server.origin}/status`
      const signature = yield* WebhookSignature.sign({ signingKey, url, params: fields })
      const response = yield* post(url, new URLSearchParams(fields).toString(), { [WebhookSignature.twilioSignatureHeader]: signature })
      expect(response.status).toBe(200)
    }))

  it.scoped("missing, forged or other-key signatures are 403 with an empty body; the log says why, never the key", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey })
      const url = `${server.origin}/status`
      const body = new URLSearchParams(fields).toString()
      const otherKey = yield* WebhookSignature.sign({ signingKey: Redacted.make("PSanother-key"), url, params: fields })
      const tampered = yield* WebhookSignature.sign({ signingKey, url, params: { ...fields, CallStatus: "completed" } })
      for (const headers of [{}, { [WebhookSignature.signatureHeader]: "forged" }, { [WebhookSignature.signatureHeader]: otherKey }, { [WebhookSignature.signatureHeader]: tampered }]) {
        expect(yield* post(url, body, headers)).toMatchObject({ status: 403, body: "" })
      }
      expect(server.handled).toHaveLength(0)
      expect(server.logs).toHaveLength(4)
      expect(server.logs[0]).toContain("\"reason\":\"Missing\"")
      expect(server.logs.slice(1).every((line) => line.includes("\"reason\":\"Mismatch\""))).toBe(true)
      expect(server.logs.join("\n")).not.toContain(key)
    }))

  it.scoped("an odd non-essential field is left out and logged at debug level, not answered 400", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey })
      const response = yield* signedPost(`${server.origin}/status`, undefined, {}, { ...fields, Timestamp: "soon", CallbackSource: "" })
      expect(response.status).toBe(200)
      expect(server.handled[0]!.timestamp).toBeUndefined()
      expect(server.handled[0]!.unreadable.map(({ field }) => field)).toStrictEqual(["Timestamp"])
      expect(server.logs.join("\n")).toContain("Timestamp=\\\"soon\\\"")
    }))

  it.scoped("a signed body that does not decode is 400 with an empty body, and the issue is logged", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey })
      const { CallSid: _, ...withoutCallSid } = fields
      const response = yield* signedPost(`${server.origin}/status`, undefined, {}, withoutCallSid)
      expect(response).toMatchObject({ status: 400, body: "" })
      expect(server.handled).toHaveLength(0)
      expect(server.logs.join("\n")).toContain("CallSid")
      expect(server.logs.join("\n")).not.toContain(key)
    }))

  it.scoped("a GET callback: fields in the query string, the URL alone signed", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey })
      const url = `${server.origin}/status?${new URLSearchParams(fields)}`
      const signature = yield* WebhookSignature.sign({ signingKey, url })
      const response = yield* Effect.promise(() => fetch(url, { headers: { [WebhookSignature.signatureHeader]: signature } }))
      expect(response.status).toBe(200)
      expect(server.handled.map((callback) => callback.callStatus)).toStrictEqual(["ringing"])
      // The same query signed as POST fields is not the GET signature.
      const asFields = yield* WebhookSignature.sign({ signingKey, url, params: fields })
      const forged = yield* Effect.promise(() => fetch(url, { headers: { [WebhookSignature.signatureHeader]: asFields } }))
      expect(forged.status).toBe(403)
    }))

  it.scoped("a JSON body is verified through bodySHA256; another body is 403", () =>
    Effect.gen(function*() {
      const server = yield* serve({ signingKey })
      const body = JSON.stringify(fields)
      const url = `${server.origin}/status?bodySHA256=${yield* WebhookSignature.bodySHA256(body)}`
      const signature = yield* WebhookSignature.sign({ signingKey, url })
      const headers = { "content-type": "application/json", [WebhookSignature.signatureHeader]: signature }
      expect((yield* post(url, body, headers)).status).toBe(200)
      expect((yield* post(url, body.replace("ringing", "completed"), headers)).status).toBe(403)
      expect(server.handled.map((callback) => callback.callStatus)).toStrictEqual(["ringing"])
      expect(server.logs.join("\n")).toContain("BodyMismatch")
    }))

  describe("behind a proxy: SignalWire signed https://voice.example.com/status, the server sees 127.0.0.1", () => {
    const publicUrl = "https://voice.example.com/status"
    const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "voice.example.com" }

    it.scoped("X-Forwarded-* trusted: 200", () =>
      Effect.gen(function*() {
        const server = yield* serve({ signingKey, trustProxy: true })
        expect((yield* signedPost(`${server.origin}/status`, publicUrl, forwarded)).status).toBe(200)
        // Several proxies: the first value is the client-facing one.
        const chained = { "x-forwarded-proto": "https, http", "x-forwarded-host": "voice.example.com, internal:8080" }
        expect((yield* signedPost(`${server.origin}/status`, publicUrl, chained)).status).toBe(200)
      }))

    it.scoped("X-Forwarded-* not trusted (the default): 403, the headers are ignored", () =>
      Effect.gen(function*() {
        const server = yield* serve({ signingKey })
        expect((yield* signedPost(`${server.origin}/status`, publicUrl, forwarded)).status).toBe(403)
        // Without trust, the URL the server saw is what counts.
        expect((yield* signedPost(`${server.origin}/status`, undefined, forwarded)).status).toBe(200)
      }))

    it.scoped("a configured public URL wins over any header", () =>
      Effect.gen(function*() {
        const server = yield* serve({ signingKey, publicUrl: "https://voice.example.com/", trustProxy: true })
        const spoofed = { "x-forwarded-proto": "http", "x-forwarded-host": "evil.example.com" }
        expect((yield* signedPost(`${server.origin}/status`, publicUrl, spoofed)).status).toBe(200)
        expect((yield* signedPost(`${server.origin}/status`, "https://voice.example.com:443/status")).status).toBe(200)
        expect((yield* signedPost(`${server.origin}/status`)).status).toBe(403)
      }))
  })
})

describe("Webhook.toWebHandler", () => {
  const app = (handled: Array<string>): HttpApp.Default<never, WebhookConfig.WebhookConfig> =>
    Webhook.handler(StatusCallback.StatusCallback, (callback) => Effect.sync(() => void handled.push(callback.callStatus))).pipe(Effect.orDie)

  it.effect("verifies against the Request's own URL and answers 200, 403 or 400", () =>
    Effect.gen(function*() {
      const handled: Array<string> = []
      const handler = Webhook.toWebHandler(app(handled), WebhookConfig.layer({ signingKey }))
      const url = "https://worker.example.workers.dev/status?x=1"
      const signature = yield* WebhookSignature.sign({ signingKey, url, params: fields })
      const request = (headers: Record<string, string>, body = new URLSearchParams(fields).toString()) =>
        new Request(url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } })
      const ok = yield* Effect.promise(() => handler(request({ [WebhookSignature.signatureHeader]: signature })))
      expect([ok.status, yield* Effect.promise(() => ok.text())]).toStrictEqual([200, ""])
      const forged = yield* Effect.promise(() => handler(request({ [WebhookSignature.signatureHeader]: "x" })))
      expect([forged.status, yield* Effect.promise(() => forged.text())]).toStrictEqual([403, ""])
      const { CallSid: _, ...partial } = fields
      const partialSignature = yield* WebhookSignature.sign({ signingKey, url, params: partial })
      const undecodable = yield* Effect.promise(() =>
        handler(request({ [WebhookSignature.signatureHeader]: partialSignature }, new URLSearchParams(partial).toString())))
      expect(undecodable.status).toBe(400)
      expect(handled).toStrictEqual(["ringing"])
      yield* Effect.promise(() => handler.dispose())
    }))

  it.effect("a missing SIGNALWIRE_SIGNING_KEY is a ConfigError naming it", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Layer.build(WebhookConfig.layerConfig()).pipe(Effect.scoped, Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))))
      expect(Exit.isFailure(exit) && String(exit.cause)).toContain("SIGNALWIRE_SIGNING_KEY")
      const read = yield* WebhookConfig.WebhookConfig.pipe(
        Effect.provide(WebhookConfig.layerConfig()),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["SIGNALWIRE_SIGNING_KEY", key], ["SIGNALWIRE_WEBHOOK_URL", "https://voice.example.com/"]])))
      )
      expect(Redacted.value(read.signingKey)).toBe(key)
      expect(read.publicUrl).toBe("https://voice.example.com")
      expect(String(read.signingKey)).not.toContain(key)
      const bad = yield* Effect.exit(WebhookConfig.make({ signingKey, publicUrl: "voice.example.com/status?x=1" }))
      expect(Exit.isFailure(bad) && String(bad.cause)).toContain("publicUrl")
    }))
})

describe("CallbackSequence", () => {
  const callback = (callSid: string, sequenceNumber: number) => ({ callSid, sequenceNumber })

  it("ordered: per call, by sequence number, duplicates dropped", () => {
    const received = [callback("b", 1), callback("a", 2), callback("a", 0), callback("b", 0), callback("a", 2), callback("a", 1)]
    expect(CallbackSequence.ordered(received)).toStrictEqual([callback("b", 0), callback("b", 1), callback("a", 0), callback("a", 1), callback("a", 2)])
  })

  it.effect("the tracker says New, Late or Duplicate", () =>
    Effect.gen(function*() {
      const tracker = yield* CallbackSequence.make
      const verdicts = yield* Effect.forEach([callback("a", 1), callback("a", 0), callback("a", 1), callback("b", 0), callback("a", 3), callback("a", 2), callback("a", 0)], tracker.observe)
      expect(verdicts).toStrictEqual(["New", "Late", "Duplicate", "New", "New", "Late", "Duplicate"])
      yield* tracker.forget("a")
      expect(yield* tracker.observe(callback("a", 0))).toBe("New")
    }))

  it.prop("ordered is the sorted set of (call, sequence number) whatever the arrival order", [Schema.Array(Schema.Struct({ callSid: Schema.Literal("a", "b", "c"), sequenceNumber: Schema.Int.pipe(Schema.between(0, 6)) }))], ([received]) => {
    const result = CallbackSequence.ordered(received)
    const keys = result.map((c) => `${c.callSid}:${c.sequenceNumber}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(new Set(keys)).toStrictEqual(new Set(received.map((c) => `${c.callSid}:${c.sequenceNumber}`)))
    for (let i = 1; i < result.length; i++) {
      if (result[i]!.callSid === result[i - 1]!.callSid) expect(result[i]!.sequenceNumber).toBeGreaterThan(result[i - 1]!.sequenceNumber)
    }
  })
})
