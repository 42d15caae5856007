/**
 * Shared helpers of the client's unit tests: the credentials and a valid request, SignalWire's
 * golden bodies (fixtures/reference at the repository root), a client over `FakeHttpClient` (no socket), scripted
 * answers, and recorders for logs and spans.
 */
import { FakeHttpClient, SignalWireClient } from "@effect-signalwire/client"
import type { SignalWireConfig } from "@effect-signalwire/client"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as Cause from "effect/Cause"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as Tracer from "effect/Tracer"
import { randomBytes } from "node:crypto"
import { readFileSync } from "node:fs"

export const projectId = "b3877c40-da60-4998-90ad-b792e98472af"
// Distinctive values, so a test can grep for them in anything the client produced.
export const authToken = "PTa9f3c1e7d2b84c6f0e5a"
export const sipPassword = "sipPw-7c41e9d0b35f"
export const space = "example.signalwire.com"
export const callsUrl = `https://${space}/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`

/** A minimal valid Create Call input, as a user writes it. */
export const input = {
  to: "+13105678901",
  from: "+13103384645",
  url: "https://example.com/voice.xml"
} as const

/** A valid input that carries a SIP password (a SIP call). */
export const sipInput = {
  to: "sip:alice@example.com",
  from: "+13103384645",
  url: "https://example.com/voice.xml",
  sipAuthUsername: "alice",
  sipAuthPassword: sipPassword
} as const

/** Reads a file of fixtures/reference (at the repository root; its README names each file's source) as JSON. */
export const reference = (name: string): any =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/reference/${name}`, import.meta.url), "utf8"))

const createFixture = reference("sw-call-create-response.fixture.json")
/** The body SignalWire answered to a create (a sanitised capture); the fixture may hold it as a JSON string. */
export const createResponseBody: Record<string, unknown> = typeof createFixture.body === "string"
  ? JSON.parse(createFixture.body)
  : createFixture.body
export const createResponseStatus: number = createFixture.status

export const examples = reference("examples.json")
export const errorBodies = reference("sw-error-bodies.example.json")

/** The options of a client of `projectId` in `space`; tests override what they exercise. */
export const options = (overrides?: Partial<SignalWireConfig.Options>): SignalWireConfig.Options => ({
  projectId,
  authToken: Redacted.make(authToken),
  space,
  ...overrides
})

/** The client over a fake `HttpClient` answering with `handler`; `FakeHttpClient` reads what it received. */
export const fakeClient = (handler: FakeHttpClient.Handler, overrides?: Partial<SignalWireConfig.Options>) =>
  SignalWireClient.layer(options(overrides)).pipe(Layer.provideMerge(FakeHttpClient.layer(handler)))

/** Every request the fake received. */
export const requests = Effect.flatMap(FakeHttpClient.FakeHttpClient, (fake) => fake.requests)

/** How many requests the fake received. */
export const requestCount = Effect.map(requests, (all) => all.length)

type Answer = (request: FakeHttpClient.RecordedRequest) => Response | Effect.Effect<Response, HttpClientError.RequestError>

/** Answers the n-th request with the n-th answer, and every later one with the last. */
export const answers = (...script: [Answer, ...Array<Answer>]): FakeHttpClient.Handler => (request, index) =>
  script[Math.min(index, script.length - 1)]!(request)

/** A 2xx with a Call body (by default SignalWire's captured create response). */
export const created = (status = 201, body: unknown = createResponseBody): Answer => () => FakeHttpClient.json(status, body)

/** A 429 with SignalWire's error body and, when given, a `Retry-After` header. */
export const rateLimited = (retryAfter?: string): Answer => () =>
  FakeHttpClient.json(
    429,
    { code: 20429, message: "Too Many Requests", status: 429 },
    retryAfter === undefined ? {} : { "retry-after": retryAfter }
  )

/** A JSON answer with any status and body. */
export const status = (code: number, body: unknown, headers?: Record<string, string>): Answer => () =>
  FakeHttpClient.json(code, body, headers)

export const refused: Answer = FakeHttpClient.refuseConnection
export const lost: Answer = FakeHttpClient.loseConnection
export const silent: Answer = () => Effect.never
/** A 201 whose body breaks off mid-read, as when the connection resets while the answer arrives. */
export const cutOffBody: Answer = () =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("{\"sid\":"))
        controller.error(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))
      }
    }),
    { status: 201, headers: { "content-type": "application/json" } }
  )

/** Runs `effect` while the test clock moves a minute: longer than every default retry delay. */
export const withinAMinute = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.gen(function*() {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

/** A log line as the recorder kept it; `text` holds everything the line carried, for greps. */
export interface LogEntry {
  readonly level: LogLevel.LogLevel["label"]
  /** The message, several parts joined with spaces. */
  readonly message: string
  readonly annotations: Readonly<Record<string, unknown>>
  readonly text: string
}

const show = (value: unknown): string => {
  try {
    return typeof value === "string" ? value : `${String(value)} ${JSON.stringify(value)}`
  } catch {
    return String(value)
  }
}

/** A logger keeping every line (from Debug up) in `entries`. */
export const makeLogRecorder = () => {
  const entries: Array<LogEntry> = []
  const logger = Logger.make<unknown, void>(({ annotations, cause, logLevel, message, spans }) => {
    const annotationRecord = Object.fromEntries(annotations)
    entries.push({
      level: logLevel.label,
      message: Array.isArray(message) ? message.map(show).join(" ") : show(message),
      annotations: annotationRecord,
      text: [
        show(message),
        show(annotationRecord),
        Cause.isEmpty(cause) ? "" : Cause.pretty(cause, { renderErrorCause: true }),
        [...spans].map((span) => span.label).join(" ")
      ].join(" ")
    })
  })
  const layer = Layer.merge(Logger.replace(Logger.defaultLogger, logger), Logger.minimumLogLevel(LogLevel.Debug))
  return { entries, layer }
}

const unitMillis: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }

/** The milliseconds of a `Duration.format` text such as `2s 123ms` (as the retry log writes delays). */
export const formattedMillis = (text: string): number => {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h)\b/g)]
  if (parts.length === 0 || parts.map(([part]) => part).join(" ") !== text) throw new Error(`not a formatted duration: ${text}`)
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * unitMillis[unit!]!, 0)
}

/** A span as the recording tracer kept it. */
export class RecordedSpan implements Tracer.Span {
  readonly _tag = "Span"
  readonly spanId = randomBytes(8).toString("hex")
  readonly traceId: string
  readonly sampled = true
  readonly attributes = new Map<string, unknown>()
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }> = []
  links: Array<Tracer.SpanLink>
  status: Tracer.SpanStatus
  constructor(
    readonly name: string,
    readonly parent: Option.Option<Tracer.AnySpan>,
    readonly context: Context.Context<never>,
    links: ReadonlyArray<Tracer.SpanLink>,
    startTime: bigint,
    readonly kind: Tracer.SpanKind
  ) {
    this.traceId = Option.match(parent, { onNone: () => randomBytes(16).toString("hex"), onSome: (span) => span.traceId })
    this.links = [...links]
    this.status = { _tag: "Started", startTime }
  }
  end(endTime: bigint, exit: Exit.Exit<unknown, unknown>): void {
    this.status = { _tag: "Ended", startTime: this.status.startTime, endTime, exit }
  }
  attribute(key: string, value: unknown): void {
    this.attributes.set(key, value)
  }
  event(name: string, _startTime: bigint, attributes?: Record<string, unknown>): void {
    this.events.push({ name, attributes })
  }
  addLinks(links: ReadonlyArray<Tracer.SpanLink>): void {
    this.links.push(...links)
  }
}

/** A tracer keeping every span it starts in `spans`; use it with `Effect.withTracer(tracer)`. */
export const makeSpanRecorder = () => {
  const spans: Array<RecordedSpan> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const span = new RecordedSpan(name, parent, context, links, startTime, kind)
      spans.push(span)
      return span
    },
    context: (f) => f()
  })
  return { spans, tracer }
}
