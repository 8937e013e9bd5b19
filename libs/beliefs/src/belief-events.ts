import { EventEmitter } from 'node:events';

/** What kind of data landed: forecasting subscribes to measurements and weather. */
export type LandedDataKind = 'meter' | 'prognosis' | 'price' | 'weather';

/** Emitted once per stored message or import (never per value), after its transaction committed. */
export interface BeliefsLanded {
  readonly kind: LandedDataKind;
  readonly sensorIds: readonly number[];
  readonly startMs: number;
  readonly endMs: number;
  readonly stored: number;
}

type Listener = (event: BeliefsLanded) => void | Promise<void>;

/**
 * In-process notifications about stored beliefs. Listeners run after the
 * response is decided; a failing listener is reported, never the ingest.
 */
export class BeliefEvents {
  private readonly emitter = new EventEmitter();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  subscribe(listener: Listener): () => void {
    const wrapped = (event: BeliefsLanded) => {
      Promise.resolve()
        .then(() => listener(event))
        .catch(this.onListenerError);
    };
    this.emitter.on('landed', wrapped);
    return () => this.emitter.off('landed', wrapped);
  }

  emit(event: BeliefsLanded): void {
    if (event.stored > 0) this.emitter.emit('landed', event);
  }
}
