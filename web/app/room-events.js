// A room's events applied exactly once each, in seq order: pushes arrive in roomEvents batches; a batch that skips past the
// last seq held (or a reconnect) is closed by reading GET /api/rooms/{roomId}/events?after={lastSeq}.

export class RoomEventStream {
  /**
   * @param {(after: number, continuationToken: string|null) => Promise<{items: Array, continuationToken: string|null}>} readAfter
   * @param {(event: {seq:number,type:string,at:string,data:object}) => void} apply
   * @param {(closed: number) => void} onCaughtUp  how many events a catch-up applied (the gap it closed)
   */
  constructor(readAfter, apply, onCaughtUp) {
    this.readAfter = readAfter;
    this.apply = apply;
    this.onCaughtUp = onCaughtUp;
    this.lastSeq = 0;
    this.running = null;
    this.again = false;
  }

  /** Starts counting from the join's seq (the room's last event at the join). */
  startAt(seq) {
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  /** A pushed batch: applies what follows on from lastSeq; a gap starts a catch-up, which also reads the rest of this batch. */
  receive(events) {
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.seq <= this.lastSeq) continue;
      if (event.seq > this.lastSeq + 1 || this.running) {
        this.catchUp();
        return;
      }
      this.take(event);
    }
  }

  /** Reads every event after lastSeq; concurrent calls share one read (and ask for one more pass if it is running). */
  catchUp() {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.readAll().finally(() => { this.running = null; });
    return this.running;
  }

  async readAll() {
    let closed = 0;
    do {
      this.again = false;
      let continuationToken = null;
      do {
        const page = await this.readAfter(this.lastSeq, continuationToken);
        for (const event of page.items) {
          if (event.seq === this.lastSeq + 1) {
            this.take(event);
            closed++;
          }
        }
        continuationToken = page.continuationToken;
      } while (continuationToken);
    } while (this.again);
    this.onCaughtUp(closed);
    return closed;
  }

  take(event) {
    this.lastSeq = event.seq;
    this.apply(event);
  }
}
