//! What happens when Send is pressed, as a pure state machine.
//!
//! 1. With "before and after" on, the assignment is read first ([`Step::ReadBefore`]).
//! 2. The PATCH goes out ([`Step::Attempt`]); every attempt is recorded in the history.
//! 3. A 429, 503 or 504 is retried automatically when the user asked for it, waiting for
//!    `Retry-After` or the backoff ([`Step::Wait`]), at most [`crate::shared::retry::MAX_RETRIES`] times and never past
//!    180 s; otherwise such an answer offers "Retry when ready".
//! 4. The send finishes with the last outcome. After a success with "before and after" on, the
//!    updated assignment is taken from the answer or read again ([`Step::ReadAfter`]) and the
//!    two targets are compared.
//!
//! Cancel ends the send at any step, and no attempt follows it. The machine never touches the
//! browser: the edge (`sender`) carries out each [`Step`] and reports what happened as an
//! [`Event`], with the time and a jitter value, so every path is tested natively.

use std::time::Duration;

use graph_model::{HttpRequest, IosLobAppProvisioningConfigurationAssignment};

use crate::page::state::{Action, Attempt, RetryPlan, SendSettings};
use crate::shared::comparison::{Comparison, ComparisonFailure, Moment, compare};
use crate::shared::draft::Draft;
use crate::shared::error::AppError;
use crate::shared::history::HistoryEntry;
use crate::shared::response::Outcome;
use crate::shared::retry::{RetryAfter, backoff, is_retryable_status, next_retry};

/// An assignment as read for the comparison, or why it could not be read.
pub type AssignmentRead = Result<IosLobAppProvisioningConfigurationAssignment, AppError>;

/// Everything one send needs, fixed when Send is pressed.
#[derive(Debug, Clone, PartialEq)]
pub struct SendJob {
    /// The PATCH, with the token.
    pub request: HttpRequest,
    /// The GET of the same assignment, for before and after.
    pub read_request: HttpRequest,
    /// The draft as it was when Send was pressed (for the history).
    pub draft: Draft,
    /// Automatic retry and comparison.
    pub settings: SendSettings,
}

/// What the edge must do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// GET the assignment, then report [`Event::BeforeRead`].
    ReadBefore,
    /// Send the PATCH, then report [`Event::AttemptEnded`].
    Attempt {
        /// 1 for the first attempt.
        number: u32,
    },
    /// Wait, then report [`Event::WaitOver`].
    Wait {
        /// How long.
        delay: Duration,
    },
    /// GET the assignment again, then report [`Event::AfterRead`].
    ReadAfter,
    /// Nothing more: the send is over.
    Done,
}

/// What happened at the edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The read before the write ended.
    BeforeRead(AssignmentRead),
    /// An attempt ended.
    AttemptEnded {
        /// How it ended.
        outcome: Outcome,
        /// When it started, ISO 8601 (for the history).
        started: String,
        /// The answer's `Retry-After`, as read by the edge.
        retry_after: Option<RetryAfter>,
        /// A random value in 0..1 for the backoff's jitter.
        jitter: f64,
    },
    /// A wait is over.
    WaitOver,
    /// The read after the write ended.
    AfterRead(AssignmentRead),
    /// The user pressed Cancel.
    Cancelled,
}

/// The next step and what to tell the page about the last one.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    /// What the edge does next.
    pub step: Step,
    /// Actions for the page's state, in order.
    pub reports: Vec<Action>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    ReadingBefore,
    Attempting,
    Waiting,
    ReadingAfter,
    Done,
}

/// One send, from Send to the end.
#[derive(Debug, Clone, PartialEq)]
pub struct SendMachine {
    job: SendJob,
    stage: Stage,
    attempts: u32,
    first_attempt_ms: f64,
    before: Option<AssignmentRead>,
}

impl SendMachine {
    /// A send of `job`; [`SendMachine::start`] gives its first step.
    pub fn new(job: SendJob) -> Self {
        SendMachine {
            job,
            stage: Stage::Done,
            attempts: 0,
            first_attempt_ms: 0.0,
            before: None,
        }
    }

    /// What is being sent.
    pub fn job(&self) -> &SendJob {
        &self.job
    }

    /// The first step, at `now_ms` (milliseconds since the epoch).
    pub fn start(&mut self, now_ms: f64) -> Transition {
        let reports = vec![Action::SendStarted];
        if self.job.settings.compare {
            self.stage = Stage::ReadingBefore;
            Transition {
                step: Step::ReadBefore,
                reports,
            }
        } else {
            self.attempt(now_ms, reports)
        }
    }

    /// The step after `event`, which happened at `now_ms`. An event that does not answer the
    /// last step (or comes after the end) changes nothing and ends the send.
    pub fn on(&mut self, event: Event, now_ms: f64) -> Transition {
        match (self.stage, event) {
            (Stage::Done, _) => done(Vec::new()),
            (_, Event::Cancelled) => self.cancel(),
            (Stage::ReadingBefore, Event::BeforeRead(read)) => {
                self.before = Some(read);
                self.attempt(now_ms, Vec::new())
            }
            (
                Stage::Attempting,
                Event::AttemptEnded {
                    outcome,
                    started,
                    retry_after,
                    jitter,
                },
            ) => self.attempt_ended(outcome, started, retry_after, jitter, now_ms),
            (Stage::Waiting, Event::WaitOver) => {
                self.attempt(now_ms, vec![Action::RetryWaiting(None)])
            }
            (Stage::ReadingAfter, Event::AfterRead(after)) => {
                self.stage = Stage::Done;
                let before = self.before.take().unwrap_or(Err(AppError::Cancelled));
                done(vec![Action::ComparisonReady(comparison(before, after))])
            }
            (_, _) => self.cancel(),
        }
    }

    fn attempt(&mut self, now_ms: f64, reports: Vec<Action>) -> Transition {
        if self.attempts == 0 {
            self.first_attempt_ms = now_ms;
        }
        self.attempts += 1;
        self.stage = Stage::Attempting;
        Transition {
            step: Step::Attempt {
                number: self.attempts,
            },
            reports,
        }
    }

    fn attempt_ended(
        &mut self,
        outcome: Outcome,
        started: String,
        retry_after: Option<RetryAfter>,
        jitter: f64,
        now_ms: f64,
    ) -> Transition {
        let request = &self.job.request;
        let id = format!(
            "{}#{}",
            request.header("client-request-id").unwrap_or("request"),
            self.attempts
        );
        let mut reports = vec![
            Action::HistoryRecorded(Box::new(HistoryEntry::new(
                id,
                started,
                request,
                &outcome,
                &self.job.draft,
            ))),
            Action::AttemptFinished(Attempt {
                number: self.attempts,
                outcome: outcome.clone(),
            }),
        ];
        let Outcome::Response(view) = &outcome else {
            return self.finish(outcome, reports);
        };
        let retries_done = self.attempts - 1;
        let elapsed = Duration::from_millis((now_ms - self.first_attempt_ms).max(0.0) as u64);
        let automatic = self
            .job
            .settings
            .auto_retry
            .then(|| {
                next_retry(
                    request.method,
                    view.status,
                    retries_done,
                    elapsed,
                    retry_after,
                    jitter,
                )
            })
            .flatten();
        let plan = |delay: Duration, retry: u32| RetryPlan {
            ready_at_ms: now_ms + delay.as_millis() as f64,
            seconds: delay.as_secs(),
            from_retry_after: retry_after.is_some(),
            retry,
        };
        if let Some(delay) = automatic {
            self.stage = Stage::Waiting;
            reports.push(Action::RetryWaiting(Some(plan(delay, retries_done + 1))));
            return Transition {
                step: Step::Wait { delay },
                reports,
            };
        }
        if is_retryable_status(view.status) {
            let delay = backoff(retries_done + 1, retry_after, jitter);
            reports.push(Action::RetryReady(Some(plan(delay, retries_done + 1))));
        }
        self.finish(outcome, reports)
    }

    /// Reports the outcome, then compares when asked (a read came first) and the write
    /// succeeded: with the assignment in the answer, or after reading it again.
    fn finish(&mut self, outcome: Outcome, mut reports: Vec<Action>) -> Transition {
        let compare = self.before.is_some()
            && matches!(&outcome, Outcome::Response(view) if view.is_success());
        let answered = match &outcome {
            Outcome::Response(view) if compare => serde_json::from_str(&view.body).ok(),
            _ => None,
        };
        reports.push(Action::SendFinished(outcome));
        let before = self.before.take();
        self.stage = Stage::Done;
        match (before, answered) {
            (Some(before), Some(after)) => {
                reports.push(Action::ComparisonReady(comparison(before, Ok(after))));
                done(reports)
            }
            (Some(before), None) if compare => {
                self.before = Some(before);
                self.stage = Stage::ReadingAfter;
                Transition {
                    step: Step::ReadAfter,
                    reports,
                }
            }
            _ => done(reports),
        }
    }

    fn cancel(&mut self) -> Transition {
        let reports = match self.stage {
            Stage::Waiting => vec![
                Action::RetryWaiting(None),
                Action::SendFinished(Outcome::NoResponse(AppError::Cancelled)),
            ],
            Stage::ReadingAfter => vec![Action::ComparisonReady(Err(ComparisonFailure {
                moment: Moment::After,
                error: AppError::Cancelled,
            }))],
            Stage::Done => Vec::new(),
            Stage::ReadingBefore | Stage::Attempting => {
                vec![Action::SendFinished(Outcome::NoResponse(
                    AppError::Cancelled,
                ))]
            }
        };
        self.stage = Stage::Done;
        self.before = None;
        done(reports)
    }
}

fn done(reports: Vec<Action>) -> Transition {
    Transition {
        step: Step::Done,
        reports,
    }
}

fn comparison(before: AssignmentRead, after: AssignmentRead) -> Comparison {
    let failure = |moment, error| ComparisonFailure { moment, error };
    let before = before.map_err(|error| failure(Moment::Before, error))?;
    let after = after.map_err(|error| failure(Moment::After, error))?;
    Ok(compare(&before.target, &after.target))
}

#[cfg(test)]
#[path = "send_machine_tests.rs"]
mod tests;
