/**
 * Type-level facts of the schema package, checked by vitest's typecheck mode (and by
 * `npm run check`): a request has exactly one of url, applicationSid, twiml; a call status
 * narrows from an open union.
 */
import { CallAddress, CallStatus, CreateCallRequest, PhoneNumber, Sid, WebhookUrl } from "@effect-signalwire/schema"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { describe, expectTypeOf, it } from "vitest"

type Request = CreateCallRequest.CreateCallRequest

describe("CreateCallRequest", () => {
  const typed = (request: Request) => request
  const plain = (input: CreateCallRequest.CreateCallRequest.Encoded) => input
  const to = Schema.decodeSync(PhoneNumber.PhoneNumber)("+13105678901")
  const from = Schema.decodeSync(PhoneNumber.PhoneNumber)("+13103384645")
  const url = Schema.decodeSync(WebhookUrl.WebhookUrl)("https://example.com/voice.xml")
  const applicationSid = Schema.decodeSync(Sid.ApplicationSid)("b3877c40-da60-4998-90ad-b792e98472af")
  const twiml = Schema.decodeSync(CreateCallRequest.Twiml)("<Response/>")

  it("a typed request has exactly one of url, applicationSid, twiml", () => {
    typed({ to, from, url })
    typed({ to, from, applicationSid })
    typed({ to, from, twiml })
    // @ts-expect-error: none of the three
    typed({ to, from })
    // @ts-expect-error: two of them
    typed({ to, from, url, applicationSid })
    // @ts-expect-error: two of them
    typed({ to, from, url, twiml })
    // @ts-expect-error: all three
    typed({ to, from, url, applicationSid, twiml })
    // @ts-expect-error: a plain string is not a checked WebhookUrl
    typed({ to, from, url: "https://example.com/voice.xml" })

    expectTypeOf<{ to: CallAddress.CallAddress; from: CallAddress.CallAddress; url: WebhookUrl.WebhookUrl }>().toExtend<Request>()
    expectTypeOf<{ to: CallAddress.CallAddress; from: CallAddress.CallAddress }>().not.toExtend<Request>()
    expectTypeOf<Request["sipAuthPassword"]>().toEqualTypeOf<Redacted.Redacted<string> | undefined>()
  })

  it("plain input has exactly one of url, applicationSid, twiml", () => {
    const input = { to: "+13105678901", from: "+13103384645" }
    plain({ ...input, url: "https://example.com/voice.xml" })
    plain({ ...input, twiml: "<Response/>", maxPricePerMinute: 0.05, sipAuthPassword: "s3cret" })
    // @ts-expect-error: none of the three
    plain({ ...input })
    // @ts-expect-error: two of them
    plain({ ...input, url: "https://example.com/voice.xml", twiml: "<Response/>" })
    // @ts-expect-error: all three
    plain({ ...input, url: "https://example.com/voice.xml", applicationSid: "b3877c40-da60-4998-90ad-b792e98472af", twiml: "<Response/>" })
    // @ts-expect-error: asyncAmd is a boolean, not the string "true"
    plain({ ...input, url: "https://example.com/voice.xml", asyncAmd: "true" })
    // @ts-expect-error: unknown parameter
    plain({ ...input, url: "https://example.com/voice.xml", laml: "<Response/>" })
  })
})

describe("CallStatus", () => {
  const decode = Schema.decodeUnknownSync(CallStatus.CallStatus)
  type Known = "queued" | "initiated" | "ringing" | "in-progress" | "canceled" | "completed" | "busy" | "failed" | "no-answer"

  it("types: the known literals, plus a branded unrecognized string that narrows away", () => {
    expectTypeOf<CallStatus.KnownCallStatus>().toEqualTypeOf<Known>()
    expectTypeOf<CallStatus.CallStatus>().toEqualTypeOf<CallStatus.KnownCallStatus | CallStatus.UnrecognizedCallStatus>()
    expectTypeOf<CallStatus.UnrecognizedCallStatus>().toExtend<string>()
    expectTypeOf<string>().not.toExtend<CallStatus.CallStatus>()

    const status = decode("transferring")
    if (CallStatus.isKnownCallStatus(status)) {
      expectTypeOf(status).toEqualTypeOf<CallStatus.KnownCallStatus>()
    } else {
      expectTypeOf(status).toEqualTypeOf<CallStatus.UnrecognizedCallStatus>()
    }
    const asStatus = (s: CallStatus.CallStatus) => s
    // @ts-expect-error: an unchecked string is not a CallStatus
    asStatus("transferring")
  })
})
