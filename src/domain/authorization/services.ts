import type { Domain } from '../domain';
import { AuthorizationStore } from './store';
import { AuthorizationQueries } from './queries';
import { RenewalService } from './renewal-service';
import { RenewalSweep } from './renewal-sweep';
import { DealerGuard } from './dealer-guard';

/** The authorization feature's services over one domain. */
export interface AuthorizationServices {
  store: AuthorizationStore;
  queries: AuthorizationQueries;
  renewals: RenewalService;
  sweep: RenewalSweep;
  dealers: DealerGuard;
}

/**
 * The services over this domain's unit of work (the core Domain type stays as it is). They hold
 * no state of their own, so each call builds them afresh (a handful of allocations, like
 * createDomain): nothing is cached, so nothing outlives the transaction.
 */
export function authorizationServices(d: Domain): AuthorizationServices {
  const store = new AuthorizationStore(d.deps);
  return {
    store,
    queries: new AuthorizationQueries(d.deps),
    renewals: new RenewalService(d.deps, d.dir, store),
    sweep: new RenewalSweep(d.deps, d.dir, store),
    dealers: new DealerGuard(d.deps, d.dir, store),
  };
}
