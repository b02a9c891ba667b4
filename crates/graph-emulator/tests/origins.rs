//! Who may call: pages on this machine by default, others only through --allow-origin.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{assignment_path, emulator, send};
use graph_emulator::EmulatorConfig;
use graph_emulator::origins::AllowedOrigins;

fn from_origin(method: &str, origin: &str, extra: &[(&str, &str)]) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(assignment_path())
        .header("origin", origin)
        .header("authorization", "Bearer t");
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    builder.body(Body::empty()).unwrap()
}

const PREFLIGHT: [(&str, &str); 2] = [
    ("access-control-request-method", "PATCH"),
    (
        "access-control-request-headers",
        "authorization,content-type",
    ),
];

#[tokio::test]
async fn another_site_gets_403_naming_the_flag() {
    let app = emulator(EmulatorConfig::default());
    let read = send(&app, from_origin("GET", "https://attacker.example", &[])).await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    assert_eq!(read.error_code(), "Forbidden");
    assert!(
        read.text
            .contains("--allow-origin https://attacker.example"),
        "{}",
        read.text
    );
    assert_eq!(read.header("access-control-allow-origin"), None);
    assert!(read.json()["error"]["innerError"]["request-id"].is_string());
    let preflight = send(
        &app,
        from_origin("OPTIONS", "https://attacker.example", &PREFLIGHT),
    )
    .await;
    assert_eq!(preflight.status, StatusCode::FORBIDDEN);
    assert_eq!(preflight.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn pages_on_this_machine_and_clients_without_origin_are_answered() {
    let app = emulator(EmulatorConfig::default());
    let page = send(&app, from_origin("GET", "http://localhost:5173", &[])).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let request = Request::get(assignment_path())
        .header("authorization", "Bearer t")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::OK);
}

#[tokio::test]
async fn private_network_access_preflights_are_answered_for_allowed_origins() {
    let app = emulator(EmulatorConfig::default());
    let mut headers = PREFLIGHT.to_vec();
    headers.push(("access-control-request-private-network", "true"));
    let allowed = send(
        &app,
        from_origin("OPTIONS", "http://127.0.0.1:8080", &headers),
    )
    .await;
    assert!(allowed.status.is_success());
    assert_eq!(
        allowed.header("access-control-allow-private-network"),
        Some("true")
    );
    let refused = send(
        &app,
        from_origin("OPTIONS", "https://attacker.example", &headers),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.header("access-control-allow-private-network"), None);
}

#[tokio::test]
async fn allow_origin_widens_to_one_site_or_all() {
    let one = emulator(EmulatorConfig {
        allowed_origins: AllowedOrigins::with_rules(vec![
            "https://playground.example".parse().unwrap(),
        ]),
        ..EmulatorConfig::default()
    });
    let answer = send(&one, from_origin("GET", "https://playground.example", &[])).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.header("access-control-allow-origin"),
        Some("https://playground.example")
    );
    let other = send(&one, from_origin("GET", "https://other.example", &[])).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);

    let all = emulator(EmulatorConfig {
        allowed_origins: AllowedOrigins::with_rules(vec!["*".parse().unwrap()]),
        ..EmulatorConfig::default()
    });
    let answer = send(&all, from_origin("GET", "https://other.example", &[])).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header("access-control-allow-origin"), Some("*"));
}
