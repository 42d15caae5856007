/**
 * `WebhookSignature`: the signatures the official SDK computes (committed vectors, see
 * scripts/webhook-signature-vectors.ts, and Twilio's documented example) are computed and
 * verified by ours, and the SDK's validators accept ours; verify(sign(x)) holds and any change to
 * the URL, a name, a value or the signature fails; every params shape gives the same signature.
 */
import { WebhookSignature } from "@effect-signalwire/client"
import { assert, describe, expect, it } from "@effect/vitest"
import { RestClient } from "@signalwire/compatibility-api"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as fc from "effect/FastCheck"
import * as Redacted from "effect/Redacted"
import { createHash, createHmac } from "node:crypto"
import { readFileSync } from "node:fs"

type Params = Record<string, string | Array<string>>

interface Vectors {
  readonly form: ReadonlyArray<{ readonly name: string; readonly key: string; readonly url: string; readonly params: Params; readonly signature: string }>
  readonly body: ReadonlyArray<{ readonly name: string; readonly key: string; readonly url: string; readonly body: string; readonly signature: string }>
}

const vectors: Vectors = JSON.parse(readFileSync(new URL("./fixtures/webhook-signature-vectors.json", import.meta.url), "utf8"))

const failure = <A>(effect: Effect.Effect<A, WebhookSignature.InvalidSignature>) =>
  Effect.map(Effect.exit(effect), (exit) => {
    assert(Exit.isFailure(exit) && exit.cause._tag === "Fail", "expected a typed failure")
    return exit.cause.error
  })

const toPairs = (params: Params): Array<[string, string]> =>
  Object.entries(params).flatMap(([name, value]) => typeof value === "string" ? [[name, value]] : value.map((each): [string, string] => [name, each]))

describe("WebhookSignature", () => {
  it.effect("Twilio's documented example: 0/KCTR6DLpKmkAf8muzZqo1nDgQ=", () =>
    Effect.gen(function*() {
      const signature = yield* WebhookSignature.sign({
        signingKey: Redacted.make("12345"),
        url: "https://mycompany.com/myapp.php?foo=1&bar=2",
        params: { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" }
      })
      expect(signature).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
    }))

  describe("form vectors computed by the official SDK", () => {
    for (const vector of vectors.form) {
      it.effect(vector.name, () =>
        Effect.gen(function*() {
          const signingKey = Redacted.make(vector.key)
          const params = vector.params
          // The vector really is the SDK's: its validator accepts it.
          expect(RestClient.validateRequest(vector.key, vector.signature, vector.url, params)).toBe(true)
          expect(yield* WebhookSignature.sign({ signingKey, url: vector.url, params })).toBe(vector.signature)
          for (const shape of [params, toPairs(params), new URLSearchParams(toPairs(params))]) {
            yield* WebhookSignature.verify({ signingKey, url: vector.url, params: shape, signature: vector.signature })
          }
          const error = yield* failure(WebhookSignature.verify({ signingKey: Redacted.make(`${vector.key}x`), url: vector.url, params, signature: vector.signature }))
          expect(error.reason).toBe("Mismatch")
        }))
    }
  })

  describe("JSON bodies signed through bodySHA256, computed by the official SDK", () => {
    for (const vector of vectors.body) {
      it.effect(vector.name, () =>
        Effect.gen(function*() {
          const signingKey = Redacted.make(vector.key)
          expect(RestClient.validateRequestWithBody(vector.key, vector.signature, vector.url, vector.body)).toBe(true)
          expect(yield* WebhookSignature.sign({ signingKey, url: vector.url })).toBe(vector.signature)
          expect(new URL(vector.url).searchParams.get("bodySHA256")).toBe(yield* WebhookSignature.bodySHA256(vector.body))
          yield* WebhookSignature.verify({ signingKey, url: vector.url, body: vector.body, signature: vector.signature })
          const error = yield* failure(
            WebhookSignature.verify({ signingKey, url: vector.url, body: `${vector.body} `, signature: vector.signature })
          )
          expect(error.reason).toBe("BodyMismatch")
        }))
    }
  })

  it.effect("accepts the URL signed with or without its port, as the SDK's validator does", () =>
    Effect.gen(function*() {
      const signingKey = Redacted.make("PSkey")
      const params = { CallSid: "b3877c40-da60-4998-90ad-b792e98472ca", CallStatus: "ringing" }
      // [signed, received]: the default port either way; a received non-default port may have been left out of what was signed.
      const pairs = [
        ["https://app.example.com/status?a=1", "https://app.example.com:443/status?a=1"],
        ["https://app.example.com:443/status?a=1", "https://app.example.com/status?a=1"],
        ["http://app.example.com/status", "http://app.example.com:80/status"],
        ["http://app.example.com:80/status", "http://app.example.com/status"],
        ["https://user:pw@app.example.com/status", "https://user:pw@app.example.com:443/status"],
        ["http://[::1]/status", "http://[::1]:80/status"],
        ["http://[::1]:80/status", "http://[::1]/status"],
        ["https://app.example.com/status", "https://app.example.com:8443/status"]
      ] as const
      for (const [signed, received] of pairs) {
        const signature = yield* WebhookSignature.sign({ signingKey, url: signed, params })
        expect(RestClient.validateRequest("PSkey", signature, received, params)).toBe(true)
        yield* WebhookSignature.verify({ signingKey, url: received, params, signature })
      }
      // Neither validator takes a port that was not in the URL received.
      const elsewhere = yield* WebhookSignature.sign({ signingKey, url: "https://app.example.com:8443/status", params })
      expect(RestClient.validateRequest("PSkey", elsewhere, "https://app.example.com/status", params)).toBe(false)
      expect((yield* failure(WebhookSignature.verify({ signingKey, url: "https://app.example.com/status", params, signature: elsewhere }))).reason).toBe("Mismatch")
      expect(WebhookSignature.urlVariants("not a url")).toEqual(["not a url"])
    }))

  it.effect("a missing header is its own reason; an empty key signs as node:crypto does", () =>
    Effect.gen(function*() {
      const signingKey = Redacted.make("PSkey")
      for (const signature of [undefined, null, ""]) {
        const error = yield* failure(WebhookSignature.verify({ signingKey, url: "https://a.example/", signature }))
        expect(error.reason).toBe("Missing")
        expect(error.message).toContain("https://a.example/")
      }
      const empty = yield* WebhookSignature.sign({ signingKey: Redacted.make(""), url: "https://a.example/" })
      expect(empty).toBe(createHmac("sha1", "").update("https://a.example/").digest("base64"))
    }))

  it.effect("InvalidSignature has the library's identity: a namespaced identifier, TypeId, a guard that refuses lookalikes", () =>
    Effect.gen(function*() {
      const error = yield* failure(WebhookSignature.verify({ signingKey: Redacted.make("PSkey"), url: "https://a.example/", signature: "bad" }))
      expect(WebhookSignature.isInvalidSignature(error)).toBe(true)
      expect(error[WebhookSignature.TypeId]).toBe(WebhookSignature.TypeId)
      expect(WebhookSignature.isInvalidSignature({ _tag: "InvalidSignature", reason: "Mismatch", url: "https://a.example/" })).toBe(false)
      expect(WebhookSignature.InvalidSignature.identifier).toBe("@effect-signalwire/client/WebhookSignature/InvalidSignature")
    }))

  it.effect("the error never carries the key", () =>
    Effect.gen(function*() {
      const error = yield* failure(
        WebhookSignature.verify({ signingKey: Redacted.make("PSsecret-signing-key"), url: "https://a.example/", signature: "bad" })
      )
      expect([String(error), error.message, JSON.stringify(error)].join("\n")).not.toContain("PSsecret-signing-key")
    }))

  describe("the signed data, case by case (each case a way to get it wrong)", () => {
    // The algorithm as the SDK documents it, on node:crypto: the URL, then each name and value,
    // names in code unit order, a repeated name's values in the order they came.
    const oracle = (key: string, url: string, pairs: ReadonlyArray<readonly [string, string]>) =>
      createHmac("sha1", key)
        .update(url + [...pairs].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0).map(([name, value]) => name + value).join(""))
        .digest("base64")

    it.effect.prop(
      "names sorted, a repeated name's values kept in the order they came",
      // Few names, so that most draws repeat one.
      { pairs: fc.array(fc.tuple(fc.constantFrom("A", "B", "a", "Ab", "B2"), fc.string({ maxLength: 3 })), { maxLength: 8 }) },
      ({ pairs }) =>
        Effect.gen(function*() {
          const signature = yield* WebhookSignature.sign({ signingKey: Redacted.make("PSkey"), url: "https://a.example/cb", params: pairs })
          expect(signature).toBe(oracle("PSkey", "https://a.example/cb", pairs))
        })
    )

    it.effect("a record's undefined field is left out, as a form would leave it out", () =>
      Effect.gen(function*() {
        const signature = yield* WebhookSignature.sign({ signingKey: Redacted.make("PSkey"), url: "https://a.example/cb", params: { A: "1", B: undefined } })
        expect(signature).toBe(oracle("PSkey", "https://a.example/cb", [["A", "1"]]))
      }))

    it.effect("a signature with a character more or one fewer is a mismatch", () =>
      Effect.gen(function*() {
        const signingKey = Redacted.make("PSkey")
        const signature = yield* WebhookSignature.sign({ signingKey, url: "https://a.example/cb" })
        for (const changed of [`${signature}A`, signature.slice(0, -1)]) {
          const error = yield* failure(WebhookSignature.verify({ signingKey, url: "https://a.example/cb", signature: changed }))
          expect(error.reason).toBe("Mismatch")
        }
      }))

    it("the URL variants: a port left out or written, and nothing guessed from what is not a URL's authority", () => {
      expect([
        "https://example.com:8443/cb",
        "https://example.com:/cb",
        "HTTPS://example.com/cb",
        "/callback?next=https://example.com/x",
        "https://example.com:abc/x",
        "https://example.com:80x/cb"
      ].map(WebhookSignature.urlVariants)).toStrictEqual([
        ["https://example.com:8443/cb", "https://example.com/cb"],
        ["https://example.com:/cb", "https://example.com/cb", "https://example.com:443/cb"],
        ["HTTPS://example.com/cb", "HTTPS://example.com:443/cb"],
        ["/callback?next=https://example.com/x"],
        ["https://example.com:abc/x"],
        ["https://example.com:80x/cb"]
      ])
    })

    it.effect("a JSON body: bodySHA256 read from the query only, before any fragment; none named is a body mismatch", () =>
      Effect.gen(function*() {
        const signingKey = Redacted.make("PSkey")
        const body = "{\"CallSid\":\"CA1\"}"
        const hash = createHash("sha256").update(body, "utf8").digest("hex")
        const verifyAt = (url: string) =>
          Effect.flatMap(WebhookSignature.sign({ signingKey, url }), (signature) => WebhookSignature.verify({ signingKey, url, body, signature }))
        yield* verifyAt(`https://a.example/cb?bodySHA256=${hash}#part`)
        yield* verifyAt(`https://a.example/cb?bodySHA256=${hash.toUpperCase()}`)
        for (const url of ["https://a.example/cb", "https://a.example/cb?other=1", `https://a.example/cb&bodySHA256=${hash}`]) {
          const error = yield* failure(verifyAt(url))
          expect(error.reason).toBe("BodyMismatch")
        }
      }))

    it.effect("each reason reads as what to check, with the URL", () =>
      Effect.gen(function*() {
        const signingKey = Redacted.make("PSkey")
        const url = "https://a.example/cb?bodySHA256=00"
        const missing = yield* failure(WebhookSignature.verify({ signingKey, url, signature: undefined }))
        const mismatch = yield* failure(WebhookSignature.verify({ signingKey, url, signature: "bad" }))
        const body = yield* failure(
          Effect.flatMap(WebhookSignature.sign({ signingKey, url }), (signature) => WebhookSignature.verify({ signingKey, url, body: "{}", signature }))
        )
        expect([missing, mismatch, body].map((error) => [error._tag, error.reason, error.message])).toStrictEqual([
          ["InvalidSignature", "Missing", `The webhook to ${url} carries no X-SignalWire-Signature or X-Twilio-Signature header`],
          ["InvalidSignature", "Mismatch", `The webhook's signature does not match ${url} and its fields with the configured Signing Key`],
          ["InvalidSignature", "BodyMismatch", `The webhook's body is not the one whose SHA-256 the bodySHA256 parameter of ${url} names`]
        ])
        // The identity is shared by every copy of the package in an app (Symbol.for).
        expect(WebhookSignature.TypeId).toBe(Symbol.for("@effect-signalwire/client/WebhookSignature"))
      }))
  })

  const key = fc.string()
  const url = fc.webUrl({ withQueryParameters: true, withFragments: false }).map((url) => new URL(url).href)
  const pairs = fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string()), { maxLength: 8 })

  it.effect.prop("the SDK's validateRequest accepts every signature we make; bodySHA256 is node's SHA-256", { key: fc.string({ minLength: 1 }), url, fields: fc.dictionary(fc.string({ minLength: 1 }), fc.string(), { noNullPrototype: true }), body: fc.string() }, ({ body, fields, key, url }) =>
    Effect.gen(function*() {
      const signature = yield* WebhookSignature.sign({ signingKey: Redacted.make(key), url, params: fields })
      expect(RestClient.validateRequest(key, signature, url, fields)).toBe(true)
      expect(yield* WebhookSignature.bodySHA256(body)).toBe(createHash("sha256").update(body, "utf8").digest("hex"))
    }))

  it.effect.prop("verify(sign(x)) holds", { key, url, pairs }, ({ key, pairs, url }) =>
    Effect.gen(function*() {
      const signingKey = Redacted.make(key)
      const signature = yield* WebhookSignature.sign({ signingKey, url, params: pairs })
      yield* WebhookSignature.verify({ signingKey, url, params: pairs, signature })
    }))

  it.effect.prop(
    "any change to the URL, a name, a value or the signature fails",
    {
      key,
      url,
      pairs: fc.array(fc.tuple(fc.string({ minLength: 1 }), fc.string()), { minLength: 1, maxLength: 8 }),
      change: fc.constantFrom("url", "name", "value", "signature"),
      index: fc.nat(),
      extra: fc.string({ minLength: 1, maxLength: 4 })
    },
    ({ change, extra, index, key, pairs, url }) =>
      Effect.gen(function*() {
        const signingKey = Redacted.make(key)
        const signature = yield* WebhookSignature.sign({ signingKey, url, params: pairs })
        const at = index % pairs.length
        const [name, value] = pairs[at]!
        const changed = pairs.map((pair, i): [string, string] => i !== at ? pair : change === "name" ? [name + extra, value] : change === "value" ? [name, value + extra] : pair)
        const error = yield* failure(WebhookSignature.verify({
          signingKey,
          url: change === "url" ? `${url}${url.includes("?") ? "&" : "?"}${encodeURIComponent(extra)}` : url,
          params: changed,
          signature: change === "signature" ? flip(signature, index) : signature
        }))
        expect(error.reason).toBe("Mismatch")
      })
  )
})

// The signature with one base64 character replaced by another.
const flip = (signature: string, index: number) => {
  const at = index % (signature.length - 1)
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  const replacement = alphabet[(alphabet.indexOf(signature[at]!) + 1) % alphabet.length]!
  return signature.slice(0, at) + replacement + signature.slice(at + 1)
}
