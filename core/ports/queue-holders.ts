/**
 * A process whose job queue lives in its own memory (the in-process queue, without Redis): the outbox rows it
 * relayed are held by that memory, so when the process is gone nobody else will run them. Registered so other
 * processes can tell when it is gone; `process` is the adapter's description of the OS process (opaque here).
 */
export interface QueueHolder {
  id: string;
  process: string;
  /** The holder's own clock at its last beat: compared only for change, never against another clock. */
  seenAt: Date;
}

export interface QueueHolderRepo {
  /** Registers the holder, or refreshes its beat. */
  beat(id: string, process: string, now: Date): Promise<void>;
  list(): Promise<QueueHolder[]>;
  remove(id: string): Promise<void>;
}
