// The official SDK ships types (compatibility-api.d.ts) that its package.json "exports" hides from
// NodeNext resolution; this declares the part the LaML tests use: `RestClient.LaML.VoiceResponse`,
// a builder whose every verb and noun method takes (attributes?, text?) and returns the new node.
declare module "@signalwire/compatibility-api" {
  interface TwimlNode {
    readonly [method: string]: (...args: Array<any>) => TwimlNode
  }
  interface VoiceResponse extends TwimlNode {
    toString(): string
  }
  export namespace RestClient {
    namespace LaML {
      const VoiceResponse: new() => VoiceResponse
    }
  }
}
