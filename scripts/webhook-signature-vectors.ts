/**
 * Writes packages/client/test/fixtures/webhook-signature-vectors.json: webhook signatures
 * computed by the official SDK (@signalwire/compatibility-api, a devDependency), its
 * `getExpectedTwilioSignature` and `getExpectedBodyHash` from lib/webhooks/webhooks.js (the code
 * behind `RestClient.validateRequest` / `validateRequestWithBody`; not exported by the package's
 * "exports", so it is loaded by file path). The client's tests check that our WebhookSignature
 * computes the same signatures and verifies them, and that the SDK's validators accept them.
 *
 * Run: npx tsx scripts/webhook-signature-vectors.ts
 */
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"

const root = path.resolve(import.meta.dirname, "..")
const require = createRequire(import.meta.url)
const sdk = require(path.join(root, "node_modules/@signalwire/compatibility-api/lib/webhooks/webhooks.js")) as {
  getExpectedTwilioSignature(key: string, url: string, params: Record<string, string | Array<string>>): string
  getExpectedBodyHash(body: string): string
}
const sdkVersion = (require(path.join(root, "node_modules/@signalwire/compatibility-api/package.json")) as { version: string }).version

const key = "PSb1f3c2d4e5f60718293a4b5c6d7e8f90"
const callback = {
  AccountSid: "b3877c40-da60-4998-90ad-b792e98472af",
  ApiVersion: "2010-04-01",
  CallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
  CallStatus: "completed",
  CallDuration: "12",
  Direction: "outbound-api",
  From: "+15551230000",
  To: "+15551234567",
  Timestamp: "Wed, 19 Sep 2018 20:00:00 +0000",
  SequenceNumber: "3",
  CallbackSource: "call-progress-events"
}

interface FormCase {
  readonly name: string
  readonly key: string
  readonly url: string
  readonly params: Record<string, string | Array<string>>
}
interface BodyCase {
  readonly name: string
  readonly key: string
  readonly url: string
  readonly body: string
}

const formCases: Array<FormCase> = [
  {
    name: "Twilio's documented example",
    key: "12345",
    url: "https://mycompany.com/myapp.php?foo=1&bar=2",
    params: { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" }
  },
  { name: "a status callback", key, url: "https://app.example.com/status", params: callback },
  { name: "default https port written", key, url: "https://app.example.com:443/status", params: callback },
  { name: "default http port written", key, url: "http://app.example.com:80/status", params: callback },
  { name: "non-default port", key, url: "https://app.example.com:8443/hooks/status", params: callback },
  { name: "IP address and port", key, url: "http://127.0.0.1:3000/status", params: callback },
  { name: "query string", key, url: "https://app.example.com/status?tenant=42&kind=voice", params: callback },
  { name: "encoded query", key, url: "https://app.example.com/status?next=%2Fcalls%3Fa%3D1&name=J%C3%BCrgen", params: callback },
  { name: "trailing slash", key, url: "https://app.example.com/", params: callback },
  { name: "GET: fields in the URL, none signed", key, url: "https://app.example.com/status?CallSid=b3877c40-da60-4998-90ad-b792e98472ca&CallStatus=ringing", params: {} },
  { name: "no fields", key, url: "https://app.example.com/status", params: {} },
  { name: "empty values", key, url: "https://app.example.com/status", params: { ...callback, CallerName: "", ForwardedFrom: "" } },
  { name: "unicode values", key, url: "https://app.example.com/status", params: { ...callback, CallerName: "Zoë Ångström 日本 😀" } },
  { name: "repeated field", key, url: "https://app.example.com/status", params: { ...callback, StatusCallbackEvent: ["ringing", "answered", "completed"] } },
  { name: "repeated field, values not in order", key, url: "https://app.example.com/status", params: { Event: ["completed", "answered", "ringing"], A: "1" } },
  { name: "names differing by case sort by code unit", key, url: "https://app.example.com/status", params: { b: "1", B: "2", a: "3", A: "4", _: "5", "1": "6" } },
  { name: "values with separators", key, url: "https://app.example.com/status", params: { Digits: "1&2=3", Note: "a+b c%20d" } },
  { name: "a one-character key", key: "k", url: "https://app.example.com/status", params: callback },
  { name: "a unicode key", key: "clé-ß-😀", url: "https://app.example.com/status", params: callback }
]

const bodies = [
  { name: "Twilio's documented JSON body", body: "{\"property\": \"value\", \"boolean\": true}", url: "https://mycompany.com/myapp.php" },
  { name: "a JSON callback", body: JSON.stringify({ call_sid: callback.CallSid, status: "completed" }), url: "https://app.example.com/json" },
  { name: "a JSON body with unicode", body: JSON.stringify({ caller_name: "Zoë 日本 😀" }), url: "https://app.example.com:8443/json?tenant=1" },
  { name: "an empty JSON object", body: "{}", url: "https://app.example.com/json" }
]

const bodyCases: Array<BodyCase> = bodies.map(({ body, name, url }) => ({
  name,
  key,
  body,
  url: `${url}${url.includes("?") ? "&" : "?"}bodySHA256=${sdk.getExpectedBodyHash(body)}`
}))

const vectors = {
  _source: `Computed by scripts/webhook-signature-vectors.ts with @signalwire/compatibility-api ${sdkVersion} (lib/webhooks/webhooks.js: getExpectedTwilioSignature, getExpectedBodyHash)`,
  form: formCases.map((c) => ({ ...c, signature: sdk.getExpectedTwilioSignature(c.key, c.url, c.params) })),
  body: bodyCases.map((c) => ({ ...c, signature: sdk.getExpectedTwilioSignature(c.key, c.url, {}) }))
}

const target = path.join(root, "packages/client/test/fixtures/webhook-signature-vectors.json")
fs.writeFileSync(target, JSON.stringify(vectors, null, 2) + "\n")
console.log(`${vectors.form.length + vectors.body.length} vectors written to ${path.relative(root, target)}`)
