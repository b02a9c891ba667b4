//! Descriptions of the HTTP requests the playground sends, built from validated values, so that
//! the app, the emulator's tests and code snippets all use one builder.

use percent_encoding::percent_decode_str;

use crate::assignment::AssignmentPatch;
use crate::endpoint::{ApiVersion, NationalCloud, ServiceRoot};
use crate::ids::{AssignmentId, ConfigurationId};

/// The collection path below the version segment.
pub const CONFIGURATIONS_PATH: &str = "/deviceAppManagement/iosLobAppProvisioningConfigurations";

/// The `$select` that keeps the large `payload` out of configuration lists.
pub const CONFIGURATION_LIST_SELECT: &str =
    "id,displayName,description,lastModifiedDateTime,expirationDateTime,version";

/// An HTTP request, fully described: what would go on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `PATCH`, ...
    pub method: &'static str,
    /// The absolute URL, ids percent-encoded.
    pub url: String,
    /// Header names and values, in the order they are sent.
    pub headers: Vec<(String, String)>,
    /// The body text, if any.
    pub body: Option<String>,
}

impl HttpRequest {
    /// The value of the first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// Options that change the headers of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// A fresh GUID sent as `client-request-id`, so the call can be traced in Graph's logs.
    pub client_request_id: Option<String>,
    /// Send `Prefer: return=representation` to ask for the updated entity (200) instead of 204.
    pub return_representation: bool,
}

/// Builds Graph URLs for one service root and API version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphUrls<'a> {
    root: &'a ServiceRoot,
    version: ApiVersion,
}

impl<'a> GraphUrls<'a> {
    /// URLs under `root` for `version`.
    pub fn new(root: &'a ServiceRoot, version: ApiVersion) -> Self {
        GraphUrls { root, version }
    }

    fn base(&self) -> String {
        format!(
            "{}/{}{CONFIGURATIONS_PATH}",
            self.root.base_url(),
            self.version
        )
    }

    /// The list of configurations, without their payloads.
    pub fn configurations(&self) -> String {
        format!("{}?$select={CONFIGURATION_LIST_SELECT}", self.base())
    }

    /// One configuration.
    pub fn configuration(&self, configuration: &ConfigurationId) -> String {
        format!("{}/{}", self.base(), configuration.to_path_segment())
    }

    /// The assignments of a configuration.
    pub fn assignments(&self, configuration: &ConfigurationId) -> String {
        format!("{}/assignments", self.configuration(configuration))
    }

    /// One assignment: the resource the PATCH updates.
    pub fn assignment(&self, configuration: &ConfigurationId, assignment: &AssignmentId) -> String {
        self.assignment_from_segments(
            &configuration.to_path_segment(),
            &assignment.to_path_segment(),
        )
    }

    /// The assignment URL where an id may still be missing: each id given is percent-encoded,
    /// each missing one shows as `{configurationId}` or `{assignmentId}`.
    pub fn assignment_template(
        &self,
        configuration: Option<&ConfigurationId>,
        assignment: Option<&AssignmentId>,
    ) -> String {
        self.assignment_from_segments(
            &configuration.map_or(
                "{configurationId}".to_owned(),
                ConfigurationId::to_path_segment,
            ),
            &assignment.map_or("{assignmentId}".to_owned(), AssignmentId::to_path_segment),
        )
    }

    fn assignment_from_segments(&self, configuration: &str, assignment: &str) -> String {
        format!("{}/{configuration}/assignments/{assignment}", self.base())
    }
}

/// Where an assignment URL points: what [`GraphUrls::assignment`] builds, read back. Used to
/// replay requests from a HAR file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentLocation {
    /// A national cloud over https, or an emulator on loopback.
    pub root: ServiceRoot,
    /// The version segment.
    pub version: ApiVersion,
    /// The configuration id, percent-decoded.
    pub configuration: ConfigurationId,
    /// The assignment id, percent-decoded.
    pub assignment: AssignmentId,
}

/// What a URL of a configuration's assignments names, after the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignmentsPlace {
    /// `.../assignments/{id}`: one assignment (PATCH, DELETE, GET).
    Assignment(AssignmentId),
    /// `.../assignments`: the collection (POST adds, GET lists).
    Assignments,
    /// `.../assign`: the action that replaces the whole set.
    Assign,
}

/// A URL under one configuration, read back: where it goes and what it names. Used to replay
/// and import requests from a HAR file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigurationLocation {
    /// A national cloud over https, or an emulator on loopback.
    pub root: ServiceRoot,
    /// The version segment.
    pub version: ApiVersion,
    /// The configuration id, percent-decoded.
    pub configuration: ConfigurationId,
    /// What it names below the configuration.
    pub place: AssignmentsPlace,
}

impl ConfigurationLocation {
    /// Reads an absolute URL of a configuration's assignments (one, the collection, or the
    /// `assign` action); `None` when it is not one of this API on a root the token may go to (a
    /// query or fragment is ignored).
    pub fn parse(url: &str) -> Option<ConfigurationLocation> {
        let (scheme, rest) = url.split_once("://")?;
        let (authority, path) = rest.split_at(rest.find('/')?);
        let root = NationalCloud::ALL
            .into_iter()
            .find(|cloud| scheme == "https" && authority == cloud.graph_host())
            .map(ServiceRoot::Cloud)
            .or_else(|| ServiceRoot::emulator(&format!("{scheme}://{authority}")).ok())?;
        let path = path.split(['?', '#']).next()?;
        let (version, rest) = ApiVersion::ALL.into_iter().find_map(|version| {
            let prefix = format!("/{version}{CONFIGURATIONS_PATH}/");
            path.strip_prefix(&prefix).map(|rest| (version, rest))
        })?;
        let decode = |segment: &str| {
            percent_decode_str(segment)
                .decode_utf8()
                .ok()
                .map(|text| text.into_owned())
        };
        let mut segments = rest.split('/');
        let configuration = ConfigurationId::parse(&decode(segments.next()?)?).ok()?;
        let place = match (segments.next(), segments.next(), segments.next()) {
            (Some("assignments"), Some(assignment), None) => {
                AssignmentsPlace::Assignment(AssignmentId::parse(&decode(assignment)?).ok()?)
            }
            (Some("assignments"), None, None) => AssignmentsPlace::Assignments,
            (Some("assign"), None, None) => AssignmentsPlace::Assign,
            _ => return None,
        };
        Some(ConfigurationLocation {
            root,
            version,
            configuration,
            place,
        })
    }
}

impl AssignmentLocation {
    /// Reads an absolute assignment URL; `None` when it is not one of this API on a root the
    /// token may go to (a query or fragment is ignored).
    pub fn parse(url: &str) -> Option<AssignmentLocation> {
        let location = ConfigurationLocation::parse(url)?;
        let AssignmentsPlace::Assignment(assignment) = location.place else {
            return None;
        };
        Some(AssignmentLocation {
            root: location.root,
            version: location.version,
            configuration: location.configuration,
            assignment,
        })
    }

    /// The URL, as [`GraphUrls::assignment`] builds it.
    pub fn url(&self) -> String {
        GraphUrls::new(&self.root, self.version).assignment(&self.configuration, &self.assignment)
    }
}

fn common_headers(bearer: &str, options: &RequestOptions) -> Vec<(String, String)> {
    let mut headers = vec![("Authorization".to_owned(), format!("Bearer {bearer}"))];
    if let Some(id) = &options.client_request_id {
        headers.push(("client-request-id".to_owned(), id.clone()));
    }
    headers
}

/// The PATCH that replaces an assignment's target. `bearer` is what follows `Bearer ` in the
/// Authorization header: the token when sending, a mask for a preview, a placeholder for a
/// snippet.
pub fn patch_assignment(
    urls: &GraphUrls<'_>,
    configuration: &ConfigurationId,
    assignment: &AssignmentId,
    patch: &AssignmentPatch,
    bearer: &str,
    options: &RequestOptions,
) -> HttpRequest {
    HttpRequest {
        method: "PATCH",
        url: urls.assignment(configuration, assignment),
        headers: patch_headers(bearer, options),
        body: Some(patch.to_json_pretty()),
    }
}

/// The headers of the PATCH, in the order they are sent (see [`patch_assignment`] for `bearer`).
pub fn patch_headers(bearer: &str, options: &RequestOptions) -> Vec<(String, String)> {
    let mut headers = common_headers(bearer, options);
    headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    if options.return_representation {
        headers.push(("Prefer".to_owned(), "return=representation".to_owned()));
    }
    headers
}

/// `POST .../{configurationId}/assignments`: adds an assignment with `patch`'s target (201 with
/// the new assignment).
pub fn create_assignment(
    urls: &GraphUrls<'_>,
    configuration: &ConfigurationId,
    patch: &AssignmentPatch,
    bearer: &str,
    options: &RequestOptions,
) -> HttpRequest {
    HttpRequest {
        method: "POST",
        url: urls.assignments(configuration),
        headers: patch_headers(bearer, options),
        body: Some(patch.to_json_pretty()),
    }
}

/// `DELETE .../{configurationId}/assignments/{assignmentId}` (204).
pub fn delete_assignment(
    urls: &GraphUrls<'_>,
    configuration: &ConfigurationId,
    assignment: &AssignmentId,
    bearer: &str,
    options: &RequestOptions,
) -> HttpRequest {
    HttpRequest {
        method: "DELETE",
        url: urls.assignment(configuration, assignment),
        headers: common_headers(bearer, options),
        body: None,
    }
}

/// `POST .../{configurationId}/assign` with `body` (see [`crate::whole_set::assign_body`]): replaces
/// the configuration's whole assignment set (204).
pub fn assign_whole_set(
    urls: &GraphUrls<'_>,
    configuration: &ConfigurationId,
    body: &serde_json::Value,
    bearer: &str,
    options: &RequestOptions,
) -> HttpRequest {
    HttpRequest {
        method: "POST",
        url: format!("{}/assign", urls.configuration(configuration)),
        headers: patch_headers(bearer, options),
        body: Some(serde_json::to_string_pretty(body).unwrap_or_default()),
    }
}

/// A GET of any URL built by [`GraphUrls`].
pub fn get(url: String, bearer: &str, options: &RequestOptions) -> HttpRequest {
    HttpRequest {
        method: "GET",
        url,
        headers: common_headers(bearer, options),
        body: None,
    }
}

/// Masks a token for display: the first and last four characters when it is long enough,
/// otherwise only dots.
pub fn mask_token(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() >= 24 {
        let head: String = chars[..4].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{head}…{tail}")
    } else {
        "…".repeat(usize::from(!chars.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::NationalCloud;
    use crate::target::{AssignmentFilter, AssignmentTarget};

    fn patch() -> AssignmentPatch {
        AssignmentPatch {
            target: AssignmentTarget::AllDevices {
                filter: AssignmentFilter::default(),
            },
        }
    }

    #[test]
    fn patch_request_is_fully_described() {
        let root = ServiceRoot::Cloud(NationalCloud::Global);
        let urls = GraphUrls::new(&root, ApiVersion::Beta);
        let configuration = ConfigurationId::parse("c 1").unwrap();
        let assignment = AssignmentId::parse("a/1_0_0").unwrap();
        let options = RequestOptions {
            client_request_id: Some("11111111-2222-4333-8444-555555555555".to_owned()),
            return_representation: true,
        };
        let request = patch_assignment(
            &urls,
            &configuration,
            &assignment,
            &patch(),
            "$TOKEN",
            &options,
        );
        assert_eq!(request.method, "PATCH");
        assert_eq!(
            request.url,
            "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c%201/assignments/a%2F1_0_0"
        );
        assert_eq!(request.header("authorization"), Some("Bearer $TOKEN"));
        assert_eq!(request.header("Content-Type"), Some("application/json"));
        assert_eq!(request.header("Prefer"), Some("return=representation"));
        assert_eq!(
            request.header("client-request-id"),
            Some("11111111-2222-4333-8444-555555555555")
        );
        let body: serde_json::Value =
            serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body["target"]["@odata.type"],
            "#microsoft.graph.allDevicesAssignmentTarget"
        );
    }

    #[test]
    fn the_whole_set_s_requests_are_fully_described() {
        let root = ServiceRoot::emulator("http://127.0.0.1:8787").unwrap();
        let urls = GraphUrls::new(&root, ApiVersion::Beta);
        let configuration = ConfigurationId::parse("c1").unwrap();
        let options = RequestOptions::default();
        let create = create_assignment(&urls, &configuration, &patch(), "t", &options);
        assert_eq!(create.method, "POST");
        assert!(
            create
                .url
                .ends_with("/iosLobAppProvisioningConfigurations/c1/assignments")
        );
        assert_eq!(create.header("Content-Type"), Some("application/json"));
        let assignment = AssignmentId::parse("c1_0").unwrap();
        let delete = delete_assignment(&urls, &configuration, &assignment, "t", &options);
        assert_eq!((delete.method, delete.body), ("DELETE", None));
        assert!(delete.url.ends_with("/c1/assignments/c1_0"));
        let body = crate::whole_set::assign_body(&[patch().target]);
        let assign = assign_whole_set(&urls, &configuration, &body, "t", &options);
        assert_eq!(assign.method, "POST");
        assert!(
            assign
                .url
                .ends_with("/iosLobAppProvisioningConfigurations/c1/assign")
        );
        assert!(
            assign
                .body
                .unwrap()
                .contains("iOSLobAppProvisioningConfigAssignments")
        );
    }

    #[test]
    fn urls_follow_the_root_and_version() {
        let root = ServiceRoot::emulator("http://127.0.0.1:8787/").unwrap();
        let urls = GraphUrls::new(&root, ApiVersion::V1_0);
        assert_eq!(
            urls.configurations(),
            "http://127.0.0.1:8787/v1.0/deviceAppManagement/iosLobAppProvisioningConfigurations?$select=id,displayName,description,lastModifiedDateTime,expirationDateTime,version"
        );
        let request = get(
            urls.assignments(&ConfigurationId::parse("x").unwrap()),
            "t",
            &RequestOptions::default(),
        );
        assert!(
            request
                .url
                .ends_with("/iosLobAppProvisioningConfigurations/x/assignments")
        );
        assert_eq!(request.body, None);
        assert_eq!(request.header("client-request-id"), None);
        assert!(
            urls.assignment_template(None, Some(&AssignmentId::parse("a b").unwrap()))
                .ends_with(
                    "/iosLobAppProvisioningConfigurations/{configurationId}/assignments/a%20b"
                )
        );
        assert!(
            urls.assignment_template(None, Some(&AssignmentId::parse("a b").unwrap()))
                .ends_with(
                    "/iosLobAppProvisioningConfigurations/{configurationId}/assignments/a%20b"
                )
        );
    }

    #[test]
    fn tokens_are_masked() {
        assert_eq!(
            mask_token("eyJ0eXAiOiJKV1QiLCJub25jZSI6IjEyMyJ9.abc.wxyz"),
            "eyJ0…wxyz"
        );
        assert_eq!(mask_token("short"), "…");
        assert_eq!(mask_token(""), "");
    }

    #[test]
    fn assignment_urls_read_back_to_what_built_them() {
        let roots = [
            ServiceRoot::Cloud(NationalCloud::China),
            ServiceRoot::emulator("http://localhost:9000").unwrap(),
        ];
        let hostile = [
            "c1_0_0", "a b", "a/b", "?x=1", "#top", "100%", "é_…", "...", "%2e%2e",
        ];
        for root in &roots {
            for version in ApiVersion::ALL {
                for id in hostile {
                    let location = AssignmentLocation {
                        root: root.clone(),
                        version,
                        configuration: ConfigurationId::parse(id).unwrap(),
                        assignment: AssignmentId::parse(&format!("{id}_0")).unwrap(),
                    };
                    assert_eq!(AssignmentLocation::parse(&location.url()), Some(location));
                }
            }
        }
    }

    #[test]
    fn other_urls_are_not_assignments() {
        let valid = "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/a";
        assert!(AssignmentLocation::parse(valid).is_some());
        assert!(AssignmentLocation::parse(&format!("{valid}?$select=id")).is_some());
        for other in [
            "http://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/a",
            "https://evil.example/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/a",
            "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments",
            "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/a/b",
            "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/..",
            "https://graph.microsoft.com/v2/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/a",
            "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/%FF/assignments/a",
            "not a url",
        ] {
            assert_eq!(AssignmentLocation::parse(other), None, "{other}");
        }
    }
}
