//! Bulk changes: many assignments retargeted through `$batch`, as fast as Intune's write
//! throttle allows, losing none. The pieces have no browser types, so they run natively in
//! tests: the [`rules`] that turn a current target into the new one, the [`scheduler`] that
//! paces the writes, and the [`journal`] that keeps a run across a reload.

pub mod journal;
pub mod rules;
pub mod scheduler;
