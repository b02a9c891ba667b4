//! The audit trail: every write the emulator acknowledges (PATCH, POST, DELETE, `/assign`, and
//! those inside `$batch`) is an event in Graph's shape, found by the `$filter` forms used against
//! Intune, newest first on request, listed only after `--audit-delay`.

mod common;

use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use graph_emulator::authority::directory::{USERS, grant};
use graph_emulator::store::{Dataset, Store};
use graph_emulator::{AppState, EmulatorConfig, app};
use serde_json::Value;

const EVENTS: &str = "/beta/deviceManagement/auditEvents";

/// The emulator, and a token it minted for its Intune administrator.
fn with_minted(config: EmulatorConfig) -> (Router, String) {
    let state = AppState::new(config, Store::in_memory(Dataset::sample()));
    let user = USERS[0];
    let token = state.authority.keys.access_token(
        user,
        &grant(
            "https://graph.microsoft.com/DeviceManagementApps.ReadWrite.All",
            user,
        ),
        "11111111-2222-3333-4444-555555555555",
        SystemTime::now(),
        Duration::from_secs(3600),
    );
    (app(state), token)
}

fn write(method: &str, path: &str, body: &str, token: &str, correlation: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("client-request-id", correlation)
        .body(Body::from(body.to_owned()))
        .unwrap()
}

async fn events(app: &Router, query: &str) -> Vec<Value> {
    let answer = send(app, request("GET", &format!("{EVENTS}{query}"))).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()["value"].as_array().unwrap().clone()
}

fn encoded(text: &str) -> String {
    text.replace(' ', "%20")
        .replace('\'', "%27")
        .replace(':', "%3A")
}

#[tokio::test]
async fn each_kind_of_write_is_recorded_with_its_actor_correlation_and_target_before_and_after() {
    let (app, token) = with_minted(EmulatorConfig::default());
    assert!(events(&app, "").await.is_empty());
    let patched = send(
        &app,
        write(
            "PATCH",
            &assignment_path(),
            &group_body(GROUP),
            &token,
            "c-patch",
        ),
    )
    .await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT, "{}", patched.text);
    let created = send(
        &app,
        write(
            "POST",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments"),
            &group_body("00000000-0000-4000-8000-0000000000aa"),
            "pasted-token",
            "c-post",
        ),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let new_id = created.json()["id"].as_str().unwrap().to_owned();
    let deleted = send(
        &app,
        write(
            "DELETE",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments/{new_id}"),
            "",
            &token,
            "c-delete",
        ),
    )
    .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text);
    let assigned = send(
        &app,
        write("POST", &format!("{CONFIGURATIONS}/{CONFIGURATION}/assign"), r##"{"iOSLobAppProvisioningConfigAssignments":[{"target":{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}}]}"##, &token, "c-assign"),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::NO_CONTENT, "{}", assigned.text);
    // A write that fails (the assignment is gone since /assign) is not recorded.
    let refused = send(
        &app,
        write(
            "PATCH",
            &assignment_path(),
            &group_body(GROUP),
            &token,
            "c-refused",
        ),
    )
    .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    let all = events(&app, "").await;
    let operations: Vec<&str> = all
        .iter()
        .map(|event| event["activityOperationType"].as_str().unwrap())
        .collect();
    assert_eq!(operations, ["Patch", "Create", "Delete", "Action"]);
    let patch = &all[0];
    assert_eq!(patch["correlationId"], "c-patch");
    assert_eq!(patch["activityResult"], "Success");
    assert_eq!(patch["actor"]["userPrincipalName"], USERS[0].upn);
    assert_eq!(patch["actor"]["userId"], USERS[0].oid);
    assert_eq!(patch["resources"][0]["resourceId"], CONFIGURATION);
    assert_eq!(patch["resources"][1]["resourceId"], ASSIGNMENT);
    let target = &patch["resources"][1]["modifiedProperties"][0];
    assert_eq!(target["displayName"], "Target");
    let before: Value = serde_json::from_str(target["oldValue"].as_str().unwrap()).unwrap();
    let after: Value = serde_json::from_str(target["newValue"].as_str().unwrap()).unwrap();
    assert_ne!(before["groupId"], GROUP);
    assert_eq!(after["groupId"], GROUP);
    // A token this emulator did not mint is an application's.
    assert_eq!(all[1]["actor"]["type"], "Application");
    assert!(all[1]["actor"]["userPrincipalName"].is_null());
    assert!(all[2]["resources"][1]["modifiedProperties"][0]["newValue"].is_null());
    let set_after = all[3]["resources"][0]["modifiedProperties"][0]["newValue"]
        .as_str()
        .unwrap();
    assert!(
        set_after.contains("allDevicesAssignmentTarget"),
        "{set_after}"
    );
}

#[tokio::test]
async fn writes_inside_batch_are_recorded_and_each_filter_form_finds_them() {
    let (app, token) = with_minted(EmulatorConfig::default());
    let started =
        humantime::format_rfc3339_seconds(SystemTime::now() - Duration::from_secs(1)).to_string();
    let path = assignment_path().trim_start_matches("/beta").to_owned();
    let batch = format!(
        r#"{{"requests":[{{"id":"1","method":"PATCH","url":"{path}","headers":{{"Content-Type":"application/json","client-request-id":"in-batch"}},"body":{}}}]}}"#,
        group_body(GROUP)
    );
    let answer = send(
        &app,
        write("POST", "/beta/$batch", &batch, &token, "envelope"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        answer.json()["responses"][0]["status"],
        204,
        "{}",
        answer.text
    );
    send(
        &app,
        write(
            "PATCH",
            &assignment_path(),
            &group_body("00000000-0000-4000-8000-0000000000bb"),
            "pasted",
            "second",
        ),
    )
    .await;

    let found = events(
        &app,
        &format!("?$filter={}", encoded("correlationId eq 'in-batch'")),
    )
    .await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["actor"]["userPrincipalName"], USERS[0].upn);
    let by_resource = format!(
        "?$filter={}",
        encoded(&format!("Resources/any(c: c/ResourceId eq '{ASSIGNMENT}')"))
    );
    assert_eq!(events(&app, &by_resource).await.len(), 2);
    let by_upn = format!(
        "?$filter={}",
        encoded(&format!("Actor/UserPrincipalName eq '{}'", USERS[0].upn))
    );
    assert_eq!(events(&app, &by_upn).await.len(), 1);
    let by_upn_other_case = format!(
        "?$filter={}",
        encoded(&format!(
            "Actor/UserPrincipalName eq '{}'",
            USERS[0].upn.to_uppercase()
        ))
    );
    assert!(
        events(&app, &by_upn_other_case).await.is_empty(),
        "case-sensitive, as on Graph"
    );
    let since = format!(
        "?$filter={}",
        encoded(&format!(
            "activityDateTime ge {started} and ActivityOperationType eq 'Patch'"
        ))
    );
    assert_eq!(events(&app, &since).await.len(), 2);
    let before = format!(
        "?$filter={}",
        encoded(&format!("activityDateTime lt {started}"))
    );
    assert!(events(&app, &before).await.is_empty());
    let newest = events(&app, "?$orderby=activityDateTime%20desc").await;
    assert_eq!(newest[0]["correlationId"], "second");
    let paged = send(&app, request("GET", &format!("{EVENTS}?$top=1")))
        .await
        .json();
    assert_eq!(paged["value"].as_array().unwrap().len(), 1);
    let next = paged["@odata.nextLink"].as_str().unwrap();
    assert_eq!(
        send(&app, request("GET", &link_path(next))).await.json()["value"][0]["correlationId"],
        "second"
    );
    let odd = send(
        &app,
        request(
            "GET",
            &format!("{EVENTS}?$filter={}", encoded("startswith(activity,'P')")),
        ),
    )
    .await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST, "{}", odd.text);
    let odd = send(
        &app,
        request(
            "GET",
            &format!("{EVENTS}?$filter={}", encoded("correlationId eq 'é")),
        ),
    )
    .await;
    assert_eq!(
        odd.status,
        StatusCode::BAD_REQUEST,
        "an unclosed quote is refused, not a 500"
    );
}

#[tokio::test]
async fn with_an_audit_delay_events_are_listed_only_once_it_has_passed() {
    let config = EmulatorConfig {
        audit_delay: Duration::from_secs(3600),
        ..EmulatorConfig::default()
    };
    let (app, token) = with_minted(config);
    send(
        &app,
        write(
            "PATCH",
            &assignment_path(),
            &group_body(GROUP),
            &token,
            "late",
        ),
    )
    .await;
    assert!(events(&app, "").await.is_empty(), "not yet");
}
