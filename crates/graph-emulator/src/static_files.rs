//! Serving the built playground (`--app-dir`) as a good static host would: the brotli or gzip
//! file the release build wrote beside each asset, chosen by `Accept-Encoding`; hashed file
//! names cached for a year as immutable, everything else revalidated (`no-cache`); a weak
//! `ETag` so that revalidation costs a 304; and security headers: `nosniff`,
//! `Referrer-Policy: no-referrer`, and those of the `_headers` file the release build writes
//! (the Content-Security-Policy with `frame-ancestors`, which a `<meta>` policy cannot carry).

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// How long a hashed file may be cached: a year, and it never changes under its name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For files whose name stays the same across builds (index.html): always revalidate.
pub const REVALIDATE: &str = "no-cache";

/// The headers file of static hosts (Netlify, Cloudflare Pages): `/*` then indented
/// `Name: value` lines.
pub const HEADERS_FILE: &str = "_headers";

/// A router that serves the files of `folder`.
pub fn static_files(folder: &Path) -> Router {
    let files = ServeDir::new(folder)
        .precompressed_br()
        .precompressed_gzip();
    let mut security = vec![
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
    ];
    let declared = std::fs::read_to_string(folder.join(HEADERS_FILE)).unwrap_or_default();
    security.extend(headers_for_every_path(&declared));
    Router::new()
        .fallback_service(files)
        .layer(from_fn(caching))
        .layer(from_fn(move |request: Request, next: Next| {
            let security = security.clone();
            async move {
                let mut response = next.run(request).await;
                for (name, value) in security {
                    response.headers_mut().insert(name, value);
                }
                response
            }
        }))
}

/// The headers a `_headers` file gives every path (`/*`); other blocks and unreadable lines
/// are left out.
pub fn headers_for_every_path(text: &str) -> Vec<(HeaderName, HeaderValue)> {
    let mut every_path = false;
    let mut headers = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            every_path = line.trim() == "/*";
            continue;
        }
        let Some((name, value)) = line.trim().split_once(':') else {
            continue;
        };
        if let (true, Ok(name), Ok(value)) = (
            every_path,
            HeaderName::try_from(name.trim()),
            HeaderValue::from_str(value.trim()),
        ) {
            headers.push((name, value));
        }
    }
    headers
}

/// True for a name that Trunk gave a content hash, such as `app-0123456789abcdef_bg.wasm`.
/// Trunk writes the 64-bit hash in hex without leading zeros: 16 digits, fewer one time in 16.
/// A name part of 12 to 16 hex digits counts (fewer than 12 happens one time in a million, and
/// the words of the names are not hex).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split(['-', '_', '.']).any(|part| {
        (12..=16).contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_hexdigit())
    })
}

/// The weak validator of an answer: its length, modification time and encoding.
fn entity_tag(headers: &HeaderMap) -> Option<String> {
    let length = headers.get(header::CONTENT_LENGTH)?.to_str().ok()?;
    let modified = headers.get(header::LAST_MODIFIED)?.to_str().ok()?;
    let modified = httpdate::parse_http_date(modified).ok()?;
    let seconds = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let encoding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("identity");
    Some(format!("W/\"{length}-{seconds:x}-{encoding}\""))
}

/// Adds `Cache-Control`, `ETag` and `Vary`, and answers 304 when `If-None-Match` matches.
async fn caching(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let mut response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if hashed { IMMUTABLE } else { REVALIDATE }),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let Some(tag) = entity_tag(headers).and_then(|tag| HeaderValue::from_str(&tag).ok()) else {
        return response;
    };
    let matches = if_none_match.is_some_and(|given| {
        given
            .to_str()
            .is_ok_and(|given| given.split(',').any(|one| one.trim() == tag))
    });
    if matches {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::CACHE_CONTROL, header::VARY] {
            if let Some(value) = response.headers().get(&name) {
                not_modified.headers_mut().insert(name, value.clone());
            }
        }
        not_modified.headers_mut().insert(header::ETAG, tag);
        return not_modified;
    }
    response.headers_mut().insert(header::ETAG, tag);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headers_file_gives_its_every_path_block() {
        let text = "# security\n/*\n  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\n  X-Frame-Options: DENY\n  not a header line\n/static/*\n  Cache-Control: public\n";
        let headers = headers_for_every_path(text);
        let names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["content-security-policy", "x-frame-options"]);
        assert_eq!(headers[0].1, "default-src 'none'; frame-ancestors 'none'");
        assert!(headers_for_every_path("").is_empty());
    }

    #[test]
    fn hashed_names_are_the_ones_trunk_writes() {
        assert!(is_hashed("/assignment-playground-b71b431dd8c31857_bg.wasm"));
        assert!(is_hashed("/assignment-playground-b71b431dd8c31857.js"));
        assert!(is_hashed("/style-f66b1dc1d8860dd4.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/"));
        assert!(!is_hashed("/favicon.ico"));
        assert!(
            is_hashed("/assignment-playground-858c36081948116_bg.wasm"),
            "a hash with a leading zero has 15 digits"
        );
        assert!(!is_hashed("/b71b431dd8c.wasm"), "11 digits");
        assert!(!is_hashed("/b71b431dd8c318570.wasm"), "17 digits");
    }
}
