//! Durability trials: the real binary with `--data`, a writer sending PATCH after PATCH, and a
//! `kill -9` at a random moment; then the file is read back. Prints how many acknowledged
//! writes were lost and how many files were corrupt (both must be 0). A report, not a timed test.
//!
//! Run with `cargo bench -p graph-emulator --bench durability` (TRIALS overrides the default 100).

use std::time::{Duration, Instant};

use rand::Rng;

// The trial itself is the socket test's (`tests/socket.rs`), run many times here.
#[allow(dead_code)]
#[path = "../tests/common/kill9.rs"]
mod kill9;

use kill9::Verdict;

#[tokio::main]
async fn main() {
    let trials: u32 = std::env::var("TRIALS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(100);
    let (mut lost, mut corrupt, mut writes) = (0, 0, 0u64);
    let started = Instant::now();
    for _ in 0..trials {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let kill_after = Duration::from_millis(rand::rng().random_range(0..150));
        let (verdict, acknowledged) =
            kill9::trial(&folder.path().join("data.json"), kill_after).await;
        writes += u64::from(acknowledged);
        match verdict {
            Verdict::Kept(_) => {}
            Verdict::Lost { .. } => lost += 1,
            Verdict::Corrupt(_) => corrupt += 1,
        }
    }
    println!(
        "{trials} kill -9 trials in {:.0} s ({writes} acknowledged writes): acknowledged writes lost in {lost} trial(s), corrupt files {corrupt}",
        started.elapsed().as_secs_f64()
    );
    if lost > 0 || corrupt > 0 {
        std::process::exit(1);
    }
}
