import type { Clock } from '../clock/clock';
import type { Logger } from '../log/logger';
import type { Rules } from '../domain/rules';
import type { Platform } from '../platforms/types';
import type { Store } from '../storage/unit-of-work';
import { SoleInstance, type Leadership } from '../storage/leadership';
import { domainEnv } from '../domain/deps';
import { DomainRoot } from '../domain/domain';
import { Bot } from '../bot/bot';
import { CommandRegistry, CORE_COMMANDS } from '../bot/commands/registry';
import { Dispatcher } from '../scheduler/dispatcher';
import { Scheduler } from '../scheduler/scheduler';
import { coreJobs } from '../scheduler/jobs';
import { FEATURES, installFeatureRenderers } from '../features';
import type { Feature } from './feature';

export interface AppOptions {
  store: Store;
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
  /** Which instance runs the sweeps, the dispatcher and exclusive platforms (default: this one, alone). */
  leadership?: Leadership;
}

export interface App {
  root: DomainRoot;
  store: Store;
  bot: Bot;
  registry: CommandRegistry;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  platforms: Platform[];
  leadership: Leadership;
  /**
   * Checks the dedup index and connects the platforms; on the leading instance also the exclusive
   * platforms, catching up on what was missed while down, and delivering. Leadership can move
   * later (another instance died): the new leader does the same then.
   */
  start(): Promise<void>;
  /** Runs the scheduled jobs on the wall clock, while (and whenever) this instance leads. */
  startRealTime(): void;
  /** Resolves once the latest leadership change has been acted on (caught up and delivered, or stepped down). */
  leadershipSettled(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires one process: domain root, bot, outbox dispatcher and scheduler over the given platforms. */
export function createApp(opts: AppOptions): App {
  const root = new DomainRoot(domainEnv(opts.store, opts.clock, opts.rules));
  const features = opts.features ?? FEATURES;
  installFeatureRenderers();
  const registry = new CommandRegistry([...CORE_COMMANDS, ...features.flatMap((f) => f.commands ?? [])]);
  const jobs = features.map((f) => f.setup?.(root) ?? {});
  const dispatcher = new Dispatcher(root, opts.platforms, opts.logger);
  const leadership = opts.leadership ?? new SoleInstance('local');
  // A follower's notices wait for the leader's next poll (scheduler.startRealTime, every 5 s).
  const bot = new Bot(root, registry, opts.logger, opts.dispatchOnChange === false ? undefined : () => leadership.isLeader() && dispatcher.kick(), opts.reportDir);
  const scheduler = new Scheduler(
    root,
    coreJobs(root, opts.logger, jobs.flatMap((j) => (j.daily ? [j.daily] : [])), jobs.flatMap((j) => (j.hourly ? [j.hourly] : []))),
    dispatcher,
    opts.logger,
  );
  const shared = opts.platforms.filter((p) => !p.exclusive);
  const exclusive = opts.platforms.filter((p) => p.exclusive);
  let realTime = false;
  // Leadership changes are handled one after another: a loss while taking the lead waits for it.
  let transition: Promise<void> = Promise.resolve();
  const lead = async () => {
    opts.logger.info({ event: 'leadership.gained', instance: leadership.instanceId }, 'this instance leads: sweeps, dispatcher, exclusive platforms');
    for (const p of exclusive) await p.start(bot);
    const caught = await scheduler.catchUp();
    if (caught.length > 0) opts.logger.info({ event: 'scheduler.catch_up', jobs: caught }, 'caught up on missed jobs');
    await dispatcher.runOnce();
    if (realTime && leadership.isLeader()) scheduler.startRealTime();
  };
  const follow = async () => {
    opts.logger.warn({ event: 'leadership.lost', instance: leadership.instanceId }, 'this instance no longer leads');
    scheduler.stop();
    for (const p of exclusive) await p.stop();
  };
  leadership.onChange((leading) => {
    transition = transition
      .then(() => (leading ? lead() : follow()))
      .catch((e) => opts.logger.error({ err: e, event: 'leadership.transition_failed' }, 'leadership change not completed'));
  });
  return {
    root,
    store: opts.store,
    bot,
    registry,
    dispatcher,
    scheduler,
    platforms: opts.platforms,
    leadership,
    async start() {
      await root.prepare({
        onDedupRebuild: (customers) => opts.logger.warn({ event: 'dedup_index.rebuild', customers }, 'dedup index built by other rules: rebuilding before start'),
      });
      for (const p of shared) await p.start(bot);
      await leadership.start();
      await transition;
    },
    startRealTime() {
      realTime = true;
      if (leadership.isLeader()) scheduler.startRealTime();
    },
    leadershipSettled: () => transition,
    async stop() {
      scheduler.stop();
      for (const p of shared) await p.stop();
      if (leadership.isLeader()) await dispatcher.runOnce().catch(() => undefined);
      await leadership.stop();
      await transition;
    },
  };
}
