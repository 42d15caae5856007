// The official SDK ships types (compatibility-api.d.ts) that its package.json "exports" hides from
// NodeNext resolution; this declares the part of its documented API the tests and the client
// benchmark use (packages/client/tsconfig.test.json includes this file: one declaration for both).
declare module "@signalwire/compatibility-api" {
  interface CallInstance {
    readonly sid: string
    readonly accountSid: string
    readonly status: string
    readonly to: string
    readonly from: string
    readonly direction: string
    readonly dateCreated: Date
    readonly startTime: Date | null
    readonly duration: string | number
    readonly uri: string
  }
  interface CallContext {
    fetch(): Promise<CallInstance>
    update(options: { readonly status?: string; readonly url?: string; readonly statusCallback?: string }): Promise<CallInstance>
    remove(): Promise<boolean>
  }
  interface CallListInstance {
    (sid: string): CallContext
    create(options: {
      readonly to: string
      readonly from: string
      readonly url?: string
      readonly statusCallback?: string
      readonly statusCallbackEvent?: ReadonlyArray<string>
      readonly machineDetection?: string
    }): Promise<CallInstance>
    list(options?: { readonly to?: string; readonly status?: string; readonly pageSize?: number; readonly limit?: number }): Promise<Array<CallInstance>>
  }
  interface CompatibilityApi {
    readonly api: object
    readonly calls: CallListInstance
  }
  interface RestException extends Error {
    readonly status: number
    readonly code: number
    readonly moreInfo: string
  }
  export function RestClient(username: string, token: string, options?: { readonly signalwireSpaceUrl?: string }): CompatibilityApi
  export namespace RestClient {
    function validateRequest(authToken: string, signature: string, url: string, params: Record<string, string>): boolean
  }
}
