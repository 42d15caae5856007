/**
 * The local SignalWire stand-in for the benchmark, run in its own process so the CPU a runner
 * spends is the runner's alone. It answers every create (ours at `/api/laml/2010-04-01/...`, the
 * official SDK's at `/2010-04-01/...`, with or without `.json`) with 201 and a Call body, over
 * plain HTTP and over HTTPS at once, and counts what it served so the harness can check that each
 * runner placed exactly the creates it claims.
 *
 * Usage: `node --import tsx server.ts <key.pem> <cert.pem>`; prints `{"http":port,"https":port}`
 * on its first stdout line and exits when its stdin closes.
 */
import * as Fs from "node:fs"
import * as Http from "node:http"
import * as Https from "node:https"
import type * as Net from "node:net"
import { basicAuthorization, callJson } from "./shared.js"

const createPath = /^(?:\/api\/laml)?\/2010-04-01\/Accounts\/[^/]+\/Calls(?:\.json)?$/
const callBody = Buffer.from(callJson)
const created = { "content-type": "application/json; charset=utf-8", "content-length": String(callBody.length) }

let creates = 0
let refused = 0
// Connections that carried at least one create: keep-alive shows as few, `Connection: close` as
// one per create (and a TLS handshake each over HTTPS).
let connections = 0
const counted = new WeakSet<Net.Socket>()

const handle = (request: Http.IncomingMessage, response: Http.ServerResponse): void => {
  const chunks: Array<Buffer> = []
  request.on("data", (chunk: Buffer) => chunks.push(chunk))
  request.on("end", () => {
    if (request.method === "POST" && createPath.test(request.url ?? "")) {
      const body = Buffer.concat(chunks).toString()
      if (request.headers.authorization !== basicAuthorization || !body.startsWith("To=")) {
        refused++
        response.writeHead(400, { "content-type": "application/json" })
        response.end(JSON.stringify({ code: 21201, message: "bad benchmark request", status: 400 }))
        return
      }
      creates++
      if (!counted.has(request.socket)) {
        counted.add(request.socket)
        connections++
      }
      response.writeHead(201, created)
      response.end(callBody)
      return
    }
    if (request.method === "GET" && request.url === "/__bench/count") {
      response.writeHead(200, { "content-type": "application/json" })
      response.end(JSON.stringify({ creates, refused, connections }))
      creates = 0
      refused = 0
      connections = 0
      return
    }
    response.writeHead(404, { "content-type": "application/json" })
    response.end(JSON.stringify({ code: 20404, message: "not found", status: 404 }))
  })
}

// Idle keep-alive connections stay open longer than any pause between a runner's warm-up and its
// measured run, so no runner ever races a server-side close.
const tune = <S extends Http.Server>(server: S): S => {
  server.keepAliveTimeout = 120_000
  server.headersTimeout = 121_000
  server.maxRequestsPerSocket = 0
  return server
}

const [keyFile, certFile] = process.argv.slice(2)
if (keyFile === undefined || certFile === undefined) {
  process.stderr.write("usage: server.ts <key.pem> <cert.pem>\n")
  process.exit(2)
}

const http = tune(Http.createServer(handle))
const https = tune(Https.createServer({ key: Fs.readFileSync(keyFile), cert: Fs.readFileSync(certFile) }, handle))

const listen = (server: Http.Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", 1024, () => resolve((server.address() as Net.AddressInfo).port)))

const ports = { http: await listen(http), https: await listen(https) }
process.stdout.write(`${JSON.stringify(ports)}\n`)
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
