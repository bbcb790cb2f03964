/**
 * Work asked for during one turn of the event loop, done together at the end of
 * that turn: the answers of every evaluate request that arrived (cache, decision,
 * serialization, decision log), one after another, then every answer sent.
 * Interleaved with the HTTP stack (parsing, validation, headers, socket writes),
 * the same evaluation code ran two to three times slower than in a tight loop,
 * its code and data pushed out of the CPU caches by the work around it; done in
 * a group it stays warm ("cohort scheduling"). A request waits at most one turn
 * of the loop for its group; each job's outcome and error are its own. With
 * nobody to group with (a single connection open) a job is done at once: the
 * wait for the end of the turn cost such a caller 5–20% of its requests a second.
 */
export class Cohorts<Job, Outcome> {
  private waiting: { readonly job: Job; readonly settle: (outcome: Promise<Outcome>) => void }[] = [];

  /** `alone()` says when no other job can come in this turn (one caller, one connection): its job is then done at once. */
  constructor(
    private readonly work: (job: Job) => Promise<Outcome>,
    private readonly alone: () => boolean = () => false,
  ) {}

  /** The outcome of the job, done with the others asked for in this turn of the event loop. */
  run(job: Job): Promise<Outcome> {
    if (this.waiting.length === 0 && this.alone()) return this.attempt(job);
    return new Promise((settle) => {
      if (this.waiting.length === 0) setImmediate(() => this.runWaiting());
      this.waiting.push({ job, settle });
    });
  }

  private runWaiting(): void {
    const cohort = this.waiting;
    this.waiting = []; // a job that asks for another one starts the next cohort
    const started = cohort.map(({ job, settle }) => ({ settle, outcome: this.attempt(job) }));
    // Every job starts before any answer goes out, and the answers go out together once all are done.
    void Promise.allSettled(started.map(({ outcome }) => outcome)).then(() => {
      for (const { settle, outcome } of started) settle(outcome);
    });
  }

  /** A job that throws instead of rejecting fails alone too. */
  private attempt(job: Job): Promise<Outcome> {
    try {
      return this.work(job);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
