import { loadPairs, runPairs } from './evaluate';
for (const o of runPairs(loadPairs())) if (o.pair.duplicate && o.result.tier === 'suspect' && !/omitted|bare|typo/.test(o.pair.kind)) console.log(o.pair.kind, '|', o.pair.a, '|', o.pair.b, '|', o.result.reasons.join('；'));
