//! The draft request: everything the user typed except the token. It survives a reload, and
//! [`Draft::plan`] turns it into problems per field and, when valid, the exact request.

use graph_model::request::{
    GraphUrls, RequestOptions, mask_token, patch_assignment, patch_headers,
};
use graph_model::snippets::{SnippetLanguage, SnippetRequest, snippet};
use graph_model::{
    ApiVersion, AssignmentId, AssignmentPatch, ConfigurationId, Diagnostics, HttpRequest,
    NationalCloud, Problem, ServiceRoot,
};
use serde::{Deserialize, Serialize};

use crate::target_form::TargetForm;

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

/// Pseudo-pointers for the fields outside the body, so that every problem has one place.
pub mod field {
    /// The emulator URL.
    pub const EMULATOR_URL: &str = "#emulatorUrl";
    /// The access token.
    pub const TOKEN: &str = "#token";
    /// The configuration id.
    pub const CONFIGURATION_ID: &str = "#configurationId";
    /// The assignment id.
    pub const ASSIGNMENT_ID: &str = "#assignmentId";
    /// The API version.
    pub const VERSION: &str = "#version";
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

/// The draft checked: every problem, and the request when there is no error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Errors and warnings; body problems carry body pointers, the rest the [`field`] ones.
    pub diagnostics: Diagnostics,
    /// The request as it will be sent (with the real token), when there is no error.
    pub request: Option<HttpRequest>,
    /// The same request for display: the token masked. Present whenever the URL can be built.
    pub preview: Option<HttpRequest>,
    /// The body as checked, when it has no error.
    pub patch: Option<AssignmentPatch>,
}

impl Draft {
    /// Where requests go, or why the emulator URL is refused.
    pub fn service_root(&self) -> Result<ServiceRoot, Problem> {
        match self.environment {
            Environment::Cloud(cloud) => Ok(ServiceRoot::Cloud(cloud)),
            Environment::Emulator => ServiceRoot::emulator(&self.emulator_url).map_err(|error| {
                Problem::new(
                    field::EMULATOR_URL,
                    format!("The emulator URL is refused: {error}."),
                )
                .with_hint(format!(
                    "The emulator that ships with the playground listens on {DEFAULT_EMULATOR_URL}."
                ))
            }),
        }
    }

    /// The configuration id, or why it is missing.
    pub fn configuration(&self) -> Result<ConfigurationId, Problem> {
        ConfigurationId::parse(&self.configuration_id).map_err(|_| {
            Problem::new(
                field::CONFIGURATION_ID,
                "Type or pick the configuration ID.",
            )
        })
    }

    /// The assignment id, or why it is missing.
    pub fn assignment(&self) -> Result<AssignmentId, Problem> {
        AssignmentId::parse(&self.assignment_id)
            .map_err(|_| Problem::new(field::ASSIGNMENT_ID, "Type or pick the assignment ID."))
    }

    /// Checks everything and builds the request with `client_request_id`.
    pub fn plan(&self, token: &str, client_request_id: Option<String>) -> Plan {
        let check = AssignmentPatch::check(&self.body, self.version);
        let mut diagnostics = check.diagnostics;
        for warning in &mut diagnostics.warnings {
            if warning.pointer.is_empty() && self.version == ApiVersion::V1_0 {
                warning.pointer = field::VERSION.to_owned();
            }
        }
        let root = self.service_root();
        let configuration = self.configuration();
        let assignment = self.assignment();
        let token_problem = token.trim().is_empty().then(|| {
            Problem::new(field::TOKEN, "Paste an access token.").with_hint(match self.environment {
                Environment::Emulator => {
                    "The emulator accepts any non-empty token: use “Fill placeholder”."
                }
                Environment::Cloud(_) => {
                    "Graph needs a token with DeviceManagementApps.ReadWrite.All."
                }
            })
        });
        let mut field_errors: Vec<Problem> = [
            root.as_ref().err(),
            configuration.as_ref().err(),
            assignment.as_ref().err(),
        ]
        .into_iter()
        .flatten()
        .cloned()
        .chain(token_problem)
        .collect();
        field_errors.append(&mut diagnostics.errors);
        diagnostics.errors = field_errors;

        let options = RequestOptions {
            client_request_id,
            return_representation: false,
        };
        let build = |bearer: &str| -> Option<HttpRequest> {
            let root = root.as_ref().ok()?;
            let urls = GraphUrls::new(root, self.version);
            let request = patch_assignment(
                &urls,
                configuration.as_ref().ok()?,
                assignment.as_ref().ok()?,
                check.patch.as_ref()?,
                bearer,
                &options,
            );
            Some(request)
        };
        let preview = build(&mask_token(token))
            .or_else(|| self.unchecked_preview(&mask_token(token), &options));
        let request = if diagnostics.is_valid() {
            build(token.trim())
        } else {
            None
        };
        Plan {
            diagnostics,
            request,
            preview,
            patch: check.patch,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature";

    fn ready() -> Draft {
        Draft {
            configuration_id: "c 1".to_owned(),
            assignment_id: "c1_0_0".to_owned(),
            ..Draft::default()
        }
    }

    fn pointers(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.pointer.as_str()).collect()
    }

    #[test]
    fn a_complete_draft_plans_the_exact_request() {
        let plan = ready().plan(TOKEN, Some("id-1".to_owned()));
        assert!(plan.diagnostics.is_valid(), "{:?}", plan.diagnostics);
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
        let plan = draft.plan("", None);
        assert_eq!(
            pointers(&plan.diagnostics.errors),
            [
                field::EMULATOR_URL,
                field::CONFIGURATION_ID,
                field::ASSIGNMENT_ID,
                field::TOKEN
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
        let plan = draft.plan(TOKEN, None);
        assert!(plan.request.is_none());
        let preview = plan.preview.unwrap();
        assert!(
            preview
                .url
                .ends_with("/{configurationId}/assignments/{assignmentId}")
        );
        assert_eq!(preview.body.as_deref(), Some("{ nope"));
        assert_eq!(preview.header("Content-Type"), Some("application/json"));
        assert!(plan.diagnostics.errors.iter().any(|p| p.position.is_some()));
    }

    #[test]
    fn clouds_use_https_hosts_and_v1_warns_at_the_version() {
        let draft = Draft {
            environment: Environment::Cloud(NationalCloud::UsGovL5Dod),
            version: ApiVersion::V1_0,
            ..ready()
        };
        let plan = draft.plan(TOKEN, None);
        assert!(
            plan.request
                .unwrap()
                .url
                .starts_with("https://dod-graph.microsoft.us/v1.0/")
        );
        assert_eq!(pointers(&plan.diagnostics.warnings), [field::VERSION]);
    }

    #[test]
    fn snippets_need_a_valid_draft_and_never_hold_the_token() {
        let draft = Draft::default();
        assert!(
            draft
                .snippet(&draft.plan("", None), SnippetLanguage::Curl)
                .is_err()
        );
        let draft = ready();
        let curl = draft
            .snippet(&draft.plan("", None), SnippetLanguage::Curl)
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
}
