// A process that takes the lead and holds it until it is killed (test/storage/leadership.test.ts).
import { AdvisoryLeadership } from '../../src/storage/pg/advisory-leadership';

const l = new AdvisoryLeadership({ url: process.argv[2]!, instanceId: 'child', pollMs: 100 });
l.onChange((leading) => leading && process.stdout.write('leading\n'));
void l.start();
setInterval(() => undefined, 1000);
