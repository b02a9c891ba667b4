//! A group's members for Reach: direct and transitive, the user and device casts, `$count` with
//! `ConsistencyLevel: eventual`, `$top` up to 999 and paging.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use graph_emulator::EmulatorConfig;

const PILOTS: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";
const IPADS: &str = "1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";

fn eventual(path: &str) -> Request<Body> {
    Request::builder()
        .uri(path)
        .header("authorization", "Bearer test-token")
        .header("consistencylevel", "eventual")
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn direct_and_transitive_members_with_casts_and_counts() {
    let app = emulator(EmulatorConfig::default());
    let direct = send(
        &app,
        request("GET", &format!("/beta/groups/{PILOTS}/members?$top=999")),
    )
    .await;
    assert_eq!(direct.status, StatusCode::OK, "{}", direct.text);
    let value = direct.json()["value"].as_array().unwrap().clone();
    assert_eq!(
        value.len(),
        31,
        "30 users and the nested Sales leadership group"
    );
    assert!(
        value
            .iter()
            .any(|member| member["@odata.type"] == "#microsoft.graph.group")
    );

    let users = send(&app, eventual(&format!("/beta/groups/{PILOTS}/transitiveMembers/microsoft.graph.user?$top=999&$select=id,displayName"))).await;
    let users = users.json()["value"].as_array().unwrap().clone();
    assert_eq!(
        users.len(),
        40,
        "the nested group's 10 users are flattened in"
    );
    assert!(
        users[0].get("userPrincipalName").is_none(),
        "$select applies"
    );

    let count = send(
        &app,
        eventual(&format!(
            "/v1.0/groups/{IPADS}/transitiveMembers/microsoft.graph.device/$count"
        )),
    )
    .await;
    assert_eq!(count.status, StatusCode::OK);
    assert_eq!(count.text, "12");
    assert!(
        count
            .header("content-type")
            .unwrap()
            .starts_with("text/plain")
    );
    let none = send(
        &app,
        eventual(&format!(
            "/beta/groups/{IPADS}/transitiveMembers/microsoft.graph.user/$count"
        )),
    )
    .await;
    assert_eq!(none.text, "0", "a device group has no users");
}

#[tokio::test]
async fn advanced_queries_need_eventual_consistency_and_pages_follow() {
    let app = emulator(EmulatorConfig::default());
    let refused = send(
        &app,
        request("GET", &format!("/beta/groups/{PILOTS}/members/$count")),
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.text.contains("ConsistencyLevel: eventual"),
        "{}",
        refused.text
    );
    let too_many = send(
        &app,
        request("GET", &format!("/beta/groups/{PILOTS}/members?$top=1000")),
    )
    .await;
    assert_eq!(too_many.status, StatusCode::BAD_REQUEST);

    let first = send(
        &app,
        request(
            "GET",
            &format!("/beta/groups/{PILOTS}/transitiveMembers?$top=25"),
        ),
    )
    .await
    .json();
    assert_eq!(first["value"].as_array().unwrap().len(), 25);
    let next = first["@odata.nextLink"].as_str().unwrap();
    let path = next
        .split_once("/beta")
        .map(|(_, rest)| format!("/beta{rest}"))
        .unwrap();
    let second = send(&app, request("GET", &path)).await.json();
    assert_eq!(second["value"].as_array().unwrap().len(), 16, "41 in all");
    assert!(second.get("@odata.nextLink").is_none());

    let unknown = send(
        &app,
        request(
            "GET",
            "/beta/groups/00000000-0000-4000-8000-000000000000/members",
        ),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let wrong = send(
        &app,
        request("GET", &format!("/beta/groups/{PILOTS}/owners")),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let wrong_cast = send(
        &app,
        eventual(&format!(
            "/beta/groups/{PILOTS}/members/microsoft.graph.printer"
        )),
    )
    .await;
    assert_eq!(wrong_cast.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn users_devices_and_managed_devices_are_listed_counted_and_joined() {
    let app = emulator(EmulatorConfig::default());
    let users = send(&app, request("GET", "/beta/users?$top=999"))
        .await
        .json();
    assert_eq!(users["value"].as_array().unwrap().len(), 100);
    let count = send(&app, eventual("/v1.0/devices/$count")).await;
    assert_eq!(count.text, "50");
    let refused = send(&app, request("GET", "/beta/users/$count")).await;
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "$count needs eventual consistency"
    );
    let devices = send(&app, request("GET", "/beta/devices?$top=999"))
        .await
        .json();
    let managed = send(
        &app,
        request("GET", "/beta/deviceManagement/managedDevices?$top=999"),
    )
    .await
    .json();
    let managed = managed["value"].as_array().unwrap();
    assert_eq!(managed.len(), 50);
    // An Intune device joins its Entra device by azureADDeviceId = deviceId, not the object id.
    let first = &devices["value"][0];
    assert_eq!(managed[0]["azureADDeviceId"], first["deviceId"]);
    assert_ne!(managed[0]["azureADDeviceId"], first["id"]);
    assert_eq!(managed[0]["userPrincipalName"], "user00@contoso.example");
    let paged = send(&app, request("GET", "/beta/users?$top=40"))
        .await
        .json();
    assert!(
        paged["@odata.nextLink"]
            .as_str()
            .unwrap()
            .contains("/beta/users?$top=40&$skiptoken=40")
    );
}

#[test]
fn each_directory_read_needs_its_own_permission() {
    use axum::http::Method;
    use graph_emulator::guard::permissions_needed;
    assert!(permissions_needed(&Method::GET, "/beta/users").contains(&"User.Read.All"));
    assert!(permissions_needed(&Method::GET, "/v1.0/devices/$count").contains(&"Device.Read.All"));
    assert!(
        permissions_needed(&Method::GET, "/beta/deviceManagement/managedDevices")
            .contains(&"DeviceManagementManagedDevices.Read.All")
    );
    assert!(
        permissions_needed(
            &Method::GET,
            &format!("/beta/groups/{PILOTS}/transitiveMembers")
        )
        .contains(&"GroupMember.Read.All")
    );
}

#[tokio::test]
async fn statuses_follow_who_the_set_reaches_with_a_mix_of_statuses() {
    let app = emulator(EmulatorConfig::default());
    let devices = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}/deviceStatuses"),
        ),
    )
    .await;
    assert_eq!(devices.status, StatusCode::OK, "{}", devices.text);
    let devices = devices.json()["value"].as_array().unwrap().clone();
    // All devices, less nothing: the excluded group holds users, not devices.
    assert_eq!(devices.len(), 50);
    let errors = devices
        .iter()
        .filter(|status| status["status"] == "error")
        .count();
    assert!(errors > 0 && errors < 50, "{errors}");
    assert!(
        devices
            .iter()
            .all(|status| status["deviceDisplayName"].is_string())
    );
    let users = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}/{CONFIGURATION}/userStatuses"),
        ),
    )
    .await
    .json();
    assert_eq!(
        users["value"].as_array().unwrap().len(),
        0,
        "no user is included"
    );
    let warehouse = "7d41e0c9-25f3-4b8e-a6d2-91c7f3b5e802";
    let users = send(
        &app,
        request(
            "GET",
            &format!("{CONFIGURATIONS}/{warehouse}/userStatuses?$top=30"),
        ),
    )
    .await
    .json();
    assert_eq!(users["value"].as_array().unwrap().len(), 30);
    assert!(
        users["@odata.nextLink"]
            .as_str()
            .unwrap()
            .contains("/userStatuses?$top=30&$skiptoken=30")
    );
    let missing = send(
        &app,
        request("GET", &format!("{CONFIGURATIONS}/nope/deviceStatuses")),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn members_filter_by_id_to_check_an_overlap_as_an_advanced_query() {
    let app = emulator(EmulatorConfig::default());
    let all = send(
        &app,
        eventual(&format!(
            "/beta/groups/{PILOTS}/transitiveMembers/microsoft.graph.user?$top=999&$select=id"
        )),
    )
    .await;
    let ids: Vec<String> = all.json()["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|member| member["id"].as_str().unwrap().to_owned())
        .collect();
    let outsider = "00000000-0000-4000-8000-00000000abcd";
    let filter = format!(
        "id in ('{}', '{}', '{outsider}')",
        ids[0],
        ids[5].to_uppercase()
    );
    let path = format!(
        "/beta/groups/{PILOTS}/transitiveMembers/microsoft.graph.user?$filter={}&$count=true&$select=id",
        filter.replace(' ', "%20").replace('\'', "%27")
    );
    let found = send(&app, eventual(&path)).await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.text);
    assert_eq!(found.json()["@odata.count"], 2);
    let kept = found.json()["value"].as_array().unwrap().clone();
    assert_eq!(kept.len(), 2, "the outsider is not a member");
    assert!(
        kept.iter().any(|member| member["id"] == ids[5].as_str()),
        "ids compare in any case"
    );

    let plain = send(&app, request("GET", &path)).await;
    assert_eq!(
        plain.status,
        StatusCode::BAD_REQUEST,
        "advanced: needs eventual"
    );
    let odd = send(
        &app,
        eventual(&format!(
            "/beta/groups/{PILOTS}/transitiveMembers/microsoft.graph.user?$filter=startswith(displayName,%27a%27)"
        )),
    )
    .await;
    assert_eq!(odd.status, StatusCode::BAD_REQUEST, "{}", odd.text);
    assert!(
        odd.text.contains("Request_UnsupportedQuery"),
        "{}",
        odd.text
    );
}
