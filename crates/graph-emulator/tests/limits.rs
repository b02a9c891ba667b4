//! Bounded growth: every limit reached is an OData 400 naming the flag, never a 500.

mod common;

use axum::http::StatusCode;
use common::{CONFIGURATION, CONFIGURATIONS, GROUP, emulator, group_body, json_request, send};
use graph_emulator::EmulatorConfig;
use graph_emulator::config::Limits;
use graph_emulator::store::Dataset;

fn limited(limits: Limits) -> axum::Router {
    emulator(EmulatorConfig {
        limits,
        ..EmulatorConfig::default()
    })
}

/// How many assignments the sample's first configuration has.
fn sample_assignments() -> usize {
    Dataset::sample()
        .configuration(CONFIGURATION)
        .unwrap()
        .assignments
        .len()
}

async fn create(app: &axum::Router) -> (StatusCode, String) {
    let path = format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments");
    let answer = send(app, json_request("POST", &path, &group_body(GROUP))).await;
    (answer.status, answer.text)
}

#[tokio::test]
async fn one_configuration_holds_at_most_its_limit() {
    let app = limited(Limits {
        assignments_per_configuration: sample_assignments() + 1,
        ..Limits::default()
    });
    assert_eq!(create(&app).await.0, StatusCode::CREATED);
    let (status, text) = create(&app).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        text.contains("--max-assignments-per-configuration"),
        "{text}"
    );
    assert!(text.contains("innerError"), "{text}");
}

#[tokio::test]
async fn all_configurations_together_hold_at_most_the_total() {
    let total = Dataset::sample().assignment_count();
    let app = limited(Limits {
        assignments: total,
        ..Limits::default()
    });
    let (status, text) = create(&app).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("--max-assignments "), "{text}");
}

#[tokio::test]
async fn assign_replaces_within_the_limits() {
    let app = limited(Limits {
        assignments_per_configuration: 2,
        ..Limits::default()
    });
    let path = format!("{CONFIGURATIONS}/{CONFIGURATION}/assign");
    // Distinct groups: a policy holds one assignment for each.
    let target = |number: usize| {
        let group = format!("{}{number}", &GROUP[..GROUP.len() - 1]);
        serde_json::from_str::<serde_json::Value>(&group_body(&group)).unwrap()
    };
    let body = |count: usize| {
        let targets: Vec<serde_json::Value> = (0..count).map(target).collect();
        serde_json::json!({ "iOSLobAppProvisioningConfigAssignments": targets }).to_string()
    };
    let fits = send(&app, json_request("POST", &path, &body(2))).await;
    assert_eq!(fits.status, StatusCode::NO_CONTENT, "{}", fits.text);
    let too_many = send(&app, json_request("POST", &path, &body(3))).await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);
    assert!(
        too_many
            .text
            .contains("--max-assignments-per-configuration")
    );
}

#[test]
fn data_larger_than_the_limits_is_refused_at_start() {
    let sample = Dataset::sample();
    assert_eq!(sample.check_limits(&Limits::default()), Ok(()));
    let few = Limits {
        configurations: 1,
        ..Limits::default()
    };
    assert!(
        sample
            .check_limits(&few)
            .unwrap_err()
            .contains("--max-configurations 1")
    );
    let small = Limits {
        assignments_per_configuration: 1,
        ..Limits::default()
    };
    assert!(
        sample
            .check_limits(&small)
            .unwrap_err()
            .contains("--max-assignments-per-configuration 1")
    );
}
