import { describe, expect, it } from "@effect/vitest"
import { CreateCallForm, CreateCallRequest } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { issuesOf, reference, referenceText } from "./utils.js"

type Request = CreateCallRequest.CreateCallRequest
type Pairs = ReadonlyArray<readonly [string, string]>
const decodeRequest = Schema.decodeUnknownSync(CreateCallRequest.CreateCallRequest)
const decodeForm = Schema.decodeUnknownSync(CreateCallForm.CreateCallForm)

const sdk = reference("official-sdk-wire.json")

/** The parameter names of the reference page, in its order, with Twiml after ApplicationSid. */
const documentedOrder: ReadonlyArray<string> = (() => {
  const page = referenceText("create-a-call.txt")
  const request = page.slice(page.indexOf("\nRequest\n"), page.indexOf("\nResponse\n"))
  const names = [...request.matchAll(/^([A-Z][A-Za-z]+)(?:string|enum|integer|boolean|list of strings)(?:Required|Optional)/gm)]
    .map(([, name]) => name!)
  names.splice(names.indexOf("ApplicationSid") + 1, 0, "Twiml")
  return names
})()

const sorted = (pairs: Pairs) => [...pairs].map(([name, value]) => `${name}=${value}`).sort()
const valuesOf = (pairs: Pairs, name: string) => pairs.filter(([n]) => n === name).map(([, value]) => value)
const urlEncoded = (pairs: Pairs) => new URLSearchParams(pairs as Array<[string, string]>).toString()
const urlDecoded = (body: string): Pairs => [...new URLSearchParams(body)]
const password = (request: Request) => request.sipAuthPassword && Redacted.value(request.sipAuthPassword)
const expectSameRequest = (actual: Request, expected: Request) => {
  expect(actual).toStrictEqual(expected)
  expect(password(actual)).toBe(password(expected))
}

// The parameters the official SDK accepts but never sends.
const droppedBySdk = ["MachineWordsThreshold", "MaxPricePerMinute"]

/**
 * The one deliberate difference from the official SDK's capture: it repeats
 * RecordingStatusCallbackEvent; SignalWire documents one space-separated field, and that is what
 * we send. This turns the SDK's fields into the documented form, joined where the first one was.
 */
const asDocumented = (pairs: Pairs): Pairs => {
  const events = valuesOf(pairs, "RecordingStatusCallbackEvent")
  const first = pairs.findIndex(([name]) => name === "RecordingStatusCallbackEvent")
  return pairs.flatMap(([name, value], i): Pairs =>
    name !== "RecordingStatusCallbackEvent" ? [[name, value]] : i === first ? [[name, events.join(" ")]] : []
  )
}

describe("CreateCallForm", () => {
  describe("the official SDK's captured requests (official-sdk-wire.json)", () => {
    it("minimal: the same fields, in the same order, and the same body", () => {
      const ours = CreateCallForm.toFormParams(decodeRequest(sdk.minimal.input))
      expect(ours).toStrictEqual(sdk.minimal.request.params)
      expect(urlEncoded(ours)).toBe(sdk.minimal.request.body)
    })

    it("full: the SDK's input passes asyncAmd as the string \"true\", which we reject as not a boolean", () => {
      expect(sdk.full.input.asyncAmd).toBe("true")
      expect(issuesOf(CreateCallRequest.CreateCallRequest, sdk.full.input)).toStrictEqual([
        { path: ["asyncAmd"], message: "must be a boolean, true or false (got \"true\")" }
      ])
    })

    // The same input, typed: asyncAmd is a boolean.
    const full = decodeRequest({ ...sdk.full.input, asyncAmd: true })
    const ours = CreateCallForm.toFormParams(full)

    it("full: the same multiset of fields, plus the two the SDK drops, with RecordingStatusCallbackEvent as documented", () => {
      const extra = ours.filter(([name]) => droppedBySdk.includes(name))
      expect(extra).toStrictEqual([["MachineWordsThreshold", "6"], ["MaxPricePerMinute", "0.05"]])
      expect(sorted(ours)).toStrictEqual(sorted([...asDocumented(sdk.full.request.params), ...extra]))
    })

    it("full: StatusCallbackEvent repeated like the SDK's; RecordingStatusCallbackEvent one space-separated field where the SDK repeats it", () => {
      expect(valuesOf(ours, "StatusCallbackEvent")).toStrictEqual(valuesOf(sdk.full.request.params, "StatusCallbackEvent"))
      expect(valuesOf(ours, "StatusCallbackEvent")).toStrictEqual(["initiated", "ringing", "answered", "completed"])
      expect(valuesOf(sdk.full.request.params, "RecordingStatusCallbackEvent")).toStrictEqual(["in-progress", "completed"])
      expect(valuesOf(ours, "RecordingStatusCallbackEvent")).toStrictEqual(["in-progress completed"])
    })

    it("full: our URL-encoded body decodes to the same pairs as the SDK's body, plus the two it drops, with RecordingStatusCallbackEvent as documented", () => {
      const body = urlEncoded(ours)
      expect(urlDecoded(body)).toStrictEqual(ours)
      expect(body).toContain("RecordingStatusCallbackEvent=in-progress+completed")
      expect(urlDecoded(sdk.full.request.body)).toStrictEqual(sdk.full.request.params)
      expect(sorted(urlDecoded(body))).toStrictEqual(
        sorted([...asDocumented(urlDecoded(sdk.full.request.body)), ["MachineWordsThreshold", "6"], ["MaxPricePerMinute", "0.05"]])
      )
    })

    it("full: fields in the order of the reference page, list items together", () => {
      const names = ours.map(([name]) => name).filter((name, i, all) => name !== all[i - 1])
      expect(names).toStrictEqual(documentedOrder.filter((name) => names.includes(name)))
      expect(new Set(names).size).toBe(names.length)
    })

    it.effect("decodes the SDK's form body to the same request, less what the SDK drops", () =>
      Effect.gen(function*() {
        const { machineWordsThreshold: _, maxPricePerMinute: __, ...sent } = full
        expectSameRequest(yield* CreateCallForm.fromFormParams(sdk.full.request.params), sent as Request)
        expectSameRequest(yield* CreateCallForm.fromFormParams(sdk.minimal.request.params), decodeRequest(sdk.minimal.input))
      }))
  })

  describe("toFormParams", () => {
    const base = { to: "+13105678901", from: "+13103384645" }

    it("names the target Url, ApplicationSid or Twiml", () => {
      const twiml = "<Response><Say>Hi &amp; bye</Say></Response>"
      expect(CreateCallForm.toFormParams(decodeRequest({ ...base, twiml }))).toStrictEqual([
        ["To", "+13105678901"],
        ["From", "+13103384645"],
        ["Twiml", twiml]
      ])
      expect(CreateCallForm.toFormParams(decodeRequest({ ...base, applicationSid: "b3877c40-da60-4998-90ad-b792e98472af" })))
        .toContainEqual(["ApplicationSid", "b3877c40-da60-4998-90ad-b792e98472af"])
    })

    it("writes booleans as true/false and numbers in decimal", () => {
      const params = CreateCallForm.toFormParams(decodeRequest({
        ...base,
        url: "https://example.com/voice.xml",
        record: false,
        asyncAmd: true,
        asyncAmdPartialResults: false,
        timeout: 600,
        machineDetectionSilenceTimeout: 10000,
        maxPricePerMinute: 2
      }))
      expect(params.slice(3)).toStrictEqual([
        ["Timeout", "600"],
        ["MachineDetectionSilenceTimeout", "10000"],
        ["AsyncAmd", "true"],
        ["AsyncAmdPartialResults", "false"],
        ["Record", "false"],
        ["MaxPricePerMinute", "2"]
      ])
    })

    it("writes StatusCallbackEvent as repeated fields, RecordingStatusCallbackEvent as one space-separated field", () => {
      const params = CreateCallForm.toFormParams(decodeRequest({
        ...base,
        url: "https://example.com/voice.xml",
        statusCallbackEvent: ["initiated", "completed"],
        recordingStatusCallbackEvent: ["in-progress", "completed", "absent"]
      }))
      expect(params.slice(3)).toStrictEqual([
        ["StatusCallbackEvent", "initiated"],
        ["StatusCallbackEvent", "completed"],
        ["RecordingStatusCallbackEvent", "in-progress completed absent"]
      ])
      expect(urlEncoded(params)).toMatch(/&StatusCallbackEvent=initiated&StatusCallbackEvent=completed&RecordingStatusCallbackEvent=in-progress\+completed\+absent$/)
    })

    it("writes the SIP password in clear: the form is the wire", () => {
      const request = decodeRequest({ ...base, url: "https://example.com/v", sipAuthUsername: "alice", sipAuthPassword: "s3cret" })
      expect(CreateCallForm.toFormParams(request).slice(-2)).toStrictEqual([["SipAuthUsername", "alice"], ["SipAuthPassword", "s3cret"]])
    })
  })

  describe("fromFormParams (what the emulator reads)", () => {
    const base: Pairs = [["To", "+13105678901"], ["From", "+13103384645"], ["Url", "https://example.com/voice.xml"]]
    const read = (pairs: Pairs) => Effect.runSync(CreateCallForm.fromFormParams(pairs))
    const issues = (pairs: Pairs) => issuesOf(CreateCallForm.CreateCallForm, pairs)

    it("reads lists repeated, space-separated or comma-separated", () => {
      expect(read([...base, ["StatusCallbackEvent", "initiated"], ["StatusCallbackEvent", "completed"]]).statusCallbackEvent)
        .toStrictEqual(["initiated", "completed"])
      expect(read([...base, ["RecordingStatusCallbackEvent", "in-progress completed"]]).recordingStatusCallbackEvent)
        .toStrictEqual(["in-progress", "completed"])
      // The official SDK repeats it.
      expect(read([...base, ["RecordingStatusCallbackEvent", "in-progress"], ["RecordingStatusCallbackEvent", "completed"]]).recordingStatusCallbackEvent)
        .toStrictEqual(["in-progress", "completed"])
      expect(read([...base, ["StatusCallbackEvent", "ringing,answered"]]).statusCallbackEvent)
        .toStrictEqual(["ringing", "answered"])
    })

    it("drops the empty items that separators at the edges or in a row leave", () => {
      expect(read([...base, ["StatusCallbackEvent", " ringing,  answered "]]).statusCallbackEvent).toStrictEqual(["ringing", "answered"])
      expect(read([...base, ["StatusCallbackEvent", ""], ["StatusCallbackEvent", "completed"]]).statusCallbackEvent)
        .toStrictEqual(["completed"])
    })

    it("reads an integer only when the whole text is one (sign allowed); otherwise the error shows the text", () => {
      expect(read([...base, ["Timeout", "+30"]]).timeout).toBe(30)
      for (const text of ["x30", "30x", "3 0", "+"]) {
        expect(issues([...base, ["Timeout", text]])).toStrictEqual([
          { path: ["timeout"], message: `must be an integer from 1 to 600 (got ${JSON.stringify(text)})` }
        ])
      }
      expect(issues([...base, ["Timeout", "-5"]])).toStrictEqual([
        { path: ["timeout"], message: "must be an integer from 1 to 600 (got -5)" }
      ])
    })

    it("reads booleans and integers from their text", () => {
      expect(read([...base, ["Record", "true"], ["AsyncAmd", "false"], ["Timeout", "45"]])).toMatchObject({
        record: true,
        asyncAmd: false,
        timeout: 45
      })
    })

    it("reads Laml as Twiml", () => {
      const twiml = "<Response><Hangup/></Response>"
      expect(read([["To", "+13105678901"], ["From", "+13103384645"], ["Laml", twiml]]).twiml).toBe(twiml)
    })

    it("ignores parameters it does not know (the SDK's Byoc, CallReason, TimeLimit)", () => {
      expectSameRequest(read([...base, ["Byoc", "x"], ["CallReason", "y"], ["TimeLimit", "60"]]), read(base))
    })

    it("takes the last of a repeated single-valued field", () => {
      expect(read([...base, ["Method", "GET"], ["Method", "POST"]]).method).toBe("POST")
    })

    it("reports what is wrong with the field's name and rule, all at once", () => {
      expect(issues([
        ["To", "+13105678901"],
        ["From", "sip:alice@example.com"],
        ["Timeout", "30.5"],
        ["Record", "yes"],
        ["MachineWordsThreshold", ""]
      ])).toStrictEqual([
        { path: ["timeout"], message: "must be an integer from 1 to 600 (got \"30.5\")" },
        { path: ["machineWordsThreshold"], message: "must be an integer from 1 to 100 (got \"\")" },
        { path: ["record"], message: "must be a boolean, true or false (got \"yes\")" },
        { path: ["url"], message: "is required: give exactly one of url, applicationSid or twiml" },
        { path: ["from"], message: "must be an E.164 phone number when to is a phone number (a PSTN call)" }
      ])
    })

    it.effect("fails with a ParseError", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(CreateCallForm.fromFormParams([["To", "+13105678901"]]))
        expect(ParseResult.isParseError(error)).toBe(true)
        expect(error.message.split("\n")[0]).toBe("CreateCallForm")
      }))

    it.effect("fromFormParams reports every wrong field, not only the first (the emulator answers with all of them)", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(CreateCallForm.fromFormParams([...base, ["Timeout", "0"], ["Record", "yes"]]))
        const paths = ParseResult.ArrayFormatter.formatErrorSync(error).map(({ path }) => path)
        expect(paths).toStrictEqual([["timeout"], ["record"]])
      }))
  })

  describe("properties", () => {
    const names = new Set(documentedOrder)

    it.prop("the form never carries an undefined, empty or unknown field", [CreateCallRequest.CreateCallRequest], ([request]) => {
      for (const [name, value] of CreateCallForm.toFormParams(request)) {
        expect(names.has(name)).toBe(true)
        expect(typeof value).toBe("string")
        expect(value).not.toBe("")
        expect(["undefined", "null", "NaN", "[object Object]", "<redacted>"]).not.toContain(value)
      }
    })

    it.prop("one field per option given, one per item of StatusCallbackEvent, one for all of RecordingStatusCallbackEvent", [CreateCallRequest.CreateCallRequest], ([request]) => {
      const params = CreateCallForm.toFormParams(request)
      const expected = Object.values(request).reduce<number>((n, value) => n + (Array.isArray(value) ? value.length : 1), 0)
      const recordingEvents = request.recordingStatusCallbackEvent?.length ?? 0
      expect(params).toHaveLength(expected - Math.max(recordingEvents - 1, 0))
      expect(valuesOf(params, "RecordingStatusCallbackEvent")).toStrictEqual(
        request.recordingStatusCallbackEvent === undefined ? [] : [request.recordingStatusCallbackEvent.join(" ")]
      )
    })

    it.prop("decode(encode(x)) = x", [CreateCallRequest.CreateCallRequest], ([request]) => {
      const params = Schema.encodeSync(CreateCallForm.CreateCallForm)(request)
      expect(params).toStrictEqual(CreateCallForm.toFormParams(request))
      expectSameRequest(decodeForm(params), request)
    })

    it.prop("the URL-encoded body decodes to the same fields, in order", [CreateCallRequest.CreateCallRequest], ([request]) => {
      const params = CreateCallForm.toFormParams(request)
      const body = urlEncoded(params)
      expect(urlDecoded(body)).toStrictEqual(params)
      expectSameRequest(decodeForm(urlDecoded(body)), request)
    })
  })
})
