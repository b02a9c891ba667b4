//! Every path of a send, step by step, with the time and jitter given.

use std::time::Duration;

use graph_model::{HttpRequest, IosLobAppProvisioningConfigurationAssignment};

use super::*;
use crate::shared::response::ResponseView;
use crate::shared::retry::MAX_RETRIES;

const ASSIGNMENT: &str = r##"{"id": "a_0_0", "target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}}"##;
const GROUP_ASSIGNMENT: &str = r##"{"id": "a_0_0", "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"}}"##;

fn request(method: &'static str) -> HttpRequest {
    HttpRequest {
        method,
        url: "http://127.0.0.1:8787/beta/x/assignments/a_0_0".into(),
        headers: vec![
            ("Authorization".into(), "Bearer secret".into()),
            ("client-request-id".into(), "c-1".into()),
        ],
        body: Some("{}".into()),
    }
}

fn machine(auto_retry: bool, compare: bool) -> SendMachine {
    SendMachine::new(SendJob {
        request: request("PATCH"),
        read_request: request("GET"),
        draft: Draft::default(),
        settings: SendSettings {
            auto_retry,
            compare,
            return_representation: false,
        },
    })
}

fn answer(status: u16, retry_after: Option<RetryAfter>, body: &str) -> Event {
    Event::AttemptEnded {
        outcome: Outcome::Response(ResponseView::new(status, vec![], body, 5.0)),
        started: "2026-11-28T12:00:00.000Z".into(),
        retry_after,
        jitter: 0.5,
    }
}

fn failed(error: AppError) -> Event {
    Event::AttemptEnded {
        outcome: Outcome::NoResponse(error),
        started: String::new(),
        retry_after: None,
        jitter: 0.0,
    }
}

fn assignment(json: &str) -> IosLobAppProvisioningConfigurationAssignment {
    serde_json::from_str(json).unwrap()
}

fn finished_with(transition: &Transition) -> Option<&Outcome> {
    transition.reports.iter().find_map(|action| match action {
        Action::SendFinished(outcome) => Some(outcome),
        _ => None,
    })
}

fn comparison_of(transition: &Transition) -> Option<&Comparison> {
    transition.reports.iter().find_map(|action| match action {
        Action::ComparisonReady(comparison) => Some(comparison),
        _ => None,
    })
}

fn retry_ready(transition: &Transition) -> Option<RetryPlan> {
    transition.reports.iter().find_map(|action| match action {
        Action::RetryReady(plan) => *plan,
        _ => None,
    })
}

#[test]
fn a_plain_send_is_one_attempt_recorded_then_finished() {
    let mut send = machine(false, false);
    let start = send.start(1_000.0);
    assert_eq!(start.step, Step::Attempt { number: 1 });
    assert_eq!(start.reports, [Action::SendStarted]);
    let end = send.on(answer(204, None, ""), 1_050.0);
    assert_eq!(end.step, Step::Done);
    let Action::HistoryRecorded(entry) = &end.reports[0] else {
        panic!("recorded first: {:?}", end.reports);
    };
    assert_eq!(entry.id, "c-1#1");
    assert_eq!(entry.status, Some(204));
    assert!(
        !format!("{entry:?}").contains("secret"),
        "no token in the history"
    );
    let Action::AttemptFinished(attempt) = &end.reports[1] else {
        panic!("the attempt second: {:?}", end.reports);
    };
    assert_eq!(attempt.number, 1);
    assert!(matches!(&attempt.outcome, Outcome::Response(view) if view.status == 204));
    assert!(matches!(finished_with(&end), Some(Outcome::Response(view)) if view.status == 204));
    assert_eq!(send.on(Event::WaitOver, 2_000.0), done(Vec::new()));
}

#[test]
fn before_and_after_reads_around_a_204() {
    let mut send = machine(false, true);
    assert_eq!(send.start(0.0).step, Step::ReadBefore);
    let write = send.on(Event::BeforeRead(Ok(assignment(ASSIGNMENT))), 10.0);
    assert_eq!(
        write,
        Transition {
            step: Step::Attempt { number: 1 },
            reports: vec![]
        }
    );
    let after = send.on(answer(204, None, ""), 20.0);
    assert_eq!(
        after.step,
        Step::ReadAfter,
        "204 has no body to compare with"
    );
    assert!(
        finished_with(&after).is_some(),
        "the outcome shows before the read after"
    );
    let end = send.on(Event::AfterRead(Ok(assignment(GROUP_ASSIGNMENT))), 30.0);
    assert_eq!(end.step, Step::Done);
    let rows = comparison_of(&end).unwrap().as_ref().unwrap();
    assert!(
        rows.iter()
            .any(|row| row.label == "Target type" && row.changed())
    );
}

#[test]
fn a_200_with_the_entity_is_compared_without_another_read() {
    let mut send = machine(false, true);
    send.start(0.0);
    send.on(Event::BeforeRead(Ok(assignment(ASSIGNMENT))), 1.0);
    let end = send.on(answer(200, None, GROUP_ASSIGNMENT), 2.0);
    assert_eq!(end.step, Step::Done);
    assert!(comparison_of(&end).unwrap().is_ok());
}

#[test]
fn a_failed_read_before_still_writes_and_says_which_read_failed() {
    let mut send = machine(false, true);
    send.start(0.0);
    let not_found = AppError::Http(crate::shared::error::HttpFailure {
        status: 404,
        code: Some("ResourceNotFound".into()),
        message: None,
        request_id: Some("r-9".into()),
        client_request_id: None,
    });
    let write = send.on(Event::BeforeRead(Err(not_found.clone())), 1.0);
    assert_eq!(write.step, Step::Attempt { number: 1 });
    let end = send.on(answer(200, None, GROUP_ASSIGNMENT), 2.0);
    assert_eq!(
        comparison_of(&end),
        Some(&Err(ComparisonFailure {
            moment: Moment::Before,
            error: not_found
        }))
    );
}

#[test]
fn a_failed_write_is_not_compared() {
    let mut send = machine(false, true);
    send.start(0.0);
    send.on(Event::BeforeRead(Ok(assignment(ASSIGNMENT))), 1.0);
    let end = send.on(answer(400, None, "{}"), 2.0);
    assert_eq!(end.step, Step::Done);
    assert_eq!(comparison_of(&end), None);
}

/// Drives a send through `events`, cancels, and checks that nothing follows the cancel.
fn cancel_after(events: Vec<Event>, compare: bool) -> Vec<Transition> {
    let mut send = machine(true, compare);
    let mut transitions = vec![send.start(0.0)];
    for (index, event) in events.into_iter().enumerate() {
        transitions.push(send.on(event, 1_000.0 * (index as f64 + 1.0)));
    }
    let cancelled = send.on(Event::Cancelled, 99_000.0);
    transitions.push(cancelled);
    for late in [
        Event::BeforeRead(Ok(assignment(ASSIGNMENT))),
        answer(429, Some(RetryAfter::Seconds(1)), ""),
        Event::WaitOver,
        Event::AfterRead(Ok(assignment(ASSIGNMENT))),
    ] {
        let after = send.on(late, 100_000.0);
        assert_eq!(after, done(Vec::new()), "nothing follows a cancel");
    }
    transitions
}

#[test]
fn cancel_during_the_read_before_sends_no_write() {
    let transitions = cancel_after(vec![], true);
    assert_eq!(transitions[0].step, Step::ReadBefore);
    let cancelled = transitions.last().unwrap();
    assert_eq!(cancelled.step, Step::Done);
    assert_eq!(
        finished_with(cancelled),
        Some(&Outcome::NoResponse(AppError::Cancelled))
    );
    assert!(
        transitions
            .iter()
            .all(|t| !matches!(t.step, Step::Attempt { .. })),
        "no PATCH at all"
    );
}

#[test]
fn cancel_during_an_attempt_or_a_wait_ends_the_send() {
    let during_attempt = cancel_after(vec![], false);
    assert_eq!(
        finished_with(during_attempt.last().unwrap()),
        Some(&Outcome::NoResponse(AppError::Cancelled))
    );
    let during_wait = cancel_after(vec![answer(429, Some(RetryAfter::Seconds(5)), "")], false);
    assert_eq!(
        during_wait[1].step,
        Step::Wait {
            delay: Duration::from_secs(5)
        }
    );
    let cancelled = during_wait.last().unwrap();
    assert_eq!(cancelled.step, Step::Done);
    assert_eq!(cancelled.reports[0], Action::RetryWaiting(None));
    assert_eq!(
        finished_with(cancelled),
        Some(&Outcome::NoResponse(AppError::Cancelled))
    );
}

#[test]
fn cancel_during_the_read_after_keeps_the_outcome_and_drops_the_comparison() {
    let transitions = cancel_after(
        vec![
            Event::BeforeRead(Ok(assignment(ASSIGNMENT))),
            answer(204, None, ""),
        ],
        true,
    );
    assert_eq!(transitions[2].step, Step::ReadAfter);
    let cancelled = transitions.last().unwrap();
    assert_eq!(finished_with(cancelled), None, "the write's outcome stands");
    assert_eq!(
        comparison_of(cancelled),
        Some(&Err(ComparisonFailure {
            moment: Moment::After,
            error: AppError::Cancelled
        }))
    );
}

#[test]
fn an_attempt_aborted_by_cancel_is_recorded_and_not_retried() {
    let mut send = machine(true, false);
    send.start(0.0);
    let end = send.on(failed(AppError::Cancelled), 10.0);
    assert_eq!(end.step, Step::Done);
    assert!(matches!(end.reports[0], Action::HistoryRecorded(_)));
    assert_eq!(
        finished_with(&end),
        Some(&Outcome::NoResponse(AppError::Cancelled))
    );
}

#[test]
fn a_timeout_or_a_network_failure_is_never_retried() {
    for error in [
        AppError::TimedOut { seconds: 30 },
        AppError::Network {
            url: "http://127.0.0.1:9".into(),
            detail: "TypeError".into(),
        },
    ] {
        let mut send = machine(true, false);
        send.start(0.0);
        let end = send.on(failed(error.clone()), 30_000.0);
        assert_eq!(end.step, Step::Done);
        assert_eq!(finished_with(&end), Some(&Outcome::NoResponse(error)));
        assert_eq!(retry_ready(&end), None);
    }
}

#[test]
fn retry_after_in_seconds_is_waited_for_then_the_write_goes_again() {
    let mut send = machine(true, false);
    send.start(10_000.0);
    let wait = send.on(answer(429, Some(RetryAfter::Seconds(2)), "{}"), 10_100.0);
    assert_eq!(
        wait.step,
        Step::Wait {
            delay: Duration::from_secs(2)
        }
    );
    assert_eq!(finished_with(&wait), None, "still sending while it waits");
    assert!(wait.reports.contains(&Action::RetryWaiting(Some(RetryPlan {
        ready_at_ms: 12_100.0,
        seconds: 2,
        from_retry_after: true,
        retry: 1,
    }))));
    let again = send.on(Event::WaitOver, 12_100.0);
    assert_eq!(again.step, Step::Attempt { number: 2 });
    assert_eq!(again.reports, [Action::RetryWaiting(None)]);
    let end = send.on(answer(204, None, ""), 12_200.0);
    let Action::HistoryRecorded(entry) = &end.reports[0] else {
        panic!("{:?}", end.reports);
    };
    assert_eq!(entry.id, "c-1#2");
}

#[test]
fn without_retry_after_the_backoff_uses_the_jitter() {
    let mut send = machine(true, false);
    send.start(0.0);
    let wait = send.on(answer(503, None, "{}"), 0.0);
    assert_eq!(
        wait.step,
        Step::Wait {
            delay: Duration::from_millis(3_750)
        }
    );
    assert!(matches!(
        wait.reports.last(),
        Some(Action::RetryWaiting(Some(RetryPlan {
            from_retry_after: false,
            ..
        })))
    ));
}

#[test]
fn retry_after_as_an_http_date_is_honoured() {
    let mut send = machine(true, false);
    send.start(0.0);
    let wait = send.on(answer(429, Some(RetryAfter::InMillis(4_000.0)), ""), 0.0);
    assert_eq!(
        wait.step,
        Step::Wait {
            delay: Duration::from_secs(4)
        }
    );
    let mut past = machine(true, false);
    past.start(0.0);
    let now = past.on(answer(429, Some(RetryAfter::InMillis(-9_000.0)), ""), 0.0);
    assert_eq!(
        now.step,
        Step::Wait {
            delay: Duration::ZERO
        },
        "a date already past"
    );
}

#[test]
fn a_huge_retry_after_is_not_waited_for_but_offered() {
    let mut send = machine(true, false);
    send.start(0.0);
    let end = send.on(answer(429, Some(RetryAfter::Seconds(u64::MAX)), ""), 1.0);
    assert_eq!(end.step, Step::Done);
    let offer = retry_ready(&end).unwrap();
    assert_eq!(offer.seconds, u64::MAX);
    assert!(offer.from_retry_after);
}

#[test]
fn a_429_after_the_180_second_budget_is_not_retried() {
    let mut send = machine(true, false);
    send.start(0.0);
    assert_eq!(
        send.on(answer(429, Some(RetryAfter::Seconds(1)), ""), 170_000.0)
            .step,
        Step::Wait {
            delay: Duration::from_secs(1)
        }
    );
    send.on(Event::WaitOver, 171_000.0);
    let end = send.on(answer(429, Some(RetryAfter::Seconds(10)), ""), 175_000.0);
    assert_eq!(end.step, Step::Done, "175 s + 10 s is past 180 s");
    assert_eq!(retry_ready(&end).unwrap().retry, 2);
}

#[test]
fn at_most_three_retries_then_the_last_answer_stands() {
    let mut send = machine(true, false);
    let mut step = send.start(0.0).step;
    let mut attempts = 0;
    while let Step::Attempt { number } = step {
        attempts = number;
        step = send
            .on(answer(503, Some(RetryAfter::Seconds(0)), ""), 0.0)
            .step;
        if step
            == (Step::Wait {
                delay: Duration::ZERO,
            })
        {
            step = send.on(Event::WaitOver, 0.0).step;
        }
    }
    assert_eq!(attempts, MAX_RETRIES + 1);
    assert_eq!(step, Step::Done);
}

#[test]
fn only_throttling_and_unavailability_are_retried_or_offered() {
    for (status, auto_retry, waits, offered) in [
        (500, true, false, false),
        (400, true, false, false),
        (429, false, false, true),
        (504, true, true, false),
    ] {
        let mut send = machine(auto_retry, false);
        send.start(0.0);
        let next = send.on(answer(status, None, ""), 0.0);
        assert_eq!(matches!(next.step, Step::Wait { .. }), waits, "{status}");
        assert_eq!(retry_ready(&next).is_some(), offered, "{status}");
    }
}

#[test]
fn an_event_that_answers_no_step_ends_the_send() {
    let mut send = machine(false, false);
    send.start(0.0);
    let end = send.on(Event::WaitOver, 1.0);
    assert_eq!(end.step, Step::Done);
    assert_eq!(
        finished_with(&end),
        Some(&Outcome::NoResponse(AppError::Cancelled))
    );
}
