//! Snippets for the Microsoft Graph beta SDKs, which build the body from typed models.

use super::{SnippetOperation, SnippetRequest, WRITE_PERMISSION, quote};
use crate::endpoint::{ApiVersion, NationalCloud, ServiceRoot};
use crate::target::{AssignmentTarget, FilterType};

/// `groupAssignmentTarget` -> `GroupAssignmentTarget`.
fn pascal_case(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// `groupAssignmentTarget` -> `group_assignment_target`.
fn snake_case(name: &str) -> String {
    let mut text = String::with_capacity(name.len() + 8);
    for character in name.chars() {
        if character.is_ascii_uppercase() {
            text.push('_');
            text.push(character.to_ascii_lowercase());
        } else {
            text.push(character);
        }
    }
    text
}

/// The properties of a target as (camelCase name, value literal) pairs, filter enum aside.
fn target_strings(target: &AssignmentTarget) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    if let Some(id) = &target.filter().id {
        fields.push(("deviceAndAppManagementAssignmentFilterId", id.to_string()));
    }
    if let Some(group) = target.group_id() {
        fields.push(("groupId", group.to_string()));
    }
    if let Some(collection) = target.collection_id() {
        fields.push(("collectionId", collection.to_string()));
    }
    fields
}

/// The enum member in C#: `None`, `Include`, `Exclude`.
fn filter_member(filter_type: FilterType) -> &'static str {
    filter_type.label()
}

/// The enum member in Python, where `None` is a keyword and the generated SDK adds `_`.
fn python_filter_member(filter_type: FilterType) -> &'static str {
    match filter_type {
        FilterType::None => "None_",
        other => other.label(),
    }
}

fn scope_for(request: &SnippetRequest<'_>) -> String {
    let cloud = match request.root {
        ServiceRoot::Cloud(cloud) => *cloud,
        ServiceRoot::Emulator(_) => NationalCloud::Global,
    };
    cloud.scope(WRITE_PERMISSION)
}

fn version_note(request: &SnippetRequest<'_>, comment: &str) -> String {
    match (request.root, request.version) {
        (ServiceRoot::Emulator(base), _) => format!(
            "{comment} The SDK talks to Graph; to try this against the emulator, set the client's base URL to {base}/beta.\n"
        ),
        (_, ApiVersion::V1_0) => format!(
            "{comment} The beta SDK always calls /beta: this entity does not exist in v1.0.\n"
        ),
        (ServiceRoot::Cloud(NationalCloud::Global), _) => String::new(),
        (ServiceRoot::Cloud(cloud), _) => format!(
            "{comment} For {}, set the client's base URL to https://{}/beta and sign in at {}.\n",
            cloud.label(),
            cloud.graph_host(),
            cloud.login_host()
        ),
    }
}

/// The imports and client set-up of the Python snippet. Against the emulator the client reads
/// the token from `TOKEN` and talks to the emulator's base URL, so the snippet runs as it is;
/// against Graph it signs in with a credential.
fn python_client(request: &SnippetRequest<'_>) -> (String, String) {
    match request.root {
        ServiceRoot::Emulator(base) => {
            let host = base
                .as_str()
                .split_once("://")
                .map_or(base.as_str(), |(_, rest)| {
                    rest.split('/').next().unwrap_or(rest)
                });
            (
                "import asyncio\nimport os\n\n\
                 from kiota_abstractions.authentication import AccessTokenProvider, AllowedHostsValidator, BaseBearerTokenAuthenticationProvider\n\
                 from msgraph_beta import GraphRequestAdapter, GraphServiceClient\n"
                    .to_owned(),
                format!(
                    "\nclass EnvironmentToken(AccessTokenProvider):\n\
                     \x20   \"\"\"The token from the TOKEN environment variable (the emulator takes any non-empty one).\"\"\"\n\n\
                     \x20   async def get_authorization_token(self, uri, additional_authentication_context=None):\n\
                     \x20       return os.environ[\"TOKEN\"]\n\n\
                     \x20   def get_allowed_hosts_validator(self):\n\
                     \x20       return AllowedHostsValidator([{host}])\n\n\n\
                     adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(EnvironmentToken()))\n\
                     adapter.base_url = {base_url}\n\
                     client = GraphServiceClient(request_adapter=adapter)\n",
                    host = quote::c_like(host),
                    base_url = quote::c_like(&format!("{base}/beta")),
                ),
            )
        }
        ServiceRoot::Cloud(_) => (
            "import asyncio\n\n\
             from azure.identity import InteractiveBrowserCredential\n\
             from msgraph_beta import GraphServiceClient\n"
                .to_owned(),
            format!(
                "{}client = GraphServiceClient(InteractiveBrowserCredential(), scopes=[{}])\n",
                version_note(request, "#"),
                quote::c_like(&scope_for(request))
            ),
        ),
    }
}

/// Python with msgraph-beta-sdk.
pub fn python(request: &SnippetRequest<'_>) -> String {
    if request.operation == SnippetOperation::Remove {
        let (imports, client) = python_client(request);
        return format!(
            "{imports}\n{client}\n\
             async def main():\n\
             \x20   await (\n\
             \x20       client.device_app_management.ios_lob_app_provisioning_configurations\n\
             \x20       .by_ios_lob_app_provisioning_configuration_id({configuration})\n\
             \x20       .assignments.by_ios_lob_app_provisioning_configuration_assignment_id({assignment})\n\
             \x20       .delete()\n\
             \x20   )\n\n\
             asyncio.run(main())\n",
            configuration = quote::c_like(request.configuration.as_str()),
            assignment = quote::c_like(request.assignment.as_str()),
        );
    }
    let target = &request.patch.target;
    let type_name = target.kind().type_name();
    let class = pascal_case(type_name);
    let mut fields = format!(
        "        odata_type={},\n",
        quote::c_like(&target.kind().odata_type())
    );
    for (name, value) in target_strings(target) {
        fields.push_str(&format!(
            "        {}={},\n",
            snake_case(name),
            quote::c_like(&value)
        ));
    }
    fields.push_str(&format!(
        "        device_and_app_management_assignment_filter_type=DeviceAndAppManagementAssignmentFilterType.{},\n",
        python_filter_member(target.filter().filter_type)
    ));
    let (imports, client) = python_client(request);
    format!(
        "{imports}\
         from msgraph_beta.generated.models.device_and_app_management_assignment_filter_type import DeviceAndAppManagementAssignmentFilterType\n\
         from msgraph_beta.generated.models.ios_lob_app_provisioning_configuration_assignment import IosLobAppProvisioningConfigurationAssignment\n\
         from msgraph_beta.generated.models.{module} import {class}\n\n\
         {client}\n\
         request_body = IosLobAppProvisioningConfigurationAssignment(\n\
         \x20   odata_type=\"#microsoft.graph.iosLobAppProvisioningConfigurationAssignment\",\n\
         \x20   target={class}(\n{fields}    ),\n)\n\n\
         async def main():\n\
         \x20   await (\n\
         \x20       client.device_app_management.ios_lob_app_provisioning_configurations\n\
         \x20       .by_ios_lob_app_provisioning_configuration_id({configuration})\n\
         \x20       {call}\n\
         \x20   )\n\n\
         asyncio.run(main())\n",
        module = snake_case(type_name),
        configuration = quote::c_like(request.configuration.as_str()),
        call = match request.operation {
            SnippetOperation::Add => ".assignments.post(request_body)".to_owned(),
            _ => format!(
                ".assignments.by_ios_lob_app_provisioning_configuration_assignment_id({})\n        .patch(request_body)",
                quote::c_like(request.assignment.as_str())
            ),
        },
    )
}

/// C# with Microsoft.Graph.Beta.
pub fn csharp(request: &SnippetRequest<'_>) -> String {
    if request.operation == SnippetOperation::Remove {
        return format!(
            "using Azure.Identity;\n\
             using Microsoft.Graph.Beta;\n\n\
             {note}\
             var graphClient = new GraphServiceClient(new InteractiveBrowserCredential(), new[] {{ {scope} }});\n\n\
             await graphClient.DeviceAppManagement.IosLobAppProvisioningConfigurations[{configuration}]\n\
             \x20   .Assignments[{assignment}].DeleteAsync();\n",
            note = version_note(request, "//"),
            scope = quote::c_like(&scope_for(request)),
            configuration = quote::c_like(request.configuration.as_str()),
            assignment = quote::c_like(request.assignment.as_str()),
        );
    }
    let target = &request.patch.target;
    let class = pascal_case(target.kind().type_name());
    let mut fields = format!(
        "        OdataType = {},\n",
        quote::c_like(&target.kind().odata_type())
    );
    for (name, value) in target_strings(target) {
        fields.push_str(&format!(
            "        {} = {},\n",
            pascal_case(name),
            quote::c_like(&value)
        ));
    }
    fields.push_str(&format!(
        "        DeviceAndAppManagementAssignmentFilterType = DeviceAndAppManagementAssignmentFilterType.{},\n",
        filter_member(target.filter().filter_type)
    ));
    format!(
        "using Azure.Identity;\n\
         using Microsoft.Graph.Beta;\n\
         using Microsoft.Graph.Beta.Models;\n\n\
         {note}\
         var graphClient = new GraphServiceClient(new InteractiveBrowserCredential(), new[] {{ {scope} }});\n\n\
         var requestBody = new IosLobAppProvisioningConfigurationAssignment\n\
         {{\n\
         \x20   OdataType = \"#microsoft.graph.iosLobAppProvisioningConfigurationAssignment\",\n\
         \x20   Target = new {class}\n\
         \x20   {{\n{fields}    }},\n\
         }};\n\n\
         var result = await graphClient.DeviceAppManagement.IosLobAppProvisioningConfigurations[{configuration}]\n\
         \x20   .{call};\n",
        note = version_note(request, "//"),
        scope = quote::c_like(&scope_for(request)),
        configuration = quote::c_like(request.configuration.as_str()),
        call = match request.operation {
            SnippetOperation::Add => "Assignments.PostAsync(requestBody)".to_owned(),
            _ => format!(
                "Assignments[{}].PatchAsync(requestBody)",
                quote::c_like(request.assignment.as_str())
            ),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_each_sdks_convention() {
        assert_eq!(
            pascal_case("groupAssignmentTarget"),
            "GroupAssignmentTarget"
        );
        assert_eq!(
            snake_case("configurationManagerCollectionAssignmentTarget"),
            "configuration_manager_collection_assignment_target"
        );
        assert_eq!(
            snake_case("deviceAndAppManagementAssignmentFilterId"),
            "device_and_app_management_assignment_filter_id"
        );
    }
}
