import type { Db } from '../../db/open';
import type { Clock } from '../clock/clock';
import type { Logger } from '../log/logger';
import type { Rules } from '../domain/rules';
import type { Platform } from '../platforms/types';
import { domainDeps } from '../domain/deps';
import { createDomain, type Domain } from '../domain/domain';
import { Bot } from '../bot/bot';
import { CommandRegistry, CORE_COMMANDS } from '../bot/commands/registry';
import { Dispatcher } from '../scheduler/dispatcher';
import { Scheduler } from '../scheduler/scheduler';
import { coreJobs } from '../scheduler/jobs';
import { FEATURES, installFeatureRenderers } from '../features';
import type { Feature } from './feature';

export interface AppOptions {
  db: Db;
  clock: Clock;
  rules: Rules;
  logger: Logger;
  platforms: Platform[];
  /**
   * Deliver notices as soon as a command queues them (default). The console turns this off and
   * settles after printing each reply, so a transcript always reads reply first, then pushes.
   */
  dispatchOnChange?: boolean;
  /** Features to install (default: all of src/features). */
  features?: Feature[];
  /** Where error reports of spreadsheets sent in chat are saved. */
  reportDir?: string;
}

export interface App {
  domain: Domain;
  bot: Bot;
  registry: CommandRegistry;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  platforms: Platform[];
  /** Connects the platforms and catches up on what was missed while down. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires one process: domain services, bot, outbox dispatcher and scheduler over the given platforms. */
export function createApp(opts: AppOptions): App {
  const deps = domainDeps(opts.db, opts.clock, opts.rules);
  const domain = createDomain(deps, {
    onDedupRebuild: (customers) => opts.logger.warn({ event: 'dedup_index.rebuild', customers }, 'dedup index built by other rules: rebuilding before start'),
  });
  const features = opts.features ?? FEATURES;
  installFeatureRenderers();
  const registry = new CommandRegistry([...CORE_COMMANDS, ...features.flatMap((f) => f.commands ?? [])]);
  const jobs = features.map((f) => f.setup?.(domain) ?? {});
  const dispatcher = new Dispatcher(domain, opts.platforms, opts.logger);
  const bot = new Bot(domain, registry, opts.logger, opts.dispatchOnChange === false ? undefined : () => dispatcher.kick(), opts.reportDir);
  const scheduler = new Scheduler(
    domain,
    coreJobs(domain, opts.logger, jobs.flatMap((j) => (j.daily ? [j.daily] : [])), jobs.flatMap((j) => (j.hourly ? [j.hourly] : []))),
    dispatcher,
    opts.logger,
  );
  return {
    domain,
    bot,
    registry,
    dispatcher,
    scheduler,
    platforms: opts.platforms,
    async start() {
      for (const p of opts.platforms) await p.start(bot);
      const caught = scheduler.catchUp();
      if (caught.length > 0) opts.logger.info({ event: 'scheduler.catch_up', jobs: caught }, 'caught up on missed jobs');
      await dispatcher.runOnce();
    },
    async stop() {
      scheduler.stop();
      for (const p of opts.platforms) await p.stop();
      await dispatcher.runOnce().catch(() => undefined);
    },
  };
}
