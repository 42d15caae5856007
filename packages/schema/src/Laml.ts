/**
 * LaML (SignalWire's name for TwiML, also called cXML): the voice document a call follows, as
 * typed data rendered to safe XML.
 *
 * A document is a `Response` holding verbs; each verb is a plain immutable value (`_tag`,
 * `attributes`, and its `text` or nested `children`), made by a small function: `say`, `play`,
 * `pause`, `gather`, `dial` (with `number`, `sip`, `client`, `conference`, `queue`), `record`,
 * `redirect`, `hangup`, `reject`, `enqueue`, `leave`, `echo`, `refer`, and the streaming verbs
 * `connect` (with `stream`, `room`, `virtualAgent`), `start` and `stop`. Where nesting has a rule
 * the types hold it: a `Gather` holds only `Say`, `Play` and `Pause`, a `Dial` only its nouns.
 *
 * Every attribute has a rule (enums, integer ranges, URL and key formats, characters XML 1.0
 * allows), checked by the `Response` schema: `decode`, `encode`, and passing a document as
 * `twiml` to `createCall` report every broken rule with its path
 * (`["verbs", 0, "attributes", "numDigits"]`) in one error, before anything is sent.
 *
 * `render` writes the XML: the declaration, attribute names as SignalWire spells them, every text
 * and attribute value escaped, so a caller's name or digits can never break the document or add a
 * verb. XML 1.0 cannot carry control characters other than tab, line feed and carriage return
 * (not even as `&#1;`): the schema rejects them with their index; `render`, which never fails,
 * writes U+FFFD in their place. Everything else, astral characters included, passes unchanged.
 *
 * This module is only in an app's bundle when the app imports it.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import { HttpMethod } from "./HttpMethod.js"
import { boolean, integerBetween, matching, oneOf, violates, violatesAll } from "./internal/rules.js"
import { isTwimlSource, type TwimlSource, TwimlSourceTypeId } from "./internal/twimlSource.js"
import { PhoneNumber } from "./PhoneNumber.js"
import { SendDigits } from "./SendDigits.js"
import { SipUri } from "./SipUri.js"
import { WebhookUrl } from "./WebhookUrl.js"

// ---------------------------------------------------------------------------------------------
// Characters and escaping
// ---------------------------------------------------------------------------------------------

// What XML 1.0 allows (its `Char` production); with the `u` flag a lone surrogate is a code
// point of its own, so it matches too.
const forbiddenCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const forbiddenCharacters = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`

const xmlCharacters = (text: string): true | string => {
  const found = forbiddenCharacter.exec(text)
  return found === null ||
    `must contain only characters XML 1.0 allows, no control characters besides tab, line feed and carriage return (found ${
      codePoint(found[0])
    } at index ${found.index})`
}

// Text content: `>` too, so `]]>` never appears; a carriage return as a reference, since a parser
// turns a literal one into a line feed.
const textEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" }
// Attribute values: quotes, and tab, line feed and carriage return as references, since a parser
// turns literal ones into spaces.
const attributeEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\"": "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;"
}

const replaceForbidden = (text: string) => text.replace(forbiddenCharacters, "\uFFFD")
const escapeText = (text: string) => replaceForbidden(text).replace(/[&<>\r]/g, (c) => textEntities[c]!)
const escapeAttribute = (text: string) => replaceForbidden(text).replace(/[&<>"'\t\n\r]/g, (c) => attributeEntities[c]!)

// ---------------------------------------------------------------------------------------------
// Attribute rules
// ---------------------------------------------------------------------------------------------

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

const string = Schema.String.annotations({ message: violates("a string") })

/**
 * Text XML 1.0 can carry: any string without the control characters it forbids.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.XmlText)("Hello"), true)
 * assert.strictEqual(Schema.is(Laml.XmlText)("bell \u0007"), false)
 * ```
 */
export const XmlText = string.pipe(Schema.filter(xmlCharacters), Schema.annotations({ identifier: "Laml.XmlText" }))

const name = (what: string) =>
  XmlText.pipe(Schema.filter((s) => s.trim().length > 0 && s.length <= 256 || `must be ${what}: 1-256 characters, not only spaces`))

// The unbranded rules of the package's primitives (their messages and generators): a document
// is plain data, so its strings carry no brand.
const url = WebhookUrl.from

const isWebSocketUrl = (s: string) => {
  if (!/^wss:\/\/[^\s/?#]/i.test(s) || /\s/.test(s) || s.length > 4096) return false
  try {
    return new URL(s).hostname.length > 0
  } catch {
    return false
  }
}

const webSocketUrl = string.pipe(Schema.filter(isWebSocketUrl, {
  message: violatesAll("a wss: URL (e.g. wss://example.com/audio); SignalWire streams only over TLS"),
  arbitrary: () => (fc) => fc.webUrl({ validSchemes: ["wss"] })
}))

const events = <const Values extends ReadonlyArray<string>>(...values: Values) =>
  Schema.Array(oneOf(...values)).annotations({ message: violates(`a list of events, e.g. ["${values[0]}"]`) }).pipe(
    Schema.minItems(1, { message: () => "must list at least one event (omit the attribute for the default)" })
  )

const keys = matching(/^[\d#*]{0,12}$/, "keys from 0-9, # and * (empty for none)")
const language = matching(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/, "a language tag such as en-US")
const voice = matching(/^[A-Za-z][\w.:+-]{0,99}$/, "a voice name such as man, woman, alice or Polly.Joanna-Neural")
const secret = Schema.Redacted(
  Schema.String.pipe(Schema.minLength(1, { message: () => ({ message: "must be a non-empty string (value not shown)", override: true }) }))
)
const recordingEvents = events("in-progress", "completed", "absent")
const callEvents = events("initiated", "ringing", "answered", "completed")
const trim = oneOf("trim-silence", "do-not-trim")

const recordingCallbacks = {
  recordingStatusCallback: optional(url),
  recordingStatusCallbackEvent: optional(recordingEvents),
  recordingStatusCallbackMethod: optional(HttpMethod)
}

const callCallbacks = {
  url: optional(url),
  method: optional(HttpMethod),
  statusCallback: optional(url),
  statusCallbackEvent: optional(callEvents),
  statusCallbackMethod: optional(HttpMethod)
}

const action = { action: optional(url), method: optional(HttpMethod) }

// ---------------------------------------------------------------------------------------------
// Nouns
// ---------------------------------------------------------------------------------------------

/**
 * `<Number>`: a phone number to dial, in E.164 form.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.NumberNoun)(Laml.number("+13105678901")), true)
 * ```
 */
export const NumberNoun = Schema.TaggedStruct("Number", {
  attributes: Schema.Struct({ sendDigits: optional(SendDigits.from), ...callCallbacks }),
  text: PhoneNumber.from
}).annotations({ identifier: "Laml.Number" })

/**
 * @since 0.1.0
 * @category models
 */
export type NumberNoun = typeof NumberNoun.Type

/**
 * `<Sip>`: a SIP endpoint to dial (or to refer the call to). The password is `Redacted`; only
 * `render` reveals it, in the document.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Sip)(Laml.sip("sip:alice@example.com")), true)
 * ```
 */
export const Sip = Schema.TaggedStruct("Sip", {
  attributes: Schema.Struct({
    username: optional(matching(/^\S{1,128}$/, "a SIP user name of 1-128 characters without spaces")),
    password: optional(secret),
    ...callCallbacks
  }),
  text: SipUri.from
}).annotations({ identifier: "Laml.Sip" })

/**
 * @since 0.1.0
 * @category models
 */
export type Sip = typeof Sip.Type

/**
 * `<Client>`: a client identity to dial.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Client)(Laml.client("alice")), true)
 * ```
 */
export const Client = Schema.TaggedStruct("Client", {
  attributes: Schema.Struct(callCallbacks),
  text: matching(/^[\w.@+-]{1,128}$/, "a client identity: 1-128 letters, digits and - _ . @ +")
}).annotations({ identifier: "Laml.Client" })

/**
 * @since 0.1.0
 * @category models
 */
export type Client = typeof Client.Type

/**
 * `<Conference>`: a conference room to join, by name.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Conference)(Laml.conference("standup")), true)
 * ```
 */
export const Conference = Schema.TaggedStruct("Conference", {
  attributes: Schema.Struct({
    beep: optional(oneOf("true", "false", "onEnter", "onExit")),
    endConferenceOnExit: optional(boolean),
    maxParticipants: optional(integerBetween(2, 250)),
    muted: optional(boolean),
    record: optional(oneOf("do-not-record", "record-from-start")),
    ...recordingCallbacks,
    startConferenceOnEnter: optional(boolean),
    statusCallback: optional(url),
    statusCallbackEvent: optional(events("start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement")),
    statusCallbackMethod: optional(HttpMethod),
    trim: optional(trim),
    waitMethod: optional(HttpMethod),
    waitUrl: optional(url)
  }),
  text: name("a conference name")
}).annotations({ identifier: "Laml.Conference" })

/**
 * @since 0.1.0
 * @category models
 */
export type Conference = typeof Conference.Type

/**
 * `<Queue>`: a call queue to dial, by name.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Queue)(Laml.queue("support")), true)
 * ```
 */
export const Queue = Schema.TaggedStruct("Queue", {
  attributes: Schema.Struct({ url: optional(url), method: optional(HttpMethod) }),
  text: name("a queue name")
}).annotations({ identifier: "Laml.Queue" })

/**
 * @since 0.1.0
 * @category models
 */
export type Queue = typeof Queue.Type

/**
 * `<Parameter>`: a name and value passed to a stream's WebSocket server.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Parameter)(Laml.parameter("caller", "Ada")), true)
 * ```
 */
export const Parameter = Schema.TaggedStruct("Parameter", {
  attributes: Schema.Struct({ name: name("a parameter name"), value: XmlText })
}).annotations({ identifier: "Laml.Parameter" })

/**
 * @since 0.1.0
 * @category models
 */
export type Parameter = typeof Parameter.Type

/**
 * `<Stream>`: the call's audio over a WebSocket (`wss:`), one-way inside `Start`, two-way
 * inside `Connect`. The bearer token is `Redacted`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Stream)(Laml.stream({ url: "wss://example.com/audio" })), true)
 * assert.strictEqual(Schema.is(Laml.Stream)(Laml.stream({ url: "http://example.com/audio" })), false)
 * ```
 */
export const Stream = Schema.TaggedStruct("Stream", {
  attributes: Schema.Struct({
    url: webSocketUrl,
    name: optional(name("a stream name")),
    track: optional(oneOf("inbound_track", "outbound_track", "both_tracks")),
    statusCallback: optional(url),
    statusCallbackMethod: optional(HttpMethod),
    authBearerToken: optional(secret),
    codec: optional(matching(/^[A-Za-z0-9]{1,16}(?:@\d{4,6}h)?$/, "a codec such as PCMU, PCMA or L16@16000h")),
    realtime: optional(boolean)
  }),
  children: Schema.Array(Parameter)
}).annotations({ identifier: "Laml.Stream" })

/**
 * @since 0.1.0
 * @category models
 */
export type Stream = typeof Stream.Type

// Inside `Stop`, a stream is named, not described.
const StreamToStop = Schema.TaggedStruct("Stream", {
  attributes: Schema.Struct({ name: name("a stream name") })
}).annotations({ identifier: "Laml.StreamToStop" })

/**
 * `<Room>`: a video room to connect the call to, by name.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Room)(Laml.room("lobby")), true)
 * ```
 */
export const Room = Schema.TaggedStruct("Room", {
  attributes: Schema.Struct({ participantIdentity: optional(name("a participant identity")) }),
  text: name("a room name")
}).annotations({ identifier: "Laml.Room" })

/**
 * @since 0.1.0
 * @category models
 */
export type Room = typeof Room.Type

/**
 * `<VirtualAgent>`: a Dialogflow agent to connect the call to.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.VirtualAgent)(Laml.virtualAgent({ connectorName: "support-agent" })), true)
 * ```
 */
export const VirtualAgent = Schema.TaggedStruct("VirtualAgent", {
  attributes: Schema.Struct({
    connectorName: name("a connector name"),
    language: optional(language),
    sentimentAnalysis: optional(boolean),
    statusCallback: optional(url)
  })
}).annotations({ identifier: "Laml.VirtualAgent" })

/**
 * @since 0.1.0
 * @category models
 */
export type VirtualAgent = typeof VirtualAgent.Type

// ---------------------------------------------------------------------------------------------
// Verbs
// ---------------------------------------------------------------------------------------------

/**
 * `<Say>`: text spoken to the call.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Say)(Laml.say("Hello")), true)
 * ```
 */
export const Say = Schema.TaggedStruct("Say", {
  attributes: Schema.Struct({ voice: optional(voice), language: optional(language), loop: optional(integerBetween(0, 1000)) }),
  text: XmlText
}).annotations({ identifier: "Laml.Say" })

/**
 * @since 0.1.0
 * @category models
 */
export type Say = typeof Say.Type

/**
 * `<Play>`: an audio file played to the call, or (with `digits` and no URL) DTMF tones.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Play)(Laml.play("https://example.com/hold.mp3")), true)
 * ```
 */
export const Play = Schema.TaggedStruct("Play", {
  attributes: Schema.Struct({
    loop: optional(integerBetween(0, 1000)),
    digits: optional(matching(/^[\d#*wW]{1,100}$/, "1-100 of the keys 0-9 # * w W"))
  }),
  text: Schema.Union(url, Schema.Literal("")).annotations({
    message: violatesAll("an absolute http: or https: URL, or empty with digits")
  })
}).annotations({ identifier: "Laml.Play" })

/**
 * @since 0.1.0
 * @category models
 */
export type Play = typeof Play.Type

/**
 * `<Pause>`: silence, `length` seconds (1 by default).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Pause)(Laml.pause()), true)
 * ```
 */
export const Pause = Schema.TaggedStruct("Pause", {
  attributes: Schema.Struct({ length: optional(integerBetween(1, 600)) })
}).annotations({ identifier: "Laml.Pause" })

/**
 * @since 0.1.0
 * @category models
 */
export type Pause = typeof Pause.Type

/**
 * What a `Gather` may hold: `Say`, `Play` and `Pause`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.GatherNested)(Laml.say("Press 1 for sales")), true)
 * assert.strictEqual(Schema.is(Laml.GatherNested)(Laml.hangup()), false)
 * ```
 */
export const GatherNested = Schema.Union(Say, Play, Pause)

/**
 * @since 0.1.0
 * @category models
 */
export type GatherNested = typeof GatherNested.Type

/**
 * `<Gather>`: collects digits or speech, then requests `action` with them.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Gather)(Laml.gather({}, [Laml.say("Press 1 for sales")])), true)
 * ```
 */
export const Gather = Schema.TaggedStruct("Gather", {
  attributes: Schema.Struct({
    ...action,
    actionOnEmptyResult: optional(boolean),
    bargeIn: optional(boolean),
    enhanced: optional(boolean),
    finishOnKey: optional(keys),
    hints: optional(XmlText),
    input: optional(
      Schema.Array(oneOf("dtmf", "speech")).pipe(
        Schema.minItems(1, { message: () => "must list dtmf, speech or both" }),
        Schema.maxItems(2, { message: () => "must list dtmf, speech or both" })
      )
    ),
    language: optional(language),
    maxSpeechTime: optional(integerBetween(1, 60)),
    numDigits: optional(integerBetween(1, 100)),
    partialResultCallback: optional(url),
    partialResultCallbackMethod: optional(HttpMethod),
    profanityFilter: optional(boolean),
    speechModel: optional(oneOf("default", "numbers_and_commands", "phone_call")),
    speechTimeout: optional(Schema.Union(integerBetween(1, 600), Schema.Literal("auto")).annotations({
      message: violatesAll("an integer from 1 to 600 or \"auto\"")
    })),
    timeout: optional(integerBetween(1, 600))
  }),
  children: Schema.Array(GatherNested)
}).annotations({ identifier: "Laml.Gather" })

/**
 * @since 0.1.0
 * @category models
 */
export type Gather = typeof Gather.Type

/**
 * What a `Dial` may hold: `Number`, `Sip`, `Client`, `Conference` and `Queue`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.DialNoun)(Laml.sip("sip:alice@example.com")), true)
 * ```
 */
export const DialNoun = Schema.Union(NumberNoun, Sip, Client, Conference, Queue)

/**
 * @since 0.1.0
 * @category models
 */
export type DialNoun = typeof DialNoun.Type

/**
 * `<Dial>`: connects the call to another party; the next verb runs when that call ends (or
 * `action` is requested).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Dial)(Laml.dial("+13105678901")), true)
 * ```
 */
export const Dial = Schema.TaggedStruct("Dial", {
  attributes: Schema.Struct({
    ...action,
    answerOnBridge: optional(boolean),
    callerId: optional(matching(/^\S(?:.{0,126}\S)?$/, "an E.164 number or identifier of 1-128 characters, no surrounding spaces")),
    hangupOnStar: optional(boolean),
    record: optional(
      oneOf("do-not-record", "record-from-answer", "record-from-ringing", "record-from-answer-dual", "record-from-ringing-dual")
    ),
    ...recordingCallbacks,
    recordingTrack: optional(oneOf("both", "inbound", "outbound")),
    referUrl: optional(url),
    referMethod: optional(HttpMethod),
    ringTone: optional(
      oneOf("at", "au", "bg", "br", "be", "ch", "cl", "cn", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hu", "il", "in", "it", "lt", "jp", "mx", "my", "nl", "no", "nz", "ph", "pl", "pt", "ru", "se", "sg", "th", "uk", "us", "us-old", "tw", "ve", "za")
    ),
    timeLimit: optional(integerBetween(1, 14400)),
    timeout: optional(integerBetween(1, 600)),
    trim: optional(trim)
  }),
  children: Schema.Array(DialNoun).pipe(Schema.minItems(1, { message: () => "must hold at least one party to dial" }))
}).annotations({ identifier: "Laml.Dial" })

/**
 * @since 0.1.0
 * @category models
 */
export type Dial = typeof Dial.Type

/**
 * `<Record>`: records the caller, then requests `action` with the recording.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.RecordVerb)(Laml.record()), true)
 * ```
 */
export const RecordVerb = Schema.TaggedStruct("Record", {
  attributes: Schema.Struct({
    ...action,
    finishOnKey: optional(keys),
    maxLength: optional(integerBetween(1, 14400)),
    playBeep: optional(boolean),
    ...recordingCallbacks,
    timeout: optional(integerBetween(0, 600)),
    transcribe: optional(boolean),
    transcribeCallback: optional(url),
    trim: optional(trim)
  })
}).annotations({ identifier: "Laml.Record" })

/**
 * @since 0.1.0
 * @category models
 */
export type RecordVerb = typeof RecordVerb.Type

/**
 * `<Redirect>`: continues with the document at another URL.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Redirect)(Laml.redirect("https://example.com/next.xml")), true)
 * ```
 */
export const Redirect = Schema.TaggedStruct("Redirect", {
  attributes: Schema.Struct({ method: optional(HttpMethod) }),
  text: url
}).annotations({ identifier: "Laml.Redirect" })

/**
 * @since 0.1.0
 * @category models
 */
export type Redirect = typeof Redirect.Type

/**
 * `<Hangup>`: ends the call.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Hangup)(Laml.hangup()), true)
 * ```
 */
export const Hangup = Schema.TaggedStruct("Hangup", { attributes: Schema.Struct({}) }).annotations({ identifier: "Laml.Hangup" })

/**
 * @since 0.1.0
 * @category models
 */
export type Hangup = typeof Hangup.Type

/**
 * `<Reject>`: refuses an incoming call without answering (`reason`: `rejected` or `busy`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Reject)(Laml.reject()), true)
 * ```
 */
export const Reject = Schema.TaggedStruct("Reject", {
  attributes: Schema.Struct({ reason: optional(oneOf("rejected", "busy")) })
}).annotations({ identifier: "Laml.Reject" })

/**
 * @since 0.1.0
 * @category models
 */
export type Reject = typeof Reject.Type

/**
 * `<Enqueue>`: puts the call in a queue, by name.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Enqueue)(Laml.enqueue("support")), true)
 * ```
 */
export const Enqueue = Schema.TaggedStruct("Enqueue", {
  attributes: Schema.Struct({ ...action, waitUrl: optional(url), waitUrlMethod: optional(HttpMethod) }),
  text: name("a queue name")
}).annotations({ identifier: "Laml.Enqueue" })

/**
 * @since 0.1.0
 * @category models
 */
export type Enqueue = typeof Enqueue.Type

/**
 * `<Leave>`: takes the call out of its queue; the document after `Enqueue` continues.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Leave)(Laml.leave()), true)
 * ```
 */
export const Leave = Schema.TaggedStruct("Leave", { attributes: Schema.Struct({}) }).annotations({ identifier: "Laml.Leave" })

/**
 * @since 0.1.0
 * @category models
 */
export type Leave = typeof Leave.Type

/**
 * `<Echo>`: plays the caller's audio back to them (a line test).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Echo)(Laml.echo()), true)
 * ```
 */
export const Echo = Schema.TaggedStruct("Echo", { attributes: Schema.Struct({}) }).annotations({ identifier: "Laml.Echo" })

/**
 * @since 0.1.0
 * @category models
 */
export type Echo = typeof Echo.Type

/**
 * What a `Connect` may hold: `Stream` (two-way), `Room` and `VirtualAgent`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.ConnectNoun)(Laml.room("lobby")), true)
 * ```
 */
export const ConnectNoun = Schema.Union(Stream, Room, VirtualAgent)

/**
 * @since 0.1.0
 * @category models
 */
export type ConnectNoun = typeof ConnectNoun.Type

/**
 * `<Connect>`: connects the call to a two-way stream, a room or a virtual agent; the document
 * continues (or `action` is requested) when that ends.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Connect)(Laml.connect([Laml.room("lobby")])), true)
 * ```
 */
export const Connect = Schema.TaggedStruct("Connect", {
  attributes: Schema.Struct(action),
  children: Schema.Array(ConnectNoun).pipe(Schema.minItems(1, { message: () => "must hold a Stream, Room or VirtualAgent" }))
}).annotations({ identifier: "Laml.Connect" })

/**
 * @since 0.1.0
 * @category models
 */
export type Connect = typeof Connect.Type

/**
 * `<Start>`: starts a one-way stream of the call's audio and continues at once.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Start)(Laml.start([Laml.stream({ url: "wss://example.com/audio", name: "audio" })])), true)
 * ```
 */
export const Start = Schema.TaggedStruct("Start", {
  attributes: Schema.Struct(action),
  children: Schema.Array(Stream).pipe(Schema.minItems(1, { message: () => "must hold a Stream" }))
}).annotations({ identifier: "Laml.Start" })

/**
 * @since 0.1.0
 * @category models
 */
export type Start = typeof Start.Type

/**
 * `<Stop>`: stops a stream started by `Start`, by its name.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Stop)(Laml.stop("audio")), true)
 * ```
 */
export const Stop = Schema.TaggedStruct("Stop", {
  attributes: Schema.Struct({}),
  children: Schema.Array(StreamToStop).pipe(Schema.minItems(1, { message: () => "must name a Stream" }))
}).annotations({ identifier: "Laml.Stop" })

/**
 * @since 0.1.0
 * @category models
 */
export type Stop = typeof Stop.Type

/**
 * `<Refer>`: transfers a SIP call elsewhere with a SIP REFER.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Refer)(Laml.refer({}, "sip:bob@example.com")), true)
 * ```
 */
export const Refer = Schema.TaggedStruct("Refer", {
  attributes: Schema.Struct(action),
  children: Schema.Array(Sip).pipe(Schema.minItems(1, { message: () => "must hold a Sip" }))
}).annotations({ identifier: "Laml.Refer" })

/**
 * @since 0.1.0
 * @category models
 */
export type Refer = typeof Refer.Type

/**
 * Any verb a `Response` may hold.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Verb)(Laml.say("Hello")), true)
 * assert.strictEqual(Schema.is(Laml.Verb)(Laml.number("+13105678901")), false)
 * ```
 */
export const Verb = Schema.Union(
  Say,
  Play,
  Pause,
  Gather,
  Dial,
  RecordVerb,
  Redirect,
  Hangup,
  Reject,
  Enqueue,
  Leave,
  Echo,
  Connect,
  Start,
  Stop,
  Refer
)

/**
 * @since 0.1.0
 * @category models
 */
export type Verb = typeof Verb.Type

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

const ResponseFields = Schema.TaggedStruct("Response", { verbs: Schema.Array(Verb) })

/**
 * A LaML document: the verbs a call follows, in order. Made by `response` (or decoded), so that
 * `createCall({ twiml: document })` can check and render it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Response extends TwimlSource {
  readonly _tag: "Response"
  readonly verbs: ReadonlyArray<Verb>
}

/**
 * @since 0.1.0
 */
export declare namespace Response {
  /**
   * A document as plain data (secrets as strings), as JSON would hold it.
   *
   * @since 0.1.0
   * @category models
   */
  export type Encoded = typeof ResponseFields.Encoded
}

const strict = { errors: "all", onExcessProperty: "error" } as const

const ResponseProto = {
  [TwimlSourceTypeId](this: Response): Either.Either<string, ParseResult.ParseIssue> {
    return encodeEither(this)
  },
  toJSON(this: Response) {
    return { _tag: this._tag, verbs: this.verbs }
  }
}

/**
 * A document holding `verbs`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const document = Laml.response([Laml.say("Hello"), Laml.hangup()])
 * console.log(Laml.render(document))
 * ```
 */
export const response = (verbs: ReadonlyArray<Verb>): Response => {
  const document = Object.create(ResponseProto) as { _tag: "Response"; verbs: ReadonlyArray<Verb> }
  document._tag = "Response"
  document.verbs = verbs
  return document as Response
}

/**
 * Whether a value is a document made by `response` (its contents are not checked).
 *
 * @since 0.1.0
 * @category guards
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * assert.strictEqual(Laml.isResponse(Laml.response([Laml.hangup()])), true)
 * assert.strictEqual(Laml.isResponse("<Response/>"), false)
 * ```
 */
export const isResponse = (u: unknown): u is Response =>
  isTwimlSource(u) && Predicate.hasProperty(u, "_tag") && u._tag === "Response"

const isDocument = () => (u: unknown, _options: AST.ParseOptions, ast: AST.Declaration) =>
  isResponse(u) ? ParseResult.succeed(u) : ParseResult.fail(new ParseResult.Type(ast, u))

// A document as a value (made by `response`). The verbs are its type parameter so that
// `Arbitrary.make` hands their generator to the annotation below without this module importing
// `effect/Arbitrary` (and fast-check with it).
const ResponseValue = Schema.declare([Schema.Array(Verb)], { decode: isDocument, encode: isDocument }, {
  identifier: "Laml.Response",
  description: "a LaML document made by Laml.response",
  arbitrary: (verbs) => (fc) => verbs(fc).map(response)
})

/**
 * Plain data ⇄ a checked `Response`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(Laml.Response)(Laml.response([Laml.say("Hello"), Laml.hangup()])), true)
 * ```
 */
export const Response: Schema.Schema<Response, Response.Encoded> = Schema.transform(
  ResponseFields,
  ResponseValue,
  {
    strict: false,
    decode: (fields) => response(fields.verbs),
    encode: (document) => ({ _tag: "Response" as const, verbs: document.verbs })
  }
).annotations({ identifier: "Laml.Response" })

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/**
 * The XML declaration every rendered document starts with.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * assert.ok(Laml.render(Laml.response([Laml.hangup()])).startsWith(Laml.xmlDeclaration))
 * ```
 */
export const xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"

/**
 * The content type of a rendered document, for a webhook's answer.
 *
 * @since 0.1.0
 * @category constants
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * // The Content-Type to answer a LaML document with.
 * assert.strictEqual(Laml.ContentType, "text/xml")
 * ```
 */
export const ContentType = "text/xml"

interface Element {
  readonly _tag: string
  readonly attributes?: Readonly<Record<string, unknown>>
  readonly text?: string
  readonly children?: ReadonlyArray<Element>
  readonly verbs?: ReadonlyArray<Element>
}

const attributeValue = (value: unknown): string =>
  Array.isArray(value)
    ? value.join(" ")
    : Redacted.isRedacted(value)
    ? String(Redacted.value(value))
    : String(value)

// Names come from the schemas; a name from unchecked plain data that is not an XML name is left
// out (with its content, for an element), so no key can write markup.
const xmlName = /^[A-Za-z_][\w.-]*$/

const renderElement = (element: Element): string => {
  if (!xmlName.test(element._tag)) return ""
  let attributes = ""
  for (const [name, value] of Object.entries(element.attributes ?? {})) {
    if (value !== undefined && xmlName.test(name)) attributes += ` ${name}="${escapeAttribute(attributeValue(value))}"`
  }
  const nested = element.verbs ?? element.children
  const content = element.text !== undefined
    ? escapeText(String(element.text))
    : nested !== undefined
    ? nested.map(renderElement).join("")
    : ""
  return content === "" ? `<${element._tag}${attributes}/>` : `<${element._tag}${attributes}>${content}</${element._tag}>`
}

/**
 * The document as XML: the declaration, then `<Response>` with each verb, attributes spelt as
 * SignalWire does, in the order of the value (a checked document's are in the schema's order), every text and value escaped. Lists are written
 * space-separated, booleans as `true`/`false`, `Redacted` values revealed.
 *
 * It checks nothing and never fails: a character XML 1.0 forbids becomes U+FFFD, and (in plain
 * data that was never checked) an element or attribute whose name is not an XML name is left
 * out. To have the document's rules checked first, use `encode` (or pass it as `twiml` to
 * `createCall`).
 *
 * @since 0.1.0
 * @category rendering
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * Laml.render(Laml.response([Laml.say("Tom & Jerry <3", { voice: "alice" })]))
 * // <?xml version="1.0" encoding="UTF-8"?><Response><Say voice="alice">Tom &amp; Jerry &lt;3</Say></Response>
 * ```
 */
export const render = (document: Response | Response.Encoded): string => xmlDeclaration + renderElement(document)

/**
 * A checked document ⇄ its XML. Encoding checks every rule and renders; decoding XML back into
 * a document is not supported (it fails).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Schema from "effect/Schema"
 *
 * const xml = Schema.encodeSync(Laml.ResponseXml)(Laml.response([Laml.say("Hello")]))
 * assert.ok(xml.includes("<Say>Hello</Say>"), xml)
 * ```
 */
export const ResponseXml: Schema.Schema<Response, string> = Schema.transformOrFail(Schema.String, Response, {
  strict: true,
  decode: (xml, _options, ast) =>
    ParseResult.fail(new ParseResult.Forbidden(ast, xml, "reading LaML XML back into a document is not supported")),
  encode: (document) => ParseResult.succeed(render(document))
}).annotations({ identifier: "Laml.ResponseXml" })

const encodeEither = ParseResult.encodeEither(ResponseXml, strict)

/**
 * Checks a document and renders it, failing with a `ParseError` that lists every broken rule
 * with its path.
 *
 * @since 0.1.0
 * @category rendering
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 * import * as Effect from "effect/Effect"
 *
 * const xml = Laml.encode(Laml.response([Laml.gather({ numDigits: 0 }, [Laml.say("Press a key")])]))
 * // fails: ["verbs", 0, "attributes", "numDigits"]: must be an integer from 1 to 100 (got 0)
 * Effect.runPromise(Effect.flip(xml)).then((error) => console.log(error.message))
 * ```
 */
export const encode = Schema.encode(ResponseXml, strict)

/**
 * Decodes plain data (or re-checks a document) into a `Response`, failing with a `ParseError`
 * that lists every broken rule with its path. Unknown attributes are errors.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * import * as Effect from "effect/Effect"
 * import * as Either from "effect/Either"
 *
 * const checked = Effect.runSync(Effect.either(Laml.decode(Laml.response([Laml.say("Hello")]))))
 * assert.strictEqual(Either.isRight(checked), true)
 * assert.strictEqual(Either.isLeft(Effect.runSync(Effect.either(Laml.decode({ verbs: "none" })))), true)
 * ```
 */
export const decode = Schema.decodeUnknown(Response, strict)

// ---------------------------------------------------------------------------------------------
// Constructors
// ---------------------------------------------------------------------------------------------

type Attributes<A extends { readonly attributes: unknown }> = A["attributes"]

/**
 * `<Say>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.say("Hello & welcome")]))
 * assert.ok(xml.includes("<Say>Hello &amp; welcome</Say>"), xml)
 * ```
 */
export const say = (text: string, attributes: Attributes<Say> = {}): Say => ({ _tag: "Say", attributes, text })

/**
 * `<Play>` of an audio URL, or, given only attributes, DTMF `digits`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * Laml.play("https://example.com/hold.mp3", { loop: 3 })
 * Laml.play({ digits: "1w2#" })
 * ```
 */
export const play: {
  (url: string, attributes?: Attributes<Play>): Play
  (attributes: Attributes<Play>): Play
} = (urlOrAttributes: string | Attributes<Play>, attributes: Attributes<Play> = {}): Play =>
  typeof urlOrAttributes === "string"
    ? { _tag: "Play", attributes, text: urlOrAttributes }
    : { _tag: "Play", attributes: urlOrAttributes, text: "" }

/**
 * `<Pause>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.pause()]))
 * assert.ok(xml.includes("<Pause"), xml)
 * ```
 */
export const pause = (attributes: Attributes<Pause> = {}): Pause => ({ _tag: "Pause", attributes })

/**
 * `<Gather>` around what to say or play while it listens.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * Laml.gather({ input: ["dtmf"], numDigits: 1, action: "https://example.com/menu" }, [
 *   Laml.say("Press 1 for sales, 2 for support.")
 * ])
 * ```
 */
export const gather = (attributes: Attributes<Gather> = {}, children: ReadonlyArray<GatherNested> = []): Gather => ({
  _tag: "Gather",
  attributes,
  children
})

/**
 * `<Number>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.dial({}, [Laml.number("+13105678901")])]))
 * assert.ok(xml.includes("<Number>+13105678901</Number>"), xml)
 * ```
 */
export const number = (phoneNumber: string, attributes: Attributes<NumberNoun> = {}): NumberNoun => ({
  _tag: "Number",
  attributes,
  text: phoneNumber
})

/**
 * `<Sip>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.dial({}, [Laml.sip("sip:alice@example.com")])]))
 * assert.ok(xml.includes("<Sip>sip:alice@example.com</Sip>"), xml)
 * ```
 */
export const sip = (uri: string, attributes: Attributes<Sip> = {}): Sip => ({ _tag: "Sip", attributes, text: uri })

/**
 * `<Client>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.dial({}, [Laml.client("alice")])]))
 * assert.ok(xml.includes("<Client>alice</Client>"), xml)
 * ```
 */
export const client = (identity: string, attributes: Attributes<Client> = {}): Client => ({
  _tag: "Client",
  attributes,
  text: identity
})

/**
 * `<Conference>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.dial({}, [Laml.conference("standup")])]))
 * assert.ok(xml.includes("<Conference>standup</Conference>"), xml)
 * ```
 */
export const conference = (name: string, attributes: Attributes<Conference> = {}): Conference => ({
  _tag: "Conference",
  attributes,
  text: name
})

/**
 * `<Queue>` (a noun of `Dial`).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.dial({}, [Laml.queue("support")])]))
 * assert.ok(xml.includes("<Queue>support</Queue>"), xml)
 * ```
 */
export const queue = (name: string, attributes: Attributes<Queue> = {}): Queue => ({ _tag: "Queue", attributes, text: name })

const dialTarget = (target: string | ReadonlyArray<DialNoun>): ReadonlyArray<DialNoun> =>
  typeof target !== "string" ? target : /^sips?:/i.test(target) ? [sip(target)] : [number(target)]

/**
 * `<Dial>` of one target (a phone number or, starting with `sip:`, a SIP URI: written as a
 * `Number` or `Sip` noun) or of nouns, which ring at once.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * Laml.dial({ timeout: 20, callerId: "+13103384645" }, "+13105678901")
 * Laml.dial({}, [Laml.number("+13105678901"), Laml.sip("sip:alice@example.com")])
 * ```
 */
export const dial: {
  (target: string | ReadonlyArray<DialNoun>): Dial
  (attributes: Attributes<Dial>, target: string | ReadonlyArray<DialNoun>): Dial
} = (...args: [string | ReadonlyArray<DialNoun>] | [Attributes<Dial>, string | ReadonlyArray<DialNoun>]): Dial =>
  args.length === 1
    ? { _tag: "Dial", attributes: {}, children: dialTarget(args[0]) }
    : { _tag: "Dial", attributes: args[0], children: dialTarget(args[1]) }

/**
 * `<Record>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.record()]))
 * assert.ok(xml.includes("<Record"), xml)
 * ```
 */
export const record = (attributes: Attributes<RecordVerb> = {}): RecordVerb => ({ _tag: "Record", attributes })

/**
 * `<Redirect>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.redirect("https://example.com/next.xml")]))
 * assert.ok(xml.includes("<Redirect>https://example.com/next.xml</Redirect>"), xml)
 * ```
 */
export const redirect = (url: string, attributes: Attributes<Redirect> = {}): Redirect => ({
  _tag: "Redirect",
  attributes,
  text: url
})

/**
 * `<Hangup>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.say("Goodbye"), Laml.hangup()]))
 * assert.ok(xml.includes("<Hangup"), xml)
 * ```
 */
export const hangup = (): Hangup => ({ _tag: "Hangup", attributes: {} })

/**
 * `<Reject>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.reject()]))
 * assert.ok(xml.includes("<Reject"), xml)
 * ```
 */
export const reject = (attributes: Attributes<Reject> = {}): Reject => ({ _tag: "Reject", attributes })

/**
 * `<Enqueue>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.enqueue("support")]))
 * assert.ok(xml.includes("<Enqueue>support</Enqueue>"), xml)
 * ```
 */
export const enqueue = (name: string, attributes: Attributes<Enqueue> = {}): Enqueue => ({
  _tag: "Enqueue",
  attributes,
  text: name
})

/**
 * `<Leave>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.leave()]))
 * assert.ok(xml.includes("<Leave"), xml)
 * ```
 */
export const leave = (): Leave => ({ _tag: "Leave", attributes: {} })

/**
 * `<Echo>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.echo()]))
 * assert.ok(xml.includes("<Echo"), xml)
 * ```
 */
export const echo = (): Echo => ({ _tag: "Echo", attributes: {} })

/**
 * `<Stream>`, with its `<Parameter>`s.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * Laml.connect([Laml.stream({ url: "wss://example.com/audio" }, [Laml.parameter("caller", "Ada")])])
 * ```
 */
export const stream = (attributes: Attributes<Stream>, parameters: ReadonlyArray<Parameter> = []): Stream => ({
  _tag: "Stream",
  attributes,
  children: parameters
})

/**
 * `<Parameter>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.connect([Laml.stream({ url: "wss://example.com/audio" }, [Laml.parameter("caller", "Ada")])])]))
 * assert.ok(xml.includes("<Parameter"), xml)
 * ```
 */
export const parameter = (name: string, value: string): Parameter => ({ _tag: "Parameter", attributes: { name, value } })

/**
 * `<Room>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.connect([Laml.room("lobby")])]))
 * assert.ok(xml.includes("<Room>lobby</Room>"), xml)
 * ```
 */
export const room = (name: string, attributes: Attributes<Room> = {}): Room => ({ _tag: "Room", attributes, text: name })

/**
 * `<VirtualAgent>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.connect([Laml.virtualAgent({ connectorName: "support-agent" })])]))
 * assert.ok(xml.includes("<VirtualAgent"), xml)
 * ```
 */
export const virtualAgent = (attributes: Attributes<VirtualAgent>): VirtualAgent => ({ _tag: "VirtualAgent", attributes })

/**
 * `<Connect>`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.connect([Laml.room("lobby")])]))
 * assert.ok(xml.includes("<Connect>"), xml)
 * ```
 */
export const connect: {
  (nouns: ReadonlyArray<ConnectNoun>): Connect
  (attributes: Attributes<Connect>, nouns: ReadonlyArray<ConnectNoun>): Connect
} = (...args: [ReadonlyArray<ConnectNoun>] | [Attributes<Connect>, ReadonlyArray<ConnectNoun>]): Connect =>
  args.length === 1
    ? { _tag: "Connect", attributes: {}, children: args[0] }
    : { _tag: "Connect", attributes: args[0], children: args[1] }

/**
 * `<Start>` of one-way streams.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.start([Laml.stream({ url: "wss://example.com/audio", name: "audio" })])]))
 * assert.ok(xml.includes("<Start>"), xml)
 * ```
 */
export const start: {
  (streams: ReadonlyArray<Stream>): Start
  (attributes: Attributes<Start>, streams: ReadonlyArray<Stream>): Start
} = (...args: [ReadonlyArray<Stream>] | [Attributes<Start>, ReadonlyArray<Stream>]): Start =>
  args.length === 1
    ? { _tag: "Start", attributes: {}, children: args[0] }
    : { _tag: "Start", attributes: args[0], children: args[1] }

/**
 * `<Stop>` of the stream started with this `name`.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.stop("audio")]))
 * assert.ok(xml.includes("<Stop>"), xml)
 * ```
 */
export const stop = (streamName: string): Stop => ({
  _tag: "Stop",
  attributes: {},
  children: [{ _tag: "Stream", attributes: { name: streamName } }]
})

/**
 * `<Refer>` to a SIP URI.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import * as Laml from "@effect-signalwire/schema/Laml"
 *
 * const xml = Laml.render(Laml.response([Laml.refer({}, "sip:bob@example.com")]))
 * assert.ok(xml.includes("<Sip>sip:bob@example.com</Sip>"), xml)
 * ```
 */
export const refer = (attributes: Attributes<Refer>, target: Sip | string): Refer => ({
  _tag: "Refer",
  attributes,
  children: [typeof target === "string" ? sip(target) : target]
})
