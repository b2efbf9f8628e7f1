import { agreementsSubgraph } from '@pq/agreements';
import { appealsSubgraph } from '@pq/appeals';
import { registrySubgraph } from '@pq/registry';
import { scoringSubgraph } from '@pq/scoring';

/**
 * Routing between subgraphs: each producer names the subscribers of its events, each consumer the
 * events it applies; both must say the same. (That the payloads fit is checked at compile time,
 * scripts/src/event-contracts.ts.)
 */
const subgraphs = [registrySubgraph, scoringSubgraph, agreementsSubgraph, appealsSubgraph];
const routes = (pick: (producer: string, type: string, subscriber: string) => boolean) =>
  subgraphs.flatMap((producer) =>
    Object.entries(producer.outbox.subscribers as Record<string, string[]>).flatMap(([type, subscribers]) =>
      subscribers.filter((subscriber) => pick(producer.name, type, subscriber)).map((subscriber) => `${producer.name} → ${subscriber}: ${type}`),
    ),
  );

test('every event has one producer', () => {
  const types = subgraphs.flatMap((producer) => Object.keys(producer.outbox.subscribers));
  expect(types.filter((type, i) => types.indexOf(type) !== i)).toEqual([]);
});

test('every subscriber of an event applies it', () => {
  const handles = (subscriber: string, type: string) => type in subgraphs.find((s) => s.name === subscriber)!.eventHandlers;
  expect(routes((_producer, type, subscriber) => !handles(subscriber, type))).toEqual([]);
});

test('every event a subgraph applies is delivered to it', () => {
  const delivered = new Set(routes(() => true).map((route) => route.replace(/^\w+ → /, '')));
  const applied = subgraphs.flatMap((consumer) => Object.keys(consumer.eventHandlers).map((type) => `${consumer.name}: ${type}`));
  expect(applied.filter((route) => !delivered.has(route))).toEqual([]);
});
