// The official SDK ships types (compatibility-api.d.ts) that its package.json "exports" hides
// from NodeNext resolution; this declares the little of it the benchmark uses, as documented.
declare module "@signalwire/compatibility-api" {
  interface CreateCallOptions {
    readonly to: string
    readonly from: string
    readonly url: string
  }
  interface CompatibilityApi {
    readonly api: object
    readonly calls: { create(options: CreateCallOptions): Promise<{ readonly sid: string }> }
  }
  export function RestClient(
    username: string,
    token: string,
    options?: { readonly signalwireSpaceUrl?: string }
  ): CompatibilityApi
}
