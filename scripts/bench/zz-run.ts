import { bench } from '/work/main/scripts/bench/zz-dt-prof';
bench.run().then(() => process.exit(0));
