/**
 * How a campaign finds out whether an ambiguous create placed a call: it lists the project's
 * calls to the request's `to` from its `from` created since shortly before the request was sent.
 *
 * This is the campaign's only way to reconcile, so it is a service: `layer` reads the Calls list
 * over the client's configuration and `HttpClient`; tests may substitute their own.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as SignalWireConfig from "@effect-signalwire/client/SignalWireConfig"
import type { Call, CreateCallRequest } from "@effect-signalwire/schema"
import { CallPage } from "@effect-signalwire/schema"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"

/**
 * The lookup itself failed (the list could not be read): the item's outcome stays unknown.
 *
 * @since 0.1.0
 * @category errors
 */
export class LookupFailed extends Schema.TaggedError<LookupFailed>()("LookupFailed", {
  detail: Schema.String
}) {
  override get message(): string {
    return `Could not list calls to reconcile: ${this.detail}`
  }
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The calls that match the request and were created since `sentAt` less the clock-skew margin. */
  readonly findCreatedCalls: (
    request: CreateCallRequest.CreateCallRequest,
    sentAt: Date
  ) => Effect.Effect<ReadonlyArray<Call.Call>, LookupFailed>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class CallLookup extends Context.Tag("@effect-signalwire/campaign/CallLookup")<CallLookup, Service>() {}

/**
 * How far before `sentAt` a candidate may have been created: SignalWire dates calls to the
 * second, by its own clock.
 *
 * @since 0.1.0
 * @category defaults
 */
export const clockSkewMargin: Duration.Duration = Duration.seconds(30)

// Pages are newest first: stop once a page ends before the window.
const maxPages = 20

/**
 * Lists calls through the SignalWire configuration and `HttpClient` in context: `To` and `From`
 * filters, newest first, pages followed while they are inside the window. The GETs are
 * idempotent: 5xx and transport failures are retried (three times, backing off).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, SignalWireConfig.SignalWireConfig | HttpClient.HttpClient> = Effect.gen(
  function*() {
    const config = yield* SignalWireConfig.SignalWireConfig
    const client = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.basicAuth(config.projectId, config.authToken),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("user-agent", config.userAgent)
        )
      ),
      HttpClient.withTracerPropagation(config.tracerPropagation)
    )
    // A 5xx, a timeout or a lost connection is worth another GET; a 4xx or a body that is not a
    // page is not.
    const page = (url: string): Effect.Effect<CallPage.CallPage, LookupFailed> =>
      client.get(url).pipe(
        Effect.mapError((error) => ({ retryable: true, detail: error.message })),
        Effect.timeoutFail({
          duration: config.requestTimeout,
          onTimeout: () => ({ retryable: true, detail: "timed out" })
        }),
        Effect.flatMap((response) =>
          response.status >= 200 && response.status < 300
            ? Effect.mapError(
              HttpClientResponse.schemaBodyJson(CallPage.CallPage)(response),
              (error) => ({ retryable: false, detail: error.message })
            )
            : Effect.fail({ retryable: response.status >= 500, detail: `HTTP ${response.status} from the Calls list` })
        ),
        Effect.retry({ schedule: Schedule.exponential("250 millis"), times: 3, while: (error) => error.retryable }),
        Effect.mapError((error) => new LookupFailed({ detail: error.detail }))
      )

    const findCreatedCalls: Service["findCreatedCalls"] = (request, sentAt) =>
      Effect.gen(function*() {
        const since = sentAt.getTime() - Duration.toMillis(clockSkewMargin)
        const params = new URLSearchParams({ To: request.to, From: request.from, PageSize: "100" })
        let url: string | null = `${config.origin}/api/laml/2010-04-01/Accounts/${config.projectId}/Calls.json?${params}`
        const found: Array<Call.Call> = []
        for (let pages = 0; url !== null && pages < maxPages; pages++) {
          const current: CallPage.CallPage = yield* page(url)
          const inWindow = current.calls.filter((call) => call.dateCreated.getTime() >= since)
          found.push(...inWindow)
          url = inWindow.length < current.calls.length || current.nextPageUri === null
            ? null
            : new URL(current.nextPageUri, config.origin).toString()
        }
        return found
      }).pipe(Effect.withSpan("CallLookup.findCreatedCalls"))

    return { findCreatedCalls }
  }
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<CallLookup, never, SignalWireConfig.SignalWireConfig | HttpClient.HttpClient> = Layer
  .effect(CallLookup, make)
