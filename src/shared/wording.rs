//! Every sentence the page says about an answer or a failure, in one place. Pure: the view
//! calls these with the data the services and the state keep.

use crate::shared::comparison::{ComparisonFailure, Moment};
use crate::shared::error::{AppError, HttpFailure, Refusal};
use crate::shared::response::{Outcome, ResponseView, reason_phrase};
use crate::shared::retry::MAX_RETRIES;

/// A status line, such as `204 No Content`.
pub fn status_line(status: u16) -> String {
    format!("{status} {}", reason_phrase(status))
        .trim_end()
        .to_owned()
}

/// The first words of the response region.
pub fn headline(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Response(view) => status_line(view.status),
        Outcome::NoResponse(AppError::Network { .. }) => "No response: network error".to_owned(),
        Outcome::NoResponse(AppError::TimedOut { seconds }) => {
            format!("No response within {seconds} s: timed out")
        }
        Outcome::NoResponse(AppError::Cancelled) => "Cancelled: the request was aborted".to_owned(),
        Outcome::NoResponse(other) => format!("Not sent: {}", error(other)),
    }
}

/// The usual causes of a network failure: on this machine the emulator, elsewhere the way to
/// the cloud.
fn network_cause(url: &str) -> &'static str {
    let host = url.split("://").nth(1).unwrap_or(url);
    if host.starts_with("127.0.0.1") || host.starts_with("localhost") {
        "Usually the emulator is not running at that address, or it did not allow this page's origin (CORS)."
    } else {
        "Usually there is no connection, a proxy or captive portal answered instead of Graph (which then looks like a CORS refusal), or a firewall, browser extension or company policy blocks the Graph host."
    }
}

/// Advice for an attempt that got no response.
pub fn advice(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::NoResponse(AppError::Network { url, .. }) => Some(format!(
            "The browser could not complete the request to {url}. {} The browser hides which: its developer console has the detail.",
            network_cause(url)
        )),
        Outcome::NoResponse(AppError::TimedOut { .. }) => Some("The server did not answer in time. The change may or may not have been applied: re-read the assignment before sending again.".to_owned()),
        Outcome::NoResponse(AppError::Cancelled) => Some("The request was cancelled. If it had reached the server the change may have been applied: re-read the assignment.".to_owned()),
        _ => None,
    }
}

/// What is said when Intune answers that it does not serve the route at all (the worker says it;
/// the page's own advice for 400 and 405 points to it).
pub const ROUTE_NOT_SERVED: &str = "Intune does not serve this route here: Graph documents it, but the service answered that no route matches, so nothing was changed. Use Send as the whole set (/assign) in the Assignment set instead.";

/// What a response's status means for this request, and what to do about it.
pub fn meaning(view: &ResponseView) -> String {
    match view.status {
        200 => "Success: Graph applied the change and returned the updated assignment.".to_owned(),
        204 => "Success: Graph applied the change and sent no body. Re-read the assignment to see it.".to_owned(),
        status if (200..300).contains(&status) => "Success.".to_owned(),
        429 => match view.header("Retry-After") {
            Some(wait) => format!("Throttled: Intune allows about 100 writes per 20 seconds per app. Wait {wait} seconds (Retry-After) before sending again."),
            None => "Throttled: Intune allows about 100 writes per 20 seconds per app. The Retry-After header is not readable here (CORS may hide it): wait a few seconds, then longer each time.".to_owned(),
        },
        500..=599 => match view.header("Retry-After") {
            Some(wait) => format!("A server-side failure, usually passing. Retry after {wait} seconds (Retry-After); PATCH is safe to repeat."),
            None => "A server-side failure, usually passing. Retry in a few seconds; PATCH is safe to repeat.".to_owned(),
        },
        status => status_advice(status).to_owned(),
    }
}

/// The usual cause of a client error status.
fn status_advice(status: u16) -> &'static str {
    match status {
        400 => {
            "Graph refused the request: the body, an id or the API version is wrong. The message says which; v1.0 does not have this entity."
        }
        401 => {
            "The token is missing, expired or not for this cloud. Sign in again, or get a fresh one with DeviceManagementApps.ReadWrite.All (Graph Explorer after consenting to it, or Microsoft Graph PowerShell's Connect-MgGraph -Scopes DeviceManagementApps.ReadWrite.All) and paste it again."
        }
        403 => {
            "The token is valid but lacks permission: it needs DeviceManagementApps.ReadWrite.All (with admin consent), and a delegated user also needs an Intune role that can assign apps."
        }
        404 => {
            "The configuration or assignment id does not exist in this tenant. Pick them from the lists to be sure."
        }
        405 => "This method is not allowed on this URL.",
        413 => "The body is too large.",
        415 => "The body was not sent as application/json.",
        _ => "An unexpected status: see the body.",
    }
}

/// One line for a failed read (lists, Load current, before/after).
pub fn error(error: &AppError) -> String {
    match error {
        AppError::Network { url, .. } => format!("No response from {url}. {}", network_cause(url)),
        AppError::Offline => "this browser is offline (no network), so nothing was sent. Send again once it is back online.".to_owned(),
        AppError::Cancelled => "Cancelled before an answer arrived.".to_owned(),
        AppError::TimedOut { seconds } => format!("No answer within {seconds} s: timed out."),
        AppError::Http(failure) => http_failure(failure),
        AppError::Unreadable { url, detail } => {
            format!("The answer from {url} could not be read: {detail}.")
        }
        AppError::Refused(refusal) => refused(refusal),
    }
}

fn http_failure(failure: &HttpFailure) -> String {
    let mut line = status_line(failure.status);
    match (&failure.code, &failure.message) {
        (Some(code), Some(message)) => line.push_str(&format!(" {code}: {message}")),
        (Some(code), None) => line.push_str(&format!(" {code}")),
        _ => {}
    }
    if (400..500).contains(&failure.status) || failure.code.is_none() {
        line.push_str(&format!(". {}", status_advice_or_retry(failure.status)));
    }
    line
}

fn status_advice_or_retry(status: u16) -> &'static str {
    match status {
        429 | 503 | 504 => "Try again in a few seconds.",
        500..=599 => "A server-side failure, usually passing.",
        status => status_advice(status),
    }
}

fn refused(refusal: &Refusal) -> String {
    match refusal {
        Refusal::NoToken => "Paste an access token first.".to_owned(),
        Refusal::InvalidField(message) => message.clone(),
        Refusal::ForeignLink { link, root } => format!(
            "The list continues at {link}, which is not on {root}: the token is not sent there."
        ),
        Refusal::TooManyPages { limit } => {
            format!("The list has more than {limit} pages; showing none rather than part of it.")
        }
        Refusal::NoBrowserSupport(what) => format!("This browser cannot send it: {what}."),
    }
}

/// Why there is no before/after comparison.
pub fn comparison_failure(failure: &ComparisonFailure) -> String {
    let moment = match failure.moment {
        Moment::Before => "before",
        Moment::After => "after",
    };
    format!(
        "Reading the assignment {moment} the write failed: {}",
        error(&failure.error)
    )
}

/// How an automatic retry is described while it waits.
pub fn automatic_retry(retry: u32, seconds_left: u64, source: &str) -> String {
    format!("Retry {retry} of {MAX_RETRIES} in {seconds_left} s ({source}).")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(status: u16, code: Option<&str>) -> AppError {
        AppError::Http(HttpFailure {
            status,
            code: code.map(str::to_owned),
            message: code.map(|_| "No such assignment".to_owned()),
            request_id: Some("r-1".into()),
            client_request_id: None,
        })
    }

    #[test]
    fn statuses_are_explained_by_their_usual_cause() {
        let meaning_of = |status| meaning(&ResponseView::new(status, vec![], "", 0.0));
        assert!(meaning_of(204).contains("Re-read the assignment"));
        assert!(meaning_of(401).starts_with("The token is missing, expired"));
        assert!(meaning_of(403).contains("DeviceManagementApps.ReadWrite.All"));
        assert!(meaning_of(404).starts_with("The configuration or assignment id does not exist"));
        assert_eq!(meaning_of(418), "An unexpected status: see the body.");
        assert_eq!(status_line(299), "299");
    }

    #[test]
    fn throttling_uses_retry_after_when_readable() {
        let told = ResponseView::new(429, vec![("retry-after".into(), "7".into())], "{}", 1.0);
        assert!(meaning(&told).contains("Wait 7 seconds (Retry-After)"));
        let hidden = ResponseView::new(429, vec![], "{}", 1.0);
        assert!(meaning(&hidden).contains("not readable here"));
    }

    #[test]
    fn failed_reads_keep_status_code_and_advice() {
        assert_eq!(
            error(&failure(404, Some("ResourceNotFound"))),
            "404 Not Found ResourceNotFound: No such assignment. The configuration or assignment id does not exist in this tenant. Pick them from the lists to be sure."
        );
        assert_eq!(
            error(&failure(502, None)),
            "502 Bad Gateway. A server-side failure, usually passing."
        );
        assert_eq!(
            error(&AppError::Refused(Refusal::NoToken)),
            "Paste an access token first."
        );
        let foreign = AppError::Refused(Refusal::ForeignLink {
            link: "https://evil.example/next".into(),
            root: "https://graph.microsoft.com".into(),
        });
        assert!(error(&foreign).contains("the token is not sent there"));
    }

    #[test]
    fn attempts_without_a_response_say_why() {
        let network = Outcome::NoResponse(AppError::Network {
            url: "http://127.0.0.1:9".into(),
            detail: "TypeError: Failed to fetch".into(),
        });
        assert_eq!(headline(&network), "No response: network error");
        assert!(
            advice(&network)
                .unwrap()
                .contains("emulator is not running")
        );
        let cloud = Outcome::NoResponse(AppError::Network {
            url: "https://graph.microsoft.us/beta/x".into(),
            detail: "TypeError: Failed to fetch".into(),
        });
        let said = advice(&cloud).unwrap();
        assert!(
            said.contains("proxy") && !said.contains("emulator"),
            "{said}"
        );
        let timed_out = Outcome::NoResponse(AppError::TimedOut { seconds: 30 });
        assert_eq!(headline(&timed_out), "No response within 30 s: timed out");
        assert_eq!(
            advice(&Outcome::Response(ResponseView::new(204, vec![], "", 0.0))),
            None
        );
        assert_eq!(
            automatic_retry(2, 5, "from Retry-After"),
            "Retry 2 of 3 in 5 s (from Retry-After)."
        );
    }
}
