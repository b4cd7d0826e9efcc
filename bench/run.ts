// `npm run bench [intents|blind|dates|latency|slots|reservations|startup] [dates file]`: every benchmark, or the ones named.
import { benchBlind } from './blind.ts';
import { benchDates } from './dates.ts';
import { benchIntents } from './intents.ts';
import { benchLatency } from './latency.ts';
import { benchReservations } from './reservations.ts';
import { benchSlots } from './slots.ts';
import { benchStartup } from './startup.ts';

const args = process.argv.slice(2);
const names = args.filter((a) => ['intents', 'blind', 'dates', 'latency', 'slots', 'reservations', 'startup'].includes(a));
const datesFile = args.find((a) => a.endsWith('.json'));
const run = (name: string) => names.length === 0 || names.includes(name);

console.log(`Spa Concierge benchmarks, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}`);
if (run('intents')) await benchIntents();
if (run('blind')) await benchBlind();
if (run('dates')) await benchDates(datesFile ?? new URL('../../shared/benchmarks/nlupp-hotels/datetime-dev.json', import.meta.url).pathname);
if (run('latency')) await benchLatency();
if (run('slots')) await benchSlots();
if (run('reservations')) await benchReservations();
if (run('startup')) await benchStartup();
