import { describe, expect, it } from 'vitest';
import { Cohorts } from '../src/http/cohorts.js';
import { bundledRegistry } from './helpers.js';
import { buildApp } from '../src/http/app.js';
import { PolicyStore } from '../src/registry/policy-store.js';
import { distinctMonth } from '../bench/cases.js';
import { evaluate } from '../src/evaluate/evaluate.js';
import { serializeDecision } from '../src/evaluate/serialize-decision.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('cohorts of work', () => {
  it('starts every job asked for in one turn before any outcome is given, and gives them in order', async () => {
    const events: string[] = [];
    const cohorts = new Cohorts(async (job: number) => {
      events.push(`start ${job}`);
      await Promise.resolve();
      return job * 10;
    });
    const outcomes = [1, 2, 3].map((job) => cohorts.run(job).then((outcome) => void events.push(`outcome ${outcome}`)));
    expect(events).toEqual([]); // nothing runs within the turn that asks
    await Promise.all(outcomes);
    expect(events).toEqual(['start 1', 'start 2', 'start 3', 'outcome 10', 'outcome 20', 'outcome 30']);
  });

  it('puts a job asked for after a cohort has started into the next one', async () => {
    const cohortOf: number[] = [];
    let cohort = 0;
    const cohorts = new Cohorts(async (job: number) => {
      cohortOf[job] = cohort;
      return job;
    });
    const first = [cohorts.run(0), cohorts.run(1)];
    await nextTurn();
    cohort = 1;
    await Promise.all([...first, cohorts.run(2)]);
    expect(cohortOf).toEqual([0, 0, 1]);
  });

  it('puts a job asked for by a running job into the next cohort, not lost', async () => {
    const cohorts: Cohorts<number, number> = new Cohorts(async (job: number) => (job === 0 ? cohorts.run(1) : job * 10));
    expect(await cohorts.run(0)).toBe(10);
  });

  it('does a job at once when it is alone (one connection open), and groups again once it is not', async () => {
    let alone = true;
    const started: number[] = [];
    const cohorts = new Cohorts(async (job: number) => {
      started.push(job);
      return job;
    }, () => alone);
    const first = cohorts.run(1);
    expect(started).toEqual([1]); // started within the turn that asked
    alone = false;
    const second = cohorts.run(2);
    expect(started).toEqual([1]);
    await Promise.all([first, second]);
    expect(started).toEqual([1, 2]);
  });

  it('fails only the job that throws or rejects', async () => {
    const cohorts = new Cohorts((job: string) => {
      if (job === 'throws') throw new Error('thrown');
      return job === 'rejects' ? Promise.reject(new Error('rejected')) : Promise.resolve(job.toUpperCase());
    });
    const settled = await Promise.allSettled(['a', 'throws', 'b', 'rejects', 'c'].map((job) => cohorts.run(job)));
    expect(settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : (outcome.reason as Error).message))).toEqual(['A', 'thrown', 'B', 'rejected', 'C']);
  });

  it('answers many requests sent at once each with its own decision', async () => {
    const opened = await PolicyStore.open('policies');
    if (!opened.store) throw new Error('bundled policies do not load');
    const app = await buildApp({ store: opened.store, now: () => Date.parse('2026-11-15T00:00:00Z') });
    const registry = await bundledRegistry();
    try {
      const months = Array.from({ length: 40 }, (_, index) => distinctMonth(index));
      const answers = await Promise.all(months.map((month) => app.inject({ method: 'POST', url: '/v1/evaluate', payload: month })));
      for (const [index, answer] of answers.entries()) {
        expect(answer.statusCode).toBe(200);
        const alone = await evaluate(registry, months[index]!, { now: Date.parse('2026-11-15T00:00:00Z'), decisionId: answer.json<{ decisionId: string }>().decisionId });
        if (!alone.ok) throw new Error('expected a decision');
        expect(answer.body).toBe(serializeDecision(alone.decision));
      }
    } finally {
      await app.close();
    }
  });
});
