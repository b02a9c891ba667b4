//! The emulator as a sign-in authority, good enough to test a browser app's sign-in against
//! with no tenant: the authorization code flow with PKCE at
//! `/{tenant}/oauth2/v2.0/authorize` and `/token`, as Entra ID answers it for single-page
//! apps, minting JWT access tokens that the Graph endpoints check for expiry and scope.

pub mod authorize;
pub mod directory;
pub mod entra_error;
pub mod grants;
pub mod jwt;
pub mod redirect_uri;
pub mod token;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

use crate::guard::check_origin;
use crate::routes::cors;
use crate::state::AppState;

/// What the authority keeps: this run's signing key, and the codes and refresh tokens issued.
#[derive(Debug, Default)]
pub struct Authority {
    /// Signs and checks tokens.
    pub keys: jwt::TokenKeys,
    /// Codes and refresh tokens.
    pub grants: grants::Grants,
}

/// The authorize page (a top-level page: no CORS) and the token endpoint (CORS, for pages
/// that may call the emulator).
pub fn routes(state: AppState) -> Router {
    let token = Router::new()
        .route("/{tenant}/oauth2/v2.0/token", post(token::redeem))
        .layer(cors(&state.config))
        .layer(from_fn_with_state(state.clone(), check_origin));
    Router::new()
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::show).post(authorize::decide),
        )
        .merge(token)
        .with_state(state)
}
