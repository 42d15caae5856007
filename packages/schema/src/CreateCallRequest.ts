/**
 * The request of SignalWire's "Create a Call" (`POST /Accounts/{AccountSid}/Calls`): every
 * documented parameter in camelCase, each with its documented rule, and the rules that tie
 * fields together:
 *
 * - exactly one of `url`, `applicationSid`, `twiml` says what handles the call (a union in the
 *   type, so a typed caller cannot give none or two);
 * - when `to` is a phone number, `from` must be one too (a PSTN call);
 * - `sipAuthUsername` and `sipAuthPassword` go together; the password is `Redacted`.
 *
 * Decoding reports every broken rule, each with its field's path, in one error, and rejects
 * unknown keys (a misspelt option is an error, not a silently dropped parameter).
 *
 * @since 0.1.0
 */
import type * as Arbitrary from "effect/Arbitrary"
import * as Arr from "effect/Array"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { CallAddress } from "./CallAddress.js"
import { HttpMethod } from "./HttpMethod.js"
import { createCallFields, targetFields } from "./internal/createCallFields.js"
import { boolean, integerBetween, matching, violates, violatesAll } from "./internal/rules.js"
import { MachineDetection } from "./MachineDetection.js"
import { MaxPrice } from "./MaxPrice.js"
import { isPhoneNumber } from "./PhoneNumber.js"
import { RecordingChannels, RecordingStatusCallbackEvent, RecordingTrack, Trim } from "./Recording.js"
import { SendDigits } from "./SendDigits.js"
import { isTwimlSource, type TwimlSource, TwimlSourceTypeId } from "./internal/twimlSource.js"
import { ApplicationSid } from "./Sid.js"
import { StatusCallbackEvent } from "./StatusCallbackEvent.js"
import { WebhookUrl } from "./WebhookUrl.js"

const TwimlXml = Schema.String.pipe(
  Schema.filter((s) => /^\s*</.test(s) && s.length <= 100_000, {
    message: violatesAll("inline LaML/TwiML XML, starting with < (e.g. <Response><Say>Hi</Say></Response>)"),
    // Markup characters left out: the Laml tests cover escaping, and this code ships in every app.
    arbitrary: () => (fc) => fc.string({ maxLength: 40 }).map((t) => `<Response><Say>${t.replace(/[<>&]/g, "")}</Say></Response>`)
  }),
  Schema.brand("Twiml"),
  Schema.annotations({ identifier: "Twiml" })
)

/**
 * A LaML document made by `Laml.response` (from `@effect-signalwire/schema/Laml`), which renders
 * itself: the type `twiml` takes besides a string.
 *
 * @since 0.1.0
 * @category models
 */
export type TwimlDocument = TwimlSource

/**
 * Inline LaML/TwiML instructions (XML), sent as `Twiml` like the official SDK, instead of a
 * `url` to fetch them from. Decodes from the XML string or from a `Laml` document, which is
 * checked (every broken rule with its path under `twiml`) and rendered; the decoded value is
 * always the XML string.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CreateCallRequest, Laml } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(CreateCallRequest.Twiml)
 * assert.strictEqual(decode("<Response><Say>Hi</Say></Response>")._tag, "Right")
 * assert.strictEqual(decode(Laml.response([Laml.say("Hi")]))._tag, "Right")
 * assert.strictEqual(decode("Say hi")._tag, "Left")
 * ```
 */
export const Twiml = Schema.transformOrFail(Schema.Unknown, TwimlXml, {
  strict: false,
  // Anything but a document passes through to TwimlXml, which rejects a non-string with its rule.
  decode: (input) => isTwimlSource(input) ? input[TwimlSourceTypeId]() : ParseResult.succeed(input),
  encode: ParseResult.succeed
}).annotations({ identifier: "Twiml" }) as Schema.Schema<typeof TwimlXml.Type, string | TwimlDocument>

/**
 * @since 0.1.0
 * @category models
 */
export type Twiml = typeof TwimlXml.Type

/**
 * The caller id shown to the callee, overriding `from`: an E.164 number or an identifier.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * assert.strictEqual(Schema.decodeUnknownSync(CreateCallRequest.CallerId)("+13103384645"), "+13103384645")
 * ```
 */
export const CallerId = matching(/^\S(?:.{0,126}\S)?$/, "an E.164 number or identifier of 1-128 characters, no surrounding spaces")
  .pipe(Schema.brand("CallerId"), Schema.annotations({ identifier: "CallerId" }))

/**
 * @since 0.1.0
 * @category models
 */
export type CallerId = typeof CallerId.Type

const nonEmptyList = <A extends string>(item: Schema.Schema<A>) =>
  Schema.Array(item).annotations({ message: violates("a list of events, e.g. [\"completed\"]") }).pipe(
    Schema.minItems(1, { message: () => "must list at least one event (omit the option for the default)" })
  )

// The message never echoes the value: it is a credential.
const SipAuthPassword = Schema.String.pipe(
  Schema.minLength(1, { message: () => ({ message: "must be a non-empty string (value not shown)", override: true }) })
)

// Exact optional keys: an option is either given a valid value or absent. Plain input with a key
// set to `undefined` is read as absent (see `normalize`).
const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * Every parameter besides the call's target (`url`, `applicationSid` or `twiml`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * // Every parameter but the target (url, applicationSid or twiml).
 * const options = Schema.decodeUnknownSync(CreateCallRequest.CreateCallOptions)({ to: "+13105678901", from: "+13103384645", timeout: 30 })
 * assert.strictEqual(options.timeout, 30)
 * ```
 */
export const CreateCallOptions = Schema.Struct({
  to: CallAddress,
  from: CallAddress,
  method: optional(HttpMethod),
  fallbackUrl: optional(WebhookUrl),
  fallbackMethod: optional(HttpMethod),
  statusCallback: optional(WebhookUrl),
  statusCallbackMethod: optional(HttpMethod),
  statusCallbackEvent: optional(nonEmptyList(StatusCallbackEvent)),
  callerId: optional(CallerId),
  sendDigits: optional(SendDigits),
  timeout: optional(integerBetween(1, 600)),
  machineDetection: optional(MachineDetection),
  machineDetectionTimeout: optional(integerBetween(1, 120)),
  machineDetectionSpeechThreshold: optional(integerBetween(1000, 6000)),
  machineDetectionSpeechEndThreshold: optional(integerBetween(500, 5000)),
  machineDetectionSilenceTimeout: optional(integerBetween(2000, 10000)),
  machineWordsThreshold: optional(integerBetween(1, 100)),
  asyncAmd: optional(boolean),
  asyncAmdStatusCallback: optional(WebhookUrl),
  asyncAmdStatusCallbackMethod: optional(HttpMethod),
  asyncAmdPartialResults: optional(boolean),
  record: optional(boolean),
  recordingChannels: optional(RecordingChannels),
  recordingTrack: optional(RecordingTrack),
  recordingStatusCallback: optional(WebhookUrl),
  recordingStatusCallbackMethod: optional(HttpMethod),
  recordingStatusCallbackEvent: optional(nonEmptyList(RecordingStatusCallbackEvent)),
  trim: optional(Trim),
  sipAuthUsername: optional(matching(/^\S{1,128}$/, "a SIP user name of 1-128 characters without spaces")),
  sipAuthPassword: optional(Schema.Redacted(SipAuthPassword)),
  maxPricePerMinute: optional(MaxPrice)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CreateCallOptions = typeof CreateCallOptions.Type

// All fields flat, the three targets optional: what is decoded field by field before the
// cross-field rules are checked.
const AllFields = Schema.Struct({
  ...CreateCallOptions.fields,
  url: optional(WebhookUrl),
  applicationSid: optional(ApplicationSid),
  twiml: optional(Twiml)
})

// What decoding actually runs: the same fields, the password wrapped in `Redacted` before
// anything reads it and checked inside the wrapper, so no issue of a failed decode, at any depth,
// holds it in clear.
const DecodedFields = Schema.Struct({
  ...AllFields.fields,
  sipAuthPassword: optional(Schema.declare(
    (u): u is Redacted.Redacted<string> => Redacted.isRedacted(u) && Schema.is(SipAuthPassword)(Redacted.value(u)),
    { identifier: "SipAuthPassword", message: () => "must be a non-empty string (value not shown)" }
  ))
})

type Exclusive<K extends string, V, Others extends string> = { readonly [P in K]: V } & { readonly [P in Others]?: never }

/**
 * What handles the call once it connects: exactly one of a LaML `url`, an `applicationSid`, or
 * inline `twiml`.
 *
 * @since 0.1.0
 * @category models
 */
export type CallTarget =
  | Exclusive<"url", WebhookUrl, "applicationSid" | "twiml">
  | Exclusive<"applicationSid", ApplicationSid, "url" | "twiml">
  | Exclusive<"twiml", Twiml, "url" | "applicationSid">

type EncodedTarget =
  | Exclusive<"url", string, "applicationSid" | "twiml">
  | Exclusive<"applicationSid", string, "url" | "twiml">
  | Exclusive<"twiml", string | TwimlDocument, "url" | "applicationSid">

/**
 * A valid Create Call request.
 *
 * @since 0.1.0
 * @category models
 */
export type CreateCallRequest = CreateCallOptions & CallTarget

/**
 * @since 0.1.0
 */
export declare namespace CreateCallRequest {
  /**
   * The plain input: strings, numbers, booleans and arrays, as a user or a JSON body writes it.
   *
   * @since 0.1.0
   * @category models
   */
  export type Encoded = Schema.Schema.Encoded<typeof CreateCallOptions> & EncodedTarget
}

// Plain input as the decoder reads it: keys set to `undefined` dropped (absent), the password
// (whatever its type) wrapped in `Redacted`.
const normalize = (input: Record<PropertyKey, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    out[key] = key === "sipAuthPassword" && !Redacted.isRedacted(value) ? Redacted.make(value) : value
  }
  return out
}

const present = (record: Record<string, unknown>, key: string) => record[key] !== undefined

// The cross-field rules, read from the raw input so they are reported together with any
// field errors rather than only once every field is valid.
const crossFieldIssues = (input: unknown, ast: Schema.Schema.AnyNoContext["ast"]): Array<ParseResult.ParseIssue> => {
  if (!Predicate.isRecord(input)) return []
  const record: Record<string, unknown> = input
  const issue = (path: string, message: string) =>
    new ParseResult.Pointer(path, record[path], new ParseResult.Type(ast, record[path], message))
  const issues: Array<ParseResult.ParseIssue> = []
  const targets = targetFields.filter((key) => present(record, key))
  if (targets.length === 0) {
    issues.push(issue("url", "is required: give exactly one of url, applicationSid or twiml"))
  }
  for (const extra of targets.slice(1)) {
    issues.push(issue(extra, `cannot be combined with ${targets[0]}: give exactly one of url, applicationSid or twiml`))
  }
  if (isPhoneNumber(record.to) && present(record, "from") && !isPhoneNumber(record.from) && Schema.is(CallAddress)(record.from)) {
    issues.push(issue("from", "must be an E.164 phone number when to is a phone number (a PSTN call)"))
  }
  if (present(record, "sipAuthUsername") && !present(record, "sipAuthPassword")) {
    issues.push(issue("sipAuthPassword", "is required with sipAuthUsername"))
  }
  if (present(record, "sipAuthPassword") && !present(record, "sipAuthUsername")) {
    issues.push(issue("sipAuthUsername", "is required with sipAuthPassword"))
  }
  return issues
}

const strict = { errors: "all", onExcessProperty: "error" } as const
const decodeFields = ParseResult.decodeUnknownEither(DecodedFields)
// Either rather than Effect: every field encodes synchronously, and a parser that returns an
// Effect is run through the fiber machinery even by `encodeSync` (10 µs per request).
const encodeFields = ParseResult.encodeUnknownEither(AllFields)
const isDecoded = Schema.is(Schema.typeSchema(AllFields), { onExcessProperty: "error" })

// The field issues, one per field, beside the cross-field ones (not nested under the struct).
const fieldIssues = (issue: ParseResult.ParseIssue): ReadonlyArray<ParseResult.ParseIssue> =>
  ParseResult.isComposite(issue) && issue.ast === DecodedFields.ast
    ? Arr.ensure(issue.issues)
    : [issue]

// The parts a request is generated from. They are the declaration's type parameters so that
// `Arbitrary.make` hands their generators to the annotation below: importing `effect/Arbitrary`
// here would put fast-check into every app that places a call.
const Target = Schema.Union(
  Schema.Struct({ url: WebhookUrl }),
  Schema.Struct({ applicationSid: ApplicationSid }),
  Schema.Struct({ twiml: Twiml })
)
const typeParameters = [CreateCallOptions, Target, CallAddress] as const

// Generated requests obey the cross-field rules by construction.
const requestArbitrary = (
  options: Arbitrary.LazyArbitrary<CreateCallOptions>,
  target: Arbitrary.LazyArbitrary<typeof Target.Type>,
  address: Arbitrary.LazyArbitrary<typeof CallAddress.Type>
): Arbitrary.LazyArbitrary<CreateCallRequest> =>
(fc) =>
  fc.tuple(options(fc), target(fc), address(fc)).map(([options, target, phoneFallback]) => {
    const request: Record<string, unknown> = { ...options, ...target }
    if (isPhoneNumber(request.to) && !isPhoneNumber(request.from)) {
      request.from = isPhoneNumber(phoneFallback) ? phoneFallback : request.to
    }
    if ((request.sipAuthUsername === undefined) !== (request.sipAuthPassword === undefined)) {
      delete request.sipAuthUsername
      delete request.sipAuthPassword
    }
    return request as CreateCallRequest
  })

/**
 * Decodes plain input (or re-checks an already-decoded request) into a `CreateCallRequest`;
 * encodes a request back to plain input.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Schema } from "effect"
 *
 * const request = Schema.decodeUnknownSync(CreateCallRequest.CreateCallRequest)({
 *   to: "+13105678901",
 *   from: "+13103384645",
 *   url: "https://example.com/voice.xml"
 * })
 * ```
 */
export const CreateCallRequest: Schema.Schema<CreateCallRequest, CreateCallRequest.Encoded> = Schema.declare(
  typeParameters,
  {
    decode: () => (given, _options, ast) => {
      if (!Predicate.isRecord(given)) return ParseResult.fail(new ParseResult.Type(ast, given))
      const input = normalize(given)
      const cross = crossFieldIssues(input, ast)
      // An already-decoded request passes through unchanged.
      if (cross.length === 0 && isDecoded(input)) return ParseResult.succeed(input as CreateCallRequest)
      const fields = decodeFields(input, strict)
      if (Either.isRight(fields) && cross.length === 0) {
        return ParseResult.succeed(fields.right as CreateCallRequest)
      }
      const issues = Either.isLeft(fields) ? [...fieldIssues(fields.left), ...cross] : cross
      return ParseResult.fail(new ParseResult.Composite(ast, input, issues as [ParseResult.ParseIssue, ...Array<ParseResult.ParseIssue>]))
    },
    encode: () => (input, _options, ast) =>
      Either.mapLeft(encodeFields(input, strict), (issue) => new ParseResult.Composite(ast, input, issue)) as Either.Either<
        CreateCallRequest.Encoded,
        ParseResult.ParseIssue
      >
  },
  {
    identifier: "CreateCallRequest",
    description: "a Create Call request",
    arbitrary: (options, target, address) => requestArbitrary(options, target, address),
    pretty: () => (request) => {
      const shown = createCallFields
        .filter(([key]) => (request as Record<string, unknown>)[key] !== undefined)
        .map(([key]) => `${key}: ${String((request as Record<string, unknown>)[key])}`)
      return `CreateCallRequest({ ${shown.join(", ")} })`
    },
    equivalence: () => (a, b) => Schema.equivalence(Schema.typeSchema(AllFields))(a, b)
  }
)

/**
 * Decodes plain input, failing with a `ParseError` that lists every broken rule.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Effect, Either } from "effect"
 *
 * const request = Effect.runSync(CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }))
 * assert.strictEqual(request.to, "+13105678901")
 * // Every broken rule at once, each with its path.
 * const broken = Effect.runSync(Effect.either(CreateCallRequest.decode({ to: "+1", from: "+13103384645", url: "ftp://x" })))
 * assert.strictEqual(Either.isLeft(broken), true)
 * ```
 */
export const decode = Schema.decodeUnknown(CreateCallRequest, { errors: "all" })

/**
 * Whether a value is a valid, decoded request (its password, if any, `Redacted`).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import { CreateCallRequest } from "@effect-signalwire/schema"
 * import { Effect } from "effect"
 *
 * assert.strictEqual(CreateCallRequest.isCreateCallRequest(Effect.runSync(CreateCallRequest.decode({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" }))), true)
 * assert.strictEqual(CreateCallRequest.isCreateCallRequest({ to: "+13105678901" }), false)
 * ```
 */
export const isCreateCallRequest = (u: unknown): u is CreateCallRequest =>
  crossFieldIssues(u, CreateCallRequest.ast).length === 0 && isDecoded(u)
