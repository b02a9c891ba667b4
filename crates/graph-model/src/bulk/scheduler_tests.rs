//! The scheduler against a simulated Graph on a simulated clock: a throttle that counts
//! arrivals in a sliding window and answers 429 with `Retry-After`, random latency, random
//! inner 503/504, and envelopes that fail whole (sometimes after their writes landed).

use std::collections::{BTreeMap, VecDeque};

use proptest::prelude::*;

use super::*;

/// A small deterministic random source for the simulation.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The simulated service.
struct Graph {
    limit: usize,
    window: Millis,
    latency: (Millis, Millis),
    /// Percent of inner requests answered 503 or 504.
    inner_failures: u64,
    /// Percent of envelopes that fail whole.
    envelope_failures: u64,
    random: Random,
    arrivals: VecDeque<Millis>,
    writes: Vec<u32>,
    throttled: usize,
}

impl Graph {
    /// Answers an envelope sent at `sent`: when the answer arrives, and what it says.
    fn answer(&mut self, rows: &[usize], sent: Millis) -> (Millis, EnvelopeAnswer) {
        let (low, high) = self.latency;
        let arrival = sent + self.random.between(low, high) / 2;
        let back = arrival + self.random.between(low, high) / 2;
        let fails_whole = self.random.chance(self.envelope_failures);
        let lands_anyway = fails_whole && self.random.chance(50);
        if fails_whole && !lands_anyway {
            let status = [0, 502, 503, 504][self.random.between(0, 3) as usize];
            return (
                back,
                EnvelopeAnswer::Whole {
                    status,
                    retry_after_s: None,
                },
            );
        }
        let mut answers = Vec::new();
        for &row in rows {
            while self
                .arrivals
                .front()
                .is_some_and(|&at| at + self.window <= arrival)
            {
                self.arrivals.pop_front();
            }
            let answer = if self.arrivals.len() >= self.limit {
                self.throttled += 1;
                let free_at = self.arrivals[0] + self.window;
                let seconds = (free_at - arrival).div_ceil(1_000).max(1);
                (429, Some(seconds))
            } else if self.random.chance(self.inner_failures) {
                ([503, 504][self.random.between(0, 1) as usize], None)
            } else {
                self.arrivals.push_back(arrival);
                self.writes[row] += 1;
                (204, None)
            };
            answers.push(RowAnswer {
                row,
                status: answer.0,
                retry_after_s: answer.1,
            });
        }
        if lands_anyway {
            // The writes landed, but the answer was lost on the way back.
            return (
                back,
                EnvelopeAnswer::Whole {
                    status: 0,
                    retry_after_s: None,
                },
            );
        }
        (back, EnvelopeAnswer::Rows(answers))
    }
}

/// What a run showed.
struct Run {
    finished_at: Millis,
    scheduler: Scheduler,
    graph: Graph,
    requests: usize,
}

/// Drives `scheduler` against `graph` until it finishes, checking on the way that no
/// acknowledged row is sent again, that no more envelopes are in flight than allowed, and that
/// nothing is sent before a `Retry-After` has passed.
fn run(mut scheduler: Scheduler, mut graph: Graph, pace: Pace) -> Run {
    let rows = scheduler.rows().len();
    let mut now: Millis = 0;
    let mut answers: BTreeMap<(Millis, u64), EnvelopeAnswer> = BTreeMap::new();
    let mut acknowledged = vec![false; rows];
    let mut not_before = vec![0; rows];
    let mut quiet_until: Millis = 0;
    let mut requests = 0;
    for _ in 0..1_000_000 {
        let mut wake = None;
        loop {
            match scheduler.next(now) {
                Decision::Send { envelope, rows } => {
                    assert!(!rows.is_empty() && rows.len() <= pace.batch_size.min(MAX_BATCH));
                    assert!(answers.len() < pace.max_in_flight, "too many in flight");
                    assert!(now >= quiet_until, "sent at {now} before {quiet_until}");
                    for &row in &rows {
                        assert!(!acknowledged[row], "row {row} sent again after its 2xx");
                        assert!(now >= not_before[row], "row {row} sent before Retry-After");
                    }
                    requests += rows.len();
                    let (at, answer) = graph.answer(&rows, now);
                    answers.insert((at, envelope), answer);
                }
                Decision::WaitUntil(at) => {
                    assert!(at > now, "a wait must end later");
                    wake = Some(at);
                    break;
                }
                Decision::WaitForAnswers => break,
                Decision::Finished => {
                    assert!(answers.is_empty());
                    return Run {
                        finished_at: now,
                        scheduler,
                        graph,
                        requests,
                    };
                }
            }
        }
        let next_answer = answers.keys().next().map(|(at, _)| *at);
        now = match (wake, next_answer) {
            (Some(wake), Some(answer)) => wake.min(answer),
            (Some(time), None) | (None, Some(time)) => time,
            (None, None) => panic!("nothing to wait for at {now}"),
        };
        while let Some(entry) = answers.first_entry().filter(|entry| entry.key().0 <= now) {
            let ((_, envelope), answer) = entry.remove_entry();
            if let EnvelopeAnswer::Rows(rows) = &answer {
                for answer in rows {
                    if (200..300).contains(&answer.status) {
                        acknowledged[answer.row] = true;
                    }
                    if let Some(seconds) = answer.retry_after_s {
                        let free = now + seconds * 1_000;
                        not_before[answer.row] = free;
                        quiet_until = quiet_until.max(free);
                    }
                }
            }
            scheduler.answered(envelope, now, &answer);
        }
    }
    panic!("the run did not end");
}

fn graph(rows: usize, limit: usize, window: Millis, seed: u64) -> Graph {
    Graph {
        limit,
        window,
        latency: (20, 80),
        inner_failures: 0,
        envelope_failures: 0,
        random: Random(seed | 1),
        arrivals: VecDeque::new(),
        writes: vec![0; rows],
        throttled: 0,
    }
}

#[test]
fn a_thousand_writes_keep_to_the_throttle_within_a_tenth_of_the_optimum() {
    let pace = Pace::for_throttle(100, 2_000);
    let run = run(
        Scheduler::new(1_000, pace, 7),
        graph(1_000, 100, 2_000, 11),
        pace,
    );
    assert!(run.graph.writes.iter().all(|&writes| writes == 1));
    assert_eq!(run.graph.throttled, 0, "the pace never trips the throttle");
    assert_eq!(run.requests, 1_000);
    let optimum = 20_000;
    assert!(
        run.finished_at * 10 <= optimum * 11,
        "{} ms against an optimum of {optimum} ms",
        run.finished_at
    );
    assert_eq!(run.scheduler.progress().done, 1_000);
}

#[test]
fn a_throttled_row_waits_out_retry_after_and_only_it_is_sent_again() {
    let mut pace = Pace::for_throttle(100, 20_000);
    pace.batch_size = 3;
    let mut scheduler = Scheduler::new(3, pace, 1);
    let Decision::Send { envelope, rows } = scheduler.next(0) else {
        panic!("a first envelope")
    };
    assert_eq!(rows, [0, 1, 2]);
    let answer = EnvelopeAnswer::Rows(vec![
        RowAnswer {
            row: 0,
            status: 204,
            retry_after_s: None,
        },
        RowAnswer {
            row: 1,
            status: 429,
            retry_after_s: Some(7),
        },
        RowAnswer {
            row: 2,
            status: 400,
            retry_after_s: None,
        },
    ]);
    scheduler.answered(envelope, 100, &answer);
    assert_eq!(scheduler.next(100), Decision::WaitUntil(7_100));
    assert_eq!(scheduler.progress().throttled, 1);
    let Decision::Send { rows, .. } = scheduler.next(7_100) else {
        panic!("the throttled row again")
    };
    assert_eq!(rows, [1]);
    assert_eq!(scheduler.rows()[0], RowState::Done(204));
    assert_eq!(
        scheduler.rows()[2],
        RowState::Failed(400),
        "no retry of a 400"
    );
}

#[test]
fn pause_resume_cancel_and_rows_done_before() {
    let mut pace = Pace::for_throttle(100, 20_000);
    pace.batch_size = 2;
    pace.max_in_flight = 1;
    let mut scheduler = Scheduler::new(5, pace, 1);
    scheduler.already_done(0, 204);
    let Decision::Send { envelope, rows } = scheduler.next(0) else {
        panic!("an envelope")
    };
    assert_eq!(rows, [1, 2], "row 0 landed in an earlier run");
    scheduler.pause();
    assert_eq!(scheduler.next(1), Decision::WaitForAnswers);
    scheduler.answered(
        envelope,
        5,
        &EnvelopeAnswer::Whole {
            status: 503,
            retry_after_s: Some(2),
        },
    );
    assert_eq!(scheduler.next(10), Decision::WaitForAnswers, "paused");
    scheduler.resume();
    let Decision::Send { envelope, rows } = scheduler.next(2_005) else {
        panic!("the retried rows")
    };
    assert_eq!(rows, [1, 2]);
    scheduler.cancel();
    assert_eq!(scheduler.next(2_006), Decision::WaitForAnswers, "in flight");
    scheduler.answered(
        envelope,
        2_010,
        &EnvelopeAnswer::Whole {
            status: 0,
            retry_after_s: None,
        },
    );
    assert_eq!(scheduler.next(2_011), Decision::Finished);
    let progress = scheduler.progress();
    assert_eq!((progress.done, progress.not_sent), (1, 4));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_row_ends_once_and_nothing_breaks_the_rules(
        rows in 1usize..250,
        limit in 5usize..120,
        window in 200u64..5_000,
        batch in 1usize..=20,
        in_flight in 1usize..6,
        inner_failures in 0u64..25,
        envelope_failures in 0u64..20,
        seed in any::<u64>(),
    ) {
        let mut pace = Pace::for_throttle(limit, window);
        pace.batch_size = batch;
        pace.max_in_flight = in_flight;
        pace.backoff_ms = 100;
        pace.max_backoff_ms = 2_000;
        let mut service = graph(rows, limit, window, seed);
        service.inner_failures = inner_failures;
        service.envelope_failures = envelope_failures;
        let run = run(Scheduler::new(rows, pace, seed), service, pace);
        let progress = run.scheduler.progress();
        prop_assert_eq!(progress.done + progress.failed, rows);
        for (row, state) in run.scheduler.rows().iter().enumerate() {
            match state {
                RowState::Done(_) => prop_assert!(run.graph.writes[row] >= 1),
                RowState::Failed(_) => {}
                other => prop_assert!(false, "row {} ended as {:?}", row, other),
            }
        }
        if envelope_failures == 0 {
            // Without lost answers, no row is ever written twice.
            prop_assert!(run.graph.writes.iter().all(|&writes| writes <= 1));
        }
    }
}
