//! A local stand-in for the Microsoft Graph endpoints that the playground uses: iOS LOB app
//! provisioning configurations and their assignments under `/beta`, and JSON `$batch`.
//!
//! It speaks Graph's wire protocol (OData error bodies with request ids, `@odata.type`
//! polymorphism, CORS for browsers, 401/404/400/429 as Graph answers them) and validates bodies
//! with `graph-model`, so it refuses exactly what the playground refuses. Latency, faults and
//! throttling can be switched on to test how a client copes. It is also a sign-in authority
//! (authorization code flow with PKCE) whose tokens its Graph endpoints check
//! ([`authority`]).
//!
//! ```no_run
//! # async fn run() {
//! use graph_emulator::{app, AppState, EmulatorConfig, store::{Dataset, Store}};
//! let state = AppState::new(EmulatorConfig::default(), Store::in_memory(Dataset::sample()));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8787").await.unwrap();
//! axum::serve(listener, app(state)).await.unwrap();
//! # }
//! ```

#![warn(missing_docs)]

pub mod audit;
pub mod authority;
pub mod body;
pub mod config;
pub mod context;
pub mod dates;
pub mod error;
pub mod generate;
pub mod guard;
pub mod handlers;
pub mod members;
pub mod origins;
pub mod routes;
pub mod server;
pub mod state;
pub mod static_files;
pub mod stats;
pub mod store;
pub mod tls;

pub use config::EmulatorConfig;
pub use routes::app;
pub use state::AppState;
