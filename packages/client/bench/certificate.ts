/**
 * A throw-away self-signed TLS certificate for 127.0.0.1, so the benchmark needs no system tools
 * and trusts nothing but itself. RSA 2048 / SHA-256: the handshake costs what a real one does.
 */
import * as Fs from "node:fs"
import * as Path from "node:path"
import selfsigned from "selfsigned"

export interface Certificate {
  readonly keyFile: string
  readonly certFile: string
}

/** Writes `key.pem` and `cert.pem` into `directory` and returns their paths. */
export const makeCertificate = (directory: string): Certificate => {
  const pems = selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], {
    days: 2,
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] }
    ]
  })
  const keyFile = Path.join(directory, "key.pem")
  const certFile = Path.join(directory, "cert.pem")
  Fs.writeFileSync(keyFile, pems.private)
  Fs.writeFileSync(certFile, pems.cert)
  return { keyFile, certFile }
}
