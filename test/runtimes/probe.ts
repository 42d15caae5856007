/**
 * Measures what each runtime really reports for each transport failure, and writes the chains to
 * packages/client/test/fixtures/transport-failures.json (the classification table's evidence):
 * `npm run probe:runtimes`. Servers on 127.0.0.1 provide a closed port, a plain-HTTP port spoken
 * to over https, a self-signed certificate, and connections reset or closed after the request;
 * `nothing.invalid` fails DNS. Each runtime POSTs to every target with its own fetch (Node also
 * with undici and node:http) and records each failure's cause chain: type, message, code.
 */
import { EdgeRuntime } from "edge-runtime"
import { Miniflare } from "miniflare"
import { execFile, execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as http from "node:http"
import * as https from "node:https"
import * as net from "node:net"
import * as path from "node:path"
import type { Readable } from "node:stream"
import selfsigned from "selfsigned"
import * as undici from "undici"

const root = path.resolve(import.meta.dirname, "../..")
const bin = (name: string) => path.join(root, "node_modules", ".bin", name)
const fixture = path.join(root, "packages", "client", "test", "fixtures", "transport-failures.json")

interface Link {
  readonly type: string
  readonly message: string
  readonly code?: string
}

// Runs inside each runtime as plain JavaScript: the chain of `cause`s (and `errors`) of a failure.
const probeSource = `
const chain = (e, depth = 0) => depth > 6 || !e || typeof e !== "object" ? [] : [
  { type: e.constructor?.name ?? "Error", message: String(e.message), ...(typeof e.code === "string" ? { code: e.code } : {}) },
  ...chain(e.cause, depth + 1),
  ...(Array.isArray(e.errors) ? e.errors.flatMap((inner) => chain(inner, depth + 1)) : [])
]
async function probe(targets) {
  const out = {}
  for (const [name, url] of Object.entries(targets)) {
    try {
      const response = await fetch(url, { method: "POST", body: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" })
      out[name] = { status: response.status }
    } catch (error) {
      out[name] = chain(error)
    }
  }
  return out
}
`

const chainOf = (error: unknown, depth = 0): Array<Link> => {
  if (depth > 6 || typeof error !== "object" || error === null) return []
  const e = error as { constructor?: { name?: string }; message?: unknown; code?: unknown; cause?: unknown; errors?: unknown }
  return [
    { type: e.constructor?.name ?? "Error", message: String(e.message), ...(typeof e.code === "string" ? { code: e.code } : {}) },
    ...chainOf(e.cause, depth + 1),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((inner) => chainOf(inner, depth + 1)) : [])
  ]
}

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)))

const closedPort = await (async () => {
  const server = net.createServer()
  const port = await listen(server)
  await new Promise((resolve) => server.close(resolve))
  return port
})()
const plain = http.createServer((_, res) => res.end("ok"))
const pems = selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], { days: 1, keySize: 2048, algorithm: "sha256" })
const secure = https.createServer({ key: pems.private, cert: pems.cert }, (_, res) => res.end("ok"))
const reset = net.createServer((socket) => socket.once("data", () => socket.resetAndDestroy()))
const closing = net.createServer((socket) => socket.once("data", () => socket.end()))
const servers = [plain, secure, reset, closing]
const [plainPort, securePort, resetPort, closingPort] = await Promise.all(servers.map(listen))

const targets: Record<string, string> = {
  connectionRefused: `http://127.0.0.1:${closedPort}/`,
  dnsFailure: "http://nothing.invalid/",
  tlsHandshakeFailed: `https://127.0.0.1:${plainPort}/`,
  certificateRejected: `https://127.0.0.1:${securePort}/`,
  resetAfterSending: `http://127.0.0.1:${resetPort}/`,
  closedAfterSending: `http://127.0.0.1:${closingPort}/`
}

const scratch = fs.mkdtempSync(path.join(root, "build", "probe-"))
const script = path.join(scratch, "probe.mjs")
fs.writeFileSync(script, `${probeSource}\nconsole.log(JSON.stringify(await probe(${JSON.stringify(targets)})))\n`)
// Asynchronous: the servers answering the runtime live in this process.
const fromProcess = (command: string, args: ReadonlyArray<string>) =>
  new Promise<unknown>((resolve, reject) =>
    execFile(command, [...args, script], { timeout: 60_000, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" } }, (error, stdout, stderr) =>
      error === null ? resolve(JSON.parse(stdout.trim().split("\n").pop()!)) : reject(new Error(`${command}: ${error.message}\n${stderr}`))))

const viaNodeHttp = (url: string) =>
  new Promise<unknown>((resolve) => {
    const request = (url.startsWith("https") ? https : http).request(url, { method: "POST" }, (response) => {
      response.resume()
      response.on("end", () => resolve({ status: response.statusCode }))
    })
    request.on("error", (error) => resolve(chainOf(error)))
    request.end("a=b")
  })

const forEachTarget = async (attempt: (url: string) => Promise<unknown>) =>
  Object.fromEntries(await Promise.all(Object.entries(targets).map(async ([name, url]) => [name, await attempt(url)] as const)))

const results: Record<string, unknown> = {}
results["Node fetch"] = await fromProcess(process.execPath, [])
results["Node undici"] = await forEachTarget((url) =>
  undici.request(url, { method: "POST", body: "a=b" }).then((response) => ({ status: response.statusCode }), chainOf))
results["Node node:http"] = await forEachTarget(viaNodeHttp)
results["Bun"] = await fromProcess(bin("bun"), [])
results["Deno"] = await fromProcess(bin("deno"), ["run", "--allow-net"])
results["edge-runtime"] = await new EdgeRuntime({ initialCode: probeSource }).evaluate(`probe(${JSON.stringify(targets)})`)
const worker = new Miniflare({
  modules: true,
  script: `${probeSource}\nexport default { async fetch() { return Response.json(await probe(${JSON.stringify(targets)})) } }`,
  compatibilityDate: "2025-09-01",
  handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
    stdout.resume()
    stderr.resume()
  }
})
results["workerd"] = await (await worker.dispatchFetch("http://probe.test/")).json()
await worker.dispose()
for (const server of servers) {
  server.close()
  if (server instanceof http.Server) server.closeAllConnections()
}
fs.rmSync(scratch, { recursive: true, force: true })

// The first version-looking word: `deno 2.9.6 (stable, ...)` gives 2.9.6.
const version = (command: string, args: ReadonlyArray<string>) => /\d[\w.-]*/.exec(execFileSync(command, args, { encoding: "utf8" }))![0]
const packageVersion = (name: string) => JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version as string

fs.writeFileSync(fixture, `${JSON.stringify({
  source: `Measured ${new Date().toISOString().slice(0, 10)} on ${process.platform} ${process.arch} by test/runtimes/probe.ts (npm run probe:runtimes): each runtime POSTs with its own fetch (Node undici: undici.request; Node node:http: http.request) to servers on 127.0.0.1, and the cause chain of each failure is recorded (type, message, code).`,
  versions: {
    node: process.version,
    bun: version(bin("bun"), ["--version"]),
    deno: version(bin("deno"), ["--version"]),
    "edge-runtime": packageVersion("edge-runtime"),
    miniflare: packageVersion("miniflare"),
    workerd: version(bin("workerd"), ["--version"]),
    undici: packageVersion("undici")
  },
  failures: results
}, null, 2)}\n`)
console.log(`wrote ${path.relative(root, fixture)}`)
