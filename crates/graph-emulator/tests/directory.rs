//! Groups and assignment filters through the router: search by name (with the header Graph
//! requires), startswith, `$select`, `$top` and paging, single reads, errors, and permissions
//! of minted tokens.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use graph_emulator::EmulatorConfig;
use graph_model::directory::{groups_starting_with_query, search_groups_query};
use serde_json::Value;

const GROUPS: &str = "/beta/groups";
const FILTERS: &str = "/beta/deviceManagement/assignmentFilters";

fn eventual(path: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header("authorization", "Bearer test-token")
        .header("consistencylevel", "eventual")
        .body(Body::empty())
        .unwrap()
}

fn names(body: &Value) -> Vec<String> {
    body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["displayName"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn groups_are_found_by_part_of_their_name() {
    let app = emulator(EmulatorConfig::default());
    let found = send(
        &app,
        eventual(&format!("{GROUPS}?{}", search_groups_query("pilot", 5))),
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    let body = found.json();
    assert_eq!(names(&body), ["iOS pilot users", "Kiosk iPhones (pilot)"]);
    let first = &body["value"][0];
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "description",
            "displayName",
            "groupTypes",
            "id",
            "securityEnabled"
        ],
        "only the selected properties"
    );
    let prefix = send(
        &app,
        request(
            "GET",
            &format!("{GROUPS}?{}", groups_starting_with_query("sales", 5)),
        ),
    )
    .await;
    assert_eq!(names(&prefix.json()), ["Sales team", "Sales leadership"]);
    let quoted = send(
        &app,
        eventual(&format!(
            "{GROUPS}?{}",
            search_groups_query("O'Brien \"x\"", 5)
        )),
    )
    .await;
    assert_eq!(quoted.status, StatusCode::OK);
    assert!(names(&quoted.json()).is_empty());
}

#[tokio::test]
async fn search_needs_the_consistency_level_header_as_on_graph() {
    let app = emulator(EmulatorConfig::default());
    let answer = send(
        &app,
        request(
            "GET",
            &format!("{GROUPS}?{}", search_groups_query("sales", 5)),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.error_code(), "Request_UnsupportedQuery");
    assert!(answer.text.contains("ConsistencyLevel: eventual"));
    let malformed = send(&app, eventual(&format!("{GROUPS}?$search=sales"))).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    let bad_filter = send(
        &app,
        request("GET", &format!("{GROUPS}?$filter=displayName%20eq%20'x'")),
    )
    .await;
    assert_eq!(bad_filter.status, StatusCode::BAD_REQUEST);
    let bad_select = send(&app, request("GET", &format!("{GROUPS}?$select=mail"))).await;
    assert_eq!(bad_select.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn group_lists_page_and_keep_the_search_in_the_next_link() {
    let app = emulator(EmulatorConfig::default());
    let mut url = format!("{GROUPS}?{}", search_groups_query("s", 1));
    let mut seen = Vec::new();
    for _ in 0..10 {
        let page = send(&app, eventual(&url)).await.json();
        seen.extend(names(&page));
        match page["@odata.nextLink"].as_str() {
            Some(next) => url = link_path(next),
            None => break,
        }
    }
    assert_eq!(
        seen,
        [
            "Field sales iPads",
            "Sales team",
            "Warehouse scanners",
            "Sales leadership"
        ]
    );
}

#[tokio::test]
async fn single_groups_and_filters() {
    let app = emulator(EmulatorConfig::default());
    let group = send(
        &app,
        request("GET", &format!("{GROUPS}/{GROUP}?$select=displayName")),
    )
    .await;
    assert_eq!(group.status, StatusCode::OK);
    assert_eq!(group.json()["displayName"], "Sales team");
    let missing = send(
        &app,
        request(
            "GET",
            &format!("{GROUPS}/00000000-0000-0000-0000-000000000000"),
        ),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.error_code(), "Request_ResourceNotFound");
    let invalid = send(&app, request("GET", &format!("{GROUPS}/Sales"))).await;
    assert_eq!(invalid.status, StatusCode::BAD_REQUEST);

    let filters = send(&app, request("GET", FILTERS)).await.json();
    let platforms: Vec<&str> = filters["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|filter| filter["platform"].as_str().unwrap())
        .collect();
    assert!(platforms.contains(&"iOS") && platforms.contains(&"windows10AndLater"));
    let filter = send(
        &app,
        request(
            "GET",
            &format!("{FILTERS}/f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41"),
        ),
    )
    .await;
    assert_eq!(filter.json()["displayName"], "Corporate iPads");
    assert!(filter.json()["rule"].as_str().unwrap().contains("iPad"));
    let none = send(
        &app,
        request(
            "GET",
            &format!("{FILTERS}/6c2e8b4a-0000-4e3b-9a5c-8f0d3b6e2a72"),
        ),
    )
    .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_group_and_filter_the_sample_assignments_name_exists() {
    let app = emulator(EmulatorConfig::default());
    let configurations = send(&app, request("GET", CONFIGURATIONS)).await.json();
    for configuration in configurations["value"].as_array().unwrap() {
        let id = configuration["id"].as_str().unwrap();
        let assignments = send(
            &app,
            request("GET", &format!("{CONFIGURATIONS}/{id}/assignments")),
        )
        .await
        .json();
        for assignment in assignments["value"].as_array().unwrap() {
            let target = &assignment["target"];
            if let Some(group) = target["groupId"].as_str() {
                assert_eq!(
                    send(&app, request("GET", &format!("{GROUPS}/{group}")))
                        .await
                        .status,
                    StatusCode::OK,
                    "{group}"
                );
            }
            if let Some(filter) = target["deviceAndAppManagementAssignmentFilterId"].as_str() {
                assert_eq!(
                    send(&app, request("GET", &format!("{FILTERS}/{filter}")))
                        .await
                        .status,
                    StatusCode::OK,
                    "{filter}"
                );
            }
        }
    }
}

#[tokio::test]
async fn browsers_may_send_the_consistency_level_header() {
    let app = emulator(EmulatorConfig::default());
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri(GROUPS)
        .header("origin", "http://127.0.0.1:8080")
        .header("access-control-request-method", "GET")
        .header(
            "access-control-request-headers",
            "authorization,consistencylevel",
        )
        .body(Body::empty())
        .unwrap();
    let answer = send(&app, preflight).await;
    let allowed = answer
        .header("access-control-allow-headers")
        .unwrap_or("")
        .to_ascii_lowercase();
    assert!(allowed.contains("consistencylevel"), "{allowed}");
}

#[tokio::test]
async fn groups_are_in_v1_too_with_links_that_stay_there() {
    let app = emulator(EmulatorConfig::default());
    let page = send(&app, request("GET", "/v1.0/groups?$top=2")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let body = page.json();
    assert!(
        body["@odata.context"]
            .as_str()
            .unwrap()
            .contains("/v1.0/$metadata#groups")
    );
    assert!(
        body["@odata.nextLink"]
            .as_str()
            .unwrap()
            .contains("/v1.0/groups?")
    );
    let one = send(&app, request("GET", &format!("/v1.0/groups/{GROUP}"))).await;
    assert_eq!(one.json()["displayName"], "Sales team");
    let filters = send(
        &app,
        request("GET", "/v1.0/deviceManagement/assignmentFilters"),
    )
    .await;
    assert_eq!(
        filters.status,
        StatusCode::NOT_FOUND,
        "assignment filters are beta only"
    );
}
