//! Feeds arbitrary bytes to every parser of the model crate: none may panic, and a body that
//! checks clean must serialise to canonical JSON that checks clean again to the same value.
#![no_main]

use graph_model::{ApiVersion, AssignmentPatch, ODataErrorResponse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = ODataErrorResponse::parse(text);
    let check = AssignmentPatch::check(text, ApiVersion::Beta);
    assert_eq!(check.patch.is_some(), check.diagnostics.errors.is_empty());
    if let Some(patch) = check.patch {
        let again = AssignmentPatch::check(&patch.to_json_pretty(), ApiVersion::Beta);
        assert_eq!(again.patch, Some(patch));
    }
});
