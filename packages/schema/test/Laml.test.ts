import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { describe, expect, it } from "@effect/vitest"
import { CreateCallRequest, Laml } from "@effect-signalwire/schema"
import { RestClient } from "@signalwire/compatibility-api"
import * as Effect from "effect/Effect"
import * as AST from "effect/SchemaAST"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { XMLParser, XMLValidator } from "fast-xml-parser"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { issuesOf } from "./utils.js"

type SdkResponse = InstanceType<typeof RestClient.LaML.VoiceResponse>

/** An element read back by a real XML parser: name, attributes (order ignored), text, children. */
interface Node {
  readonly name: string
  readonly attributes: Record<string, string>
  readonly text: string
  readonly children: ReadonlyArray<Node>
}

// Numeric references decoded (htmlEntities), nothing trimmed or converted.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true
})

const toNodes = (entries: ReadonlyArray<Record<string, any>>): Array<Node> =>
  entries.flatMap((entry) => {
    const name = Object.keys(entry).find((key) => key !== ":@")!
    if (name === "#text") return []
    const content: ReadonlyArray<Record<string, any>> = entry[name]
    return [{
      name,
      attributes: { ...entry[":@"] },
      text: content.filter((c) => "#text" in c).map((c) => String(c["#text"])).join(""),
      children: toNodes(content)
    }]
  })

/** Parses a rendered document: well-formed, with the declaration, one root. */
const read = (xml: string): Node => {
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")).toBe(true)
  const roots = toNodes(parser.parse(xml))
  expect(roots).toHaveLength(1)
  return roots[0]!
}

const countElements = (node: Node): number => 1 + node.children.reduce((n, child) => n + countElements(child), 0)

const sdk = (build: (response: SdkResponse) => void): string => {
  const response = new RestClient.LaML.VoiceResponse()
  build(response)
  return response.toString()
}

const url = (path: string) => `https://example.com/${path}`
const callbacks = {
  url: url("screen"),
  method: "GET",
  statusCallback: url("status"),
  statusCallbackEvent: ["initiated", "ringing", "answered", "completed"],
  statusCallbackMethod: "POST"
} as const
const recording = {
  recordingStatusCallback: url("recording"),
  recordingStatusCallbackEvent: ["in-progress", "completed"],
  recordingStatusCallbackMethod: "GET"
} as const

// Every verb and noun, every attribute of each, every kind of value (text, URL, enum, integer,
// boolean, list, secret), built by both builders.
const table: ReadonlyArray<readonly [string, Laml.Response, (response: SdkResponse) => void]> = [
  [
    "Say, Play (URL and digits), Pause",
    Laml.response([
      Laml.say("Hello", { voice: "Polly.Joanna-Neural", language: "en-US", loop: 2 }),
      Laml.play(url("hold.mp3"), { loop: 0 }),
      Laml.play({ digits: "1w2#" }),
      Laml.pause({ length: 3 })
    ]),
    (r) => {
      r.say({ voice: "Polly.Joanna-Neural", language: "en-US", loop: 2 }, "Hello")
      r.play({ loop: 0 }, url("hold.mp3"))
      r.play({ digits: "1w2#" })
      r.pause({ length: 3 })
    }
  ],
  [
    "Gather with every attribute, holding Say, Play and Pause",
    Laml.response([
      Laml.gather({
        action: url("menu"),
        method: "GET",
        actionOnEmptyResult: true,
        bargeIn: false,
        enhanced: true,
        finishOnKey: "#",
        hints: "sales, support",
        input: ["dtmf", "speech"],
        language: "en-GB",
        maxSpeechTime: 30,
        numDigits: 4,
        partialResultCallback: url("partial"),
        partialResultCallbackMethod: "POST",
        profanityFilter: true,
        speechModel: "phone_call",
        speechTimeout: "auto",
        timeout: 7
      }, [Laml.say("Press or say"), Laml.play(url("beep.wav")), Laml.pause()])
    ]),
    (r) => {
      const g = r.gather({
        action: url("menu"),
        method: "GET",
        actionOnEmptyResult: true,
        bargeIn: false,
        enhanced: true,
        finishOnKey: "#",
        hints: "sales, support",
        input: ["dtmf", "speech"],
        language: "en-GB",
        maxSpeechTime: 30,
        numDigits: 4,
        partialResultCallback: url("partial"),
        partialResultCallbackMethod: "POST",
        profanityFilter: true,
        speechModel: "phone_call",
        speechTimeout: "auto",
        timeout: 7
      })
      g.say("Press or say")
      g.play(url("beep.wav"))
      g.pause()
    }
  ],
  [
    "Dial with every attribute, to a number given as text",
    Laml.response([
      Laml.dial({
        action: url("after-dial"),
        method: "POST",
        answerOnBridge: true,
        callerId: "+13103384645",
        hangupOnStar: true,
        record: "record-from-answer-dual",
        ...recording,
        recordingTrack: "both",
        referUrl: url("refer"),
        referMethod: "GET",
        ringTone: "uk",
        timeLimit: 3600,
        timeout: 20,
        trim: "trim-silence"
      }, "+13105678901")
    ]),
    (r) => {
      r.dial({
        action: url("after-dial"),
        method: "POST",
        answerOnBridge: true,
        callerId: "+13103384645",
        hangupOnStar: true,
        record: "record-from-answer-dual",
        ...recording,
        recordingTrack: "both",
        referUrl: url("refer"),
        referMethod: "GET",
        ringTone: "uk",
        timeLimit: 3600,
        timeout: 20,
        trim: "trim-silence"
      }).number("+13105678901")
    }
  ],
  [
    "Dial of Number, Sip (with credentials) and Client nouns with every attribute",
    Laml.response([
      Laml.dial([
        Laml.number("+13105678901", { sendDigits: "ww1234#", ...callbacks }),
        Laml.sip("sip:alice@example.com;transport=tls", { username: "alice", password: Redacted.make("s3cret&<"), ...callbacks }),
        Laml.client("support-desk", callbacks)
      ]),
      Laml.dial("sip:bob@example.com")
    ]),
    (r) => {
      const d = r.dial()
      d.number({ sendDigits: "ww1234#", ...callbacks }, "+13105678901")
      d.sip({ username: "alice", password: "s3cret&<", ...callbacks }, "sip:alice@example.com;transport=tls")
      d.client(callbacks, "support-desk")
      r.dial().sip("sip:bob@example.com")
    }
  ],
  [
    "Dial of a Conference and of a Queue, every attribute",
    Laml.response([
      Laml.dial({}, [
        Laml.conference("Room 1234", {
          beep: "onEnter",
          endConferenceOnExit: true,
          maxParticipants: 10,
          muted: false,
          record: "record-from-start",
          ...recording,
          startConferenceOnEnter: false,
          statusCallback: url("conference"),
          statusCallbackEvent: ["start", "end", "join", "leave"],
          statusCallbackMethod: "GET",
          trim: "do-not-trim",
          waitMethod: "GET",
          waitUrl: url("wait")
        })
      ]),
      Laml.dial({}, [Laml.queue("support", { url: url("about-to-connect"), method: "GET" })])
    ]),
    (r) => {
      r.dial().conference({
        beep: "onEnter",
        endConferenceOnExit: true,
        maxParticipants: 10,
        muted: false,
        record: "record-from-start",
        ...recording,
        startConferenceOnEnter: false,
        statusCallback: url("conference"),
        statusCallbackEvent: ["start", "end", "join", "leave"],
        statusCallbackMethod: "GET",
        trim: "do-not-trim",
        waitMethod: "GET",
        waitUrl: url("wait")
      }, "Room 1234")
      r.dial().queue({ url: url("about-to-connect"), method: "GET" }, "support")
    }
  ],
  [
    "Record with every attribute, Redirect, Hangup, Reject, Enqueue, Leave, Echo",
    Laml.response([
      Laml.record({
        action: url("voicemail"),
        method: "POST",
        finishOnKey: "*#",
        maxLength: 120,
        playBeep: true,
        ...recording,
        timeout: 0,
        transcribe: true,
        transcribeCallback: url("transcript"),
        trim: "trim-silence"
      }),
      Laml.redirect(url("next"), { method: "GET" }),
      Laml.enqueue("support", { action: url("left-queue"), method: "GET", waitUrl: url("hold"), waitUrlMethod: "POST" }),
      Laml.leave(),
      Laml.echo(),
      Laml.reject({ reason: "busy" }),
      Laml.hangup()
    ]),
    (r) => {
      r.record({
        action: url("voicemail"),
        method: "POST",
        finishOnKey: "*#",
        maxLength: 120,
        playBeep: true,
        ...recording,
        timeout: 0,
        transcribe: true,
        transcribeCallback: url("transcript"),
        trim: "trim-silence"
      })
      r.redirect({ method: "GET" }, url("next"))
      r.enqueue({ action: url("left-queue"), method: "GET", waitUrl: url("hold"), waitUrlMethod: "POST" }, "support")
      r.leave()
      r.echo()
      r.reject({ reason: "busy" })
      r.hangup()
    }
  ],
  [
    "Connect to a two-way Stream with parameters, to a Room, to a VirtualAgent",
    Laml.response([
      Laml.connect({ action: url("after-stream"), method: "GET" }, [
        Laml.stream({
          url: "wss://example.com/audio?call=1",
          name: "agent",
          track: "both_tracks",
          statusCallback: url("stream"),
          statusCallbackMethod: "GET",
          authBearerToken: Redacted.make("token-123"),
          codec: "L16@16000h",
          realtime: true
        }, [Laml.parameter("caller", "Ada \"The Countess\" <ada@example.com>"), Laml.parameter("lines", "one\ntwo\tthree")])
      ]),
      Laml.connect([Laml.room("my-room", { participantIdentity: "ada" })]),
      Laml.connect([Laml.virtualAgent({ connectorName: "dialogflow", language: "en-US", sentimentAnalysis: true, statusCallback: url("agent") })])
    ]),
    (r) => {
      const stream = r.connect({ action: url("after-stream"), method: "GET" }).stream({
        url: "wss://example.com/audio?call=1",
        name: "agent",
        track: "both_tracks",
        statusCallback: url("stream"),
        statusCallbackMethod: "GET",
        authBearerToken: "token-123",
        codec: "L16@16000h",
        realtime: true
      })
      stream.parameter({ name: "caller", value: "Ada \"The Countess\" <ada@example.com>" })
      stream.parameter({ name: "lines", value: "one\ntwo\tthree" })
      r.connect().room({ participantIdentity: "ada" }, "my-room")
      r.connect().virtualAgent({ connectorName: "dialogflow", language: "en-US", sentimentAnalysis: true, statusCallback: url("agent") })
    }
  ],
  [
    "Start and Stop a one-way Stream; Refer to a SIP URI",
    Laml.response([
      Laml.start({ action: url("started"), method: "POST" }, [Laml.stream({ url: "wss://example.com/tap", name: "tap", track: "inbound_track" })]),
      Laml.stop("tap"),
      Laml.refer({ action: url("referred"), method: "GET" }, "sip:desk@example.com")
    ]),
    (r) => {
      r.start({ action: url("started"), method: "POST" }).stream({ url: "wss://example.com/tap", name: "tap", track: "inbound_track" })
      r.stop().stream({ name: "tap" })
      r.refer({ action: url("referred"), method: "GET" }).sip("sip:desk@example.com")
    }
  ],
  [
    "text and values that need escaping",
    Laml.response([
      Laml.say("Tom & Jerry say <hi> \"loud\" 'n' ]]> done 😀 \u00e9\r\n"),
      Laml.gather({ hints: "a&b, <c>, \"d\", 'e'" }, [])
    ]),
    (r) => {
      r.say("Tom & Jerry say <hi> \"loud\" 'n' ]]> done 😀 \u00e9\r\n")
      r.gather({ hints: "a&b, <c>, \"d\", 'e'" })
    }
  ]
]

/** The tag of an element's schema (its `_tag` field's literal). */
const tagOf = (element: { readonly fields: { readonly _tag: { readonly ast: Schema.PropertySignature.AST } } }): string => {
  const ast = element.fields._tag.ast
  return ast._tag === "PropertySignatureDeclaration" && AST.isLiteral(ast.type) ? String(ast.type.literal) : "?"
}

describe("Laml", () => {
  describe("the official SDK's builder writes the same documents", () => {
    it.each(table)("%s", (_name, document, build) => {
      expect(read(Laml.render(document))).toStrictEqual(read(sdk(build)))
    })

    it.effect("and every one of them is valid: encode checks and renders the same XML", () =>
      Effect.gen(function*() {
        for (const [, document] of table) {
          expect(yield* Laml.encode(document)).toBe(Laml.render(document))
        }
      }))

    it("the table uses every verb and noun", () => {
      const tags = new Set<string>()
      const visit = (node: Node) => {
        tags.add(node.name)
        node.children.forEach(visit)
      }
      table.forEach(([, document]) => visit(read(Laml.render(document))))
      const all = [...Laml.Verb.members, ...Laml.DialNoun.members, ...Laml.ConnectNoun.members, Laml.Parameter]
        .map((member) => tagOf(member))
      expect([...tags].sort()).toStrictEqual(["Response", ...new Set(all)].sort())
    })
  })

  describe("attribute names", () => {
    // The SDK's own declarations, read from node_modules: its `<Verb>Attributes` interfaces.
    const declarations = readFileSync(
      join(dirname(createRequire(import.meta.url).resolve("@signalwire/compatibility-api")), "..", "lib", "twiml", "VoiceResponse.d.ts"),
      "utf8"
    )
    const sdkAttributes = (tag: string): ReadonlyArray<string> => {
      const body = new RegExp(`export interface ${tag}Attributes \\{([^}]*)\\}`).exec(declarations)?.[1] ?? ""
      return [...body.matchAll(/^\s*(\w+)\?:/gm)].map((m) => m[1]!)
    }
    // Attributes SignalWire documents that the SDK (a copy of Twilio's) does not declare.
    const signalWireOnly: Record<string, ReadonlyArray<string>> = {
      Stream: ["authBearerToken", "codec", "realtime"],
      Parameter: ["name", "value"]
    }
    const elements = [...Laml.Verb.members, ...Laml.DialNoun.members, ...Laml.ConnectNoun.members, Laml.Parameter]

    it.each(elements.map((element) => [tagOf(element), element] as const))(
      "%s: every attribute is spelt as the SDK or SignalWire's reference spells it",
      (tag, element) => {
        const ours = Object.keys(element.fields.attributes.fields)
        const known = [...sdkAttributes(tag), ...(signalWireOnly[tag] ?? [])]
        expect(ours.filter((name) => !known.includes(name))).toStrictEqual([])
      }
    )
  })

  describe("rules", () => {
    const broken = Laml.response([
      Laml.gather({ numDigits: 0, input: [], finishOnKey: "x", timeout: 1.5, action: "/relative" }, [
        Laml.say("Hi", { voice: "a voice", loop: -1 })
      ]),
      Laml.dial({ timeout: 0, callerId: " " }, [Laml.number("555-1234"), Laml.sip("alice@example.com", { password: Redacted.make("") })]),
      Laml.play("ftp://example.com/a.mp3"),
      Laml.connect([Laml.stream({ url: "ws://example.com/audio" })]),
      Laml.say("bell \u0007")
    ])

    it("every broken rule is reported at once, each with its path", () => {
      expect([...issuesOf(Laml.Response, broken)].sort(byPath)).toStrictEqual([
        { path: ["verbs", 0, "attributes", "action"], message: expect.stringContaining("must be an absolute http: or https: URL") },
        { path: ["verbs", 0, "attributes", "finishOnKey"], message: expect.stringContaining("must be keys from 0-9, # and *") },
        { path: ["verbs", 0, "attributes", "input"], message: "must list dtmf, speech or both" },
        { path: ["verbs", 0, "attributes", "numDigits"], message: "must be an integer from 1 to 100 (got 0)" },
        { path: ["verbs", 0, "attributes", "timeout"], message: "must be an integer from 1 to 600 (got 1.5)" },
        { path: ["verbs", 0, "children", 0, "attributes", "voice"], message: expect.stringContaining("must be a voice name") },
        { path: ["verbs", 0, "children", 0, "attributes", "loop"], message: "must be an integer from 0 to 1000 (got -1)" },
        { path: ["verbs", 1, "attributes", "callerId"], message: expect.stringContaining("must be an E.164 number or identifier") },
        { path: ["verbs", 1, "attributes", "timeout"], message: "must be an integer from 1 to 600 (got 0)" },
        { path: ["verbs", 1, "children", 0, "text"], message: expect.stringContaining("must be an E.164 phone number") },
        { path: ["verbs", 1, "children", 1, "attributes", "password"], message: "must be a non-empty string (value not shown)" },
        { path: ["verbs", 1, "children", 1, "text"], message: expect.stringContaining("must be a SIP URI") },
        { path: ["verbs", 2, "text"], message: expect.stringContaining("must be an absolute http: or https: URL, or empty with digits") },
        { path: ["verbs", 3, "children", 0, "attributes", "url"], message: expect.stringContaining("must be a wss: URL") },
        {
          path: ["verbs", 4, "text"],
          message: expect.stringMatching(/characters XML 1\.0 allows.*U\+0007 at index 5/)
        }
      ].sort(byPath))
    })

    it("an unknown attribute or verb is an error, not silently dropped", () => {
      const plain = {
        _tag: "Response",
        verbs: [{ _tag: "Say", text: "Hi", attributes: { voise: "alice" } }, { _tag: "Speak", text: "Hi", attributes: {} }]
      }
      const issues = Either.match(Schema.decodeUnknownEither(Laml.Response, { errors: "all", onExcessProperty: "error" })(plain), {
        onLeft: (error) => ParseResult.ArrayFormatter.formatErrorSync(error).map(({ path }) => path),
        onRight: () => []
      })
      expect(issues).toStrictEqual([["verbs", 0, "attributes", "voise"], ["verbs", 1, "_tag"]])
    })

    it.effect("encode fails with the same paths; decode turns plain data into a document createCall takes", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Laml.encode(broken))
        expect(ParseResult.ArrayFormatter.formatErrorSync(error).map(({ path }) => path.join(".")).sort())
          .toStrictEqual(issuesOf(Laml.Response, broken).map(({ path }) => path.join(".")).sort())
        const decoded = yield* Laml.decode({ _tag: "Response", verbs: [{ _tag: "Say", text: "Hi", attributes: {} }] })
        expect(Laml.isResponse(decoded)).toBe(true)
        expect(Laml.render(decoded)).toBe("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>Hi</Say></Response>")
      }))

    it("a secret never shows in an error", () => {
      const document = Laml.response([Laml.dial([Laml.sip("not a uri", { username: "alice", password: Redacted.make("hunter2") })])])
      const message = Either.match(Schema.decodeUnknownEither(Laml.Response, { errors: "all" })(document), {
        onLeft: (error) => error.message,
        onRight: () => "decoded"
      })
      expect(message).toContain("must be a SIP URI")
      expect(message).not.toContain("hunter2")
    })

    it("render of plain data that was never checked writes no markup from a tag or an attribute name", () => {
      const hostile = {
        _tag: "Response",
        verbs: [
          { _tag: "Say", attributes: { "voice=\"x\"/><Hangup/><Say a": "1", voice: "alice" }, text: "hi" },
          { _tag: "Say><Hangup/><Say", attributes: {}, text: "hi" }
        ]
      } as unknown as Laml.Response.Encoded
      const root = read(Laml.render(hostile))
      expect(root.children.map((verb) => [verb.name, verb.attributes, verb.text])).toStrictEqual([["Say", { voice: "alice" }, "hi"]])
    })

    it("reading XML back into a document is not supported: a clear failure", () => {
      expect(issuesOf(Laml.ResponseXml, "<Response/>")).toStrictEqual([
        { path: [], message: "reading LaML XML back into a document is not supported" }
      ])
    })
  })

  describe("as twiml", () => {
    const to = "+13105678901"
    const from = "+13103384645"

    it.effect("a create request takes a document, checked and rendered once decoded", () =>
      Effect.gen(function*() {
        const document = Laml.response([Laml.say("Hello & welcome")])
        const request = yield* CreateCallRequest.decode({ to, from, twiml: document })
        expect(request.twiml).toBe(Laml.render(document))
      }))

    it("a broken document fails the request, each rule under twiml", () => {
      const document = Laml.response([Laml.gather({ numDigits: 0 }, []), Laml.pause({ length: 0 })])
      expect(issuesOf(CreateCallRequest.CreateCallRequest, { to, from, twiml: document })).toStrictEqual([
        { path: ["twiml", "verbs", 0, "attributes", "numDigits"], message: "must be an integer from 1 to 100 (got 0)" },
        { path: ["twiml", "verbs", 1, "attributes", "length"], message: "must be an integer from 1 to 600 (got 0)" }
      ])
    })

    it("a value that is neither XML nor a document is rejected with the rule of twiml", () => {
      expect(issuesOf(CreateCallRequest.CreateCallRequest, { to, from, twiml: 42 })).toStrictEqual([
        { path: ["twiml"], message: "must be inline LaML/TwiML XML, starting with < (e.g. <Response><Say>Hi</Say></Response>) (got 42)" }
      ])
      expect(issuesOf(CreateCallRequest.CreateCallRequest, { to, from, twiml: { _tag: "Response", verbs: [] } })).toStrictEqual([
        { path: ["twiml"], message: expect.stringContaining("must be inline LaML/TwiML XML") }
      ])
    })
  })

  describe("properties", () => {
    it.prop("any valid document: encode renders it, and its plain form decodes back to the same XML", [Laml.Response], ([document]) => {
      const xml = Effect.runSync(Laml.encode(document))
      expect(xml).toBe(Laml.render(document))
      expect(read(xml).children.map((verb) => verb.name)).toStrictEqual(document.verbs.map((verb) => verb._tag))
      const plain = JSON.parse(JSON.stringify(Schema.encodeSync(Laml.Response)(document)))
      expect(Laml.render(Schema.decodeUnknownSync(Laml.Response)(plain))).toBe(xml)
    }, { fastCheck: { numRuns: 50 } })

    // Any text, weighted towards what breaks XML: markup, quotes, `]]>`, white space that parsers
    // normalise, control characters, astral characters and lone surrogates.
    const tricky = FastCheck.constantFrom("<", ">", "&", "\"", "'", "]]>", "&amp;", "&#1;", "\r", "\n", "\r\n", "\t", "\u0000", "\u0001", "\u001f", "\ufffe", "\ud800", "\udc00", "😀", "𝄞", "é", " ")
    const anyText = FastCheck.oneof(
      FastCheck.string({ unit: "binary" }),
      FastCheck.array(FastCheck.oneof(tricky, FastCheck.string({ unit: "grapheme" })), { maxLength: 12 }).map((parts) => parts.join(""))
    )
    const forbidden = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
    const forbiddenAll = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

    const documentWith = (text: string) =>
      Laml.response([
        Laml.say(text),
        Laml.gather({ hints: text }, [Laml.say(text)]),
        Laml.dial([Laml.number(text)]),
        Laml.connect([Laml.stream({ url: "wss://example.com/audio" }, [Laml.parameter("p", text)])])
      ])

    const shapeOf = (node: Node): unknown => ({ name: node.name, children: node.children.map(shapeOf) })
    const expectedShape = shapeOf(read(Laml.render(documentWith("x"))))

    it.prop("text placed in a Say, an attribute or a Number comes back unchanged and adds no element", [anyText], ([text]) => {
      const root = read(Laml.render(documentWith(text)))
      expect(shapeOf(root)).toStrictEqual(expectedShape)
      expect(countElements(root)).toBe(9)
      // Characters XML 1.0 cannot carry come back as U+FFFD; everything else unchanged.
      const expected = text.replace(forbiddenAll, "\uFFFD")
      const [say, gather, dial, connect] = root.children
      expect(say!.text).toBe(expected)
      expect(gather!.attributes.hints).toBe(expected)
      expect(gather!.children[0]!.text).toBe(expected)
      expect(dial!.children[0]!.text).toBe(expected)
      expect(connect!.children[0]!.children[0]!.attributes.value).toBe(expected)
    })

    it.prop("the schema rejects exactly the texts XML 1.0 cannot carry, naming where", [anyText], ([text]) => {
      const issues = issuesOf(Laml.Response, Laml.response([Laml.say(text)]))
      if (forbidden.test(text)) {
        expect(issues).toStrictEqual([{ path: ["verbs", 0, "text"], message: expect.stringContaining("characters XML 1.0 allows") }])
      } else {
        expect(issues).toStrictEqual([])
      }
    })
  })

  describe("a webhook answer", () => {
    // The handler of the guide (docs/laml.md), served by a real HTTP server on 127.0.0.1.
    const answer = (document: Laml.Response) =>
      Effect.map(Laml.encode(document), (xml) => HttpServerResponse.text(xml, { contentType: Laml.ContentType }))
    const GatherResult = Schema.Struct({ Digits: Schema.optional(Schema.String) })
    const router = HttpRouter.empty.pipe(
      HttpRouter.post(
        "/menu",
        Effect.gen(function*() {
          const { Digits } = yield* HttpServerRequest.schemaBodyUrlParams(GatherResult)
          return yield* answer(Laml.response([
            Laml.say(`You pressed ${Digits ?? "nothing"}. Connecting you.`),
            Laml.dial({ timeout: 20 }, Digits === "1" ? "+13105550101" : "+13105550102")
          ]))
        })
      )
    )

    it.scoped("is served as text/xml, and what the caller typed is only ever text", () =>
      Effect.gen(function*() {
        yield* HttpServer.serveEffect(router)
        const response = yield* HttpClientRequest.post("/menu").pipe(
          HttpClientRequest.bodyUrlParams({ Digits: "1</Say><Hangup/><Say>" }),
          HttpClient.execute
        )
        expect(response.status).toBe(200)
        expect(response.headers["content-type"]).toBe("text/xml")
        const root = read(yield* response.text)
        expect(root.children.map((verb) => verb.name)).toStrictEqual(["Say", "Dial"])
        expect(root.children[0]!.text).toBe("You pressed 1</Say><Hangup/><Say>. Connecting you.")
        expect(root.children[1]!.children[0]!.text).toBe("+13105550102")
      }).pipe(Effect.provide(NodeHttpServer.layerTest)))
  })

  it("content type and declaration are the ones SignalWire reads", () => {
    expect(Laml.ContentType).toBe("text/xml")
    expect(Laml.render(Laml.response([]))).toBe("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>")
  })
})

function byPath(a: { readonly path: ReadonlyArray<PropertyKey> }, b: { readonly path: ReadonlyArray<PropertyKey> }) {
  return a.path.join(".") < b.path.join(".") ? -1 : 1
}
