import { BeliefEvents, BeliefsLanded } from './belief-events';

const landed = (stored: number): BeliefsLanded => ({ kind: 'meter', sensorIds: [1], startMs: 0, endMs: 900_000, stored });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BeliefEvents', () => {
  it('tells subscribers about stored beliefs, once per message, and nothing when nothing new was stored', async () => {
    const events = new BeliefEvents();
    const seen: BeliefsLanded[] = [];
    events.subscribe((event) => void seen.push(event));
    events.emit(landed(0));
    events.emit(landed(96));
    await tick();
    expect(seen).toEqual([landed(96)]);
  });

  it('reports a failing listener without failing the emitter or other listeners', async () => {
    const errors: unknown[] = [];
    const events = new BeliefEvents((error) => errors.push(error));
    const seen: number[] = [];
    events.subscribe(async () => {
      throw new Error('queue down');
    });
    events.subscribe((event) => void seen.push(event.stored));
    expect(() => events.emit(landed(3))).not.toThrow();
    await tick();
    expect(seen).toEqual([3]);
    expect(String(errors[0])).toMatch(/queue down/);
  });

  it('stops telling a listener that unsubscribed', async () => {
    const events = new BeliefEvents();
    const seen: number[] = [];
    const unsubscribe = events.subscribe((event) => void seen.push(event.stored));
    unsubscribe();
    events.emit(landed(5));
    await tick();
    expect(seen).toEqual([]);
  });
});
