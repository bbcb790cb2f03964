/**
 * Work asked for during one turn of the event loop, done together at the end of
 * that turn: the answers of every evaluate request that arrived (cache, decision,
 * serialization, decision log), one after another, then every answer sent.
 * Interleaved with the HTTP stack (parsing, validation, headers, socket writes),
 * the same evaluation code ran two to three times slower than in a tight loop,
 * its code and data pushed out of the CPU caches by the work around it; done in
 * a group it stays warm ("cohort scheduling"). A request waits at most one turn
 * of the loop for its group; each job's outcome and error are its own.
 */
export class Cohorts<Job, Outcome> {
  private waiting: { readonly job: Job; readonly resolve: (outcome: Outcome) => void; readonly reject: (reason: unknown) => void }[] = [];

  constructor(private readonly work: (job: Job) => Promise<Outcome>) {}

  /** The outcome of the job, done with the others asked for in this turn of the event loop. */
  run(job: Job): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.runWaiting());
      this.waiting.push({ job, resolve, reject });
    });
  }

  private runWaiting(): void {
    const cohort = this.waiting;
    this.waiting = [];
    // Every job starts before any answer goes out, and the answers go out together once all are done.
    void Promise.allSettled(cohort.map(({ job }) => this.attempt(job))).then((settled) => {
      settled.forEach((outcome, index) => {
        const waiter = cohort[index];
        if (!waiter) return;
        if (outcome.status === 'fulfilled') waiter.resolve(outcome.value);
        else waiter.reject(outcome.reason);
      });
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
