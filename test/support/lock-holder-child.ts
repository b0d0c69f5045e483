// Another process on the same database file that takes the write lock (BEGIN IMMEDIATE … COMMIT),
// as an all-or-nothing import or a second bot would. argv = dbFile. Commands on stdin, one a line:
//   hold <ms>                                   hold the lock once; prints "held", then "released"
//   bursts <seed> <count> <minHold> <maxHold> <maxGap> <longEvery> <longMs>
//                                               hold in bursts with gaps; prints "done <n> <heldMs>"
import readline from 'node:readline';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]!);
db.pragma('busy_timeout = 30000');
const pause = new Int32Array(new SharedArrayBuffer(4));
/** Holding the lock is a synchronous wait, as in a long transaction; the gaps let stdin in. */
const holdFor = (ms: number) => {
  db.exec('BEGIN IMMEDIATE');
  process.stdout.write('held\n');
  Atomics.wait(pause, 0, 0, ms);
  db.exec('COMMIT');
  process.stdout.write('released\n');
};

async function bursts(args: number[]): Promise<void> {
  let [seed, count, minHold, maxHold, maxGap, longEvery, longMs] = args as [number, number, number, number, number, number, number];
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let held = 0;
  for (let i = 1; i <= count; i++) {
    const ms = longEvery > 0 && i % longEvery === 0 ? longMs : Math.floor(minHold + rand() * (maxHold - minHold));
    holdFor(ms);
    held += ms;
    await new Promise((r) => setTimeout(r, Math.floor(rand() * maxGap)));
  }
  process.stdout.write(`done ${count} ${held}\n`);
}

process.stdout.write('ready\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, ...rest] = line.trim().split(/\s+/);
  if (cmd === 'hold') holdFor(Number(rest[0]));
  else if (cmd === 'bursts') void bursts(rest.map(Number));
  else if (cmd === 'exit') {
    db.close();
    process.exit(0);
  }
});
