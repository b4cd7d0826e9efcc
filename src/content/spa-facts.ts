import { format } from 'date-fns/format';
import { dateLocale } from './date-locale.ts';
import type { Content } from './schema.ts';
import { fillTemplate } from './template.ts';

/** One value the bot can put into a sentence, and whether it is a sample the spa has not confirmed. */
export interface SpaFact {
  value: string;
  sample: boolean;
}

/** The placeholders spa sentences may use ({name}, {address}, {hours}...) and their values. */
export function spaFacts(content: Pick<Content, 'spa' | 'messages'> & Partial<Pick<Content, 'language'>>): Record<string, SpaFact> {
  const { spa } = content;
  const words = content.messages.spa_facts;
  const weekly = Object.entries(spa.opening_hours.days).map(([day, h]) => `${words.days[day as keyof typeof words.days]}: ${h === 'closed' ? words.closed : `${h.open}–${h.close}`}`);
  // The days the spa is closed besides, as the guest writes dates ("元旦那天开门吗?" is answered by them).
  const locale = { locale: dateLocale(content.language ?? 'en') };
  const closedDays = spa.booking.closed_dates.map((day) => format(new Date(`${day}T12:00:00Z`), words.closed_date, locale));
  // The hours are the spa's clock: a guest whose phone is on Seoul time should not read them as theirs.
  const clock = fillTemplate(words.hours_clock, { city: spaCity(content) });
  const hours = [...weekly, clock, ...(closedDays.length > 0 ? [fillTemplate(words.closed_on, { dates: closedDays.join(', ') })] : [])].join('\n');
  const services = spa.services
    .map((s) => {
      const options = s.durations_minutes.map((minutes) => {
        const price = s.prices.by_duration[String(minutes)];
        const length = fillTemplate(words.minutes, { minutes });
        return price === undefined ? length : `${length} ${formatMoney(price, s.prices.currency)}`;
      });
      return `${s.name}: ${options.join(', ')}`;
    })
    .join('\n');
  const fact = (value: string, sample = false): SpaFact => ({ value, sample });
  return {
    name: fact(spa.name),
    city: fact(spaCity(content)),
    country: fact(spa.country),
    address: fact(spa.address.value, spa.address.sample),
    payment: fact(spa.payment.value, spa.payment.sample),
    phone: fact(spa.contact.phone, spa.contact.sample),
    email: fact(spa.contact.email, spa.contact.sample),
    website: fact(spa.contact.website, spa.contact.sample),
    hours: fact(hours, spa.opening_hours.sample || (closedDays.length > 0 && spa.booking.sample)),
    services: fact(services, spa.services.some((s) => s.prices.sample)),
    therapists: fact(
      spa.therapists.list.map((t) => (t.gender ? `${t.name}, ${words.genders[t.gender]}` : t.name)).join('; '),
      spa.therapists.sample,
    ),
    durations: fact([...new Set(spa.services.flatMap((s) => s.durations_minutes))].join(` ${words.or} `)),
    cancel_hours: fact(String(spa.booking.free_cancellation_hours), spa.booking.sample),
    notice_hours: fact(String(Math.round(spa.booking.min_notice_minutes / 60)), spa.booking.sample),
  };
}

/** The spa's city as the content's language writes it (`city_names`), else as spa.yaml names it. */
export function spaCity(content: Pick<Content, 'spa'> & Partial<Pick<Content, 'language'>>): string {
  return (content.language && content.spa.city_names[content.language]) || content.spa.city;
}

/** The parts of spa.yaml still holding sample values ("address", "opening_hours", "prices"...): empty once the spa has set its own. */
export function sampleParts(spa: Content['spa']): string[] {
  const parts: Array<[string, boolean]> = [
    ['address', spa.address.sample],
    ['payment', spa.payment.sample],
    ['contact', spa.contact.sample],
    ['opening_hours', spa.opening_hours.sample],
    ['prices', spa.services.some((s) => s.prices.sample)],
    ['booking', spa.booking.sample],
    ['therapists', spa.therapists.sample],
    ['reminders', spa.reminders.sample],
  ];
  return parts.filter(([, sample]) => sample).map(([part]) => part);
}

/** The price of a service for one length, as guests read it, or undefined when spa.yaml gives none. */
export function servicePrice(content: Pick<Content, 'spa'>, serviceId: string, minutes: number): SpaFact | undefined {
  const service = content.spa.services.find((s) => s.id === serviceId) ?? content.spa.services[0];
  const amount = service?.prices.by_duration[String(minutes)];
  return service && amount !== undefined ? { value: formatMoney(amount, service.prices.currency), sample: service.prices.sample } : undefined;
}

function formatMoney(amount: number, currency: string): string {
  return `${amount.toLocaleString('en-US')} ${currency}`;
}
