//! The sign-in authority through the router: the authorize page and its errors, code
//! redemption with PKCE, refresh rotation, and the Graph endpoints' checks of minted tokens.

mod common;

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use graph_emulator::EmulatorConfig;
use graph_emulator::config::SignInConfig;
use graph_model::signin::authority::form_encode;
use graph_model::signin::pkce::Verifier;

const CLIENT: &str = "11111111-2222-3333-4444-555555555555";
const REDIRECT: &str = "http://127.0.0.1:8080/";
const ORIGIN: &str = "http://127.0.0.1:8080";
const ADMIN: &str = "adele.vance@contoso.onmicrosoft.com";
const NO_PERMISSION: &str = "megan.bowen@contoso.onmicrosoft.com";
const SCOPE: &str =
    "http://127.0.0.1:8787/DeviceManagementApps.ReadWrite.All offline_access openid profile";
/// Parameters to change in the authorize request (an empty value leaves one out).
type Changes<'a> = Vec<(&'a str, &'a str)>;

const AUTHORIZE: &str = "/organizations/oauth2/v2.0/authorize";
const TOKEN: &str = "/organizations/oauth2/v2.0/token";

fn verifier() -> Verifier {
    Verifier::from_random(&[9; 32])
}

fn authorize_parameters<'a>(
    challenge: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut parameters = vec![
        ("client_id", CLIENT),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("scope", SCOPE),
        ("state", "the-state"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    for (name, value) in extra {
        parameters.retain(|(existing, _)| existing != name);
        if !value.is_empty() {
            parameters.push((name, value));
        }
    }
    parameters
}

fn get(path: &str) -> Request<Body> {
    Request::builder().uri(path).body(Body::empty()).unwrap()
}

fn form_post(path: &str, form: &str, origin: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder()
        .method("POST")
        .uri(path)
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(origin) = origin {
        builder = builder.header("origin", origin);
    }
    builder.body(Body::from(form.to_owned())).unwrap()
}

/// The query parameters of the redirect that `answer` sends the browser to.
fn sent_back(answer: &Answer) -> Vec<(String, String)> {
    assert!(
        answer.status.is_redirection(),
        "{}: {}",
        answer.status,
        answer.text
    );
    let location = answer.header("location").unwrap();
    let query = location
        .strip_prefix(REDIRECT)
        .and_then(|rest| rest.strip_prefix(['?', '#']))
        .unwrap_or_else(|| panic!("{location}"));
    query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            let value = percent_encoding::percent_decode_str(value)
                .decode_utf8()
                .unwrap()
                .into_owned();
            (name.to_owned(), value)
        })
        .collect()
}

fn parameter<'a>(parameters: &'a [(String, String)], name: &str) -> Option<&'a str> {
    parameters
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Signs in as `user` and returns the code.
async fn sign_in(app: &Router, user: &str) -> String {
    let challenge = verifier().challenge();
    let mut form = authorize_parameters(&challenge, &[]);
    form.push(("user", user));
    form.push(("decision", "sign_in"));
    let answer = send(app, form_post(AUTHORIZE, &form_encode(&form), None)).await;
    let back = sent_back(&answer);
    assert_eq!(parameter(&back, "state"), Some("the-state"));
    parameter(&back, "code").unwrap().to_owned()
}

async fn redeem(app: &Router, code: &str, verifier: &str, redirect: &str) -> Answer {
    let form = form_encode(&[
        ("client_id", CLIENT),
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect),
        ("code_verifier", verifier),
        ("scope", SCOPE),
    ]);
    send(app, form_post(TOKEN, &form, Some(ORIGIN))).await
}

fn aadsts(answer: &Answer) -> u64 {
    let body = answer.json();
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .starts_with(&format!("AADSTS{}:", body["error_codes"][0])),
        "{body}"
    );
    for field in ["timestamp", "trace_id", "correlation_id"] {
        assert!(body[field].is_string(), "{field} in {body}");
    }
    body["error_codes"][0].as_u64().unwrap()
}

fn bearer(method: &str, path: &str, token: &str, body: Option<String>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, Body::from))
        .unwrap()
}

#[tokio::test]
async fn the_page_lists_users_and_keeps_the_request() {
    let app = emulator(EmulatorConfig::default());
    let challenge = verifier().challenge();
    let hostile = "\"><script>alert(1)</script>";
    let query = form_encode(&authorize_parameters(&challenge, &[("state", hostile)]));
    let answer = send(&app, get(&format!("{AUTHORIZE}?{query}"))).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer.text.contains("value=\"&quot;&gt;&lt;script&gt;"),
        "{}",
        answer.text
    );
    assert!(answer.text.contains(ADMIN) && answer.text.contains(NO_PERMISSION));
    assert!(answer.text.contains(&format!("value=\"{challenge}\"")));
    assert!(!answer.text.contains("<script"));
    assert!(
        answer
            .header("content-security-policy")
            .unwrap()
            .contains("default-src 'none'")
    );
}

#[tokio::test]
async fn errors_the_redirect_uri_cannot_be_trusted_with_are_shown_on_the_page() {
    let app = emulator(EmulatorConfig {
        signin: SignInConfig {
            client_ids: vec![CLIENT.into()],
            ..SignInConfig::default()
        },
        ..EmulatorConfig::default()
    });
    let challenge = verifier().challenge();
    let cases: [(&str, Changes, &str); 4] = [
        (
            AUTHORIZE,
            vec![("redirect_uri", "https://evil.example/")],
            "AADSTS50011",
        ),
        (
            AUTHORIZE,
            vec![("client_id", "99999999-2222-3333-4444-555555555555")],
            "AADSTS700016",
        ),
        (AUTHORIZE, vec![("client_id", "")], "AADSTS900144"),
        (
            "/fabrikam.example/oauth2/v2.0/authorize",
            vec![],
            "AADSTS90002",
        ),
    ];
    for (path, extra, code) in cases {
        let query = form_encode(&authorize_parameters(&challenge, &extra));
        let answer = send(&app, get(&format!("{path}?{query}"))).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{code}");
        assert!(answer.text.contains(code), "{code}: {}", answer.text);
        assert!(answer.header("location").is_none());
    }
}

#[tokio::test]
async fn other_errors_go_back_to_the_app_with_the_state() {
    let app = emulator(EmulatorConfig::default());
    let challenge = verifier().challenge();
    let cases: [(Changes, &str, &str); 5] = [
        (
            vec![("response_type", "token")],
            "unsupported_response_type",
            "AADSTS70005",
        ),
        (
            vec![("code_challenge", "")],
            "invalid_request",
            "AADSTS9002325",
        ),
        (
            vec![("code_challenge_method", "plain")],
            "invalid_request",
            "AADSTS9002313",
        ),
        (
            vec![("response_mode", "form_post")],
            "invalid_request",
            "AADSTS9002313",
        ),
        (vec![("scope", "")], "invalid_request", "AADSTS900144"),
    ];
    for (extra, error, code) in cases {
        let query = form_encode(&authorize_parameters(&challenge, &extra));
        let back = sent_back(&send(&app, get(&format!("{AUTHORIZE}?{query}"))).await);
        assert_eq!(parameter(&back, "error"), Some(error), "{code}");
        assert!(
            parameter(&back, "error_description")
                .unwrap()
                .starts_with(code)
        );
        assert_eq!(parameter(&back, "state"), Some("the-state"));
    }
    let mut form = authorize_parameters(&challenge, &[]);
    form.push(("decision", "cancel"));
    let back = sent_back(&send(&app, form_post(AUTHORIZE, &form_encode(&form), None)).await);
    assert_eq!(parameter(&back, "error"), Some("access_denied"));
    assert!(parameter(&back, "code").is_none());
}

#[tokio::test]
async fn a_code_redeems_once_with_its_verifier_and_the_token_works_at_graph() {
    let app = emulator(EmulatorConfig::default());
    let code = sign_in(&app, ADMIN).await;
    let answer = redeem(&app, &code, verifier().as_str(), REDIRECT).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(answer.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    let tokens = answer.json();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    assert!(tokens["id_token"].is_string() && tokens["refresh_token"].is_string());
    let access = tokens["access_token"].as_str().unwrap();

    let patched = send(
        &app,
        bearer("PATCH", &assignment_path(), access, Some(group_body(GROUP))),
    )
    .await;
    assert_eq!(patched.status, StatusCode::NO_CONTENT, "{}", patched.text);

    let again = redeem(&app, &code, verifier().as_str(), REDIRECT).await;
    assert_eq!(again.json()["error"], "invalid_grant");
    assert_eq!(aadsts(&again), 54005);
}

#[tokio::test]
async fn redemption_errors() {
    let app = emulator(EmulatorConfig::default());
    let code = sign_in(&app, ADMIN).await;
    let wrong = Verifier::from_random(&[1; 32]);
    let mismatch = redeem(&app, &code, wrong.as_str(), REDIRECT).await;
    assert_eq!(mismatch.json()["error"], "invalid_grant");
    assert_eq!(aadsts(&mismatch), 501481);
    assert_eq!(
        aadsts(&redeem(&app, &code, verifier().as_str(), REDIRECT).await),
        54005,
        "a failed redemption spends the code"
    );

    let code = sign_in(&app, ADMIN).await;
    let elsewhere = redeem(&app, &code, verifier().as_str(), "http://localhost:8080/").await;
    assert_eq!(aadsts(&elsewhere), 500112);

    assert_eq!(
        aadsts(&redeem(&app, "made-up", verifier().as_str(), REDIRECT).await),
        9002313
    );

    let code = sign_in(&app, ADMIN).await;
    let form = form_encode(&[
        ("client_id", CLIENT),
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier().as_str()),
    ]);
    let no_origin = send(&app, form_post(TOKEN, &form, None)).await;
    assert_eq!(no_origin.status, StatusCode::BAD_REQUEST);
    assert_eq!(aadsts(&no_origin), 9002327);
    let unknown_grant = send(
        &app,
        form_post(TOKEN, "client_id=x&grant_type=password", Some(ORIGIN)),
    )
    .await;
    assert_eq!(unknown_grant.json()["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn refresh_tokens_rotate() {
    let app = emulator(EmulatorConfig::default());
    let code = sign_in(&app, ADMIN).await;
    let first = redeem(&app, &code, verifier().as_str(), REDIRECT)
        .await
        .json();
    let refresh = |token: String| {
        let app = app.clone();
        async move {
            let form = form_encode(&[
                ("client_id", CLIENT),
                ("grant_type", "refresh_token"),
                ("refresh_token", &token),
                ("scope", SCOPE),
            ]);
            send(&app, form_post(TOKEN, &form, Some(ORIGIN))).await
        }
    };
    let old = first["refresh_token"].as_str().unwrap().to_owned();
    let renewed = refresh(old.clone()).await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.text);
    let new = renewed.json()["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(new, old);
    let reused = refresh(old).await;
    assert_eq!(reused.json()["error"], "invalid_grant");
    assert_eq!(refresh(new).await.status, StatusCode::OK);
}

#[tokio::test]
async fn graph_checks_expiry_and_scope_of_minted_tokens() {
    let app = emulator(EmulatorConfig {
        signin: SignInConfig {
            token_lifetime: Duration::from_secs(1),
            ..SignInConfig::default()
        },
        ..EmulatorConfig::default()
    });
    let code = sign_in(&app, NO_PERMISSION).await;
    let tokens = redeem(&app, &code, verifier().as_str(), REDIRECT)
        .await
        .json();
    let access = tokens["access_token"].as_str().unwrap();
    let read = send(&app, bearer("GET", CONFIGURATIONS, access, None)).await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    assert_eq!(read.error_code(), "Forbidden");
    assert!(
        read.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("DeviceManagementApps.ReadWrite.All")
    );

    let batch = format!(
        r#"{{"requests":[{{"id":"1","method":"GET","url":"/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}"}}]}}"#
    );
    let batched = send(&app, bearer("POST", "/beta/$batch", access, Some(batch))).await;
    assert_eq!(batched.status, StatusCode::OK);
    assert_eq!(
        batched.json()["responses"][0]["status"],
        403,
        "inner requests are checked too"
    );

    let mut tampered = access.to_owned();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let forged = send(&app, bearer("GET", CONFIGURATIONS, &tampered, None)).await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);

    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let expired = loop {
        let answer = send(&app, bearer("GET", CONFIGURATIONS, access, None)).await;
        if answer.status != StatusCode::FORBIDDEN || tokio::time::Instant::now() > deadline {
            break answer;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert_eq!(expired.error_code(), "InvalidAuthenticationToken");
    assert!(
        expired
            .text
            .contains("Lifetime validation failed, the token is expired.")
    );

    let opaque = send(&app, request("GET", CONFIGURATIONS)).await;
    assert_eq!(
        opaque.status,
        StatusCode::OK,
        "pasted opaque tokens still work"
    );
}

#[tokio::test]
async fn name_lookups_need_their_own_permissions() {
    let app = emulator(EmulatorConfig::default());
    let code = sign_in(&app, ADMIN).await;
    let tokens = redeem(&app, &code, verifier().as_str(), REDIRECT)
        .await
        .json();
    let intune_only = tokens["access_token"].as_str().unwrap();
    let groups = send(&app, bearer("GET", "/beta/groups", intune_only, None)).await;
    assert_eq!(groups.status, StatusCode::FORBIDDEN);
    assert!(groups.text.contains("Group.Read.All"), "{}", groups.text);
    let filters = send(
        &app,
        bearer(
            "GET",
            "/beta/deviceManagement/assignmentFilters",
            intune_only,
            None,
        ),
    )
    .await;
    assert_eq!(filters.status, StatusCode::FORBIDDEN);
    assert!(
        filters
            .text
            .contains("DeviceManagementConfiguration.Read.All")
    );
}
