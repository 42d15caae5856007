import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { AnsweredBy, Call, CallDirection, CallStatus, UnreadableField } from "@effect-signalwire/schema"
import * as Arbitrary from "effect/Arbitrary"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import { issuesOf, reference } from "./utils.js"

const decode = Schema.decodeUnknownSync(Call.Call)
const encode = Schema.encodeSync(Call.Call)

const examples = reference("examples.json")
const createFixture = reference("sw-call-create-response.fixture.json")
const listFixture = reference("sw-call-list-response.fixture.json")
const twilio = JSON.parse(readFileSync(new URL("fixtures/twilio-node-call-spec.json", import.meta.url), "utf8"))

const anyCall = Arbitrary.make(Call.Call)
const essentialKeys: ReadonlyArray<string> = Call.essentialFields
// Every field SignalWire documents (encoding writes them all), less the essential ones.
const lenientKeys = Object.keys(encode(FastCheck.sample(anyCall, 1)[0]!)).filter((key) => !essentialKeys.includes(key))
const essentialsOf = (call: Call.Call) => [call.sid, call.accountSid, call.dateCreated, call.to, call.from, call.status]
const reported = (call: { readonly unreadable: ReadonlyArray<UnreadableField.UnreadableField> }) =>
  call.unreadable.map(({ field, value }) => [field, value])

describe("Call", () => {
  describe("golden bodies (fixtures/reference)", () => {
    it("examples.json call_signalwire: a queued call, every documented field", () => {
      const call = decode(examples.call_signalwire)
      expect(call).toBeInstanceOf(Call.Call)
      expect(call).toMatchObject({
        sid: "b3877c40-da60-4998-90ad-b792e98472ca",
        accountSid: "b3877c40-da60-4998-90ad-b792e98472af",
        dateCreated: new Date("2018-09-19T20:00:00Z"),
        dateUpdated: new Date("2018-09-19T20:00:00Z"),
        parentCallSid: null,
        to: "+13105678901",
        formattedTo: "(310) 567-8901",
        toFormatted: "(310) 567-8901",
        from: "+13103384645",
        formattedFrom: "(310) 338-4645",
        fromFormatted: "(310) 338-4645",
        phoneNumberSid: null,
        status: "queued",
        startTime: null,
        endTime: null,
        duration: 0,
        price: null,
        priceUnit: "USD",
        direction: "outbound-api",
        answeredBy: null,
        apiVersion: "2010-04-01",
        forwardedFrom: null,
        callerName: null,
        uri: "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca.json",
        annotation: null,
        groupSid: null,
        audioInMos: null,
        sipResultCode: null,
        audioRttAvg: null,
        audioOutLost: null
      })
      expect(Object.keys(call.subresourceUris).sort()).toStrictEqual(["notifications", "recordings"])
    })

    it("examples.json call_signalwire_completed: numbers, dates and quality figures", () => {
      const call = decode(examples.call_signalwire_completed)
      expect(call).toMatchObject({
        status: "completed",
        direction: "outbound",
        answeredBy: "human",
        duration: 20,
        price: 0.003,
        startTime: new Date("2018-09-19T20:00:01Z"),
        endTime: new Date("2018-09-19T20:00:21Z"),
        dateUpdated: new Date("2018-09-19T21:00:00Z"),
        phoneNumberSid: "b3877c40-da60-4998-90ad-b792e98472bb",
        subresourceUris: {},
        audioInMos: 4.3,
        sipResultCode: "200",
        audioRttAvg: 42,
        audioRttMin: 30,
        audioRttMax: 61,
        audioOutJitterMin: 1,
        audioOutJitterMax: 9,
        audioOutJitterAvg: 3,
        audioOutLost: 0
      })
    })

    it("examples.json call_twilio_flavoured: price and duration as strings, fields missing or extra", () => {
      const call = decode(examples.call_twilio_flavoured)
      expect(call).toMatchObject({ price: -0.03, duration: 15, answeredBy: "machine_end_beep", status: "completed" })
      // Documented fields Twilio does not send decode to null; its extra fields are ignored.
      expect(call).toMatchObject({ formattedTo: null, formattedFrom: null, annotation: null, audioInMos: null, audioOutLost: null })
      expect(call).not.toHaveProperty("trunkSid")
      expect(call).not.toHaveProperty("queueTime")
      expect(call.subresourceUris).toStrictEqual({ notifications: "/n.json", recordings: "/r.json", events: "/e.json" })
    })

    it("sw-call-create-response.fixture.json: a 2019 capture with sanitised ids and no quality fields", () => {
      const call = decode(createFixture.body)
      expect(call).toMatchObject({
        sid: "82e7850d-054e-4067-8c4f-6568acd96575",
        accountSid: "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX",
        status: "queued",
        direction: "outbound-api",
        dateCreated: new Date("2019-02-03T21:36:05Z"),
        audioInMos: null,
        audioRttAvg: null
      })
      expect(call.subresourceUris.notifications).toBeNull()
    })

    it("sw-call-list-response.fixture.json: every call of the page", () => {
      const calls = listFixture.body.calls.map((json: unknown) => decode(json))
      expect(calls).toHaveLength(1)
      expect(calls[0]).toMatchObject({ status: "completed", price: 0.0065, duration: 1, endTime: new Date("2019-02-03T18:21:37Z") })
    })

    it.each([["call_signalwire"], ["call_signalwire_completed"]])("encode(decode(%s)) gives the JSON back", (name) => {
      expect(encode(decode(examples[name]))).toStrictEqual(examples[name])
    })

    it.effect("decode is the schema's decoder as an Effect", () =>
      Effect.gen(function*() {
        const call = yield* Call.decode(examples.call_signalwire)
        expect(call.sid).toBe(examples.call_signalwire.sid)
        expect(yield* Call.encode(call)).toStrictEqual(examples.call_signalwire)
      }))
  })

  describe("values this version does not know", () => {
    const call = decode({ ...examples.call_signalwire, status: "transferring", direction: "trunking", answered_by: "robot" })

    it("decode, are kept, and are told apart from the known ones", () => {
      expect(call).toMatchObject({ status: "transferring", direction: "trunking", answeredBy: "robot" })
      expect(CallStatus.isKnownCallStatus(call.status)).toBe(false)
      expect(call.direction !== null && CallDirection.isKnownCallDirection(call.direction)).toBe(false)
      expect(call.answeredBy !== null && AnsweredBy.isKnownAnsweredBy(call.answeredBy)).toBe(false)
      expect(encode(call)).toMatchObject({ status: "transferring", direction: "trunking", answered_by: "robot" })
    })

    it("are typed as unrecognized", () => {
      expectTypeOf(call.status).toEqualTypeOf<CallStatus.CallStatus>()
      expectTypeOf(call.direction).toEqualTypeOf<CallDirection.CallDirection | null>()
      expectTypeOf(call.answeredBy).toEqualTypeOf<AnsweredBy.AnsweredBy | null>()
      if (!CallStatus.isKnownCallStatus(call.status)) {
        expectTypeOf(call.status).toEqualTypeOf<CallStatus.UnrecognizedCallStatus>()
      }
    })
  })

  describe("what does not decode", () => {
    it("reports a missing required field by name", () => {
      const { sid: _, status: __, ...rest } = examples.call_signalwire
      expect(issuesOf(Call.Call, rest)).toStrictEqual([
        { path: ["sid"], message: "is missing" },
        { path: ["status"], message: "is missing" }
      ])
    })

    it("reports bad essential values by field", () => {
      const issues = issuesOf(Call.Call, {
        ...examples.call_signalwire,
        date_created: "yesterday",
        to: 42,
        price: "free",
        status: 3
      })
      expect([...new Set(issues.map((issue) => issue.path[0]))]).toStrictEqual(["date_created", "to", "status"])
      expect(issues).toContainEqual({
        path: ["date_created"],
        message: "must be an RFC 2822 date, e.g. Wed, 19 Sep 2018 20:00:00 +0000 (got \"yesterday\")"
      })
    })

    it.each([[null], [""], ["<html>"], [[]], [{}], [42], [{ sid: "x" }]])("%j fails to decode without throwing", (body) => {
      expect(Either.isLeft(Schema.decodeUnknownEither(Call.Call)(body))).toBe(true)
    })
  })

  describe("lenient outside the essential fields", () => {
    it("the essential fields are sid, account_sid, date_created, to, from and status; 30 others are lenient", () => {
      expect(Call.essentialFields).toStrictEqual(["sid", "account_sid", "date_created", "to", "from", "status"])
      expect(lenientKeys).toHaveLength(30)
    })

    it.each([
      ["phone_number_sid", ""],
      ["parent_call_sid", ""],
      ["start_time", ""],
      ["price", ""],
      ["duration", ""],
      ["caller_name", 42],
      ["subresource_uris", { recordings: 7 }],
      ["direction", {}],
      ["audio_in_mos", "4.2"]
    ])("%s: %j decodes to null (subresource_uris to {}) and is reported", (field, value) => {
      const call = decode({ ...examples.call_signalwire_completed, [field]: value })
      expect(reported(call)).toStrictEqual([[field, value]])
      expect(encode(call)[field as keyof Call.CallJson]).toStrictEqual(field === "subresource_uris" ? {} : null)
    })

    it.each([["date_updated"], ["direction"], ["uri"]])("a missing %s decodes to null, and is not reported", (field) => {
      const { [field]: _, ...rest } = examples.call_signalwire
      const call = decode(rest)
      expect(encode(call)[field as keyof Call.CallJson]).toBeNull()
      expect(call.unreadable).toStrictEqual([])
    })

    it("dates read RFC 2822 and ISO 8601; numbers read numbers and numeric strings", () => {
      const call = decode({
        ...examples.call_signalwire,
        date_created: "2018-09-19T20:00:00Z",
        start_time: "Wed, 19 Sep 2018 20:00:01 +0000",
        end_time: "2018-09-19T20:00:21.000Z",
        price: "-0.03000",
        duration: 20
      })
      expect(call).toMatchObject({
        dateCreated: new Date("2018-09-19T20:00:00Z"),
        startTime: new Date("2018-09-19T20:00:01Z"),
        endTime: new Date("2018-09-19T20:00:21Z"),
        price: -0.03,
        duration: 20,
        unreadable: []
      })
    })

    it("a decoded call encodes strictly: nothing unreadable is written back", () => {
      const call = decode({ ...examples.call_signalwire, price: "free" })
      const json = encode(call)
      expect(json.price).toBeNull()
      expect(Reflect.ownKeys(json)).toStrictEqual(Object.keys(encode(decode(examples.call_signalwire))))
      expect(JSON.stringify(json)).not.toContain("unreadable")
    })

    it.prop(
      "any one non-essential field replaced by any JSON value, or removed: decodes, essentials equal, the odd value reported",
      [anyCall, FastCheck.constantFrom(...lenientKeys), FastCheck.option(FastCheck.jsonValue(), { nil: undefined })],
      ([call, field, value]) => {
        const { [field]: _, ...body } = encode(call) as Record<string, unknown>
        const drifted = decode(value === undefined ? body : { ...body, [field]: value })
        expect(essentialsOf(drifted)).toStrictEqual(essentialsOf(call))
        // Reported exactly when the value did not fit: then the field has its fallback.
        if (drifted.unreadable.length > 0) {
          expect(reported(drifted)).toStrictEqual([[field, value]])
          expect(encode(drifted)[field as keyof Call.CallJson]).toStrictEqual(field === "subresource_uris" ? {} : null)
        }
        // What was read is a valid call again.
        expect(encode(decode(encode(drifted)))).toStrictEqual(encode(drifted))
      }
    )

    it.prop(
      "a value no field takes (a boolean, an array) is always reported",
      [
        anyCall,
        FastCheck.constantFrom(...lenientKeys),
        FastCheck.oneof(FastCheck.boolean(), FastCheck.array(FastCheck.jsonValue(), { maxLength: 3 }))
      ],
      ([call, field, value]) => {
        const drifted = decode({ ...encode(call), [field]: value })
        expect(reported(drifted)).toStrictEqual([[field, value]])
        expect(essentialsOf(drifted)).toStrictEqual(essentialsOf(call))
      }
    )

    it.prop(
      "an essential field made invalid fails, with that field's path",
      [anyCall, FastCheck.constantFrom(...essentialKeys), FastCheck.oneof(FastCheck.boolean(), FastCheck.constant(undefined), FastCheck.object())],
      ([call, field, value]) => {
        const { [field]: _, ...body } = encode(call) as Record<string, unknown>
        const issues = issuesOf(Call.Call, value === undefined ? body : { ...body, [field]: value })
        expect(issues.length).toBeGreaterThan(0)
        expect(issues.map((issue) => issue.path)).toStrictEqual(issues.map(() => [field]))
      }
    )
  })

  describe("Twilio's SDK fixtures for the Calls API (test/fixtures/twilio-node-call-spec.json)", () => {
    it.each([["create"], ["fetch"], ["update"]])("%s decodes", (name) => {
      const body = twilio[name].body
      const call = decode(body)
      expect(call).toMatchObject({ sid: body.sid, accountSid: body.account_sid, to: body.to, from: body.from, status: body.status })
      expect(call.price).toBe(Number(body.price))
      expect(call.duration).toBe(Number(body.duration))
      expect(call.unreadable).toStrictEqual([])
    })

    it("list: a page whose call holds \"\" values decodes; the empty phone_number_sid is reported", () => {
      const [call] = twilio.list.body.calls.map((json: unknown) => decode(json))
      expect(call).toMatchObject({ from: "kevin", to: "sip:kevin@example.com", callerName: "", phoneNumberSid: null, status: "failed" })
      expect(reported(call)).toStrictEqual([["phone_number_sid", ""]])
    })
  })

  describe("decodeEither: one pass, the schema's result", () => {
    const bySchema = Schema.decodeUnknownEither(Call.Call, { errors: "all" })
    const agrees = (input: unknown) => {
      const fast = Call.decodeEither(input)
      const slow = bySchema(input)
      expect(fast._tag).toBe(slow._tag)
      if (Either.isRight(fast) && Either.isRight(slow)) {
        expect(fast.right).toBeInstanceOf(Call.Call)
        expect(fast.right).toStrictEqual(slow.right)
        expect(Object.keys(fast.right)).toStrictEqual(Object.keys(slow.right))
      }
      if (Either.isLeft(fast) && Either.isLeft(slow)) expect(fast.left.message).toBe(slow.left.message)
    }

    it("the golden bodies and the Twilio fixtures", () => {
      for (const body of [examples.call_signalwire, createFixture.body, ...listFixture.body.calls, twilio.create.body, twilio.list.body.calls[0]]) {
        agrees(body)
      }
    })

    it.prop(
      "any fields of a call replaced by any JSON value or removed, and keys it does not know",
      [
        anyCall,
        FastCheck.array(
          FastCheck.tuple(
            FastCheck.constantFrom(...lenientKeys, ...essentialKeys, "unknown_key"),
            FastCheck.option(FastCheck.jsonValue(), { nil: undefined })
          ),
          { maxLength: 4 }
        )
      ],
      ([call, changes]) => {
        const body: Record<string, unknown> = { ...encode(call) }
        for (const [field, value] of changes) {
          if (value === undefined) delete body[field]
          else body[field] = value
        }
        agrees(body)
      }
    )

    it.prop("anything at all", [FastCheck.jsonValue()], ([input]) => agrees(input))
  })

  describe("properties", () => {
    it.prop("decode(encode(x)) = x", [Call.Call], ([call]) => {
      expect(decode(encode(call))).toStrictEqual(call)
    })

    it.prop("the JSON text round-trips: encode(decode(json)) = json", [Call.Call], ([call]) => {
      const json = JSON.parse(JSON.stringify(encode(call)))
      expect(encode(decode(json))).toStrictEqual(json)
    })
  })
})
