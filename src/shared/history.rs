//! The history of sent requests: at most the last 100, newest first, never with the token; and
//! its export to and import from HAR 1.2.

use graph_model::{AssignmentsPlace, ConfigurationLocation, HttpRequest, ServiceRoot};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::shared::draft::{Draft, Environment};
use crate::shared::response::{Outcome, reason_phrase};
use crate::shared::wording;

/// How many entries are kept.
pub const MAX_ENTRIES: usize = 100;

/// One sent request and what came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// A unique id (the request's `client-request-id` when it had one).
    pub id: String,
    /// When it was sent, ISO 8601.
    pub started: String,
    /// The method.
    pub method: String,
    /// The URL.
    pub url: String,
    /// Request headers, without `Authorization`.
    pub request_headers: Vec<(String, String)>,
    /// The request body.
    pub request_body: String,
    /// The status, when a response arrived.
    pub status: Option<u16>,
    /// The outcome's first words, such as `204 No Content` or `No response: network error`.
    pub summary: String,
    /// Milliseconds taken.
    pub elapsed_ms: u64,
    /// Response body size in bytes.
    pub size: usize,
    /// The `request-id` the service gave.
    pub request_id: Option<String>,
    /// Response headers the page could read.
    pub response_headers: Vec<(String, String)>,
    /// The response body.
    pub response_body: String,
    /// The draft as it was, for replaying into the form.
    pub draft: Draft,
}

impl HistoryEntry {
    /// An entry for `request` (its token is dropped) and how it ended.
    pub fn new(
        id: String,
        started: String,
        request: &HttpRequest,
        outcome: &Outcome,
        draft: &Draft,
    ) -> Self {
        let request_headers = request
            .headers
            .iter()
            .filter(|(name, _)| !name.eq_ignore_ascii_case("Authorization"))
            .cloned()
            .collect();
        let (status, elapsed_ms, size, request_id, response_headers, response_body) = match outcome
        {
            Outcome::Response(view) => (
                Some(view.status),
                view.elapsed_ms.max(0.0).round() as u64,
                view.size,
                view.request_id(),
                view.headers.clone(),
                view.body.clone(),
            ),
            _ => (None, 0, 0, None, Vec::new(), String::new()),
        };
        HistoryEntry {
            id,
            started,
            method: request.method.to_owned(),
            url: request.url.clone(),
            request_headers,
            request_body: request.body.clone().unwrap_or_default(),
            status,
            summary: wording::headline(outcome),
            elapsed_ms,
            size,
            request_id,
            response_headers,
            response_body,
            draft: draft.clone(),
        }
    }
}

/// The most bytes of each body kept in storage, so that [`MAX_ENTRIES`] entries stay far below
/// the browser's storage quota (about 5 MB).
pub const STORED_BODY_BYTES: usize = 4096;

/// Marks a body that was cut for storage.
pub const TRIMMED_MARK: &str = "\n… (trimmed for storage)";

/// The history as it is stored: every entry whole but for its bodies, of which the first
/// [`STORED_BODY_BYTES`] bytes are kept (status, headers and request-id always are).
pub fn for_storage(history: &[HistoryEntry]) -> Vec<HistoryEntry> {
    let trim = |body: &str| {
        if body.len() <= STORED_BODY_BYTES {
            return body.to_owned();
        }
        let mut end = STORED_BODY_BYTES;
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}{TRIMMED_MARK}", &body[..end])
    };
    history
        .iter()
        .map(|entry| HistoryEntry {
            request_body: trim(&entry.request_body),
            response_body: trim(&entry.response_body),
            ..entry.clone()
        })
        .collect()
}

/// Adds an entry in front, keeping at most [`MAX_ENTRIES`].
pub fn record(history: &mut Vec<HistoryEntry>, entry: HistoryEntry) {
    history.insert(0, entry);
    history.truncate(MAX_ENTRIES);
}

/// HAR 1.2's shapes, as far as this history fills them.
mod har {
    use serde::Serialize;

    #[derive(Serialize)]
    pub struct Document<'a> {
        pub log: Log<'a>,
    }

    #[derive(Serialize)]
    pub struct Log<'a> {
        pub version: &'static str,
        pub creator: Creator,
        pub entries: Vec<Entry<'a>>,
    }

    #[derive(Serialize)]
    pub struct Creator {
        pub name: &'static str,
        pub version: &'static str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Entry<'a> {
        pub started_date_time: &'a str,
        pub time: u64,
        pub request: Request<'a>,
        pub response: Response<'a>,
        pub cache: Empty,
        pub timings: Timings,
        #[serde(rename = "_clientRequestId")]
        pub client_request_id: &'a str,
    }

    #[derive(Serialize)]
    pub struct Empty {}

    #[derive(Serialize)]
    pub struct Header<'a> {
        pub name: &'a str,
        pub value: &'a str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Request<'a> {
        pub method: &'a str,
        pub url: &'a str,
        pub http_version: &'static str,
        pub cookies: [Empty; 0],
        pub headers: Vec<Header<'a>>,
        pub query_string: [Empty; 0],
        pub post_data: Content<'a>,
        pub headers_size: i64,
        pub body_size: usize,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Content<'a> {
        pub mime_type: &'static str,
        pub text: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub size: Option<usize>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Response<'a> {
        pub status: u16,
        pub status_text: &'static str,
        pub http_version: &'static str,
        pub cookies: [Empty; 0],
        pub headers: Vec<Header<'a>>,
        pub content: Content<'a>,
        #[serde(rename = "redirectURL")]
        pub redirect_url: &'static str,
        pub headers_size: i64,
        pub body_size: usize,
        #[serde(rename = "_error", skip_serializing_if = "Option::is_none")]
        pub error: Option<&'a str>,
    }

    #[derive(Serialize)]
    pub struct Timings {
        pub send: u64,
        pub wait: u64,
        pub receive: u64,
    }
}

fn har_headers(headers: &[(String, String)]) -> Vec<har::Header<'_>> {
    headers
        .iter()
        .map(|(name, value)| har::Header { name, value })
        .collect()
}

/// The history as a HAR 1.2 document (newest first, as shown).
pub fn to_har(history: &[HistoryEntry]) -> String {
    let entries = history
        .iter()
        .map(|entry| {
            let status = entry.status.unwrap_or(0);
            har::Entry {
                started_date_time: &entry.started,
                time: entry.elapsed_ms,
                request: har::Request {
                    method: &entry.method,
                    url: &entry.url,
                    http_version: "HTTP/1.1",
                    cookies: [],
                    headers: har_headers(&entry.request_headers),
                    query_string: [],
                    post_data: har::Content {
                        mime_type: "application/json",
                        text: &entry.request_body,
                        size: None,
                    },
                    headers_size: -1,
                    body_size: entry.request_body.len(),
                },
                response: har::Response {
                    status,
                    status_text: if entry.status.is_some() {
                        reason_phrase(status)
                    } else {
                        ""
                    },
                    http_version: "HTTP/1.1",
                    cookies: [],
                    headers: har_headers(&entry.response_headers),
                    content: har::Content {
                        mime_type: "application/json",
                        text: &entry.response_body,
                        size: Some(entry.size),
                    },
                    redirect_url: "",
                    headers_size: -1,
                    body_size: entry.size,
                    error: entry.status.is_none().then_some(entry.summary.as_str()),
                },
                cache: har::Empty {},
                timings: har::Timings {
                    send: 0,
                    wait: entry.elapsed_ms,
                    receive: 0,
                },
                client_request_id: &entry.id,
            }
        })
        .collect();
    let document = har::Document {
        log: har::Log {
            version: "1.2",
            creator: har::Creator {
                name: "iOS LOB app provisioning assignment playground",
                version: env!("CARGO_PKG_VERSION"),
            },
            entries,
        },
    };
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// Reads a HAR document: the entries that are PATCHes of this API become history entries,
/// each replayable; other entries are skipped. Returns the entries and how many were skipped.
pub fn from_har(text: &str, current: &Draft) -> Result<(Vec<HistoryEntry>, usize), String> {
    let har: Value =
        serde_json::from_str(text).map_err(|error| format!("the file is not JSON: {error}"))?;
    let entries = har
        .pointer("/log/entries")
        .and_then(Value::as_array)
        .ok_or("the file is not a HAR document (no log.entries)")?;
    let mut imported = Vec::new();
    let mut skipped = 0;
    for (index, entry) in entries.iter().enumerate() {
        match har_entry(entry, index, current) {
            Some(history_entry) => imported.push(history_entry),
            None => skipped += 1,
        }
    }
    imported.truncate(MAX_ENTRIES);
    Ok((imported, skipped))
}

fn har_entry(entry: &Value, index: usize, current: &Draft) -> Option<HistoryEntry> {
    let text = |pointer: &str| {
        entry
            .pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let headers = |pointer: &str| -> Vec<(String, String)> {
        entry
            .pointer(pointer)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|header| {
                Some((
                    header.get("name")?.as_str()?.to_owned(),
                    header.get("value")?.as_str()?.to_owned(),
                ))
            })
            .filter(|(name, _)| !name.eq_ignore_ascii_case("Authorization"))
            .collect()
    };
    let method = text("/request/method")?.to_ascii_uppercase();
    let url = text("/request/url")?;
    let location = ConfigurationLocation::parse(&url)?;
    // The writes the page makes: PATCH and DELETE of one assignment, POST of a new one, and the
    // `assign` action; anything else is skipped.
    let assignment_id = match (method.as_str(), &location.place) {
        ("PATCH" | "DELETE", AssignmentsPlace::Assignment(id)) => id.to_string(),
        ("POST", AssignmentsPlace::Assignments | AssignmentsPlace::Assign) => String::new(),
        _ => return None,
    };
    let (environment, emulator_url) = match &location.root {
        ServiceRoot::Cloud(cloud) => (Environment::Cloud(*cloud), None),
        ServiceRoot::Emulator(root) => (Environment::Emulator, Some(root.to_string())),
    };
    let body = text("/request/postData/text").unwrap_or_default();
    let form = current
        .form
        .from_body(&body)
        .unwrap_or_else(|| current.form.clone());
    let draft = Draft {
        environment,
        emulator_url: emulator_url.unwrap_or_else(|| current.emulator_url.clone()),
        version: location.version,
        configuration_id: location.configuration.to_string(),
        assignment_id,
        form,
        body: body.clone(),
    };
    let status = entry
        .pointer("/response/status")
        .and_then(Value::as_u64)
        .and_then(|status| u16::try_from(status).ok())
        .filter(|status| *status > 0);
    let summary = match status {
        Some(status) => wording::status_line(status),
        None => text("/response/_error").unwrap_or_else(|| "No response".to_owned()),
    };
    let response_headers = headers("/response/headers");
    let request_id = response_headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("request-id"))
        .map(|(_, value)| value.clone());
    Some(HistoryEntry {
        id: text("/_clientRequestId").unwrap_or_else(|| format!("imported-{index}")),
        started: text("/startedDateTime").unwrap_or_default(),
        method,
        url,
        request_headers: headers("/request/headers"),
        request_body: body,
        status,
        summary,
        elapsed_ms: entry
            .get("time")
            .and_then(Value::as_f64)
            .map_or(0, |time| time.max(0.0).round() as u64),
        size: entry
            .pointer("/response/content/size")
            .and_then(Value::as_u64)
            .map_or(0, |size| size as usize),
        request_id,
        response_headers,
        response_body: text("/response/content/text").unwrap_or_default(),
        draft,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::response::ResponseView;
    use serde_json::json;

    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret.signature";

    fn sent(configuration: &str, status: u16) -> HistoryEntry {
        let draft = Draft {
            configuration_id: configuration.to_owned(),
            assignment_id: "a b_0_0".to_owned(),
            ..Draft::default()
        };
        let request = draft
            .plan(
                TOKEN,
                &graph_model::RequestOptions {
                    client_request_id: Some("crid-1".to_owned()),
                    return_representation: false,
                },
            )
            .request
            .unwrap();
        let view = ResponseView::new(
            status,
            vec![("request-id".into(), "rid-9".into())],
            "",
            12.4,
        );
        HistoryEntry::new(
            format!("id-{configuration}"),
            "2026-11-28T12:00:00.000Z".into(),
            &request,
            &Outcome::Response(view),
            &draft,
        )
    }

    #[test]
    fn entries_never_hold_the_token() {
        let entry = sent("c1", 204);
        assert!(!serde_json::to_string(&entry).unwrap().contains("secret"));
        assert_eq!(entry.request_id.as_deref(), Some("rid-9"));
        assert_eq!(entry.elapsed_ms, 12);
        assert_eq!(entry.summary, "204 No Content");
    }

    #[test]
    fn stored_bodies_are_trimmed_and_the_rest_is_kept() {
        let mut big = sent("c", 200);
        big.response_body = "é".repeat(STORED_BODY_BYTES);
        big.request_id = Some("r-1".into());
        let small = sent("c", 204);
        let stored = for_storage(&[big.clone(), small.clone()]);
        assert!(stored[0].response_body.ends_with(TRIMMED_MARK));
        assert!(stored[0].response_body.len() <= STORED_BODY_BYTES + TRIMMED_MARK.len());
        assert_eq!(stored[0].request_id.as_deref(), Some("r-1"));
        assert_eq!(stored[0].status, Some(200));
        assert_eq!(stored[1], small);
        let text = serde_json::to_string(&for_storage(&vec![big; MAX_ENTRIES])).unwrap();
        assert!(
            text.len() < 2_000_000,
            "{} bytes for a full history",
            text.len()
        );
    }

    #[test]
    fn keeps_the_newest_hundred_first() {
        let mut history = Vec::new();
        for index in 0..105 {
            record(&mut history, sent(&format!("c{index}"), 204));
        }
        assert_eq!(history.len(), MAX_ENTRIES);
        assert_eq!(history[0].draft.configuration_id, "c104");
        assert_eq!(history[99].draft.configuration_id, "c5");
    }

    #[test]
    fn har_round_trips_and_is_har_1_2() {
        let history = vec![sent("c 2", 429), sent("c1", 204)];
        let har = to_har(&history);
        let value: Value = serde_json::from_str(&har).unwrap();
        assert_eq!(value["log"]["version"], "1.2");
        assert_eq!(
            value["log"]["entries"][0]["response"]["statusText"],
            "Too Many Requests"
        );
        assert!(!har.contains("secret"));
        let (imported, skipped) = from_har(&har, &Draft::default()).unwrap();
        assert_eq!(skipped, 0);
        assert_eq!(imported, history);
    }

    #[test]
    fn imports_the_whole_set_s_writes_too_and_skips_reads() {
        let base =
            "http://127.0.0.1:8787/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c";
        let har = json!({"log": {"version": "1.2", "entries": [
            {"request": {"method": "POST", "url": format!("{base}/assignments"),
                "postData": {"text": "{\"target\": {\"@odata.type\": \"#microsoft.graph.allDevicesAssignmentTarget\"}}"}},
             "response": {"status": 201}},
            {"request": {"method": "DELETE", "url": format!("{base}/assignments/c_1")}, "response": {"status": 204}},
            {"request": {"method": "POST", "url": format!("{base}/assign"), "postData": {"text": "{}"}}, "response": {"status": 204}},
            {"request": {"method": "GET", "url": format!("{base}/assignments")}, "response": {"status": 200}},
            {"request": {"method": "DELETE", "url": format!("{base}/assignments")}, "response": {"status": 405}}
        ]}});
        let (imported, skipped) = from_har(&har.to_string(), &Draft::default()).unwrap();
        assert_eq!(skipped, 2, "a read and a DELETE of the collection");
        let methods: Vec<(&str, &str)> = imported
            .iter()
            .map(|entry| (entry.method.as_str(), entry.draft.assignment_id.as_str()))
            .collect();
        assert_eq!(methods, [("POST", ""), ("DELETE", "c_1"), ("POST", "")]);
        assert_eq!(
            imported[0].draft.form.kind,
            graph_model::TargetKind::AllDevices
        );
        assert_eq!(imported[0].summary, "201 Created");
    }

    #[test]
    fn imports_only_writes_of_this_api_and_refuses_other_files() {
        let har = json!({"log": {"version": "1.2", "entries": [
            {"request": {"method": "GET", "url": "https://graph.microsoft.com/beta/me"}, "response": {"status": 200}},
            {"request": {"method": "PATCH", "url": "https://example.org/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/a"}, "response": {"status": 204}},
            {"request": {"method": "PATCH", "url": "https://graph.microsoft.us/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c%2F1/assignments/a",
                "postData": {"text": "{\"target\": {\"@odata.type\": \"#microsoft.graph.allLicensedUsersAssignmentTarget\"}}"}},
             "response": {"status": 204}, "time": 5.6}
        ]}});
        let (imported, skipped) = from_har(&har.to_string(), &Draft::default()).unwrap();
        assert_eq!(skipped, 2);
        assert_eq!(
            imported[0].draft.environment,
            Environment::Cloud(graph_model::NationalCloud::UsGovL4)
        );
        assert_eq!(imported[0].draft.configuration_id, "c/1");
        assert_eq!(
            imported[0].draft.form.kind,
            graph_model::TargetKind::AllLicensedUsers
        );
        assert_eq!(imported[0].elapsed_ms, 6);
        assert!(
            from_har("{}", &Draft::default())
                .unwrap_err()
                .contains("log.entries")
        );
        assert!(
            from_har("nope", &Draft::default())
                .unwrap_err()
                .contains("not JSON")
        );
    }
}
