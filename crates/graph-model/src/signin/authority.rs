//! Where to sign in and what to ask for: the authority of each cloud (and of the emulator, which
//! is its own), the tenant, the authorize URL, and the token requests' form bodies.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::ClientId;
use crate::endpoint::ServiceRoot;

/// The delegated permission the PATCH needs.
pub const WRITE_PERMISSION: &str = "DeviceManagementApps.ReadWrite.All";
/// The delegated permission that is enough to read configurations and assignments.
pub const READ_PERMISSION: &str = "DeviceManagementApps.Read.All";

/// Which directory to sign in to: a tenant GUID, a verified domain, or `organizations` (any
/// work or school account). `consumers` is refused: the Intune permission does not exist for
/// personal accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant(String);

/// Why text is not a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TenantError {
    /// Nothing was given.
    Empty,
    /// `consumers` (personal Microsoft accounts).
    Consumers,
    /// Not a GUID, a domain name or `organizations`.
    Malformed {
        /// The text as given (trimmed).
        given: String,
    },
}

impl fmt::Display for TenantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TenantError::Empty => f.write_str(
                "enter the tenant: its id (a GUID), a domain such as contoso.onmicrosoft.com, or organizations",
            ),
            TenantError::Consumers => f.write_str(
                "\"consumers\" signs in personal Microsoft accounts, which cannot hold the Intune permission; use organizations, the tenant id or a domain",
            ),
            TenantError::Malformed { given } => write!(
                f,
                "\"{given}\" is not a tenant: use its id (a GUID), a domain such as contoso.onmicrosoft.com, or organizations"
            ),
        }
    }
}

impl std::error::Error for TenantError {}

impl Tenant {
    /// Any work or school account.
    pub const ORGANIZATIONS: &'static str = "organizations";

    /// Reads a tenant GUID (lower-cased), a domain name (lower-cased) or `organizations` /
    /// `common`.
    pub fn parse(text: &str) -> Result<Tenant, TenantError> {
        let text = text.trim().to_ascii_lowercase();
        if text.is_empty() {
            return Err(TenantError::Empty);
        }
        if text == "consumers" {
            return Err(TenantError::Consumers);
        }
        let is_domain = text.contains('.')
            && text.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if text == Self::ORGANIZATIONS
            || text == "common"
            || ClientId::parse(&text).is_ok()
            || is_domain
        {
            Ok(Tenant(text))
        } else {
            Err(TenantError::Malformed { given: text })
        }
    }

    /// The tenant as it goes into the authority's path.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The sign-in authority for a service root: Entra ID's host of that cloud, or the emulator
/// itself.
pub fn authority_base(root: &ServiceRoot) -> String {
    match root {
        ServiceRoot::Cloud(cloud) => format!("https://{}", cloud.login_host()),
        ServiceRoot::Emulator(_) => root.base_url(),
    }
}

/// The OAuth 2.0 endpoints of one authority and tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    base: String,
}

impl Endpoints {
    /// The endpoints of `tenant` at the authority of `root`.
    pub fn new(root: &ServiceRoot, tenant: &Tenant) -> Endpoints {
        Endpoints {
            base: format!("{}/{}", authority_base(root), tenant.as_str()),
        }
    }

    /// Where the browser is sent to sign in.
    pub fn authorize(&self) -> String {
        format!("{}/oauth2/v2.0/authorize", self.base)
    }

    /// Where codes and refresh tokens are redeemed.
    pub fn token(&self) -> String {
        format!("{}/oauth2/v2.0/token", self.base)
    }

    /// The page where an administrator grants the app its permissions for the whole tenant.
    pub fn admin_consent(&self, client_id: &ClientId) -> String {
        format!("{}/adminconsent?client_id={client_id}", self.base)
    }
}

/// The permissions that read the names of groups and assignment filters, and who a target
/// reaches (group members, every user, every device), asked for only when the user wants names
/// looked up (Reach is on with them).
pub const NAME_PERMISSIONS: [&str; 4] = [
    "Group.Read.All",
    "User.Read.All",
    "Device.Read.All",
    "DeviceManagementConfiguration.Read.All",
];

/// The scopes to ask for: the write permission on the Graph host of `root` (and, with
/// `names`, [`NAME_PERMISSIONS`]), a refresh token, and `openid profile` only to say who is
/// signed in.
pub fn scopes(root: &ServiceRoot, names: bool) -> String {
    let base = root.base_url();
    let mut scopes = format!("{base}/{WRITE_PERMISSION}");
    if names {
        for permission in NAME_PERMISSIONS {
            scopes.push_str(&format!(" {base}/{permission}"));
        }
    }
    scopes + " offline_access openid profile"
}

/// The bytes left as they are in a query value: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes text for a query value or a form field.
pub fn query_encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// Everything one authorize round trip sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeRequest<'a> {
    /// The app registration.
    pub client_id: &'a ClientId,
    /// This page's URL without query or fragment, registered under the Single-page
    /// application platform.
    pub redirect_uri: &'a str,
    /// The PKCE S256 challenge.
    pub code_challenge: &'a str,
    /// The random state compared on return.
    pub state: &'a str,
}

impl AuthorizeRequest<'_> {
    /// The authorize URL asking for `scope` (see [`scopes`]) with every parameter encoded; the
    /// answer comes back in the query.
    pub fn url(&self, endpoints: &Endpoints, scope: &str) -> String {
        let parameters = [
            ("client_id", self.client_id.as_str()),
            ("response_type", "code"),
            ("redirect_uri", self.redirect_uri),
            ("response_mode", "query"),
            ("scope", scope),
            ("state", self.state),
            ("code_challenge", self.code_challenge),
            ("code_challenge_method", "S256"),
        ];
        format!("{}?{}", endpoints.authorize(), form_encode(&parameters))
    }
}

/// `name=value&...` with every name and value percent-encoded, as in a query or an
/// `application/x-www-form-urlencoded` body.
pub fn form_encode(parameters: &[(&str, &str)]) -> String {
    parameters
        .iter()
        .map(|(name, value)| format!("{}={}", query_encode(name), query_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The form body that redeems an authorization code (no secret: a public client); `scope` is
/// what [`scopes`] gave for the authorize request.
pub fn code_redemption(
    client_id: &ClientId,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
    scope: &str,
) -> String {
    form_encode(&[
        ("client_id", client_id.as_str()),
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("code_verifier", verifier),
        ("scope", scope),
    ])
}

/// The form body that redeems a refresh token for a new access token (and a new refresh token,
/// which replaces this one).
pub fn refresh_redemption(client_id: &ClientId, refresh_token: &str, scope: &str) -> String {
    form_encode(&[
        ("client_id", client_id.as_str()),
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("scope", scope),
    ])
}

/// The redirect URI of a page: its URL without query or fragment (a URL without a path gets
/// `/`, as Entra registers it).
pub fn redirect_uri_of(page_url: &str) -> String {
    let end = page_url.find(['?', '#']).unwrap_or(page_url.len());
    let url = &page_url[..end];
    match url.split_once("://") {
        Some((_, rest)) if !rest.contains('/') => format!("{url}/"),
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EmulatorRoot, NationalCloud};

    fn client() -> ClientId {
        ClientId::parse("11111111-2222-3333-4444-555555555555").unwrap()
    }

    #[test]
    fn tenants() {
        for good in [
            "organizations",
            "common",
            "Contoso.OnMicrosoft.com",
            "AAAAAAAA-bbbb-cccc-dddd-eeeeeeeeeeee",
        ] {
            assert!(Tenant::parse(good).is_ok(), "{good}");
        }
        assert_eq!(Tenant::parse(" "), Err(TenantError::Empty));
        assert_eq!(Tenant::parse("consumers"), Err(TenantError::Consumers));
        for bad in ["contoso", "a..b", "-a.b", "a/b.c", "a.b?x", "é.com"] {
            assert!(
                matches!(Tenant::parse(bad), Err(TenantError::Malformed { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            Tenant::parse("Contoso.OnMicrosoft.com").unwrap().as_str(),
            "contoso.onmicrosoft.com"
        );
    }

    #[test]
    fn authorize_url_per_cloud_encodes_every_parameter() {
        let tenant = Tenant::parse("organizations").unwrap();
        let request = AuthorizeRequest {
            client_id: &client(),
            redirect_uri: "http://localhost:8080/play ground/",
            code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            state: "a+b/c=&d",
        };
        let expected_hosts = [
            (
                NationalCloud::Global,
                "login.microsoftonline.com",
                "graph.microsoft.com",
            ),
            (
                NationalCloud::UsGovL4,
                "login.microsoftonline.us",
                "graph.microsoft.us",
            ),
            (
                NationalCloud::UsGovL5Dod,
                "login.microsoftonline.us",
                "dod-graph.microsoft.us",
            ),
            (
                NationalCloud::China,
                "login.chinacloudapi.cn",
                "microsoftgraph.chinacloudapi.cn",
            ),
        ];
        for (cloud, login, graph) in expected_hosts {
            let root = ServiceRoot::Cloud(cloud);
            let url = request.url(&Endpoints::new(&root, &tenant), &scopes(&root, false));
            assert_eq!(
                url,
                format!(
                    "https://{login}/organizations/oauth2/v2.0/authorize?client_id=11111111-2222-3333-4444-555555555555\
                     &response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fplay%20ground%2F\
                     &response_mode=query\
                     &scope=https%3A%2F%2F{graph}%2FDeviceManagementApps.ReadWrite.All%20offline_access%20openid%20profile\
                     &state=a%2Bb%2Fc%3D%26d\
                     &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
                )
            );
        }
    }

    #[test]
    fn the_emulator_is_its_own_authority() {
        let root = ServiceRoot::Emulator(EmulatorRoot::parse("http://127.0.0.1:8787").unwrap());
        let endpoints = Endpoints::new(&root, &Tenant::parse("organizations").unwrap());
        assert_eq!(
            endpoints.token(),
            "http://127.0.0.1:8787/organizations/oauth2/v2.0/token"
        );
        assert_eq!(
            endpoints.admin_consent(&client()),
            "http://127.0.0.1:8787/organizations/adminconsent?client_id=11111111-2222-3333-4444-555555555555"
        );
        assert!(scopes(&root, false).starts_with("http://127.0.0.1:8787/DeviceManagementApps"));
        assert_eq!(
            scopes(&root, true),
            "http://127.0.0.1:8787/DeviceManagementApps.ReadWrite.All http://127.0.0.1:8787/Group.Read.All \
             http://127.0.0.1:8787/User.Read.All http://127.0.0.1:8787/Device.Read.All \
             http://127.0.0.1:8787/DeviceManagementConfiguration.Read.All offline_access openid profile"
        );
    }

    #[test]
    fn token_form_bodies() {
        let root = ServiceRoot::Cloud(NationalCloud::Global);
        let body = code_redemption(
            &client(),
            "c&d",
            "http://localhost/",
            "v",
            &scopes(&root, false),
        );
        assert!(body.starts_with(
            "client_id=11111111-2222-3333-4444-555555555555&grant_type=authorization_code&code=c%26d&redirect_uri=http%3A%2F%2Flocalhost%2F&code_verifier=v&scope="
        ));
        let refresh = refresh_redemption(&client(), "r=1", &scopes(&root, false));
        assert!(refresh.contains("&grant_type=refresh_token&refresh_token=r%3D1&"));
    }

    #[test]
    fn redirect_uris_drop_query_and_fragment() {
        assert_eq!(
            redirect_uri_of("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(
            redirect_uri_of("http://127.0.0.1:8080/?code=x#share=y"),
            "http://127.0.0.1:8080/"
        );
        assert_eq!(
            redirect_uri_of("https://tools.contoso.com/playground/index.html#a"),
            "https://tools.contoso.com/playground/index.html"
        );
    }
}
