import type { Tenant } from '#support/request_context'

/**
 * The one shape of a read model (docs/architecture.md, "Reports"): constructed with the tenant
 * and its parameters, one `build()` that returns a plain object, which pages, Excel exports,
 * print views and commands all read.
 */
export abstract class Report<Params, Result> {
  constructor(
    readonly tenant: Tenant,
    readonly params: Params
  ) {}

  abstract build(): Promise<Result>
}
