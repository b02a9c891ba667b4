//! Snippet tests: every language for every kind, and hostile ids and values that must not
//! break a snippet or turn it into another command.

use super::quote::tests::HOSTILE;
use super::*;
use crate::ids::{CollectionId, GroupId};
use crate::target::{AssignmentFilter, AssignmentTarget, TargetKind};

const GROUP: &str = "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

fn target(kind: TargetKind, collection: &str) -> AssignmentTarget {
    let filter = AssignmentFilter::default();
    match kind {
        TargetKind::AllDevices => AssignmentTarget::AllDevices { filter },
        TargetKind::AllLicensedUsers => AssignmentTarget::AllLicensedUsers { filter },
        TargetKind::Group => AssignmentTarget::Group {
            group_id: GroupId::parse(GROUP).unwrap(),
            filter,
        },
        TargetKind::ExclusionGroup => AssignmentTarget::ExclusionGroup {
            group_id: GroupId::parse(GROUP).unwrap(),
            filter,
        },
        TargetKind::ConfigurationManagerCollection => {
            AssignmentTarget::ConfigurationManagerCollection {
                collection_id: CollectionId::parse(collection).unwrap(),
                filter,
            }
        }
    }
}

struct Owned {
    root: ServiceRoot,
    configuration: ConfigurationId,
    assignment: AssignmentId,
    patch: AssignmentPatch,
}

impl Owned {
    fn new(
        root: ServiceRoot,
        configuration: &str,
        assignment: &str,
        target: AssignmentTarget,
    ) -> Self {
        Owned {
            root,
            configuration: ConfigurationId::parse(configuration).unwrap(),
            assignment: AssignmentId::parse(assignment).unwrap(),
            patch: AssignmentPatch { target },
        }
    }

    fn request(&self) -> SnippetRequest<'_> {
        SnippetRequest {
            operation: SnippetOperation::Update,
            root: &self.root,
            version: ApiVersion::Beta,
            configuration: &self.configuration,
            assignment: &self.assignment,
            patch: &self.patch,
        }
    }
}

fn emulator() -> ServiceRoot {
    ServiceRoot::emulator("http://127.0.0.1:8787").unwrap()
}

#[test]
fn every_language_covers_every_kind() {
    for kind in TargetKind::ALL {
        let owned = Owned::new(
            ServiceRoot::Cloud(NationalCloud::Global),
            "c1",
            "c1_0_0",
            target(kind, "SMS00001"),
        );
        for language in SnippetLanguage::ALL {
            let text = snippet(language, &owned.request());
            assert!(
                text.contains(kind.type_name()) || text.contains(&sdk_class(kind)),
                "{language:?} {kind:?}:\n{text}"
            );
            assert!(!text.contains("Bearer eyJ"), "no real token");
        }
    }
}

fn sdk_class(kind: TargetKind) -> String {
    let name = kind.type_name();
    name[..1].to_uppercase() + &name[1..]
}

/// Runs the curl snippet in bash with `curl` replaced by a function that prints its arguments.
fn curl_arguments(snippet: &str) -> Vec<String> {
    let script = format!("curl() {{ printf '%s\\0' \"$@\"; }}\n{snippet}");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("TOKEN", "secret-token")
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .split('\0')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn curl_passes_hostile_values_as_plain_arguments() {
    for hostile in HOSTILE {
        let owned = Owned::new(
            emulator(),
            hostile,
            &format!("{hostile}_0_0"),
            target(TargetKind::ConfigurationManagerCollection, hostile),
        );
        let request = owned.request();
        let expected_http = request.http("secret-token");
        let arguments = curl_arguments(&snippet(SnippetLanguage::Curl, &request));
        assert_eq!(
            arguments,
            [
                "--request".to_owned(),
                "PATCH".to_owned(),
                "--url".to_owned(),
                expected_http.url.clone(),
                "--header".to_owned(),
                "Authorization: Bearer secret-token".to_owned(),
                "--header".to_owned(),
                "Content-Type: application/json".to_owned(),
                "--data-raw".to_owned(),
                expected_http.body.clone().unwrap(),
            ],
            "{hostile}"
        );
        let body: serde_json::Value = serde_json::from_str(arguments.last().unwrap()).unwrap();
        assert_eq!(body["target"]["collectionId"], *hostile);
    }
}

#[test]
fn powershell_snippets_quote_ids_and_values() {
    let hostile = "‘it’s’ $(Remove-Item C:\\) `n";
    let owned = Owned::new(
        ServiceRoot::Cloud(NationalCloud::UsGovL4),
        hostile,
        hostile,
        target(TargetKind::ConfigurationManagerCollection, hostile),
    );
    let cmdlet = snippet(SnippetLanguage::PowerShellCmdlet, &owned.request());
    assert!(cmdlet.contains(&format!(
        "-IosLobAppProvisioningConfigurationId {}",
        quote::powershell(hostile)
    )));
    assert!(cmdlet.contains(&format!("'collectionId' = {}", quote::powershell(hostile))));
    assert!(cmdlet.contains("Connect-MgGraph -Environment USGov"));
    let invoke = snippet(SnippetLanguage::InvokeMgGraphRequest, &owned.request());
    let body = owned.request().http(TEXT_TOKEN).body.unwrap();
    assert!(invoke.ends_with(&format!("-Body {}", quote::powershell(&body))));
    let url = owned.request().http(TEXT_TOKEN).url;
    assert!(
        !url.contains(['$', '\'', '`', ' ']),
        "ids are percent-encoded in the URL: {url}"
    );
    assert!(invoke.contains(&format!("-Uri {}", quote::powershell(&url))));
}

#[test]
fn c_like_snippets_use_escaped_literals() {
    let hostile = "a\"b\\c\n{{d}}";
    let owned = Owned::new(
        ServiceRoot::Cloud(NationalCloud::Global),
        hostile,
        hostile,
        target(TargetKind::ConfigurationManagerCollection, hostile),
    );
    let literal = quote::c_like(hostile);
    for language in [SnippetLanguage::Python, SnippetLanguage::CSharp] {
        let text = snippet(language, &owned.request());
        assert!(text.matches(&literal).count() >= 3, "{language:?}:\n{text}");
    }
    let javascript = snippet(SnippetLanguage::JavaScript, &owned.request());
    assert!(
        javascript.contains(r#""collectionId": "a\"b\\c\n{{d}}""#),
        "{javascript}"
    );
}

#[test]
fn http_file_has_one_variable_and_a_parsable_body() {
    let owned = Owned::new(
        emulator(),
        "c 1",
        "a{{b}}",
        target(TargetKind::ConfigurationManagerCollection, "{{token}}{{{x"),
    );
    let text = snippet(SnippetLanguage::HttpFile, &owned.request());
    assert_eq!(text.matches("{{").count(), 1, "{text}");
    assert!(text.contains("Authorization: Bearer {{token}}"));
    assert!(text.contains("PATCH http://127.0.0.1:8787/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c%201/assignments/a%7B%7Bb%7D%7D\n"));
    let body = text.split("\n\n").last().unwrap();
    let value: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(value["target"]["collectionId"], "{{token}}{{{x");
}

#[test]
fn emulator_snippets_say_what_needs_real_graph() {
    let owned = Owned::new(emulator(), "c", "a", target(TargetKind::AllDevices, ""));
    assert!(
        snippet(SnippetLanguage::InvokeMgGraphRequest, &owned.request())
            .contains("talks to real Graph only")
    );
    assert!(
        snippet(SnippetLanguage::Python, &owned.request()).contains("http://127.0.0.1:8787/beta")
    );
}

#[test]
fn add_and_remove_are_written_in_every_language() {
    let owned = Owned::new(
        ServiceRoot::Cloud(NationalCloud::Global),
        "c1",
        "c1_0_0",
        target(TargetKind::ExclusionGroup, "SMS00001"),
    );
    let of = |operation: SnippetOperation, language: SnippetLanguage| {
        let request = SnippetRequest {
            operation,
            ..owned.request()
        };
        snippet(language, &request)
    };
    let list = "https://graph.microsoft.com/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c1/assignments";
    let expected: [(SnippetLanguage, &str, &str); 7] = [
        (SnippetLanguage::Curl, "--request POST", "--request DELETE"),
        (
            SnippetLanguage::InvokeMgGraphRequest,
            "-Method POST",
            "-Method DELETE",
        ),
        (
            SnippetLanguage::PowerShellCmdlet,
            "New-MgBetaDeviceAppManagementiOSLobAppProvisioningConfigurationAssignment",
            "Remove-MgBetaDeviceAppManagementiOSLobAppProvisioningConfigurationAssignment",
        ),
        (
            SnippetLanguage::JavaScript,
            "method: \"POST\"",
            "method: \"DELETE\"",
        ),
        (
            SnippetLanguage::Python,
            ".assignments.post(request_body)",
            ".delete()",
        ),
        (
            SnippetLanguage::CSharp,
            "Assignments.PostAsync(requestBody)",
            "Assignments[\"c1_0_0\"].DeleteAsync()",
        ),
        (
            SnippetLanguage::HttpFile,
            "POST https://",
            "DELETE https://",
        ),
    ];
    for (language, add, remove) in expected {
        let added = of(SnippetOperation::Add, language);
        assert!(added.contains(add), "{language:?}: {added}");
        assert!(
            !added.contains("c1_0_0"),
            "{language:?} adds without an assignment id: {added}"
        );
        assert!(
            added.contains("exclusionGroupAssignmentTarget"),
            "{language:?}: {added}"
        );
        let removed = of(SnippetOperation::Remove, language);
        assert!(removed.contains(remove), "{language:?}: {removed}");
        assert!(removed.contains("c1_0_0"), "{language:?}: {removed}");
        assert!(
            !removed.contains("exclusionGroupAssignmentTarget"),
            "{language:?} removes with no body: {removed}"
        );
    }
    assert!(of(SnippetOperation::Add, SnippetLanguage::Curl).contains(&format!("--url '{list}'")));
    let curl = of(SnippetOperation::Remove, SnippetLanguage::Curl);
    assert!(!curl.trim_end().ends_with('\\'), "the command ends: {curl}");
}
