import { describe, expect, it } from "@effect/vitest"
import { CreateCallRequest } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Pretty from "effect/Pretty"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { inspect } from "node:util"
import { issuesOf, referenceText } from "./utils.js"

type Request = CreateCallRequest.CreateCallRequest
const Request = CreateCallRequest.CreateCallRequest
const decode = Schema.decodeUnknownSync(Request)
const encode = Schema.encodeSync(Request)
const equivalent = Schema.equivalence(Request)

// `to` is a SIP URI so that `from` may be any address (the PSTN rule is tested on its own).
const base = { to: "sip:bob@example.com", from: "+13103384645", url: "https://example.com/voice.xml" } as const
const { url: _url, ...withoutTarget } = base

const password = (request: Request) => request.sipAuthPassword === undefined ? undefined : Redacted.value(request.sipAuthPassword)

/** Equal as values, the Redacted password included (vitest's structural equality cannot see inside a Redacted). */
const expectSameRequest = (actual: Request, expected: Request) => {
  expect(actual).toStrictEqual(expected)
  expect(password(actual)).toBe(password(expected))
  expect(equivalent(actual, expected)).toBe(true)
}

interface Row {
  readonly field: string
  readonly rule: string
  readonly valid: ReadonlyArray<unknown>
  readonly invalid: ReadonlyArray<unknown>
  /** The other fields given with it (default: `base`). */
  readonly with?: Record<string, unknown>
  /** How a valid input reads once decoded (default: unchanged). */
  readonly decoded?: (input: unknown) => unknown
  /** The rule an invalid input breaks, when it is not always `rule`. */
  readonly ruleFor?: (input: unknown) => string
}

const addressRule = "must be an E.164 phone number (+13105678901), a SIP URI (sip:alice@example.com) or a client identifier (client:alice)"
const urlRule = "must be an absolute http: or https: URL"
const methodRule = "must be one of \"GET\", \"POST\""
const booleanRule = "must be a boolean, true or false"

const url = (field: string): Row => ({
  field,
  rule: urlRule,
  valid: ["https://example.com/status", "http://127.0.0.1:8080/cb?x=1"],
  invalid: ["example.com/status", "ftp://example.com/status", "https:///status", "", 42]
})
const method = (field: string): Row => ({
  field,
  rule: methodRule,
  valid: ["GET", "POST"],
  invalid: ["get", "PUT", "", null]
})
const range = (field: string, min: number, max: number): Row => ({
  field,
  rule: `must be an integer from ${min} to ${max}`,
  valid: [min, max, Math.round((min + max) / 2)],
  invalid: [min - 1, max + 1, min + 0.5, max - 0.5, String(min), Number.NaN, Number.POSITIVE_INFINITY, null]
})
const flag = (field: string): Row => ({
  field,
  rule: booleanRule,
  valid: [true, false],
  // Decision: the strings "true" / "false" are not booleans here (the official SDK would take
  // them); a typed caller writes `true`. Only the form decoder reads them, from the wire.
  invalid: ["true", "false", 1, 0, null]
})
const list = (field: string, rule: string, values: ReadonlyArray<string>, wrong: string): Row => ({
  field,
  rule,
  valid: [[values[0]], values, [values[0], values[0]]],
  invalid: [[wrong], [values[0], wrong], values[0], values.join(" "), []],
  ruleFor: (input) =>
    !Array.isArray(input)
      ? "must be a list of events, e.g. [\"completed\"]"
      : input.length === 0
      ? "must list at least one event (omit the option for the default)"
      : `must be one of ${rule}`
})

const table: ReadonlyArray<Row> = [
  {
    field: "to",
    rule: addressRule,
    with: { ...base, from: "+13103384645" },
    valid: ["+13105678901", "sip:alice@example.com", "client:alice"],
    invalid: ["13105678901", "alice", "sip:", "client:", "", 13105678901]
  },
  {
    field: "from",
    rule: addressRule,
    valid: ["+13103384645", "sips:alice@example.com:5061", "client:alice"],
    invalid: ["3103384645", "+0123", "alice@example.com", "", null]
  },
  url("url"),
  {
    field: "applicationSid",
    rule: "must be a UUID",
    with: withoutTarget,
    valid: ["b3877c40-da60-4998-90ad-b792e98472af"],
    invalid: ["XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX", "AP123", "", 1]
  },
  {
    field: "twiml",
    rule: "must be inline LaML/TwiML XML, starting with <",
    with: withoutTarget,
    valid: ["<Response><Say>Hello</Say></Response>", "  <?xml version=\"1.0\"?><Response/>"],
    invalid: ["Hello", "https://example.com/voice.xml", "", `<${"a".repeat(100_000)}`, 1]
  },
  method("method"),
  url("fallbackUrl"),
  method("fallbackMethod"),
  url("statusCallback"),
  method("statusCallbackMethod"),
  list(
    "statusCallbackEvent",
    "\"initiated\", \"ringing\", \"answered\", \"completed\", \"ringing_forwarded\", \"ringing_queued\"",
    ["initiated", "ringing", "answered", "completed", "ringing_forwarded", "ringing_queued"],
    "in-progress"
  ),
  {
    field: "callerId",
    rule: "must be an E.164 number or identifier of 1-128 characters, no surrounding spaces",
    valid: ["+13102259067", "Alice", "a", "x".repeat(128)],
    invalid: ["", " +13102259067", "+13102259067 ", "x".repeat(129), 13102259067]
  },
  {
    field: "sendDigits",
    rule: "must be 1-32 of the keys 0-9 # * w W",
    valid: ["1234#w*W", "w", "9".repeat(32)],
    invalid: ["", "9".repeat(33), "12a", "1 2", 1234]
  },
  range("timeout", 1, 600),
  {
    field: "machineDetection",
    rule: "must be one of \"Enable\", \"DetectMessageEnd\", \"none\"",
    valid: ["Enable", "DetectMessageEnd", "none"],
    invalid: ["enable", "None", "", true]
  },
  range("machineDetectionTimeout", 1, 120),
  range("machineDetectionSpeechThreshold", 1000, 6000),
  range("machineDetectionSpeechEndThreshold", 500, 5000),
  range("machineDetectionSilenceTimeout", 2000, 10000),
  range("machineWordsThreshold", 1, 100),
  flag("asyncAmd"),
  url("asyncAmdStatusCallback"),
  method("asyncAmdStatusCallbackMethod"),
  flag("asyncAmdPartialResults"),
  flag("record"),
  {
    field: "recordingChannels",
    rule: "must be one of \"mono\", \"dual\"",
    valid: ["mono", "dual"],
    invalid: ["stereo", ""]
  },
  {
    field: "recordingTrack",
    rule: "must be one of \"inbound\", \"outbound\", \"both\"",
    valid: ["inbound", "outbound", "both"],
    invalid: ["in", ""]
  },
  url("recordingStatusCallback"),
  method("recordingStatusCallbackMethod"),
  list(
    "recordingStatusCallbackEvent",
    "\"completed\", \"in-progress\", \"absent\"",
    ["completed", "in-progress", "absent"],
    "initiated"
  ),
  {
    field: "trim",
    rule: "must be one of \"trim-silence\", \"do-not-trim\"",
    valid: ["trim-silence", "do-not-trim"],
    invalid: ["trim", ""]
  },
  {
    field: "sipAuthUsername",
    rule: "must be a SIP user name of 1-128 characters without spaces",
    with: { ...base, sipAuthPassword: "s3cret" },
    valid: ["alice", "alice@example.com", "a".repeat(128)],
    invalid: ["", "al ice", "a".repeat(129), 7]
  },
  {
    field: "sipAuthPassword",
    rule: "must be a non-empty string (value not shown)",
    with: { ...base, sipAuthUsername: "alice" },
    valid: ["s3cret", " with spaces ", "x"],
    invalid: ["", 12345678, null]
  },
  {
    field: "maxPricePerMinute",
    rule: "must be a price in USD with at most 4 decimals",
    valid: ["0.05", "1", "1.", "10.1234", 0.05, 2],
    invalid: ["1.23456", "-1", "abc", "", -1, 0.00001],
    decoded: (input) => String(input)
  }
]

const read = (request: Request, field: string): unknown => {
  const value = (request as Record<string, unknown>)[field]
  return Redacted.isRedacted(value) ? Redacted.value(value) : value
}

describe("CreateCallRequest", () => {
  describe("every parameter", () => {
    it("the table covers every parameter of the reference page, plus Twiml", () => {
      const page = referenceText("create-a-call.txt")
      const request = page.slice(page.indexOf("\nRequest\n"), page.indexOf("\nResponse\n"))
      const documented = [...request.matchAll(/^([A-Z][A-Za-z]+)(?:string|enum|integer|boolean|list of strings)(?:Required|Optional)/gm)]
        .map(([, name]) => name!.charAt(0).toLowerCase() + name!.slice(1))
      expect(documented).toHaveLength(33)
      const expected = [...documented, "twiml"].sort()
      expect(table.map((row) => row.field).sort()).toStrictEqual(expected)
      expect([...Object.keys(CreateCallRequest.CreateCallOptions.fields), "url", "applicationSid", "twiml"].sort())
        .toStrictEqual(expected)
    })

    for (const row of table) {
      describe(row.field, () => {
        const given = row.with ?? base
        it.each(row.valid.map((value) => [value]))("accepts %j", (value) => {
          const request = decode({ ...given, [row.field]: value })
          expect(read(request, row.field)).toStrictEqual(row.decoded ? row.decoded(value) : value)
        })
        it.each(row.invalid.map((value) => [value]))("rejects %j, naming the field and the rule", (value) => {
          const issues = issuesOf(Request, { ...given, [row.field]: value })
          expect(issues).toHaveLength(1)
          expect(issues[0]!.path[0]).toBe(row.field)
          expect(issues[0]!.message).toContain(row.ruleFor ? row.ruleFor(value) : row.rule)
        })
      })
    }

    it("reports a bad list item at its index", () => {
      expect(issuesOf(Request, { ...base, statusCallbackEvent: ["completed", "in-progress"] })).toStrictEqual([{
        path: ["statusCallbackEvent", 1],
        message: expect.stringContaining("must be one of \"initiated\"")
      }])
      expect(issuesOf(Request, { ...base, recordingStatusCallbackEvent: [] })).toStrictEqual([{
        path: ["recordingStatusCallbackEvent"],
        message: "must list at least one event (omit the option for the default)"
      }])
    })

    it("requires to and from", () => {
      expect(issuesOf(Request, { url: base.url })).toStrictEqual([
        { path: ["to"], message: "is missing" },
        { path: ["from"], message: "is missing" }
      ])
    })

    it("rejects what is not an object", () => {
      for (const input of [null, "to=+13105678901", 42, undefined]) {
        expect(issuesOf(Request, input)).toStrictEqual([{ path: [], message: expect.stringContaining("Expected CreateCallRequest") }])
      }
    })
  })

  describe("exactly one of url, applicationSid, twiml", () => {
    const targets = {
      url: "https://example.com/voice.xml",
      applicationSid: "b3877c40-da60-4998-90ad-b792e98472af",
      twiml: "<Response><Say>Hi</Say></Response>"
    }
    const rule = "give exactly one of url, applicationSid or twiml"

    it.each(Object.entries(targets))("accepts %s alone", (key, value) => {
      expect(read(decode({ ...withoutTarget, [key]: value }), key)).toBe(value)
    })

    it("rejects none, on url", () => {
      expect(issuesOf(Request, withoutTarget)).toStrictEqual([{ path: ["url"], message: `is required: ${rule}` }])
    })

    it.each([
      [["url", "applicationSid"], ["applicationSid"]],
      [["url", "twiml"], ["twiml"]],
      [["applicationSid", "twiml"], ["twiml"]],
      [["url", "applicationSid", "twiml"], ["applicationSid", "twiml"]]
    ] as const)("rejects %j, on every field after the first", (given, flagged) => {
      const input = { ...withoutTarget, ...Object.fromEntries(given.map((key) => [key, targets[key]])) }
      expect(issuesOf(Request, input)).toStrictEqual(
        flagged.map((key) => ({ path: [key], message: `cannot be combined with ${given[0]}: ${rule}` }))
      )
    })

    it("counts an invalid target as given", () => {
      expect(issuesOf(Request, { ...base, twiml: "not xml" }).map((issue) => issue.path)).toStrictEqual([["twiml"], ["twiml"]])
    })
  })

  describe("a PSTN call (to is a phone number) comes from a phone number", () => {
    const rule = "must be an E.164 phone number when to is a phone number (a PSTN call)"
    it.each([["sip:alice@example.com"], ["client:alice"]])("rejects from %j", (from) => {
      expect(issuesOf(Request, { ...base, to: "+13105678901", from })).toStrictEqual([{ path: ["from"], message: rule }])
    })
    it.each([
      ["+13105678901", "+13103384645"],
      ["sip:bob@example.com", "client:alice"],
      ["sip:bob@example.com", "sip:alice@example.com"],
      ["client:bob", "+13103384645"],
      ["client:bob", "client:alice"]
    ])("accepts to %j from %j", (to, from) => {
      expect(decode({ ...base, to, from })).toMatchObject({ to, from })
    })
    it("reports an invalid from once, by its own rule", () => {
      expect(issuesOf(Request, { ...base, to: "+13105678901", from: "alice" })).toStrictEqual([
        { path: ["from"], message: `${addressRule} (got "alice")` }
      ])
    })
  })

  describe("sipAuthUsername and sipAuthPassword go together", () => {
    it("rejects a user name without a password", () => {
      expect(issuesOf(Request, { ...base, sipAuthUsername: "alice" })).toStrictEqual([
        { path: ["sipAuthPassword"], message: "is required with sipAuthUsername" }
      ])
    })
    it("rejects a password without a user name", () => {
      expect(issuesOf(Request, { ...base, sipAuthPassword: "s3cret" })).toStrictEqual([
        { path: ["sipAuthUsername"], message: "is required with sipAuthPassword" }
      ])
    })
    it("accepts both", () => {
      const request = decode({ ...base, sipAuthUsername: "alice", sipAuthPassword: "s3cret" })
      expect(request.sipAuthUsername).toBe("alice")
      expect(password(request)).toBe("s3cret")
    })
  })

  describe("decoding plain input", () => {
    it("reports every broken rule in one error, each with its field's path", () => {
      const input = {
        to: "+13105678901",
        from: "sip:alice@example.com", // PSTN rule
        timeout: 0, // range
        method: "get", // enum
        statusCallbackEvent: ["completed", "done"], // list item
        sipAuthUsername: "alice", // pair
        Url: "https://example.com/voice.xml" // unknown key (and so no target)
      }
      const result = Schema.decodeUnknownEither(Request)(input)
      expect(Either.isLeft(result)).toBe(true)
      const issues = ParseResult.ArrayFormatter.formatErrorSync((result as Either.Left<ParseResult.ParseError, Request>).left)
      expect(issues.map((issue) => issue.path)).toStrictEqual([
        ["Url"],
        ["method"],
        ["statusCallbackEvent", 1],
        ["timeout"],
        ["url"],
        ["from"],
        ["sipAuthPassword"]
      ])
      expect(issues.map((issue) => issue.message)).toStrictEqual([
        expect.stringMatching(/^is unexpected/),
        "must be one of \"GET\", \"POST\" (got \"get\")",
        expect.stringContaining("(got \"done\")"),
        "must be an integer from 1 to 600 (got 0)",
        "is required: give exactly one of url, applicationSid or twiml",
        "must be an E.164 phone number when to is a phone number (a PSTN call)",
        "is required with sipAuthUsername"
      ])
    })

    it("a value that is no string is shown as String shows it, even one whose toString is not a function", () => {
      // From a JSON body: an object, and one whose own toString is a string (String() throws on it).
      for (const timeout of [{ seconds: 30 }, { toString: "" }]) {
        expect(issuesOf(Request, { ...base, timeout })).toStrictEqual([
          { path: ["timeout"], message: "must be an integer from 1 to 600 (got [object Object])" }
        ])
      }
    })

    it("the pretty error lists each field once under CreateCallRequest", () => {
      const result = Schema.decodeUnknownEither(Request)({ ...base, timeout: 0, method: "get" })
      expect(Either.isLeft(result) && result.left.message).toBe([
        "CreateCallRequest",
        "├─ [\"method\"]",
        "│  └─ must be one of \"GET\", \"POST\" (got \"get\")",
        "└─ [\"timeout\"]",
        "   └─ must be an integer from 1 to 600 (got 0)"
      ].join("\n"))
    })

    it.each([["Url"], ["status_callback"], ["statusCallbackEvents"], ["laml"], ["byoc"]])("rejects the unknown key %j", (key) => {
      expect(issuesOf(Request, { ...base, [key]: "x" })).toStrictEqual([
        { path: [key], message: expect.stringMatching(/^is unexpected, expected: "to" \| "from"/) }
      ])
    })

    it("treats keys set to undefined as absent", () => {
      const request = decode({ ...base, applicationSid: undefined, twiml: undefined, timeout: undefined, sipAuthPassword: undefined })
      expectSameRequest(request, decode(base))
      expect(Object.keys(request).sort()).toStrictEqual(["from", "to", "url"])
      expect(issuesOf(Request, { ...base, url: undefined })).toStrictEqual([
        { path: ["url"], message: "is required: give exactly one of url, applicationSid or twiml" }
      ])
    })

    it("accepts an already-decoded request unchanged", () => {
      const request = decode({ ...base, sipAuthUsername: "alice", sipAuthPassword: "s3cret", maxPricePerMinute: 0.05 })
      expectSameRequest(decode(request), request)
      expect(CreateCallRequest.isCreateCallRequest(request)).toBe(true)
    })

    it.effect("decode is the schema's decoder as an Effect, failing with a ParseError", () =>
      Effect.gen(function*() {
        expectSameRequest(yield* CreateCallRequest.decode(base), decode(base))
        const error = yield* Effect.flip(CreateCallRequest.decode({ ...base, timeout: 0 }))
        expect(ParseResult.isParseError(error)).toBe(true)
        expect(error.message).toContain("[\"timeout\"]")
      }))

    it("encodes back to plain input", () => {
      const input = {
        ...base,
        statusCallbackEvent: ["initiated", "completed"],
        timeout: 30,
        record: true,
        sipAuthUsername: "alice",
        sipAuthPassword: "s3cret",
        maxPricePerMinute: 0.05
      }
      expect(encode(decode(input))).toStrictEqual({ ...input, maxPricePerMinute: "0.05" })
    })
  })

  describe("the SIP password", () => {
    const secret = "hunter2-sip-secret"
    const request = decode({ ...base, sipAuthUsername: "alice", sipAuthPassword: secret })

    it("is Redacted in the decoded value", () => {
      expect(Redacted.isRedacted(request.sipAuthPassword)).toBe(true)
      expect(password(request)).toBe(secret)
    })

    it("is never printed", () => {
      const printed = [
        String(request),
        `${request.sipAuthPassword}`,
        JSON.stringify(request),
        inspect(request, { depth: null }),
        Pretty.make(Request)(request)
      ]
      for (const text of printed) expect(text).not.toContain(secret)
      expect(Pretty.make(Request)(request)).toContain("sipAuthPassword: <redacted>")
    })

    // Every `actual` an issue keeps, at any depth: what a logger or formatter could reach.
    const actuals = (issue: ParseResult.ParseIssue): Array<unknown> => {
      const here: Array<unknown> = [issue.actual]
      if ("issue" in issue) here.push(...actuals(issue.issue))
      if ("issues" in issue) for (const inner of [issue.issues].flat()) here.push(...actuals(inner))
      return here
    }

    it.each([
      ["the request is invalid elsewhere", { ...base, timeout: 0, sipAuthPassword: secret }],
      ["the password is given without a user name", { ...withoutTarget, sipAuthPassword: secret }],
      ["the password is not a string", { ...base, sipAuthUsername: "alice", sipAuthPassword: 31337 }]
    ])("is not in the error when %s", (_, input) => {
      const result = Schema.decodeUnknownEither(Request)(input)
      if (Either.isRight(result)) return expect.fail("expected a failure")
      const error = result.left
      const shown = [
        error.message,
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: null }),
        JSON.stringify(ParseResult.ArrayFormatter.formatErrorSync(error)),
        inspect(actuals(error.issue), { depth: null })
      ]
      for (const text of shown) {
        expect(text).not.toContain(secret)
        expect(text).not.toContain("31337")
      }
    })
  })

  describe("properties", () => {
    it.prop("decode(encode(x)) = x", [Request], ([request]) => {
      const encoded = encode(request)
      expectSameRequest(decode(encoded), request)
      // The encoded form is plain data: it survives JSON and decodes to the same request.
      expectSameRequest(decode(JSON.parse(JSON.stringify(encoded))), request)
    })

    it.prop("every generated request obeys the rules", [Request], ([request]) => {
      expect(CreateCallRequest.isCreateCallRequest(request)).toBe(true)
      expect(["url", "applicationSid", "twiml"].filter((key) => key in request)).toHaveLength(1)
    })
  })

  it("what the type forbids (none or two of url, applicationSid, twiml), the decoder rejects for untyped input", () => {
    const input = { to: "+13105678901", from: "+13103384645" }
    expect(issuesOf(Request, input)).toHaveLength(1)
    expect(issuesOf(Request, { ...input, url: "https://example.com/voice.xml", twiml: "<Response/>" })).toHaveLength(1)
  })
})
