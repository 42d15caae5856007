/**
 * The floor: Node's global `fetch` (undici, keep-alive by default) posting the same form body with
 * the same headers and parsing the JSON answer, with no validation and no decoding.
 */
import { basicAuthorization, createFormBody, createPath } from "../shared.js"
import { expectedSid, pool, type Runner } from "./Runner.js"

export const make = async (origin: string): Promise<Runner> => {
  const url = `${origin}${createPath}`
  const headers = {
    accept: "application/json",
    authorization: basicAuthorization,
    "content-type": "application/x-www-form-urlencoded"
  }
  const once = async (): Promise<void> => {
    const response = await fetch(url, { method: "POST", headers, body: createFormBody })
    const call = (await response.json()) as { readonly sid?: unknown }
    if (response.status !== 201 || call.sid !== expectedSid) {
      throw new Error(`raw fetch: unexpected answer ${response.status}`)
    }
  }
  return { run: (count, concurrency) => pool(count, concurrency, once), close: async () => {} }
}
