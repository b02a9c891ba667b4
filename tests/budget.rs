//! The first-load budget is stated in two places, the test command that enforces it and the
//! README that tells it: they must say the same figure.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

fn figure_after<'a>(text: &'a str, marker: &str) -> &'a str {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in the text"));
    let rest = &text[at + marker.len()..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    rest[..end].trim_end_matches('.')
}

#[test]
fn the_readme_states_the_budget_the_test_command_enforces() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let test = fs::read_to_string(root.join("scripts/test")).unwrap();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let enforced = figure_after(&test, "--budget-brotli-kb ");
    let announced = figure_after(&test, "(budget: ");
    let told = figure_after(&readme, "holds it to a budget of ");
    assert!(!enforced.is_empty(), "scripts/test enforces no budget");
    assert_eq!(
        announced, enforced,
        "scripts/test's step names another budget"
    );
    assert_eq!(
        told, enforced,
        "README.md tells another budget than scripts/test enforces"
    );
}
