//! Every endpoint and every error, through the router with `tower::ServiceExt::oneshot`.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use graph_emulator::config::Throttle;
use graph_emulator::store::{ConfigurationRecord, Dataset, Store};
use graph_emulator::{AppState, EmulatorConfig, app};
use graph_model::{
    AssignmentFilter, AssignmentId, AssignmentTarget, ConfigurationId,
    IosLobAppProvisioningConfiguration, IosLobAppProvisioningConfigurationAssignment,
};
use serde_json::{Value, json};

#[tokio::test]
async fn lists_configurations_with_select_and_top() {
    let app = emulator(EmulatorConfig::default());
    let answer = send(&app, request("GET", CONFIGURATIONS)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    assert_eq!(body["value"].as_array().unwrap().len(), 3);
    assert!(
        body["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("$metadata#deviceAppManagement/iosLobAppProvisioningConfigurations")
    );
    assert!(body["value"][0]["payload"].is_string());

    let answer = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}?$select=displayName,version&$top=2"),
        ),
    )
    .await;
    let items = answer.json()["value"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    let keys: Vec<&String> = items[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["displayName", "id", "version"]);
}

#[tokio::test]
async fn top_pages_with_a_next_link() {
    let app = emulator(EmulatorConfig::default());
    let mut url = format!("{CONFIGURATIONS}?$top=2&$select=displayName");
    let mut names = Vec::new();
    for _ in 0..3 {
        let page = send(&app, request("GET", &url)).await.json();
        for item in page["value"].as_array().unwrap() {
            names.push(item["displayName"].as_str().unwrap().to_owned());
        }
        match page["@odata.nextLink"].as_str() {
            Some(next) => url = link_path(next),
            None => break,
        }
    }
    assert_eq!(
        names,
        [
            "Field sales iPads",
            "Warehouse scanner app",
            "Kiosk iPhones (pilot)"
        ]
    );
    let answer = send(
        &app,
        request("GET", &format!("{CONFIGURATIONS}?$skiptoken=later")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bad_query_options_are_400() {
    let app = emulator(EmulatorConfig::default());
    for query in ["$select=colour", "$top=-1", "$top=many"] {
        let answer = send(&app, request("GET", &format!("{CONFIGURATIONS}?{query}"))).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(answer.error_code(), "BadRequest");
    }
}

#[tokio::test]
async fn reads_one_configuration_and_its_assignments() {
    let app = emulator(EmulatorConfig::default());
    let answer = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}?$select=displayName"),
        ),
    )
    .await;
    assert_eq!(answer.json()["displayName"], "Field sales iPads");
    assert!(answer.json().get("payload").is_none());

    let answer = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments"),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["value"].as_array().unwrap().len(), 3);

    let answer = send(&app, request("GET", &assignment_path())).await;
    assert_eq!(answer.status, StatusCode::OK);
    let entity: IosLobAppProvisioningConfigurationAssignment =
        serde_json::from_value(answer.json()).unwrap();
    assert_eq!(entity.id.as_str(), ASSIGNMENT);
}

#[tokio::test]
async fn unknown_ids_are_404() {
    let app = emulator(EmulatorConfig::default());
    for path in [
        format!("{CONFIGURATIONS}/nope"),
        format!("{CONFIGURATIONS}/nope/assignments"),
        format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments/nope"),
    ] {
        let answer = send(&app, request("GET", &path)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(answer.error_code(), "ResourceNotFound");
    }
    let answer = send(
        &app,
        json_request(
            "PATCH",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments/nope"),
            &group_body(GROUP),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn patch_replaces_the_target_and_answers_204() {
    let app = emulator(EmulatorConfig::default());
    let answer = send(
        &app,
        json_request(
            "PATCH",
            &assignment_path(),
            &group_body(&GROUP.to_uppercase()),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert!(answer.text.is_empty());
    let read = send(&app, request("GET", &assignment_path())).await.json();
    assert_eq!(read["target"]["groupId"], GROUP);
    assert_eq!(
        read["target"]["@odata.type"],
        "#microsoft.graph.groupAssignmentTarget"
    );
    assert!(
        read["target"]
            .get("deviceAndAppManagementAssignmentFilterId")
            .is_none()
    );
}

#[tokio::test]
async fn patch_answers_200_when_asked_or_configured() {
    let app = emulator(EmulatorConfig::default());
    let mut with_prefer = json_request("PATCH", &assignment_path(), &group_body(GROUP));
    with_prefer
        .headers_mut()
        .insert("prefer", "return=representation".parse().unwrap());
    let answer = send(&app, with_prefer).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.header("preference-applied"),
        Some("return=representation")
    );
    assert_eq!(answer.json()["target"]["groupId"], GROUP);

    let app = emulator(EmulatorConfig {
        patch_returns_content: true,
        ..EmulatorConfig::default()
    });
    let answer = send(
        &app,
        json_request("PATCH", &assignment_path(), &group_body(GROUP)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["id"], ASSIGNMENT);
}

#[tokio::test]
async fn invalid_bodies_are_400_with_every_problem() {
    let app = emulator(EmulatorConfig::default());
    let cases: [(&str, &str, &str); 7] = [
        ("{\"target\": ", "BadRequest", "not valid JSON"),
        (
            r#"{"target": "everyone"}"#,
            "BadRequest",
            "must be a JSON object",
        ),
        (
            r#"{"target": {"@odata.type": "microsoft.graph.allDevicesAssignmentTarget", "colour": 1}}"#,
            "BadRequest",
            "\"colour\" is not a property",
        ),
        (
            r#"{"target": {"@odata.type": "microsoft.graph.userTarget"}}"#,
            "ModelValidationFailure",
            "not a known assignment target type",
        ),
        (
            r#"{"target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"}}"#,
            "ModelValidationFailure",
            "abstract base type",
        ),
        (
            r#"{"target": {"@odata.type": "microsoft.graph.groupAssignmentTarget", "groupId": "Sales"}}"#,
            "BadRequest",
            "AADGroupId",
        ),
        (
            r#"{"target": {"@odata.type": "microsoft.graph.allDevicesAssignmentTarget", "deviceAndAppManagementAssignmentFilterId": "null"}}"#,
            "BadRequest",
            "\"null\" is not a filter id",
        ),
    ];
    for (body, code, message) in cases {
        let answer = send(&app, json_request("PATCH", &assignment_path(), body)).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer.error_code(), code, "{body}");
        let error = &answer.json()["error"];
        assert!(
            error["message"].as_str().unwrap().contains(message),
            "{body}: {error}"
        );
    }
    let answer = send(&app, json_request("PATCH", &assignment_path(),
        r#"{"target": {"@odata.type": "microsoft.graph.groupAssignmentTarget", "groupId": 5, "extra": true}}"#)).await;
    let targets: Vec<Value> = answer.json()["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["target"].clone())
        .collect();
    assert_eq!(targets, [json!("/target/groupId"), json!("/target/extra")]);
    // Nothing was changed by the refused writes.
    let read = send(&app, request("GET", &assignment_path())).await.json();
    assert_eq!(
        read["target"]["groupId"],
        "1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34"
    );
}

#[tokio::test]
async fn tokens_are_required_and_checked() {
    let app = emulator(EmulatorConfig::default());
    let mut anonymous = request("GET", CONFIGURATIONS);
    anonymous.headers_mut().remove("authorization");
    let answer = send(&app, anonymous).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.error_code(), "InvalidAuthenticationToken");
    assert!(
        answer
            .header("www-authenticate")
            .unwrap()
            .starts_with("Bearer")
    );

    let mut empty = request("GET", CONFIGURATIONS);
    empty
        .headers_mut()
        .insert("authorization", "Bearer   ".parse().unwrap());
    assert_eq!(send(&app, empty).await.status, StatusCode::UNAUTHORIZED);

    let app = emulator(EmulatorConfig {
        token: Some("secret".into()),
        ..EmulatorConfig::default()
    });
    assert_eq!(
        send(&app, request("GET", CONFIGURATIONS)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut right = request("GET", CONFIGURATIONS);
    right
        .headers_mut()
        .insert("authorization", "Bearer secret".parse().unwrap());
    assert_eq!(send(&app, right).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_routes_wrong_methods_and_v1_are_refused_like_graph() {
    let app = emulator(EmulatorConfig::default());
    let answer = send(&app, request("GET", "/beta/deviceManagement/somethingElse")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.error_code(), "NotFound");

    let answer = send(
        &app,
        json_request("PUT", &assignment_path(), &group_body(GROUP)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.error_code(), "No method match route template");

    let v1 = assignment_path().replace("/beta/", "/v1.0/");
    let answer = send(&app, json_request("PATCH", &v1, &group_body(GROUP))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Resource not found for the segment 'iosLobAppProvisioningConfigurations'")
    );
}

#[tokio::test]
async fn oversized_and_non_json_bodies_are_refused() {
    let app = app(AppState::new(
        EmulatorConfig {
            body_limit: 64,
            ..EmulatorConfig::default()
        },
        Store::in_memory(Dataset::sample()),
    ));
    let big = format!(
        "{{\"target\": {{\"@odata.type\": \"{}\"}}}}",
        "x".repeat(200)
    );
    let answer = send(&app, json_request("PATCH", &assignment_path(), &big)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.error_code(), "RequestEntityTooLarge");

    let app = emulator(EmulatorConfig::default());
    let mut text = json_request("PATCH", &assignment_path(), &group_body(GROUP));
    text.headers_mut()
        .insert("content-type", "text/plain".parse().unwrap());
    let answer = send(&app, text).await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let mut none = json_request("PATCH", &assignment_path(), &group_body(GROUP));
    none.headers_mut().remove("content-type");
    assert_eq!(
        send(&app, none).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let mut charset = json_request("PATCH", &assignment_path(), &group_body(GROUP));
    charset.headers_mut().insert(
        "content-type",
        "application/json; charset=utf-8".parse().unwrap(),
    );
    assert_eq!(send(&app, charset).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn every_answer_carries_request_ids_and_a_date() {
    let app = emulator(EmulatorConfig::default());
    let mut traced = request("GET", &format!("{CONFIGURATIONS}/missing"));
    traced.headers_mut().insert(
        "client-request-id",
        "11111111-2222-4333-8444-555555555555".parse().unwrap(),
    );
    let answer = send(&app, traced).await;
    let request_id = answer.header("request-id").unwrap().to_owned();
    assert_eq!(
        answer.header("client-request-id"),
        Some("11111111-2222-4333-8444-555555555555")
    );
    assert!(answer.header("date").unwrap().ends_with(" GMT"));
    let inner = &answer.json()["error"]["innerError"];
    assert_eq!(inner["request-id"], request_id.as_str());
    assert_eq!(
        inner["client-request-id"],
        "11111111-2222-4333-8444-555555555555"
    );
    let date = inner["date"].as_str().unwrap();
    assert_eq!(date.len(), 19, "{date}");
    assert!(!date.ends_with('Z'));

    let answer = send(&app, request("GET", CONFIGURATIONS)).await;
    assert!(answer.header("request-id").is_some());
    assert_eq!(answer.header("client-request-id"), None);
}

#[tokio::test]
async fn create_delete_and_assign() {
    let app = emulator(EmulatorConfig::default());
    let list = format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments");
    let answer = send(&app, json_request("POST", &list, &group_body(GROUP))).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    let id = answer.json()["id"].as_str().unwrap().to_owned();
    let location = answer.header("location").unwrap();
    assert!(
        location.ends_with(&format!("/assignments/{id}")),
        "{location}"
    );

    let path = format!("{list}/{id}");
    assert_eq!(
        send(&app, request("DELETE", &path)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&app, request("DELETE", &path)).await.status,
        StatusCode::NOT_FOUND
    );

    let assign = format!("{CONFIGURATIONS}/{CONFIGURATION}/assign");
    let body = json!({
        "appProvisioningConfigurationGroupAssignments": [],
        "iOSLobAppProvisioningConfigAssignments": [
            {"target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}},
            {"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": GROUP}}
        ]
    });
    let answer = send(&app, json_request("POST", &assign, &body.to_string())).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.text);
    let listed = send(&app, request("GET", &list)).await.json();
    assert_eq!(listed["value"].as_array().unwrap().len(), 2);

    let bad = json!({"iOSLobAppProvisioningConfigAssignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget"}}]});
    let answer = send(&app, json_request("POST", &assign, &bad.to_string())).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.json()["error"]["details"][0]["target"],
        "/iOSLobAppProvisioningConfigAssignments/0/target/groupId"
    );
}

#[tokio::test]
async fn ids_that_need_percent_encoding_work() {
    let configuration = "legacy config/2019 #1";
    let assignment = "a b?c_0_0";
    let data = Dataset {
        configurations: vec![ConfigurationRecord {
            configuration: IosLobAppProvisioningConfiguration {
                id: ConfigurationId::parse(configuration).unwrap(),
                display_name: Some("Odd ids".into()),
                description: None,
                created_date_time: None,
                last_modified_date_time: None,
                expiration_date_time: None,
                payload_file_name: None,
                payload: None,
                role_scope_tag_ids: None,
                version: None,
            },
            assignments: vec![IosLobAppProvisioningConfigurationAssignment {
                id: AssignmentId::parse(assignment).unwrap(),
                target: AssignmentTarget::AllDevices {
                    filter: AssignmentFilter::default(),
                },
            }],
        }],
        ..Dataset::default()
    };
    let app = app(AppState::new(
        EmulatorConfig::default(),
        Store::in_memory(data),
    ));
    let path = format!(
        "{CONFIGURATIONS}/{}/assignments/{}",
        ConfigurationId::parse(configuration)
            .unwrap()
            .to_path_segment(),
        AssignmentId::parse(assignment).unwrap().to_path_segment()
    );
    assert_eq!(
        send(&app, json_request("PATCH", &path, &group_body(GROUP)))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&app, request("GET", &path)).await.json()["id"],
        assignment
    );
}

#[tokio::test]
async fn throttling_answers_429_with_retry_after() {
    let app = emulator(EmulatorConfig {
        throttle: Throttle::Limit {
            writes: 2,
            window: Duration::from_secs(60),
        },
        ..EmulatorConfig::default()
    });
    for _ in 0..2 {
        assert_eq!(
            send(
                &app,
                json_request("PATCH", &assignment_path(), &group_body(GROUP))
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
    }
    let answer = send(
        &app,
        json_request("PATCH", &assignment_path(), &group_body(GROUP)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answer.error_code(), "TooManyRequests");
    let wait: u64 = answer.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // Reads are not writes; another token has its own budget.
    assert_eq!(
        send(&app, request("GET", &assignment_path())).await.status,
        StatusCode::OK
    );
    let mut other = json_request("PATCH", &assignment_path(), &group_body(GROUP));
    other
        .headers_mut()
        .insert("authorization", "Bearer other".parse().unwrap());
    assert_eq!(send(&app, other).await.status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn injected_faults_are_graph_errors() {
    let app = emulator(EmulatorConfig {
        fail_rate: 1.0,
        ..EmulatorConfig::default()
    });
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..60 {
        let answer = send(&app, request("GET", CONFIGURATIONS)).await;
        assert!([500, 503, 504].contains(&answer.status.as_u16()));
        assert!(!answer.error_code().is_empty());
        assert!(answer.header("request-id").is_some());
        if answer.status == StatusCode::SERVICE_UNAVAILABLE {
            assert_eq!(answer.header("retry-after"), Some("2"));
        }
        seen.insert(answer.status.as_u16());
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
}

#[tokio::test]
async fn cors_preflight_and_exposed_headers() {
    let app = emulator(EmulatorConfig::default());
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri(assignment_path())
        .header("origin", "http://127.0.0.1:8080")
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization,content-type,client-request-id,prefer",
        )
        .body(Body::empty())
        .unwrap();
    let answer = send(&app, preflight).await;
    assert!(answer.status.is_success());
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    assert!(
        answer
            .header("access-control-allow-methods")
            .unwrap()
            .contains("PATCH")
    );
    let allowed = answer
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    for name in [
        "authorization",
        "content-type",
        "client-request-id",
        "prefer",
    ] {
        assert!(allowed.contains(name), "{allowed}");
    }

    let exposed = exposed_headers(&app).await;
    for name in [
        "request-id",
        "client-request-id",
        "retry-after",
        "location",
        "etag",
        "date",
    ] {
        assert!(exposed.contains(name), "{exposed}");
    }

    let app = emulator(EmulatorConfig {
        hide_retry_after: true,
        ..EmulatorConfig::default()
    });
    let exposed = exposed_headers(&app).await;
    assert!(!exposed.contains("retry-after"));
}

/// The response headers a cross-origin page may read, lower case.
async fn exposed_headers(app: &axum::Router) -> String {
    let mut simple = request("GET", CONFIGURATIONS);
    simple
        .headers_mut()
        .insert("origin", "http://127.0.0.1:8080".parse().unwrap());
    send(app, simple)
        .await
        .header("access-control-expose-headers")
        .unwrap()
        .to_ascii_lowercase()
}

fn batch_item(id: &str, method: &str, url: &str) -> Value {
    json!({"id": id, "method": method, "url": url})
}

#[tokio::test]
async fn batch_runs_requests_with_their_own_answers() {
    let app = emulator(EmulatorConfig::default());
    let assignment_url = format!(
        "/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}/assignments/{ASSIGNMENT}"
    );
    let patch: Value = serde_json::from_str(&group_body(GROUP)).unwrap();
    let body = json!({"requests": [
        {"id": "1", "method": "PATCH", "url": assignment_url, "headers": {"Content-Type": "application/json"}, "body": patch},
        {"id": "2", "method": "GET", "url": assignment_url, "dependsOn": ["1"]},
        batch_item("3", "GET", "/deviceAppManagement/iosLobAppProvisioningConfigurations/missing"),
        {"id": "4", "method": "GET", "url": assignment_url, "dependsOn": ["3"]}
    ]});
    let answer = send(
        &app,
        json_request("POST", "/beta/$batch", &body.to_string()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let responses = answer.json()["responses"].as_array().unwrap().clone();
    let by_id = |id: &str| responses.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(by_id("1")["status"], 204);
    assert_eq!(by_id("2")["status"], 200);
    assert_eq!(by_id("2")["body"]["target"]["groupId"], GROUP);
    assert_eq!(by_id("3")["status"], 404);
    assert!(by_id("3")["headers"]["request-id"].is_string());
    assert_eq!(by_id("4")["status"], 424);
}

#[tokio::test]
async fn batch_rules_make_the_whole_batch_400() {
    let app = emulator(EmulatorConfig::default());
    let too_many: Vec<Value> = (0..21)
        .map(|i| batch_item(&i.to_string(), "GET", "/x"))
        .collect();
    let bodies = [
        json!({"requests": too_many}),
        json!({"requests": [batch_item("1", "GET", "/x"), batch_item("1", "GET", "/y")]}),
        json!({"requests": [batch_item("1", "GET", "https://graph.microsoft.com/beta/x")]}),
        json!({"requests": [{"id": "1", "method": "PATCH", "url": "/x", "body": {}}]}),
        json!({"requests": "all of them"}),
    ];
    for body in bodies {
        let answer = send(
            &app,
            json_request("POST", "/beta/$batch", &body.to_string()),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
    }
}

#[tokio::test]
async fn batch_inner_requests_are_throttled_each() {
    let app = emulator(EmulatorConfig {
        throttle: Throttle::Limit {
            writes: 1,
            window: Duration::from_secs(30),
        },
        ..EmulatorConfig::default()
    });
    let url = format!(
        "/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}/assignments/{ASSIGNMENT}"
    );
    let patch: Value = serde_json::from_str(&group_body(GROUP)).unwrap();
    let item = |id: &str| json!({"id": id, "method": "PATCH", "url": url, "headers": {"Content-Type": "application/json"}, "body": patch});
    let body = json!({"requests": [item("a"), item("b")]});
    let answer = send(
        &app,
        json_request("POST", "/beta/$batch", &body.to_string()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    let responses = answer.json()["responses"].as_array().unwrap().clone();
    let statuses: Vec<u64> = responses
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [204, 429]);
    assert!(responses[1]["headers"]["retry-after"].is_string());
}
