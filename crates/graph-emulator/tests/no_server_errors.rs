//! Whatever a client sends, from whatever page, the emulator answers with a client error or
//! success, never a 500.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use graph_emulator::EmulatorConfig;
use proptest::prelude::*;

fn method() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("GET"),
        Just("POST"),
        Just("PATCH"),
        Just("PUT"),
        Just("DELETE"),
        Just("OPTIONS"),
        Just("HEAD"),
    ]
}

fn path() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        Just(CONFIGURATION.to_owned()),
        Just(ASSIGNMENT.to_owned()),
        Just("assignments".to_owned()),
        Just("assign".to_owned()),
        Just("$batch".to_owned()),
        Just("%FF%FE".to_owned()),
        Just("%2F..%2F".to_owned()),
        "[a-zA-Z0-9_%.~-]{0,12}",
    ];
    (
        prop_oneof![Just("/beta"), Just("/v1.0"), Just("")],
        prop_oneof![
            Just("/deviceAppManagement/iosLobAppProvisioningConfigurations"),
            Just(""),
        ],
        proptest::collection::vec(segment, 0..4),
        prop_oneof![
            Just(""),
            Just("?$top=x"),
            Just("?$select=a,b"),
            Just("?$top=1")
        ],
    )
        .prop_map(|(version, collection, segments, query)| {
            let mut path = format!("{version}{collection}");
            for segment in segments {
                path.push('/');
                path.push_str(&segment);
            }
            if path.is_empty() {
                path.push('/');
            }
            path + query
        })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(group_body(GROUP).into_bytes()),
        Just(br#"{"requests":[{"id":"1","method":"GET","url":"/x"}]}"#.to_vec()),
        Just(br#"{"iOSLobAppProvisioningConfigAssignments":[{"target":{}}]}"#.to_vec()),
        "\\PC{0,80}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..64),
    ]
}

fn origin() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some("http://127.0.0.1:8080".to_owned())),
        Just(Some("https://attacker.example".to_owned())),
        Just(Some("null".to_owned())),
        "[ -~]{0,40}".prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_request_earns_a_500(
        method in method(),
        path in path(),
        body in body(),
        content_type in prop_oneof![Just("application/json"), Just("text/plain"), Just("")],
        authorised in any::<bool>(),
        origin in origin(),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let status = runtime.block_on(async {
            let app = emulator(EmulatorConfig::default());
            let mut request = Request::builder().method(method).uri(&path);
            if authorised {
                request = request.header("authorization", "Bearer fuzz");
            }
            if !content_type.is_empty() {
                request = request.header("content-type", content_type);
            }
            if let Some(origin) = &origin {
                request = request.header("origin", origin.as_str());
            }
            send(&app, request.body(Body::from(body)).unwrap()).await.status
        });
        prop_assert!(status.as_u16() < 500, "{method} {path} answered {status}");
    }
}
