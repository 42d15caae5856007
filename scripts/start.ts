/**
 * `npm start`: places one call with `createCall` and prints it, then each status callback of its
 * life (`initiated`, `ringing`, `in-progress`, `completed`), then fetches it (`fetchCall`) and
 * prints its final status, duration and price.
 *
 * Without SignalWire credentials in the environment, the call goes to the emulator, started in
 * this process on a free port of 127.0.0.1, and a small HTTP listener receives the status
 * callbacks and checks their signatures. With SIGNALWIRE_PROJECT_ID, SIGNALWIRE_API_TOKEN and
 * SIGNALWIRE_SPACE_URL set, the same `createCall` goes to SignalWire: only the layer differs.
 *
 *   npm start
 *   npm run start -- --to +13105678901 --from +13103384645 --url https://example.com/voice.xml
 *   npm run start -- --help
 *
 * The command line is read by @effect/cli (typed options, generated --help); a bad one exits 2.
 */
import { createCall, fetchCall, SignalWireClient, SignalWireConfig, WebhookSignature } from "@effect-signalwire/client"
import { Emulator, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
import { type Call, Laml, StatusCallback } from "@effect-signalwire/schema"
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as ConfigError from "effect/ConfigError"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import type * as Redacted from "effect/Redacted"
import { createServer } from "node:http"

const demo = {
  to: "+13105678901",
  from: "+13103384645",
  // A LaML document, checked and rendered to XML (escaped) when createCall decodes the request.
  twiml: Laml.response([Laml.say("Hello from effect-signalwire.")])
}

class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}
class CallDidNotEnd extends Data.TaggedError("CallDidNotEnd")<{ readonly message: string }> {}

/** A flag that may be left out: `undefined` then. */
const optionalText = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.optional, Options.map(Option.getOrUndefined))

const flags = {
  to: optionalText("to", `who to call (default ${demo.to}; required with SignalWire)`),
  from: optionalText("from", `who calls (default ${demo.from}; required with SignalWire)`),
  url: optionalText("url", "where the call's LaML instructions are"),
  twiml: optionalText("twiml", "or the instructions inline (default: a <Say> greeting)"),
  "status-callback": optionalText("status-callback", "where status callbacks go (default, on the emulator: this script)")
}

interface Flags {
  readonly to: string | undefined
  readonly from: string | undefined
  readonly url: string | undefined
  readonly twiml: string | undefined
  readonly "status-callback": string | undefined
}

/** Places the call with the `SignalWireClient` in context (SignalWire's or the emulator's). */
const placeCall = (flags: Flags, statusCallback: string | undefined) =>
  Effect.gen(function*() {
    const call = yield* createCall({
      to: flags.to ?? demo.to,
      from: flags.from ?? demo.from,
      ...(flags.url !== undefined ? { url: flags.url } : { twiml: flags.twiml ?? demo.twiml }),
      ...(statusCallback !== undefined
        ? { statusCallback, statusCallbackEvent: ["initiated", "ringing", "answered", "completed"] }
        : {})
    })
    yield* Console.log(describeCall(call))
    return call
  })

const describeCall = (call: Call.Call) =>
  [
    `Created call ${call.sid}`,
    `  status   ${call.status}`,
    `  from     ${call.from}`,
    `  to       ${call.to}`,
    `  created  ${call.dateCreated.toISOString()}`,
    `  uri      ${call.uri}`
  ].join("\n")

interface Received {
  readonly callback: StatusCallback.StatusCallback
  readonly signatureValid: boolean
}

/**
 * An HTTP listener on 127.0.0.1 for status callbacks, as a voice app has: it checks each one's
 * `X-SignalWire-Signature` with the project's signing key (answering 403 to a forged one, as an
 * app should) and queues it.
 */
const statusCallbackListener = (signingKey: Redacted.Redacted<string>) =>
  Effect.gen(function*() {
    const received = yield* Queue.unbounded<Received>()
    const server = yield* NodeHttpServer.make(() => createServer(), { port: 0, host: "127.0.0.1" })
    const origin = `http://127.0.0.1:${(server.address as HttpServer.TcpAddress).port}`
    yield* server.serve(
      Effect.gen(function*() {
        const request = yield* HttpServerRequest.HttpServerRequest
        const params = yield* request.urlParamsBody
        const signatureValid = yield* Effect.isSuccess(WebhookSignature.verify({
          url: `${origin}${request.originalUrl}`, // the URL the callback was sent to, as signed
          params,
          signingKey,
          signature: request.headers[WebhookSignature.signatureHeader]
        }))
        yield* Queue.offer(received, { callback: yield* StatusCallback.fromFormParams(params), signatureValid })
        return HttpServerResponse.empty({ status: signatureValid ? 204 : 403 })
      }).pipe(Effect.orDie)
    )
    return { url: `${origin}/status`, received }
  })

const finalStatuses: ReadonlySet<string> = new Set(["completed", "busy", "no-answer", "failed", "canceled"])

/** Prints each status callback as it arrives, until the one that ends the call. */
const printCallbacks = (received: Queue.Dequeue<Received>) =>
  Effect.gen(function*() {
    while (true) {
      const { callback, signatureValid } = yield* Queue.take(received)
      const final = finalStatuses.has(callback.callStatus)
      yield* Console.log([
        `  #${callback.sequenceNumber}`,
        callback.callStatus.padEnd(12),
        callback.timestamp?.toISOString() ?? "(no timestamp)",
        ...(final ? [`duration ${callback.callDuration ?? 0} s`] : []),
        signatureValid ? "signature valid" : "signature INVALID (answered 403)"
      ].join("  "))
      if (final) return
    }
  }).pipe(
    Effect.timeoutFail({
      duration: "30 seconds",
      onTimeout: () => new CallDidNotEnd({ message: "no status callback ended the call within 30 seconds" })
    })
  )

/** Once the call has ended: the call as SignalWire has it now, read with `fetchCall`. */
const printFinal = (sid: string) =>
  Effect.flatMap(fetchCall(sid), (call) =>
    Console.log([
      `\nFetched the call after its end:`,
      `  status   ${call.status}`,
      `  duration ${call.duration ?? 0} s`,
      `  price    ${call.price ?? 0} ${call.priceUnit ?? ""}`.trimEnd()
    ].join("\n")))

/** No credentials: the emulator in this process, and this script receives the callbacks. */
const onEmulator = (flags: Flags) =>
  Effect.gen(function*() {
    const space = yield* EmulatorServer.url
    const project = (yield* Emulator.Emulator).projects[0]! // Emulator.defaultProject
    yield* Console.log(`No SignalWire credentials in the environment: using the emulator, running in this process at ${space}\n`)
    const client = SignalWireClient.layer({ projectId: project.projectId, authToken: project.authToken, space }).pipe(
      Layer.provide(FetchHttpClient.layer)
    )
    if (flags["status-callback"] !== undefined) {
      yield* placeCall(flags, flags["status-callback"]).pipe(Effect.provide(client))
      return yield* Console.log(`\nIts status callbacks go to ${flags["status-callback"]}.`)
    }
    const listener = yield* statusCallbackListener(project.signingKey)
    const call = yield* placeCall(flags, listener.url).pipe(Effect.provide(client))
    yield* Console.log(`\nStatus callbacks received at ${listener.url}:`)
    yield* printCallbacks(listener.received)
    yield* printFinal(call.sid).pipe(Effect.provide(client))
  }).pipe(
    Effect.scoped,
    Effect.provide(EmulatorServer.layer().pipe(Layer.provideMerge(Emulator.layer()), Layer.provide(WebhookClient.layerFetch)))
  )

/** Credentials in the environment: a real call. Its callbacks can only reach a public URL. */
const onSignalWire = (flags: Flags) =>
  Effect.gen(function*() {
    if (flags.to === undefined || flags.from === undefined) {
      return yield* new UsageError({
        message: "with SignalWire credentials set, give --to (the number to call) and --from (a number of your project)"
      })
    }
    const config = yield* SignalWireConfig.SignalWireConfig
    yield* Console.log(`SignalWire credentials found: placing a real call through ${config.space}\n`)
    const statusCallback = flags["status-callback"]
    yield* placeCall(flags, statusCallback)
    yield* Console.log(
      statusCallback !== undefined
        ? `\nIts status callbacks go to ${statusCallback}.`
        : "\nTo receive its status callbacks, pass --status-callback with a URL SignalWire can reach (this script cannot)."
    )
  }).pipe(Effect.provide(SignalWireClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))))

const { authToken, projectId, space } = SignalWireConfig.environmentVariables
const credentialsInEnvironment = [projectId, authToken, ...space].some((name) => process.env[name])

const fail = (exitCode: number, message: string) =>
  Effect.zipRight(Console.error(message), Effect.sync(() => (process.exitCode = exitCode)))

const placeAndReport = (flags: Flags) =>
  Effect.gen(function*() {
    if (flags.url !== undefined && flags.twiml !== undefined) return yield* new UsageError({ message: "give --url or --twiml, not both" })
    return yield* credentialsInEnvironment ? onSignalWire(flags) : onEmulator(flags)
  }).pipe(
    Effect.catchTags({
      UsageError: (error) => fail(2, `npm start: ${error.message}\nRun npm start -- --help for the options.`),
      InvalidRequest: (error) => fail(2, `npm start: ${error.message}`)
    }),
    // Every other failure (a CreateCallError, a ConfigError naming the variable) explains itself.
    Effect.catchAll((error) => fail(1, `npm start: ${ConfigError.isConfigError(error) ? String(error) : error.message}`))
  )

const command = Command.make("npm start", flags, placeAndReport).pipe(
  Command.withDescription(HelpDoc.p(
    "Places a call with createCall and prints it, the status callbacks of its life, and (fetched once it has ended) " +
      "its final status, duration and price. Without SIGNALWIRE_PROJECT_ID, " +
      "SIGNALWIRE_API_TOKEN and SIGNALWIRE_SPACE_URL set, the call goes to the emulator, run in this process; with them, to SignalWire."
  ))
)

const cli = Command.run(command, { name: "npm start", version: "0.1.0" })

cli(process.argv).pipe(
  // @effect/cli has printed what is wrong with the command line.
  Effect.catchIf(ValidationError.isValidationError, () => fail(2, "Run npm start -- --help for the options.")),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain
)
