import type { Feature } from '../app/feature';
import { CARD_RENDERERS } from '../bot/render/card-renderers';
import { CARD_ACTIONS } from '../bot/actions/registry';
import { registerImporter } from '../import/importers';
import { authorizationsFeature } from './authorizations';

/** Features beyond registration (dealer authorizations, …). */
export const FEATURES: Feature[] = [authorizationsFeature];

let installed = false;

/** Registers every feature's renderers, card kinds and importers (module-level, once per process). */
export function installFeatureRenderers(): void {
  if (installed) return;
  installed = true;
  for (const f of FEATURES) {
    f.registerRenderers?.();
    for (const [kind, c] of Object.entries(f.cards ?? {})) {
      CARD_RENDERERS[kind] = c.render;
      if (c.action) CARD_ACTIONS[kind] = c.action;
    }
    for (const i of f.importers ?? []) registerImporter(i);
  }
}

installFeatureRenderers();
