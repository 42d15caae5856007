/**
 * What every benchmark runner sends and what the local server answers: one project, one token,
 * the minimal create from the official SDK's captured request, and a SignalWire Call body
 * (`call_signalwire` from the reference examples) so our client decodes a realistic response.
 */

/** The project id the runners authenticate as (also the Call's `account_sid`). */
export const projectId = "b3877c40-da60-4998-90ad-b792e98472af"

/** A fake API token: only the local server ever sees it. */
export const authToken = "PTbench-token"

/** The create every runner places: the minimal request of the official SDK's capture. */
export const createInput = {
  to: "+13105678901",
  from: "+13103384645",
  url: "https://example.com/voice.xml"
} as const

/** The same create as the form body the raw `fetch` floor sends (what the SDK and we encode). */
export const createFormBody = "To=%2B13105678901&From=%2B13103384645&Url=https%3A%2F%2Fexample.com%2Fvoice.xml"

/** `Basic base64(projectId:authToken)`. */
export const basicAuthorization = `Basic ${btoa(`${projectId}:${authToken}`)}`

/** The path our client posts to (the documented one); the official SDK drops the `/api/laml`. */
export const createPath = `/api/laml/2010-04-01/Accounts/${projectId}/Calls.json`

/** The 201 body of a create: SignalWire's documented Call resource. */
export const callJson = JSON.stringify({
  "account_sid": "b3877c40-da60-4998-90ad-b792e98472af",
  "annotation": null,
  "answered_by": null,
  "api_version": "2010-04-01",
  "caller_name": null,
  "date_created": "Wed, 19 Sep 2018 20:00:00 +0000",
  "date_updated": "Wed, 19 Sep 2018 20:00:00 +0000",
  "direction": "outbound-api",
  "duration": 0,
  "end_time": null,
  "forwarded_from": null,
  "from": "+13103384645",
  "formatted_from": "(310) 338-4645",
  "from_formatted": "(310) 338-4645",
  "group_sid": null,
  "parent_call_sid": null,
  "phone_number_sid": null,
  "price": null,
  "price_unit": "USD",
  "sid": "b3877c40-da60-4998-90ad-b792e98472ca",
  "start_time": null,
  "status": "queued",
  "subresource_uris": {
    "notifications": "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca/Notifications.json",
    "recordings": "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca/Recordings.json"
  },
  "to": "+13105678901",
  "formatted_to": "(310) 567-8901",
  "to_formatted": "(310) 567-8901",
  "uri": "/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af/Calls/b3877c40-da60-4998-90ad-b792e98472ca.json",
  "audio_in_mos": null,
  "sip_result_code": null,
  "audio_rtt_avg": null,
  "audio_rtt_min": null,
  "audio_rtt_max": null,
  "audio_out_jitter_min": null,
  "audio_out_jitter_max": null,
  "audio_out_jitter_avg": null,
  "audio_out_lost": null
})
