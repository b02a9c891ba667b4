//! What every handler shares.

use std::sync::Arc;

use crate::authority::Authority;
use crate::config::EmulatorConfig;
use crate::guard::WriteThrottle;
use crate::stats::Stats;
use crate::store::Store;

/// The emulator's shared state: behaviour switches, data, and throttling counters.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Behaviour switches.
    pub config: Arc<EmulatorConfig>,
    /// The configurations and assignments.
    pub store: Arc<Store>,
    /// Write counts per token.
    pub throttle: Arc<WriteThrottle>,
    /// The sign-in authority: signing key, codes and refresh tokens.
    pub authority: Arc<Authority>,
    /// Counts of writes, requests, 429s and batches (see [`crate::stats`]).
    pub stats: Arc<Stats>,
}

impl AppState {
    /// State over `store` that behaves as `config` says.
    pub fn new(config: EmulatorConfig, store: Store) -> AppState {
        AppState {
            config: Arc::new(config),
            store: Arc::new(store),
            throttle: Arc::default(),
            authority: Arc::default(),
            stats: Arc::default(),
        }
    }
}
