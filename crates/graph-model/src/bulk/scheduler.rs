//! The pace of a bulk write: which rows go in the next `$batch` envelope and when, so that the
//! run keeps as close to Intune's write throttle as it can without tripping it, honours every
//! `Retry-After`, retries only what is worth retrying, and never sends a row again once Graph
//! acknowledged it.
//!
//! The scheduler holds no clock and does no I/O: the caller asks [`Scheduler::next`] at a time
//! it gives, sends what it is told, and reports each envelope's answer with
//! [`Scheduler::answered`]. The same code runs in the browser and, in tests, against a
//! simulated Graph on a simulated clock.

use std::collections::VecDeque;

/// Milliseconds on the caller's clock.
pub type Millis = u64;

/// The most requests one `$batch` envelope may hold.
pub const MAX_BATCH: usize = 20;

/// How a run is paced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// Requests per envelope (1 to [`MAX_BATCH`]).
    pub batch_size: usize,
    /// Envelopes in flight at once (at least 1).
    pub max_in_flight: usize,
    /// Writes allowed per window (Intune: 100 per 20 s per app and tenant).
    pub writes_per_window: usize,
    /// The window, in milliseconds.
    pub window_ms: Millis,
    /// Kept between the window's oldest write and a new one beyond the window, to absorb the
    /// difference in latency between them (the service counts arrivals, not sends).
    pub margin_ms: Millis,
    /// Attempts of a row answered 503 or 504 (or lost with its envelope) before it fails.
    pub max_attempts: u32,
    /// Attempts of a row answered 429 before it fails, so that a run always ends.
    pub max_throttled: u32,
    /// The first backoff without `Retry-After`; it doubles with each attempt.
    pub backoff_ms: Millis,
    /// The longest backoff.
    pub max_backoff_ms: Millis,
}

impl Pace {
    /// Intune's documented write limit: 100 writes per 20 s per app and tenant.
    pub fn intune() -> Pace {
        Pace::for_throttle(100, 20_000)
    }

    /// A pace for a throttle of `writes` per `window_ms`.
    pub fn for_throttle(writes: usize, window_ms: Millis) -> Pace {
        Pace {
            batch_size: MAX_BATCH,
            max_in_flight: 4,
            writes_per_window: writes.max(1),
            window_ms,
            margin_ms: 150,
            max_attempts: 5,
            max_throttled: 30,
            backoff_ms: 1_000,
            max_backoff_ms: 60_000,
        }
    }
}

/// Where one row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    /// Not sent yet, or to be sent again from `not_before`.
    Waiting {
        /// The earliest time it may go.
        not_before: Millis,
        /// True when the wait comes from a `Retry-After`.
        throttled: bool,
    },
    /// In the envelope with this id.
    InFlight(u64),
    /// Graph acknowledged the write with this status.
    Done(u16),
    /// It failed for good, with this status (0: no answer).
    Failed(u16),
    /// The run was cancelled before it was sent.
    NotSent,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send these rows (their indices) in one envelope with this id.
    Send {
        /// The envelope's id, to report its answer with.
        envelope: u64,
        /// The rows it holds.
        rows: Vec<usize>,
    },
    /// Nothing may go before this time (ask again then, or when an answer comes).
    WaitUntil(Millis),
    /// Nothing may go until an envelope in flight is answered.
    WaitForAnswers,
    /// Every row is done, failed or not sent, and nothing is in flight.
    Finished,
}

/// How one row of an envelope was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowAnswer {
    /// The row.
    pub row: usize,
    /// The inner response's status.
    pub status: u16,
    /// Its `Retry-After`, in seconds, when it had one.
    pub retry_after_s: Option<u64>,
}

/// How an envelope was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvelopeAnswer {
    /// The envelope came back (200) with an inner response per row; a row without one is
    /// treated as lost.
    Rows(Vec<RowAnswer>),
    /// The envelope as a whole failed with this status (0: no answer at all), with its
    /// `Retry-After`: each of its rows is treated as answered so.
    Whole {
        /// The envelope's status, or 0.
        status: u16,
        /// Its `Retry-After`, in seconds.
        retry_after_s: Option<u64>,
    },
}

/// Counts for the progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Acknowledged.
    pub done: usize,
    /// Failed for good.
    pub failed: usize,
    /// In an envelope in flight.
    pub in_flight: usize,
    /// Waiting out a `Retry-After`.
    pub throttled: usize,
    /// Not sent yet (or waiting to be retried after a backoff).
    pub waiting: usize,
    /// Not sent because the run was cancelled.
    pub not_sent: usize,
}

/// The scheduler of one run.
#[derive(Debug, Clone)]
pub struct Scheduler {
    pace: Pace,
    rows: Vec<RowState>,
    attempts: Vec<u32>,
    throttled: Vec<u32>,
    in_flight: Vec<(u64, Vec<usize>)>,
    /// When each recent write was sent, oldest first.
    sent: VecDeque<Millis>,
    /// No new envelope before this (the last `Retry-After` seen: the throttle is shared).
    quiet_until: Millis,
    next_envelope: u64,
    paused: bool,
    cancelled: bool,
    random: u64,
}

impl Scheduler {
    /// A run of `rows` rows at `pace`; `seed` drives the backoff's jitter.
    pub fn new(rows: usize, pace: Pace, seed: u64) -> Scheduler {
        let pace = Pace {
            batch_size: pace.batch_size.clamp(1, MAX_BATCH),
            max_in_flight: pace.max_in_flight.max(1),
            writes_per_window: pace.writes_per_window.max(1),
            max_attempts: pace.max_attempts.max(1),
            max_throttled: pace.max_throttled.max(1),
            ..pace
        };
        Scheduler {
            pace,
            rows: vec![
                RowState::Waiting {
                    not_before: 0,
                    throttled: false
                };
                rows
            ],
            attempts: vec![0; rows],
            throttled: vec![0; rows],
            in_flight: Vec::new(),
            sent: VecDeque::new(),
            quiet_until: 0,
            next_envelope: 1,
            paused: false,
            cancelled: false,
            random: seed | 1,
        }
    }

    /// Marks rows that an earlier run already landed (from the journal): they are never sent.
    pub fn already_done(&mut self, row: usize, status: u16) {
        if let Some(state) = self.rows.get_mut(row)
            && matches!(state, RowState::Waiting { .. })
        {
            *state = RowState::Done(status);
        }
    }

    /// Each row's state.
    pub fn rows(&self) -> &[RowState] {
        &self.rows
    }

    /// The counts of the rows' states.
    pub fn progress(&self) -> Progress {
        let mut progress = Progress::default();
        for state in &self.rows {
            match state {
                RowState::Done(_) => progress.done += 1,
                RowState::Failed(_) => progress.failed += 1,
                RowState::InFlight(_) => progress.in_flight += 1,
                RowState::Waiting {
                    throttled: true, ..
                } => progress.throttled += 1,
                RowState::Waiting { .. } => progress.waiting += 1,
                RowState::NotSent => progress.not_sent += 1,
            }
        }
        progress
    }

    /// The estimated milliseconds left at the pace's rate, for the rows not yet answered.
    pub fn time_left_ms(&self) -> Millis {
        let progress = self.progress();
        let left = (progress.waiting + progress.throttled + progress.in_flight) as u64;
        left * self.pace.window_ms / self.pace.writes_per_window as u64
    }

    /// True once every row is done, failed or not sent, and nothing is in flight.
    pub fn is_finished(&self) -> bool {
        self.in_flight.is_empty()
            && !self
                .rows
                .iter()
                .any(|state| matches!(state, RowState::Waiting { .. }))
    }

    /// Stops sending new envelopes until [`Scheduler::resume`].
    pub fn pause(&mut self) {
        self.paused = true;
    }

    /// Sends again after [`Scheduler::pause`].
    pub fn resume(&mut self) {
        self.paused = false;
    }

    /// True while paused.
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Sends nothing new: what is in flight is still answered and recorded, the rest ends as
    /// [`RowState::NotSent`].
    pub fn cancel(&mut self) {
        self.cancelled = true;
        for state in &mut self.rows {
            if matches!(state, RowState::Waiting { .. }) {
                *state = RowState::NotSent;
            }
        }
    }

    /// What to do at `now`. Call it again after each [`Decision::Send`], after a wait, and after
    /// each answer.
    pub fn next(&mut self, now: Millis) -> Decision {
        let any_waiting = self
            .rows
            .iter()
            .any(|state| matches!(state, RowState::Waiting { .. }));
        if !any_waiting || self.paused {
            return if self.in_flight.is_empty() && !any_waiting {
                Decision::Finished
            } else {
                Decision::WaitForAnswers
            };
        }
        if self.in_flight.len() >= self.pace.max_in_flight {
            return Decision::WaitForAnswers;
        }
        if now < self.quiet_until {
            return Decision::WaitUntil(self.quiet_until);
        }
        let span = self.pace.window_ms + self.pace.margin_ms;
        while self.sent.front().is_some_and(|&sent| sent + span <= now) {
            self.sent.pop_front();
        }
        let allowance = self.pace.writes_per_window.saturating_sub(self.sent.len());
        if allowance == 0 {
            let oldest = self.sent.front().copied().unwrap_or(now);
            return Decision::WaitUntil(oldest + span);
        }
        let ready: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, state)| {
                matches!(state, RowState::Waiting { not_before, .. } if *not_before <= now)
            })
            .map(|(row, _)| row)
            .take(self.pace.batch_size.min(allowance))
            .collect();
        if ready.is_empty() {
            let soonest = self
                .rows
                .iter()
                .filter_map(|state| match state {
                    RowState::Waiting { not_before, .. } => Some(*not_before),
                    _ => None,
                })
                .min()
                .unwrap_or(now);
            return Decision::WaitUntil(soonest);
        }
        let envelope = self.next_envelope;
        self.next_envelope += 1;
        for &row in &ready {
            self.rows[row] = RowState::InFlight(envelope);
            self.sent.push_back(now);
        }
        self.in_flight.push((envelope, ready.clone()));
        Decision::Send {
            envelope,
            rows: ready,
        }
    }

    /// Records how `envelope` was answered at `now`. An unknown or already answered envelope is
    /// ignored.
    pub fn answered(&mut self, envelope: u64, now: Millis, answer: &EnvelopeAnswer) {
        let Some(position) = self.in_flight.iter().position(|(id, _)| *id == envelope) else {
            return;
        };
        let (_, rows) = self.in_flight.remove(position);
        for row in rows {
            let (status, retry_after_s) = match answer {
                EnvelopeAnswer::Whole {
                    status,
                    retry_after_s,
                } => (*status, *retry_after_s),
                EnvelopeAnswer::Rows(answers) => answers
                    .iter()
                    .find(|answer| answer.row == row)
                    .map_or((0, None), |answer| (answer.status, answer.retry_after_s)),
            };
            self.settle(row, now, status, retry_after_s);
        }
    }

    /// Decides a row's fate from its status.
    fn settle(&mut self, row: usize, now: Millis, status: u16, retry_after_s: Option<u64>) {
        let waiting = |not_before: Millis, throttled: bool| RowState::Waiting {
            not_before,
            throttled,
        };
        let next = match status {
            200..=299 => RowState::Done(status),
            429 => {
                self.throttled[row] += 1;
                if self.throttled[row] > self.pace.max_throttled {
                    RowState::Failed(status)
                } else {
                    let wait = match retry_after_s {
                        Some(seconds) => seconds * 1_000,
                        None => self.backoff(self.throttled[row]),
                    };
                    self.quiet_until = self.quiet_until.max(now + wait);
                    waiting(now + wait, true)
                }
            }
            0 | 503 | 504 => {
                self.attempts[row] += 1;
                if self.attempts[row] >= self.pace.max_attempts {
                    RowState::Failed(status)
                } else {
                    let wait = match retry_after_s {
                        Some(seconds) => seconds * 1_000,
                        None => self.backoff(self.attempts[row]),
                    };
                    waiting(now + wait, false)
                }
            }
            _ => RowState::Failed(status),
        };
        self.rows[row] = if self.cancelled && matches!(next, RowState::Waiting { .. }) {
            RowState::NotSent
        } else {
            next
        };
    }

    /// The backoff before attempt `attempt + 1`: doubling from the pace's first backoff, capped,
    /// with up to a quarter of it added at random so that retries do not come all at once.
    fn backoff(&mut self, attempt: u32) -> Millis {
        let base = self
            .pace
            .backoff_ms
            .saturating_mul(1 << attempt.saturating_sub(1).min(16))
            .min(self.pace.max_backoff_ms);
        // xorshift64: a small, deterministic source of jitter.
        self.random ^= self.random << 13;
        self.random ^= self.random >> 7;
        self.random ^= self.random << 17;
        base + self.random % (base / 4 + 1)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "scheduler_tests.rs"]
mod tests;
