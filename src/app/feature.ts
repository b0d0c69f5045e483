import type { Domain } from '../domain/domain';
import type { Command } from '../bot/commands/command';
import type { CardActionHandler } from '../bot/actions/action';
import type { CardRenderer } from '../bot/render/card-renderers';
import type { Importer } from '../import/importer';

/**
 * A capability beyond customer registration (e.g. dealer authorizations). It brings its own
 * commands, cards, notice texts and importers, and hooks into the domain and the sweeps.
 */
export interface Feature {
  name: string;
  commands?: Command<never>[];
  cards?: Record<string, { render: CardRenderer; action?: CardActionHandler }>;
  importers?: Importer[];
  /** Registers notice texts / reminder items (module-level renderers); called once per process. */
  registerRenderers?(): void;
  /** Creates the feature's services over this domain, adds guards, and returns its scheduled steps. */
  setup?(domain: Domain): FeatureJobs;
}

export interface FeatureJobs {
  /** Runs inside the daily sweep, after the core rules; notices share the sweep's batch key. */
  daily?: (batchKey: string) => void;
  hourly?: () => void;
}
