//! The Python and JavaScript snippets, with hostile ids and values, are read by the real
//! parsers (`python3` and `node` must be on the PATH): a value can never end a string early.

use std::io::Write;
use std::process::{Command, Stdio};

use graph_model::snippets::{SnippetLanguage, SnippetOperation, SnippetRequest, snippet};
use graph_model::{
    ApiVersion, AssignmentFilter, AssignmentId, AssignmentPatch, AssignmentTarget, CollectionId,
    ConfigurationId, NationalCloud, ServiceRoot,
};

/// Text that ends or escapes a Python or JavaScript string literal when quoted carelessly.
const HOSTILE: [&str; 7] = [
    "it's \"quoted\"",
    "back\\slash\\",
    "new\nline\r\ttab",
    "${process.exit(1)} `tick` {curly}",
    "\"\"\" ''' triple",
    "line\u{2028}separator\u{2029}paragraph",
    "héllo 日本 ✓ \u{0}",
];

/// Runs `program args…` with `text` on standard input and fails unless it succeeds.
fn accepted_by(program: &str, args: &[&str], text: &str) {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{program} runs: {error}"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{program} refused:\n{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn python_and_javascript_snippets_parse_with_hostile_values_for_every_operation() {
    let roots = [
        ServiceRoot::Cloud(NationalCloud::Global),
        ServiceRoot::emulator("http://127.0.0.1:8787").unwrap(),
    ];
    for root in &roots {
        for hostile in HOSTILE {
            let configuration = ConfigurationId::parse(hostile).unwrap();
            let assignment = AssignmentId::parse(hostile).unwrap();
            let patch = AssignmentPatch {
                target: AssignmentTarget::ConfigurationManagerCollection {
                    collection_id: CollectionId::parse(hostile).unwrap(),
                    filter: AssignmentFilter::default(),
                },
            };
            for operation in [
                SnippetOperation::Update,
                SnippetOperation::Add,
                SnippetOperation::Remove,
            ] {
                let request = SnippetRequest {
                    operation,
                    root,
                    version: ApiVersion::Beta,
                    configuration: &configuration,
                    assignment: &assignment,
                    patch: &patch,
                };
                accepted_by(
                    "python3",
                    &["-c", "import ast, sys; ast.parse(sys.stdin.read())"],
                    &snippet(SnippetLanguage::Python, &request),
                );
                accepted_by(
                    "node",
                    &["--input-type=module", "--check"],
                    &snippet(SnippetLanguage::JavaScript, &request),
                );
            }
        }
    }
}
