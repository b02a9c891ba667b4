//! The draft request: everything the user typed except the token. It survives a reload, and
//! [`Draft::plan`] turns it into problems per field and, when valid, the exact request.

use graph_model::assignment::beta_only_warning;
use graph_model::request::{
    GraphUrls, RequestOptions, get, mask_token, patch_assignment, patch_headers,
};
use graph_model::snippets::{SnippetLanguage, SnippetOperation, SnippetRequest, snippet};
use graph_model::{
    ApiVersion, AssignmentId, AssignmentPatch, ConfigurationId, Diagnostics, HttpRequest, IdError,
    NationalCloud, Problem, ServiceRoot, UnknownName,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

use crate::shared::error::{AppError, Refusal};
use crate::shared::target_form::TargetForm;

/// The emulator's default address.
pub const DEFAULT_EMULATOR_URL: &str = "http://127.0.0.1:8787";

/// Where requests go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Environment {
    /// The local Graph emulator, at the draft's emulator URL.
    Emulator,
    /// Microsoft Graph in a national cloud.
    Cloud(NationalCloud),
}

/// The key of [`Environment::Emulator`] in the page's environment list.
const EMULATOR_KEY: &str = "emulator";

/// Every environment's key: the emulator's, then the clouds'.
const ENVIRONMENT_KEYS: [&str; 1 + NationalCloud::ALL.len()] = {
    let mut keys = [EMULATOR_KEY; 1 + NationalCloud::ALL.len()];
    let mut index = 0;
    while index < NationalCloud::ALL.len() {
        keys[index + 1] = NationalCloud::KEYS[index];
        index += 1;
    }
    keys
};

impl FromStr for Environment {
    type Err = UnknownName;

    /// Reads `emulator` or a national cloud's key.
    fn from_str(text: &str) -> Result<Self, UnknownName> {
        if text == EMULATOR_KEY {
            return Ok(Environment::Emulator);
        }
        text.parse()
            .map(Environment::Cloud)
            .map_err(|_| UnknownName {
                what: "environment",
                given: text.to_owned(),
                expected: &ENVIRONMENT_KEYS,
            })
    }
}

impl Environment {
    /// The key that [`FromStr`] reads: `emulator` or the cloud's key.
    pub fn key(self) -> &'static str {
        match self {
            Environment::Emulator => EMULATOR_KEY,
            Environment::Cloud(cloud) => cloud.key(),
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The inputs outside the request body, where their problems are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The emulator URL.
    EmulatorUrl,
    /// The access token.
    Token,
    /// The configuration id.
    ConfigurationId,
    /// The assignment id.
    AssignmentId,
    /// The API version.
    Version,
}

/// A problem with an input outside the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// Where.
    pub field: Field,
    /// What is wrong, or worth a second look.
    pub message: String,
    /// What would be right.
    pub hint: Option<String>,
    /// True for an error (Send is disabled), false for a warning.
    pub blocks_sending: bool,
    /// True when the value is simply not given yet: shown as a neutral hint, not an error
    /// (Send stays disabled).
    pub missing: bool,
}

impl FieldProblem {
    fn error(field: Field, message: impl Into<String>) -> Self {
        FieldProblem {
            field,
            message: message.into(),
            hint: None,
            blocks_sending: true,
            missing: false,
        }
    }

    /// A value that is needed and not given yet.
    fn missing(field: Field, message: impl Into<String>) -> Self {
        FieldProblem {
            missing: true,
            ..FieldProblem::error(field, message)
        }
    }

    fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<FieldProblem> for AppError {
    fn from(problem: FieldProblem) -> Self {
        AppError::Refused(Refusal::InvalidField(problem.message))
    }
}

/// What the user typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Draft {
    /// Where requests go.
    pub environment: Environment,
    /// The emulator's base URL (remembered even while a cloud is chosen).
    pub emulator_url: String,
    /// The API version.
    pub version: ApiVersion,
    /// The configuration id, as typed.
    pub configuration_id: String,
    /// The assignment id, as typed.
    pub assignment_id: String,
    /// The target form.
    pub form: TargetForm,
    /// The request body, as shown and edited.
    pub body: String,
}

impl Default for Draft {
    fn default() -> Self {
        let form = TargetForm::default();
        Draft {
            environment: Environment::Emulator,
            emulator_url: DEFAULT_EMULATOR_URL.to_owned(),
            version: ApiVersion::Beta,
            configuration_id: String::new(),
            assignment_id: String::new(),
            body: form.to_body(),
            form,
        }
    }
}

impl Draft {
    /// The draft of a first visit to the page served from `page_host`: on this machine, the
    /// emulator (which runs beside it); served from anywhere else, the global cloud, where the
    /// first step is to sign in.
    pub fn first_visit(page_host: &str) -> Draft {
        let mut draft = Draft::default();
        if !graph_model::is_loopback_host(page_host) {
            draft.environment = Environment::Cloud(NationalCloud::Global);
        }
        draft
    }
}

/// The draft checked: every problem, and the request when there is no error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Problems with the inputs outside the body.
    pub fields: Vec<FieldProblem>,
    /// Problems in the body, located by JSON pointers into it.
    pub body: Diagnostics,
    /// True when the body text is a JSON object, so form edits can be written into it.
    pub body_is_object: bool,
    /// The request as it will be sent (with the real token), when there is no error.
    pub request: Option<HttpRequest>,
    /// The same request for display: the token masked. Present whenever the URL can be built.
    pub preview: Option<HttpRequest>,
    /// The body as checked, when it has no error.
    pub patch: Option<AssignmentPatch>,
}

impl Plan {
    /// How many errors block sending.
    pub fn error_count(&self) -> usize {
        self.fields.iter().filter(|p| p.blocks_sending).count() + self.body.errors.len()
    }
}

impl Draft {
    /// Where requests go, or why the emulator URL is refused.
    pub fn service_root(&self) -> Result<ServiceRoot, FieldProblem> {
        match self.environment {
            Environment::Cloud(cloud) => Ok(ServiceRoot::Cloud(cloud)),
            Environment::Emulator => ServiceRoot::emulator(&self.emulator_url).map_err(|error| {
                FieldProblem::error(
                    Field::EmulatorUrl,
                    format!("The emulator URL is refused: {error}."),
                )
                .with_hint(format!(
                    "The emulator that ships with the playground listens on {DEFAULT_EMULATOR_URL}."
                ))
            }),
        }
    }

    /// The configuration id, or why it is missing or refused.
    pub fn configuration(&self) -> Result<ConfigurationId, FieldProblem> {
        ConfigurationId::parse(&self.configuration_id)
            .map_err(|error| id_problem(Field::ConfigurationId, "configuration", &error))
    }

    /// The assignment id, or why it is missing or refused.
    pub fn assignment(&self) -> Result<AssignmentId, FieldProblem> {
        AssignmentId::parse(&self.assignment_id)
            .map_err(|error| id_problem(Field::AssignmentId, "assignment", &error))
    }

    /// Checks everything and builds the request with these options. The body is parsed once.
    pub fn plan(&self, token: &str, options: &RequestOptions) -> Plan {
        let mut body = Diagnostics::default();
        let parsed = serde_json::from_str::<Value>(&self.body);
        let patch = match &parsed {
            Err(error) => {
                body.errors.push(Problem::from_syntax_error(error));
                None
            }
            Ok(value) => AssignmentPatch::parse_value(value, &mut body),
        };
        let root = self.service_root();
        let configuration = self.configuration();
        let assignment = self.assignment();
        // The emulator's placeholder is no token for a cloud.
        let placeholder_in_cloud =
            self.environment != Environment::Emulator && token == PLACEHOLDER_TOKEN;
        let token_problem = (token.trim().is_empty() || placeholder_in_cloud).then(|| {
            FieldProblem::missing(Field::Token, "Paste an access token or sign in.").with_hint(
                match self.environment {
                    Environment::Emulator => {
                        "The emulator accepts any non-empty token: use “Fill placeholder”."
                    }
                    Environment::Cloud(_) => {
                        "Graph needs a token with DeviceManagementApps.ReadWrite.All."
                    }
                },
            )
        });
        let version_warning = (self.version == ApiVersion::V1_0).then(|| {
            let warning = beta_only_warning();
            FieldProblem {
                field: Field::Version,
                message: warning.message,
                hint: warning.hint,
                blocks_sending: false,
                missing: false,
            }
        });
        let fields: Vec<FieldProblem> = [
            root.as_ref().err(),
            configuration.as_ref().err(),
            assignment.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .chain(token_problem)
        .chain(version_warning)
        .collect();

        let build = |bearer: &str| -> Option<HttpRequest> {
            let root = root.as_ref().ok()?;
            let urls = GraphUrls::new(root, self.version);
            let request = patch_assignment(
                &urls,
                configuration.as_ref().ok()?,
                assignment.as_ref().ok()?,
                patch.as_ref()?,
                bearer,
                options,
            );
            Some(request)
        };
        let preview = build(&mask_token(token))
            .or_else(|| self.unchecked_preview(&mask_token(token), options));
        let mut plan = Plan {
            fields,
            body,
            body_is_object: matches!(parsed, Ok(Value::Object(_))),
            request: None,
            preview,
            patch: None,
        };
        if plan.error_count() == 0 {
            plan.request = build(token.trim());
        }
        plan.patch = patch;
        plan
    }

    /// A GET of `url_for(urls)` with the token, on the service root it must stay on.
    fn read(
        &self,
        token: &str,
        client_request_id: Option<String>,
        url_for: impl FnOnce(&GraphUrls<'_>) -> Result<String, FieldProblem>,
    ) -> Result<(HttpRequest, ServiceRoot), AppError> {
        if token.trim().is_empty() {
            return Err(AppError::Refused(Refusal::NoToken));
        }
        let root = self.service_root()?;
        let url = url_for(&GraphUrls::new(&root, self.version))?;
        let options = RequestOptions {
            client_request_id,
            return_representation: false,
        };
        Ok((get(url, token.trim(), &options), root))
    }

    /// The GET of the draft's assignment (Load current, before and after).
    pub fn read_assignment(
        &self,
        token: &str,
        client_request_id: Option<String>,
    ) -> Result<HttpRequest, AppError> {
        let configuration = self.configuration();
        let assignment = self.assignment();
        self.read(token, client_request_id, |urls| {
            Ok(urls.assignment(&configuration?, &assignment?))
        })
        .map(|(request, _)| request)
    }

    /// The GET of the configuration list, with the root its pages must stay on.
    pub fn read_configurations(
        &self,
        token: &str,
        client_request_id: Option<String>,
    ) -> Result<(HttpRequest, ServiceRoot), AppError> {
        self.read(token, client_request_id, |urls| Ok(urls.configurations()))
    }

    /// The GET of the assignments of `configuration_id`, with the root its pages must stay on.
    pub fn read_assignments(
        &self,
        configuration_id: &str,
        token: &str,
        client_request_id: Option<String>,
    ) -> Result<(HttpRequest, ServiceRoot), AppError> {
        self.read(token, client_request_id, |urls| {
            let id = ConfigurationId::parse(configuration_id)
                .map_err(|error| id_problem(Field::ConfigurationId, "configuration", &error))?;
            Ok(urls.assignments(&id))
        })
    }

    /// The request as code in `language`, with a token placeholder; or what to fix first.
    /// `plan` is this draft's plan (its checked body is reused).
    pub fn snippet(&self, plan: &Plan, language: SnippetLanguage) -> Result<String, String> {
        let root = self.service_root().map_err(|problem| problem.message)?;
        let configuration = self.configuration().map_err(|problem| problem.message)?;
        let assignment = self.assignment().map_err(|problem| problem.message)?;
        let patch = plan
            .patch
            .as_ref()
            .ok_or_else(|| "Fix the errors in the request body to get code.".to_owned())?;
        let request = SnippetRequest {
            operation: SnippetOperation::Update,
            root: &root,
            version: self.version,
            configuration: &configuration,
            assignment: &assignment,
            patch,
        };
        Ok(snippet(language, &request))
    }

    /// A preview while something is invalid: the URL (with placeholders for missing ids), the
    /// headers, and the body text as typed.
    fn unchecked_preview(&self, bearer: &str, options: &RequestOptions) -> Option<HttpRequest> {
        let root = self.service_root().ok()?;
        let urls = GraphUrls::new(&root, self.version);
        Some(HttpRequest {
            method: "PATCH",
            url: urls.assignment_template(
                self.configuration().ok().as_ref(),
                self.assignment().ok().as_ref(),
            ),
            headers: patch_headers(bearer, options),
            body: Some(self.body.clone()),
        })
    }
}

/// The token the emulator is happy with: the page starts with it against the emulator, and
/// "Fill placeholder" puts it back.
pub const PLACEHOLDER_TOKEN: &str = "emulator-placeholder-token";

/// The problem of an id that is missing or refused.
fn id_problem(field: Field, what: &str, error: &IdError) -> FieldProblem {
    match error {
        IdError::Empty => FieldProblem::missing(field, format!("Type or pick the {what} ID.")),
        error => FieldProblem::error(field, format!("The {what} ID is refused: {error}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature";

    #[test]
    fn a_first_visit_starts_on_the_emulator_only_on_this_machine() {
        for host in ["127.0.0.1", "localhost"] {
            assert_eq!(Draft::first_visit(host).environment, Environment::Emulator);
        }
        for host in ["contoso.github.io", "localhost.contoso.com", "10.0.0.5"] {
            assert_eq!(
                Draft::first_visit(host).environment,
                Environment::Cloud(NationalCloud::Global),
                "{host}"
            );
        }
    }

    fn ready() -> Draft {
        Draft {
            configuration_id: "c 1".to_owned(),
            assignment_id: "c1_0_0".to_owned(),
            ..Draft::default()
        }
    }

    fn fields(plan: &Plan) -> Vec<Field> {
        plan.fields.iter().map(|p| p.field).collect()
    }

    fn plan(draft: &Draft, token: &str, client_request_id: Option<&str>) -> Plan {
        let options = RequestOptions {
            client_request_id: client_request_id.map(str::to_owned),
            return_representation: false,
        };
        draft.plan(token, &options)
    }

    #[test]
    fn a_complete_draft_plans_the_exact_request() {
        let plan = plan(&ready(), TOKEN, Some("id-1"));
        assert_eq!(plan.error_count(), 0, "{plan:?}");
        let request = plan.request.unwrap();
        assert_eq!(
            request.url,
            "http://127.0.0.1:8787/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c%201/assignments/c1_0_0"
        );
        assert_eq!(
            request.header("Authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert_eq!(request.header("client-request-id"), Some("id-1"));
        let preview = plan.preview.unwrap();
        assert_eq!(preview.header("Authorization"), Some("Bearer eyJ0…ture"));
        assert_eq!(preview.url, request.url);
    }

    #[test]
    fn every_missing_piece_is_named_at_its_field() {
        let draft = Draft {
            emulator_url: "http://example.org".to_owned(),
            ..Draft::default()
        };
        let plan = plan(&draft, "", None);
        assert_eq!(
            fields(&plan),
            [
                Field::EmulatorUrl,
                Field::ConfigurationId,
                Field::AssignmentId,
                Field::Token
            ]
        );
        assert!(plan.request.is_none());
        assert!(plan.preview.is_none(), "no URL can be shown without a root");
    }

    #[test]
    fn an_invalid_body_still_previews_with_placeholders() {
        let draft = Draft {
            body: "{ nope".to_owned(),
            ..Draft::default()
        };
        let plan = plan(&draft, TOKEN, None);
        assert!(plan.request.is_none());
        assert!(!plan.body_is_object);
        let preview = plan.preview.unwrap();
        assert!(
            preview
                .url
                .ends_with("/{configurationId}/assignments/{assignmentId}")
        );
        assert_eq!(preview.body.as_deref(), Some("{ nope"));
        assert_eq!(preview.header("Content-Type"), Some("application/json"));
        assert!(plan.body.errors.iter().any(|p| p.position.is_some()));
    }

    #[test]
    fn clouds_use_https_hosts_and_v1_warns_at_the_version() {
        let draft = Draft {
            environment: Environment::Cloud(NationalCloud::UsGovL5Dod),
            version: ApiVersion::V1_0,
            ..ready()
        };
        let plan = plan(&draft, TOKEN, None);
        assert!(
            plan.request
                .as_ref()
                .unwrap()
                .url
                .starts_with("https://dod-graph.microsoft.us/v1.0/")
        );
        assert_eq!(fields(&plan), [Field::Version]);
        assert!(
            !plan.fields[0].blocks_sending,
            "a warning does not disable Send"
        );
    }

    #[test]
    fn snippets_need_a_valid_draft_and_never_hold_the_token() {
        let draft = Draft::default();
        assert!(
            draft
                .snippet(&plan(&draft, "", None), SnippetLanguage::Curl)
                .is_err()
        );
        let draft = ready();
        let curl = draft
            .snippet(&plan(&draft, "", None), SnippetLanguage::Curl)
            .unwrap();
        assert!(curl.contains("/iosLobAppProvisioningConfigurations/c%201/assignments/c1_0_0"));
        assert!(curl.contains("$TOKEN"));
    }

    #[test]
    fn drafts_survive_serialisation_without_a_token_field() {
        let draft = ready();
        let text = serde_json::to_string(&draft).unwrap();
        assert!(!text.to_ascii_lowercase().contains("token"));
        assert_eq!(serde_json::from_str::<Draft>(&text).unwrap(), draft);
        let partial: Draft = serde_json::from_str(r#"{"configurationId": "x"}"#).unwrap();
        assert_eq!(partial.emulator_url, DEFAULT_EMULATOR_URL);
    }

    #[test]
    fn dot_ids_are_refused_where_they_are_typed() {
        let draft = Draft {
            configuration_id: "..".to_owned(),
            assignment_id: ".".to_owned(),
            ..Draft::default()
        };
        let plan = plan(&draft, TOKEN, None);
        assert_eq!(fields(&plan), [Field::ConfigurationId, Field::AssignmentId]);
        assert!(plan.fields[0].message.contains("different URL"));
        assert!(plan.request.is_none());
        assert!(matches!(
            draft.read_assignment(TOKEN, None),
            Err(AppError::Refused(Refusal::InvalidField(_)))
        ));
    }

    #[test]
    fn reads_need_a_token_and_stay_on_their_root() {
        let draft = ready();
        assert_eq!(
            draft.read_configurations(" ", None),
            Err(AppError::Refused(Refusal::NoToken))
        );
        let (request, root) = draft
            .read_assignments("c 1", TOKEN, Some("id-2".into()))
            .unwrap();
        assert_eq!(request.method, "GET");
        assert!(root.owns(&request.url));
        assert!(request.url.ends_with("/c%201/assignments"));
        assert_eq!(request.header("client-request-id"), Some("id-2"));
        let read = draft.read_assignment(TOKEN, None).unwrap();
        let patch = plan(&draft, TOKEN, None).request.unwrap();
        assert_eq!(read.url, patch.url);
    }

    #[test]
    fn prefer_is_sent_only_when_asked_for() {
        let options = RequestOptions {
            client_request_id: None,
            return_representation: true,
        };
        let asked = ready().plan(TOKEN, &options);
        assert_eq!(
            asked.request.unwrap().header("Prefer"),
            Some("return=representation")
        );
        assert_eq!(
            plan(&ready(), TOKEN, None)
                .request
                .unwrap()
                .header("Prefer"),
            None
        );
    }

    #[test]
    fn environments_read_back_from_their_keys() {
        let all = std::iter::once(Environment::Emulator)
            .chain(NationalCloud::ALL.map(Environment::Cloud));
        for environment in all {
            assert_eq!(environment.to_string().parse(), Ok(environment));
        }
        let error = "mars".parse::<Environment>().unwrap_err();
        assert_eq!(error.expected[0], "emulator");
        assert_eq!(error.expected.len(), 5);
    }
}
