import type { Feature } from '../app/feature';
import type { Command } from '../bot/commands/command';
import { authorizationCommand } from '../bot/commands/authorization';
import { expiringCommand } from '../bot/commands/expiring';
import { renewalCommand } from '../bot/commands/renewal';
import { renewalStatsCommand } from '../bot/commands/renewal-stats';
import { AUTHORIZATION_CARD, authorizationCard } from '../bot/render/authorization-card';
import { registerAuthorizationRenderers } from '../bot/render/authorization-notices';
import { DealerGuard } from '../domain/authorization/dealer-guard';
import { AuthorizationStore } from '../domain/authorization/store';
import { authorizationServices } from '../domain/authorization/services';
import { authorizationImporter } from '../import/authorization-import';
import { customerImporter } from '../import/customer-import';

/**
 * 代理授权: dealer contracts, renewal tasks with their milestones, the dealer guards on
 * registration and claims, and the authorization and customer (history) imports.
 */
export const authorizationsFeature: Feature = {
  name: 'authorizations',
  commands: [authorizationCommand, expiringCommand, renewalCommand, renewalStatsCommand] as unknown as Command<never>[],
  cards: { [AUTHORIZATION_CARD]: { render: authorizationCard } },
  importers: [authorizationImporter, customerImporter],
  registerRenderers: registerAuthorizationRenderers,
  setup(root) {
    // Every unit of work's Domain gets the dealer guards, checking in that unit's transaction.
    root.extend((d) => {
      const dealers = new DealerGuard(d.deps, d.dir, new AuthorizationStore(d.deps));
      d.register.addGuard((actor, input) => dealers.checkRegistration(actor, input));
      d.pool.addClaimGuard((actor, customer) => dealers.checkClaim(actor, customer));
    });
    return {
      daily: async (d, batchKey) => {
        await authorizationServices(d).sweep.run(batchKey);
      },
    };
  },
};
