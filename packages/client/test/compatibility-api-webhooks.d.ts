// The official SDK's webhook validators, as documented (its own types are hidden from NodeNext
// resolution by its package.json "exports"); merged with bench/compatibility-api.d.ts.
declare module "@signalwire/compatibility-api" {
  export namespace RestClient {
    function validateRequest(signingKey: string, signature: string, url: string, params: Record<string, string | Array<string>>): boolean
    function validateRequestWithBody(signingKey: string, signature: string, url: string, body: string): boolean
  }
}
