/**
 * The official SDK, `@signalwire/compatibility-api` 3.2.0 (a twilio-node fork over axios), used as
 * its README says. Its base URL is `https://{signalwireSpaceUrl}`, so a space of `127.0.0.1:PORT`
 * targets the local HTTPS server as is; for plain HTTP the one base URL its domain object holds is
 * rewritten, which changes nothing else about how it sends (it still sends `Connection: close`).
 */
import { RestClient } from "@signalwire/compatibility-api"
import { authToken, createInput, projectId } from "../shared.js"
import { expectedSid, pool, type Runner } from "./Runner.js"

export const make = async (origin: string): Promise<Runner> => {
  const client = RestClient(projectId, authToken, { signalwireSpaceUrl: new URL(origin).host })
  if (origin.startsWith("http:")) {
    ;(client.api as unknown as { baseUrl: string }).baseUrl = origin
  }
  const once = async (): Promise<void> => {
    const call = await client.calls.create({ ...createInput })
    if (call.sid !== expectedSid) {
      throw new Error(`official SDK: unexpected sid ${call.sid}`)
    }
  }
  return { run: (count, concurrency) => pool(count, concurrency, once), close: async () => {} }
}
