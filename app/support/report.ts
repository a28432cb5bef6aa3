import type { QueryClientContract } from '@adonisjs/lucid/types/database'
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

/**
 * A report that may also read through a given client, the transaction of an action that has
 * just written what it reads (a closing, an import): the third argument, the default connection
 * without it.
 */
export abstract class ClientReport<Params, Result> extends Report<Params, Result> {
  constructor(
    tenant: Tenant,
    params: Params,
    protected readonly client?: QueryClientContract
  ) {
    super(tenant, params)
  }
}
