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

const services = new WeakMap<Domain, AuthorizationServices>();

/** The services attached to this domain, created on first use (the core Domain type stays as it is). */
export function authorizationServices(d: Domain): AuthorizationServices {
  let s = services.get(d);
  if (!s) {
    const store = new AuthorizationStore(d.deps);
    s = {
      store,
      queries: new AuthorizationQueries(d.deps),
      renewals: new RenewalService(d.deps, d.dir, store),
      sweep: new RenewalSweep(d.deps, d.dir, store),
      dealers: new DealerGuard(d.deps, d.dir, store),
    };
    services.set(d, s);
  }
  return s;
}
