//! The `--app-dir` server: precompressed files by `Accept-Encoding`, caching by name, `ETag`s.

mod common;

use std::fs;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::send;
use graph_emulator::static_files::{IMMUTABLE, REVALIDATE, static_files};

const WASM: &str = "/app-0123456789abcdef_bg.wasm";

/// A built app: a hashed wasm file with its brotli and gzip forms, and an index.html.
fn built_app() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let wasm = folder.path().join(WASM.trim_start_matches('/'));
    fs::write(&wasm, b"plain wasm bytes").unwrap();
    fs::write(wasm.with_extension("wasm.br"), b"brotli form").unwrap();
    fs::write(wasm.with_extension("wasm.gz"), b"gzip form").unwrap();
    fs::write(folder.path().join("index.html"), b"<!doctype html>").unwrap();
    fs::write(
        folder.path().join("_headers"),
        "/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\n",
    )
    .unwrap();
    folder
}

fn get(path: &str, headers: &[(header::HeaderName, &str)]) -> Request<Body> {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn the_encoding_the_browser_accepts_is_sent() {
    let folder = built_app();
    let files = static_files(folder.path());
    let brotli = send(
        &files,
        get(
            WASM,
            &[(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd")],
        ),
    )
    .await;
    assert_eq!(brotli.status, StatusCode::OK);
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert_eq!(brotli.text, "brotli form");
    assert_eq!(brotli.header("content-type"), Some("application/wasm"));
    assert_eq!(brotli.header("vary"), Some("Accept-Encoding"));

    let gzip = send(&files, get(WASM, &[(header::ACCEPT_ENCODING, "gzip")])).await;
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    assert_eq!(gzip.text, "gzip form");

    let plain = send(&files, get(WASM, &[])).await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.text, "plain wasm bytes");
    assert_ne!(
        plain.header("etag"),
        brotli.header("etag"),
        "one tag per encoding"
    );
}

#[tokio::test]
async fn hashed_files_are_immutable_and_index_html_is_revalidated() {
    let folder = built_app();
    let files = static_files(folder.path());
    let wasm = send(&files, get(WASM, &[])).await;
    assert_eq!(wasm.header("cache-control"), Some(IMMUTABLE));
    let index = send(&files, get("/", &[])).await;
    assert_eq!(index.status, StatusCode::OK);
    assert_eq!(index.header("cache-control"), Some(REVALIDATE));
    let missing = send(&files, get("/nope-0123456789abcdef.js", &[])).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.header("cache-control"), None);
}

#[tokio::test]
async fn a_matching_etag_is_answered_with_304() {
    let folder = built_app();
    let files = static_files(folder.path());
    let first = send(&files, get("/index.html", &[])).await;
    let tag = first.header("etag").expect("an ETag").to_owned();
    assert!(tag.starts_with("W/\""), "{tag}");
    let again = send(&files, get("/index.html", &[(header::IF_NONE_MATCH, &tag)])).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.text, "");
    assert_eq!(again.header("etag"), Some(tag.as_str()));
    let other = send(
        &files,
        get("/index.html", &[(header::IF_NONE_MATCH, "W/\"other\"")]),
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn security_headers_come_with_every_file() {
    let folder = built_app();
    let files = static_files(folder.path());
    for path in ["/", WASM] {
        let answer = send(&files, get(path, &[])).await;
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(
            answer.header("content-security-policy"),
            Some("default-src 'self'; frame-ancestors 'none'")
        );
    }
    let bare = tempfile::tempdir().unwrap();
    fs::write(bare.path().join("index.html"), b"<!doctype html>").unwrap();
    let answer = send(&static_files(bare.path()), get("/", &[])).await;
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(answer.header("content-security-policy"), None);
}
