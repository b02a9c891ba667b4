//! Signing in from a browser with the Microsoft identity platform: the authorization code flow
//! with PKCE for a single-page app registered by the user, against the authority of each
//! national cloud or the emulator. Pure: the caller draws the random bytes, does the
//! navigation and the requests, and keeps the tokens (in memory only).
//!
//! ```
//! use graph_model::signin::{AuthorizeRequest, Endpoints, Tenant, pkce::Verifier};
//! use graph_model::{ClientId, NationalCloud, ServiceRoot};
//!
//! let root = ServiceRoot::Cloud(NationalCloud::Global);
//! let client_id = ClientId::parse("11111111-2222-3333-4444-555555555555").unwrap();
//! let verifier = Verifier::from_random(&[7; 32]);
//! let endpoints = Endpoints::new(&root, &Tenant::parse("organizations").unwrap());
//! let url = AuthorizeRequest {
//!     client_id: &client_id,
//!     redirect_uri: "http://localhost:8080/",
//!     code_challenge: &verifier.challenge(),
//!     state: "s",
//! }
//! .url(&endpoints, &graph_model::signin::authority::scopes(&root, false));
//! assert!(url.starts_with("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?"));
//! ```

pub mod authority;
pub mod base64url;
pub mod insight;
pub mod pkce;
pub mod token;

pub use authority::{AuthorizeRequest, Endpoints, Tenant, TenantError};
pub use insight::{Claims, Grant, InsightWarning, TokenShape};
pub use token::{SignInProblem, TokenError, TokenGrant};
