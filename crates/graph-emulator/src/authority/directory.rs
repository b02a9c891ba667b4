//! The emulated directory: one tenant, its users, and what each may be granted.

use graph_model::signin::authority::{READ_PERMISSION, WRITE_PERMISSION};

/// The emulated tenant's id.
pub const TENANT_ID: &str = "6d1f0c8e-4b2a-4f5e-9c3d-2a7b8e9f0a1b";
/// The emulated tenant's verified domain.
pub const TENANT_DOMAIN: &str = "contoso.onmicrosoft.com";

/// Permissions the emulated tenant has consented to for every app and every user.
const BASIC_PERMISSIONS: [&str; 4] = ["openid", "profile", "offline_access", "User.Read"];

/// Permissions consented for the app that only the Intune administrator holds: the Intune
/// ones, and those that read the names of groups and assignment filters and who a target reaches.
const ADMIN_PERMISSIONS: [&str; 8] = [
    READ_PERMISSION,
    WRITE_PERMISSION,
    "Group.Read.All",
    "GroupMember.Read.All",
    "User.Read.All",
    "Device.Read.All",
    "DeviceManagementConfiguration.Read.All",
    "DeviceManagementConfiguration.ReadWrite.All",
];

/// A user who can sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct User {
    /// The object id.
    pub oid: &'static str,
    /// The sign-in name.
    pub upn: &'static str,
    /// The display name.
    pub name: &'static str,
    /// What the sign-in page says of them.
    pub role: &'static str,
    /// Whether the Intune permissions are granted to them.
    pub intune: bool,
}

/// The fixture's users: an Intune administrator who has consented, and a user without the
/// permission.
pub const USERS: [User; 2] = [
    User {
        oid: "0b8f4a2c-1d3e-4f5a-8b6c-7d8e9f0a1b2c",
        upn: "adele.vance@contoso.onmicrosoft.com",
        name: "Adele Vance",
        role: "Intune administrator, consented to DeviceManagementApps.ReadWrite.All",
        intune: true,
    },
    User {
        oid: "1c9a5b3d-2e4f-4a6b-9c7d-8e9f0a1b2c3d",
        upn: "megan.bowen@contoso.onmicrosoft.com",
        name: "Megan Bowen",
        role: "user without the Intune permission",
        intune: false,
    },
];

/// The user with this sign-in name.
pub fn user(upn: &str) -> Option<User> {
    USERS.iter().copied().find(|user| user.upn == upn)
}

/// Whether `tenant` (from the authority path) names the emulated tenant.
pub fn knows_tenant(tenant: &str) -> bool {
    let tenant = tenant.to_ascii_lowercase();
    ["organizations", "common", TENANT_ID, TENANT_DOMAIN].contains(&tenant.as_str())
}

/// The requested scopes split into the resource they are for (the part before the permission,
/// such as `https://graph.microsoft.com`) and the permission names that `user` is granted.
pub fn grant(requested: &str, user: User) -> Granted {
    let mut resource = None;
    let mut permissions = Vec::new();
    for scope in requested.split_whitespace() {
        let (prefix, permission) = match scope.rsplit_once('/') {
            Some((prefix, permission)) => (Some(prefix), permission),
            None => (None, scope),
        };
        if let Some(prefix) = prefix {
            resource.get_or_insert_with(|| prefix.to_owned());
        }
        let allowed = BASIC_PERMISSIONS.contains(&permission)
            || (user.intune && ADMIN_PERMISSIONS.contains(&permission));
        if allowed && !permissions.iter().any(|p| p == permission) {
            permissions.push(permission.to_owned());
        }
    }
    Granted {
        resource: resource.unwrap_or_else(|| "https://graph.microsoft.com".to_owned()),
        permissions,
    }
}

/// What a sign-in grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granted {
    /// The API the access token is for (its `aud`).
    pub resource: String,
    /// The permission names granted.
    pub permissions: Vec<String>,
}

impl Granted {
    /// Whether `permission` was granted.
    pub fn has(&self, permission: &str) -> bool {
        self.permissions.iter().any(|p| p == permission)
    }

    /// The API permissions (the `scp` claim): everything but the OpenID Connect scopes.
    pub fn api_scopes(&self) -> String {
        self.permissions
            .iter()
            .filter(|p| !["openid", "profile", "offline_access", "email"].contains(&p.as_str()))
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_what_the_user_may_have() {
        let scopes = "http://127.0.0.1:8787/DeviceManagementApps.ReadWrite.All offline_access openid profile Mail.Send";
        let admin = grant(scopes, USERS[0]);
        assert_eq!(admin.resource, "http://127.0.0.1:8787");
        assert_eq!(admin.api_scopes(), "DeviceManagementApps.ReadWrite.All");
        assert!(admin.has("offline_access"));
        let user = grant(scopes, USERS[1]);
        assert_eq!(user.api_scopes(), "");
        assert!(!user.has(WRITE_PERMISSION));
        assert!(knows_tenant("Organizations"));
        assert!(knows_tenant(TENANT_DOMAIN));
        assert!(!knows_tenant("fabrikam.onmicrosoft.com"));
    }
}
