/**
 * Start-up and size baseline: an app that places one call with the official SDK, as its README
 * shows. The space comes from `BENCH_ORIGIN` (the benchmark's local server).
 */
import { RestClient } from "@signalwire/compatibility-api"

const origin = new URL(process.env.BENCH_ORIGIN ?? "https://example.signalwire.com")
const client = RestClient("b3877c40-da60-4998-90ad-b792e98472af", "PTbench-token", { signalwireSpaceUrl: origin.host })
if (origin.protocol === "http:") {
  ;(client.api as unknown as { baseUrl: string }).baseUrl = origin.origin
}
const call = await client.calls.create({ to: "+13105678901", from: "+13103384645", url: "https://example.com/voice.xml" })
process.stdout.write(`${call.sid}\n`)
