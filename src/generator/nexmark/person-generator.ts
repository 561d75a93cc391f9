/**
 * Person events (the reference PersonGenerator): id = the event's person slot, a name from small
 * first/last name lists, a random email, a 16-digit credit card in four groups, one of a few US
 * cities and states — kept few so queries find matches on small runs — and `extra` padding to an
 * average of avgPersonByteSize.
 */
import type { EventRandom } from './event-random.js';
import { FIRST_PERSON_ID, lastBase0PersonId, type NexmarkConfig, PERSON_ID_LEAD } from './nexmark-config.js';
import type { Person } from './nexmark-model.js';
import { nextExtra, nextString } from './nexmark-strings.js';

const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const US_CITIES = 'Phoenix,Los Angeles,San Francisco,Boise,Portland,Bend,Redmond,Seattle,Kent,Cheyenne'.split(
  ',',
);
const FIRST_NAMES = 'Peter,Paul,Luke,John,Saul,Vicky,Kate,Julie,Sarah,Deiter,Walter'.split(',');
const LAST_NAMES = 'Shultz,Abrams,Spencer,White,Bartels,Walton,Smith,Jones,Noris'.split(',');
const FOUR_DIGITS = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));

export function nextPerson(id: number, random: EventRandom, timestampMs: number, cfg: NexmarkConfig): Person {
  const personId = lastBase0PersonId(id) + FIRST_PERSON_ID;
  const name = `${FIRST_NAMES[random.nextInt(FIRST_NAMES.length)]} ${LAST_NAMES[random.nextInt(LAST_NAMES.length)]}`;
  const emailAddress = `${nextString(random, 7)}@${nextString(random, 5)}.com`;
  const creditCard = `${FOUR_DIGITS[random.nextInt(10_000)]} ${FOUR_DIGITS[random.nextInt(10_000)]} ${FOUR_DIGITS[random.nextInt(10_000)]} ${FOUR_DIGITS[random.nextInt(10_000)]}`;
  const city = US_CITIES[random.nextInt(US_CITIES.length)]!;
  const state = US_STATES[random.nextInt(US_STATES.length)]!;
  const size = 8 + name.length + emailAddress.length + creditCard.length + city.length + state.length;
  const extra = nextExtra(random, cfg.seed, size, cfg.avgPersonByteSize);
  return { id: personId, name, emailAddress, creditCard, city, state, dateTime: timestampMs, extra };
}

/**
 * A random person id (base 0) among the numActivePeople most recent ones plus PERSON_ID_LEAD
 * not yet created — so bid/auction density per person does not fade on long runs.
 */
export function nextBase0PersonId(id: number, random: EventRandom, cfg: NexmarkConfig): number {
  const numPeople = lastBase0PersonId(id) + 1;
  const activePeople = Math.min(numPeople, cfg.numActivePeople);
  return numPeople - activePeople + random.nextInt(activePeople + PERSON_ID_LEAD);
}
