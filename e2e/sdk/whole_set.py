"""Microsoft's Python beta SDK changes a configuration's whole assignment set through the emulator:
it creates an assignment, deletes it, and replaces the set with the assign action.

Usage: python whole_set.py EMULATOR_URL CONFIGURATION_ID GROUP_ID
Prints one JSON line: the id created and the set's targets after each step."""

import asyncio
import json
import sys

from kiota_abstractions.authentication import (
    AccessTokenProvider,
    AllowedHostsValidator,
    BaseBearerTokenAuthenticationProvider,
)
from msgraph_beta import GraphRequestAdapter, GraphServiceClient
from msgraph_beta.generated.device_app_management.ios_lob_app_provisioning_configurations.item.assign.assign_post_request_body import (
    AssignPostRequestBody,
)
from msgraph_beta.generated.models.all_devices_assignment_target import AllDevicesAssignmentTarget
from msgraph_beta.generated.models.exclusion_group_assignment_target import ExclusionGroupAssignmentTarget
from msgraph_beta.generated.models.group_assignment_target import GroupAssignmentTarget
from msgraph_beta.generated.models.ios_lob_app_provisioning_configuration_assignment import (
    IosLobAppProvisioningConfigurationAssignment,
)


class AnyToken(AccessTokenProvider):
    """The emulator takes any non-empty token."""

    def __init__(self, host):
        self.host = host

    async def get_authorization_token(self, uri, additional_authentication_context=None):
        return "sdk-token"

    def get_allowed_hosts_validator(self):
        return AllowedHostsValidator([self.host])


def kinds(listed):
    return sorted(
        f"{item.target.odata_type}:{getattr(item.target, 'group_id', None) or ''}" for item in listed.value
    )


async def main(url, configuration_id, group_id):
    adapter = GraphRequestAdapter(BaseBearerTokenAuthenticationProvider(AnyToken(url.split("://")[1])))
    adapter.base_url = f"{url}/beta"
    client = GraphServiceClient(request_adapter=adapter)
    configuration = client.device_app_management.ios_lob_app_provisioning_configurations.by_ios_lob_app_provisioning_configuration_id(
        configuration_id
    )
    created = await configuration.assignments.post(
        IosLobAppProvisioningConfigurationAssignment(
            odata_type="#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
            target=GroupAssignmentTarget(odata_type="#microsoft.graph.groupAssignmentTarget", group_id=group_id),
        )
    )
    after_create = kinds(await configuration.assignments.get())
    await configuration.assignments.by_ios_lob_app_provisioning_configuration_assignment_id(created.id).delete()
    after_delete = kinds(await configuration.assignments.get())
    await configuration.assign.post(
        AssignPostRequestBody(
            app_provisioning_configuration_group_assignments=[],
            i_o_s_lob_app_provisioning_config_assignments=[
                IosLobAppProvisioningConfigurationAssignment(
                    target=AllDevicesAssignmentTarget(odata_type="#microsoft.graph.allDevicesAssignmentTarget")
                ),
                IosLobAppProvisioningConfigurationAssignment(
                    target=ExclusionGroupAssignmentTarget(
                        odata_type="#microsoft.graph.exclusionGroupAssignmentTarget", group_id=group_id
                    )
                ),
            ],
        )
    )
    after_assign = kinds(await configuration.assignments.get())
    print(json.dumps({"created": created.id, "afterCreate": after_create, "afterDelete": after_delete, "afterAssign": after_assign}))


asyncio.run(main(*sys.argv[1:4]))
