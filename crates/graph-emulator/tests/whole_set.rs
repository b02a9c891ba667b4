//! The whole assignment set as Intune serves it: one assignment per group, `$expand=assignments`,
//! per-item routes that are not served, and profiles that expire.

mod common;

use std::time::{Duration, SystemTime};

use axum::http::StatusCode;
use common::*;
use graph_emulator::EmulatorConfig;
use graph_emulator::config::UnservedRoutes;
use serde_json::json;

/// The group the sample configuration's first assignment includes.
const INCLUDED: &str = "1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";
/// The group its second assignment excludes.
const EXCLUDED: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";

fn assignments_path() -> String {
    format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments")
}

#[tokio::test]
async fn a_group_the_configuration_already_targets_is_refused_naming_it() {
    let app = emulator(EmulatorConfig::default());
    for group in [INCLUDED, EXCLUDED] {
        let answer = send(
            &app,
            json_request("POST", &assignments_path(), &group_body(group)),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        let message = answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            message.contains(group) && message.contains("already targeted"),
            "{message}"
        );
    }
    let all_devices =
        json!({"target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}});
    let answer = send(
        &app,
        json_request("POST", &assignments_path(), &all_devices.to_string()),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::BAD_REQUEST,
        "All devices is in the set already"
    );
    let listed = send(&app, request("GET", &assignments_path())).await.json();
    assert_eq!(
        listed["value"].as_array().unwrap().len(),
        3,
        "nothing was added"
    );

    let assign = format!("{CONFIGURATIONS}/{CONFIGURATION}/assign");
    let twice = json!({"iOSLobAppProvisioningConfigAssignments": [
        {"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": GROUP}},
        {"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": GROUP}},
    ]});
    let answer = send(&app, json_request("POST", &assign, &twice.to_string())).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.text.contains("appears twice"), "{}", answer.text);
    let listed = send(&app, request("GET", &assignments_path())).await.json();
    assert_eq!(
        listed["value"].as_array().unwrap().len(),
        3,
        "the set is unchanged"
    );
}

#[tokio::test]
async fn expand_gives_the_assignments_on_the_list_and_on_one() {
    let app = emulator(EmulatorConfig::default());
    let list = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}?$select=id,displayName&$expand=assignments&$top=1"),
        ),
    )
    .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    let body = list.json();
    let first = &body["value"][0];
    assert_eq!(first["assignments"].as_array().unwrap().len(), 3);
    assert!(first.get("description").is_none(), "$select still applies");
    let next = body["@odata.nextLink"].as_str().unwrap();
    assert!(next.contains("$expand=assignments"), "{next}");

    let one = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}?$expand=assignments"),
        ),
    )
    .await
    .json();
    assert_eq!(one["assignments"][0]["id"], ASSIGNMENT);
    let without = send(
        &app,
        request("GET", &format!("{CONFIGURATIONS}/{CONFIGURATION}")),
    )
    .await
    .json();
    assert!(without.get("assignments").is_none());

    let wrong = send(
        &app,
        request("GET", &format!("{CONFIGURATIONS}?$expand=groups")),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.text.contains("'groups'"), "{}", wrong.text);
}

#[tokio::test]
async fn unserved_routes_answer_as_intune_and_assign_still_works() {
    let app = emulator(EmulatorConfig {
        unserved_routes: Some(UnservedRoutes::AssignmentWrite),
        ..EmulatorConfig::default()
    });
    let item = assignment_path();
    for (method, path, body) in [
        ("PATCH", item.clone(), group_body(GROUP)),
        ("POST", assignments_path(), group_body(GROUP)),
        ("DELETE", item.clone(), String::new()),
    ] {
        let answer = send(&app, json_request(method, &path, &body)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{method}");
        assert_eq!(answer.error_code(), "No method match route template");
        let message = answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            message.contains(&format!("with http verb {method} for request")),
            "{message}"
        );
        assert!(answer.json()["error"]["innerError"]["request-id"].is_string());
    }
    assert_eq!(
        send(&app, request("GET", &item)).await.status,
        StatusCode::OK,
        "reads are served"
    );
    let assign = format!("{CONFIGURATIONS}/{CONFIGURATION}/assign");
    let body = json!({"iOSLobAppProvisioningConfigAssignments": [
        {"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": GROUP}},
    ]});
    let answer = send(&app, json_request("POST", &assign, &body.to_string())).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.text);
    let listed = send(&app, request("GET", &assignments_path())).await.json();
    assert_eq!(listed["value"][0]["target"]["groupId"], GROUP);
}

#[tokio::test]
async fn every_sample_profile_expires_one_has_and_one_will_within_30_days() {
    let app = emulator(EmulatorConfig::default());
    let list = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}?$select=id,expirationDateTime"),
        ),
    )
    .await
    .json();
    let now = SystemTime::now();
    let month = now + Duration::from_secs(30 * 86_400);
    let expiries: Vec<SystemTime> = list["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| humantime::parse_rfc3339(item["expirationDateTime"].as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(expiries.len(), 3);
    assert!(
        expiries.iter().any(|expiry| *expiry < now),
        "one has expired"
    );
    assert!(
        expiries
            .iter()
            .any(|expiry| *expiry > now && *expiry < month),
        "one expires within 30 days"
    );
    assert!(
        expiries.iter().any(|expiry| *expiry > month),
        "one is good for longer"
    );
}
