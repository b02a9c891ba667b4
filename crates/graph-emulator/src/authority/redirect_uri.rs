//! Matching a redirect URI against the registered ones, as Entra does: exact, except that the
//! port of an `http://localhost` or `http://127.0.0.1` URI is ignored, and a URI without a
//! path stands for one ending in `/`.

use crate::config::SignInConfig;

/// Whether `uri` may receive codes.
pub fn is_registered(config: &SignInConfig, uri: &str) -> bool {
    if config.redirect_uris.is_empty() {
        return loopback_without_port(uri).is_some();
    }
    let given = comparable(uri);
    config
        .redirect_uris
        .iter()
        .any(|registered| comparable(registered) == given)
}

/// The URI as compared: loopback URIs without their port, others with a path of at least `/`.
fn comparable(uri: &str) -> String {
    loopback_without_port(uri).unwrap_or_else(|| with_path(uri))
}

fn with_path(uri: &str) -> String {
    match uri.split_once("://") {
        Some((_, rest)) if !rest.contains('/') => format!("{uri}/"),
        _ => uri.to_owned(),
    }
}

/// `http(s)://localhost/...` or `http(s)://127.0.0.1/...` with the port taken out; `None` for
/// any other URI, or one with a query or fragment (never allowed in a redirect URI).
fn loopback_without_port(uri: &str) -> Option<String> {
    if uri.contains(['#', '?']) {
        return None;
    }
    let (scheme, rest) = uri.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        Some(_) => return None,
        None => authority,
    };
    if host != "localhost" && host != "127.0.0.1" {
        return None;
    }
    let path = if path.is_empty() { "/" } else { path };
    Some(format!("{scheme}://{host}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_ports_are_ignored_and_the_rest_is_exact() {
        let any = SignInConfig::default();
        assert!(is_registered(&any, "http://127.0.0.1:8080/"));
        assert!(is_registered(&any, "http://localhost"));
        assert!(!is_registered(&any, "https://tools.contoso.com/"));
        assert!(!is_registered(&any, "http://127.0.0.1.evil.example/"));
        assert!(!is_registered(&any, "http://127.0.0.1:8080/?x=1"));
        let registered = SignInConfig {
            redirect_uris: vec![
                "http://localhost:3000/app".into(),
                "https://tools.contoso.com".into(),
            ],
            ..SignInConfig::default()
        };
        assert!(is_registered(&registered, "http://localhost:9999/app"));
        assert!(!is_registered(&registered, "http://localhost:9999/App"));
        assert!(is_registered(&registered, "https://tools.contoso.com/"));
        assert!(!is_registered(
            &registered,
            "https://tools.contoso.com:444/"
        ));
        assert!(!is_registered(&registered, "http://127.0.0.1:8080/"));
    }
}
