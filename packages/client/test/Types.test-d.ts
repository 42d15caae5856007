/**
 * Type-level facts of the client's public API, checked by vitest's typecheck mode (and by
 * `npm run check`): what the layers leave to the application, and that the error union is
 * exhaustive for `Effect.catchTags`.
 */
import { CreateCallError, createCall, SignalWireClient, SignalWireConfig } from "@effect-signalwire/client"
import type { Call } from "@effect-signalwire/schema"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import type * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Schema from "effect/Schema"
import { describe, expectTypeOf, it } from "vitest"

const options = { projectId: "b3877c40-da60-4998-90ad-b792e98472af", authToken: Redacted.make("PTtoken"), space: "example.signalwire.com" }
const input = { to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" } as const

describe("SignalWireClient's layers", () => {
  it("leave the HttpClient to the application and provide the config too", () => {
    type Live = Layer.Layer<SignalWireClient.SignalWireClient | SignalWireConfig.SignalWireConfig, ConfigError.ConfigError, HttpClient.HttpClient>
    expectTypeOf(SignalWireClient.layer(options)).toEqualTypeOf<Live>()
    expectTypeOf(SignalWireClient.layerConfig()).toEqualTypeOf<Live>()
  })

  it("layerTest needs nothing", () => {
    expectTypeOf(SignalWireClient.layerTest()).toEqualTypeOf<Layer.Layer<SignalWireClient.SignalWireClient>>()
  })
})

describe("createCall", () => {
  it("is an Effect of the Call, failing with CreateCallError, needing the client", () => {
    expectTypeOf(createCall(input)).toEqualTypeOf<Effect.Effect<Call.Call, CreateCallError.CreateCallError, SignalWireClient.SignalWireClient>>()
  })

  it("every error can be handled by tag, leaving none", () => {
    const handled = createCall(input).pipe(
      Effect.catchTags({
        InvalidRequest: (error) => Effect.succeed(error._tag),
        TransportError: (error) => Effect.succeed(error._tag),
        AuthenticationFailed: (error) => Effect.succeed(error._tag),
        NotFound: (error) => Effect.succeed(error._tag),
        ApiRejected: (error) => Effect.succeed(error._tag),
        RateLimited: (error) => Effect.succeed(error._tag),
        ServerError: (error) => Effect.succeed(error._tag),
        OutcomeUnknown: (error) => Effect.succeed(error._tag),
        PlacedButUnreadable: (error) => Effect.succeed(error._tag),
        UnexpectedResponse: (error) => Effect.succeed(error._tag)
      })
    )
    expectTypeOf(handled).toEqualTypeOf<Effect.Effect<Call.Call | CreateCallError.CreateCallError["_tag"], never, SignalWireClient.SignalWireClient>>()
  })

  it("takes exactly one of url, applicationSid, twiml", () => {
    // @ts-expect-error: none of the three
    createCall({ to: "+13105678901", from: "+13103384645" })
    // @ts-expect-error: two of them
    createCall({ ...input, twiml: "<Response/>" })
  })
})

describe("CreateCallError", () => {
  it("the union type and the union schema's type are the same errors", () => {
    expectTypeOf<Schema.Schema.Type<typeof CreateCallError.CreateCallError>>().toEqualTypeOf<CreateCallError.CreateCallError>()
  })
})
