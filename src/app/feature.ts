import type { Domain, DomainRoot } from '../domain/domain';
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
  /**
   * Called once per process: extends every Domain the root creates (guards, via `root.extend`)
   * and returns the feature's scheduled steps.
   */
  setup?(root: DomainRoot): FeatureJobs;
}

/** Scheduled steps, each run by the scheduler inside its unit of work, on that unit's Domain. */
export interface FeatureJobs {
  /** Runs inside the daily sweep, after the core rules; notices share the sweep's batch key. */
  daily?: (d: Domain, batchKey: string) => Promise<void>;
  hourly?: (d: Domain) => Promise<void>;
}
