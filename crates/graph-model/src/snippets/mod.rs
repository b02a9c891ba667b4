//! The request as code to run elsewhere: curl, PowerShell, JavaScript, Python, C# and a `.http`
//! file. Every snippet is built from the same [`HttpRequest`] the playground sends, with the
//! token replaced by a placeholder, and every value is quoted for its language (see [`quote`]).

pub mod quote;
mod sdk;

use serde_json::Value;

use crate::assignment::AssignmentPatch;
use crate::endpoint::{ApiVersion, NationalCloud, ServiceRoot};
use crate::ids::{AssignmentId, ConfigurationId};
use crate::names::named_enum;
use crate::request::{
    GraphUrls, HttpRequest, RequestOptions, create_assignment, delete_assignment, patch_assignment,
};

/// The placeholder for the token in shell snippets (an environment variable).
pub const SHELL_TOKEN: &str = "$TOKEN";
/// The placeholder for the token where there is no variable to read.
pub const TEXT_TOKEN: &str = "<access-token>";
/// The permission the PATCH needs.
pub const WRITE_PERMISSION: &str = "DeviceManagementApps.ReadWrite.All";

/// The languages and formats snippets come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SnippetLanguage {
    /// curl in bash.
    Curl,
    /// PowerShell `Invoke-MgGraphRequest`.
    InvokeMgGraphRequest,
    /// The Microsoft Graph PowerShell beta cmdlet.
    PowerShellCmdlet,
    /// JavaScript `fetch`.
    JavaScript,
    /// Python with the Microsoft Graph beta SDK (msgraph-beta-sdk).
    Python,
    /// C# with the Microsoft Graph beta SDK (Microsoft.Graph.Beta).
    CSharp,
    /// A `.http` file (VS Code REST Client, JetBrains HTTP Client, httpyac).
    HttpFile,
}

impl SnippetLanguage {
    /// Every language, in the order the page offers them.
    pub const ALL: [SnippetLanguage; 7] = [
        SnippetLanguage::Curl,
        SnippetLanguage::InvokeMgGraphRequest,
        SnippetLanguage::PowerShellCmdlet,
        SnippetLanguage::JavaScript,
        SnippetLanguage::Python,
        SnippetLanguage::CSharp,
        SnippetLanguage::HttpFile,
    ];

    /// A stable key.
    pub const fn key(self) -> &'static str {
        match self {
            SnippetLanguage::Curl => "curl",
            SnippetLanguage::InvokeMgGraphRequest => "invoke-mggraphrequest",
            SnippetLanguage::PowerShellCmdlet => "powershell-cmdlet",
            SnippetLanguage::JavaScript => "javascript",
            SnippetLanguage::Python => "python",
            SnippetLanguage::CSharp => "csharp",
            SnippetLanguage::HttpFile => "http",
        }
    }

    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            SnippetLanguage::Curl => "curl (bash)",
            SnippetLanguage::InvokeMgGraphRequest => "PowerShell: Invoke-MgGraphRequest",
            SnippetLanguage::PowerShellCmdlet => "PowerShell: Microsoft Graph beta cmdlet",
            SnippetLanguage::JavaScript => "JavaScript: fetch",
            SnippetLanguage::Python => "Python: msgraph-beta-sdk",
            SnippetLanguage::CSharp => "C#: Microsoft.Graph.Beta",
            SnippetLanguage::HttpFile => ".http file",
        }
    }
}

named_enum!(SnippetLanguage, "snippet language", key);

/// Which request of the assignment a snippet makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SnippetOperation {
    /// `PATCH .../assignments/{id}`: the target replaced.
    #[default]
    Update,
    /// `POST .../assignments`: an assignment added with the target (the assignment id unused).
    Add,
    /// `DELETE .../assignments/{id}`: the assignment removed (the body unused).
    Remove,
}

/// What a snippet describes: a validated PATCH, POST or DELETE of an assignment.
#[derive(Debug, Clone, Copy)]
pub struct SnippetRequest<'a> {
    /// Which request.
    pub operation: SnippetOperation,
    /// Where it goes.
    pub root: &'a ServiceRoot,
    /// The API version.
    pub version: ApiVersion,
    /// The configuration.
    pub configuration: &'a ConfigurationId,
    /// The assignment.
    pub assignment: &'a AssignmentId,
    /// The body.
    pub patch: &'a AssignmentPatch,
}

impl SnippetRequest<'_> {
    fn http(&self, bearer: &str) -> HttpRequest {
        let urls = GraphUrls::new(self.root, self.version);
        let options = RequestOptions::default();
        match self.operation {
            SnippetOperation::Update => patch_assignment(
                &urls,
                self.configuration,
                self.assignment,
                self.patch,
                bearer,
                &options,
            ),
            SnippetOperation::Add => {
                create_assignment(&urls, self.configuration, self.patch, bearer, &options)
            }
            SnippetOperation::Remove => {
                delete_assignment(&urls, self.configuration, self.assignment, bearer, &options)
            }
        }
    }

    /// The PowerShell cmdlet's verb: Update, New or Remove.
    fn cmdlet_verb(&self) -> &'static str {
        match self.operation {
            SnippetOperation::Update => "Update",
            SnippetOperation::Add => "New",
            SnippetOperation::Remove => "Remove",
        }
    }

    fn body_value(&self) -> Value {
        serde_json::to_value(self.patch).unwrap_or(Value::Null)
    }

    fn cloud(&self) -> Option<NationalCloud> {
        match self.root {
            ServiceRoot::Cloud(cloud) => Some(*cloud),
            ServiceRoot::Emulator(_) => None,
        }
    }
}

/// The snippet for `language`.
pub fn snippet(language: SnippetLanguage, request: &SnippetRequest<'_>) -> String {
    match language {
        SnippetLanguage::Curl => curl(request),
        SnippetLanguage::InvokeMgGraphRequest => invoke_mg_graph_request(request),
        SnippetLanguage::PowerShellCmdlet => powershell_cmdlet(request),
        SnippetLanguage::JavaScript => javascript(request),
        SnippetLanguage::Python => sdk::python(request),
        SnippetLanguage::CSharp => sdk::csharp(request),
        SnippetLanguage::HttpFile => http_file(request),
    }
}

fn curl(request: &SnippetRequest<'_>) -> String {
    let http = request.http(SHELL_TOKEN);
    let mut lines = vec![
        format!(
            "# Set TOKEN first, for example: export TOKEN={}",
            quote::bash(TEXT_TOKEN)
        ),
        format!("curl --request {} \\", http.method),
        format!("  --url {} \\", quote::bash(&http.url)),
    ];
    for (name, value) in &http.headers {
        if name.eq_ignore_ascii_case("Authorization") {
            // The only double-quoted word: it must expand $TOKEN, and holds nothing else.
            lines.push(format!(
                "  --header \"Authorization: Bearer {SHELL_TOKEN}\" \\"
            ));
        } else {
            lines.push(format!(
                "  --header {} \\",
                quote::bash(&format!("{name}: {value}"))
            ));
        }
    }
    match &http.body {
        Some(body) => lines.push(format!("  --data-raw {}", quote::bash(body))),
        None => {
            if let Some(last) = lines.last_mut() {
                *last = last.trim_end_matches(" \\").to_owned();
            }
        }
    }
    lines.join("\n")
}

/// `Connect-MgGraph` for the cloud, or a note that the emulator cannot be reached this way.
fn connect_mg_graph(request: &SnippetRequest<'_>) -> String {
    let environment = match request.cloud() {
        Some(NationalCloud::Global) => "Global",
        Some(NationalCloud::UsGovL4) => "USGov",
        Some(NationalCloud::UsGovL5Dod) => "USGovDoD",
        Some(NationalCloud::China) => "China",
        None => {
            return "# The Microsoft Graph PowerShell module talks to real Graph only (it signs in with\n\
                    # Connect-MgGraph); choose a cloud in the playground to get a snippet to run."
                .to_owned();
        }
    };
    format!(
        "Connect-MgGraph -Environment {environment} -Scopes {}",
        quote::powershell(WRITE_PERMISSION)
    )
}

fn invoke_mg_graph_request(request: &SnippetRequest<'_>) -> String {
    let http = request.http(TEXT_TOKEN);
    let body = http
        .body
        .as_deref()
        .map(|body| {
            format!(
                " -ContentType 'application/json' -Body {}",
                quote::powershell(body)
            )
        })
        .unwrap_or_default();
    format!(
        "{}\nInvoke-MgGraphRequest -Method {} -Uri {}{body}",
        connect_mg_graph(request),
        http.method,
        quote::powershell(&http.url),
    )
}

fn powershell_cmdlet(request: &SnippetRequest<'_>) -> String {
    let mut text = String::from("Import-Module Microsoft.Graph.Beta.Devices.CorporateManagement\n");
    text.push_str(&connect_mg_graph(request));
    if request.version == ApiVersion::V1_0 {
        text.push_str(
            "\n# The beta cmdlet always calls /beta: this entity does not exist in v1.0.",
        );
    }
    let verb = request.cmdlet_verb();
    let configuration = quote::powershell(request.configuration.as_str());
    let assignment = quote::powershell(request.assignment.as_str());
    let cmdlet =
        format!("{verb}-MgBetaDeviceAppManagementiOSLobAppProvisioningConfigurationAssignment");
    text.push_str(&match request.operation {
        SnippetOperation::Update => format!(
            "\n$params = {}\n{cmdlet} `\n    -IosLobAppProvisioningConfigurationId {configuration} `\n    -IosLobAppProvisioningConfigurationAssignmentId {assignment} `\n    -BodyParameter $params",
            quote::powershell_value(&request.body_value(), 0),
        ),
        SnippetOperation::Add => format!(
            "\n$params = {}\n{cmdlet} `\n    -IosLobAppProvisioningConfigurationId {configuration} `\n    -BodyParameter $params",
            quote::powershell_value(&request.body_value(), 0),
        ),
        SnippetOperation::Remove => format!(
            "\n{cmdlet} `\n    -IosLobAppProvisioningConfigurationId {configuration} `\n    -IosLobAppProvisioningConfigurationAssignmentId {assignment}"
        ),
    });
    text
}

fn javascript(request: &SnippetRequest<'_>) -> String {
    let http = request.http(TEXT_TOKEN);
    let mut headers = String::new();
    for (name, value) in &http.headers {
        if name.eq_ignore_ascii_case("Authorization") {
            headers.push_str("    Authorization: `Bearer ${token}`,\n");
        } else {
            headers.push_str(&format!(
                "    {}: {},\n",
                quote::c_like(name),
                quote::c_like(value)
            ));
        }
    }
    headers.push_str("    \"client-request-id\": crypto.randomUUID(),\n");
    let body = match http.body {
        Some(_) => {
            let json = serde_json::to_string_pretty(&request.body_value())
                .unwrap_or_default()
                .replace('\n', "\n  ");
            format!("  body: JSON.stringify({json}),\n")
        }
        None => String::new(),
    };
    format!(
        "const token = {};\nconst response = await fetch({}, {{\n  method: {},\n  headers: {{\n{headers}  }},\n{body}}});\nconsole.log(response.status, await response.text());",
        quote::c_like(TEXT_TOKEN),
        quote::c_like(&http.url),
        quote::c_like(http.method),
    )
}

/// Breaks `{{` so that `.http` tools do not read it as a variable: inside a JSON string a
/// brace may be written `\u007b`. Pretty-printed JSON never has two structural braces in a row,
/// so every `{{` is inside a string.
fn break_variable_braces(json: &str) -> String {
    let mut text = json.to_owned();
    while text.contains("{{") {
        text = text.replacen("{{", "{\\u007b", 1);
    }
    text
}

fn http_file(request: &SnippetRequest<'_>) -> String {
    let http = request.http("{{token}}");
    let mut text = format!(
        "# Set the token, then send the request below.\n@token = {TEXT_TOKEN}\n\n{} {}\n",
        http.method, http.url
    );
    for (name, value) in &http.headers {
        text.push_str(&format!("{name}: {value}\n"));
    }
    if let Some(body) = &http.body {
        text.push('\n');
        text.push_str(&break_variable_braces(body));
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests;
