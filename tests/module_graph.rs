//! The app's modules depend on each other one way, as `src/lib.rs` lays them out:
//!
//! - no module of `src/` reaches, through the `crate::` paths its code names, a module that
//!   reaches it back (a cycle ties code into one knot that no one can change a part of alone);
//! - `page` and `worker` use `contract` and `shared` and never each other, `contract` uses
//!   `shared` only, and `shared` uses neither;
//! - the worker's features do not name each other: what they share is the workbench's state,
//!   the helpers beside them and the events.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The worker's features: each may name the helpers of `worker` but no other feature.
const FEATURES: [&str; 9] = [
    "worker::bulk_work",
    "worker::changes_work",
    "worker::code_work",
    "worker::finder_work",
    "worker::list_work",
    "worker::name_work",
    "worker::reach_work",
    "worker::set_work",
    "worker::sign_in_work",
];

/// The module a file of `src/` is (`page/components/finder.rs` is `page::components::finder`),
/// or `None` for the crate's root and the binaries.
fn module_of(relative: &Path) -> Option<String> {
    let mut names: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    let file = names.pop()?;
    let file = file.strip_suffix(".rs")?;
    if file != "mod" {
        names.push(file.to_owned());
    }
    let root = matches!(names.first().map(String::as_str), None | Some("bin"))
        || matches!(names.as_slice(), [only] if only == "lib" || only == "main");
    (!root).then(|| names.join("::"))
}

/// The code of a file without its comments and its test module.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::` path the code names, grouped `use crate::a::{b, c::d}` as `a::b` and
/// `a::c::d`.
fn paths(code: &str) -> Vec<String> {
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let prefix: String = rest.chars().take_while(|&c| is_name(c)).collect();
        let after = &rest[prefix.len()..];
        match after.strip_prefix('{') {
            Some(group) => {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for item in group.split(',') {
                    let item = item.trim().trim_start_matches('{');
                    let item: String = item.chars().take_while(|&c| is_name(c)).collect();
                    found.push(format!("{prefix}{item}").trim_end_matches(':').to_owned());
                }
            }
            None => found.push(prefix.trim_end_matches(':').to_owned()),
        }
    }
    found
}

/// The module a path names: its longest prefix that is a module of `src/`.
fn named_module(path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").filter(|part| !part.is_empty()).collect();
    (1..=parts.len())
        .rev()
        .map(|length| parts[..length].join("::"))
        .find(|candidate| modules.contains(candidate))
}

fn files(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

/// The graph of `src/`: each module and the modules it names (not its own parents, which
/// hold it, nor itself).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let modules: BTreeSet<String> = all
        .iter()
        .filter_map(|path| module_of(path.strip_prefix(&src).unwrap()))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in &all {
        let Some(module) = module_of(path.strip_prefix(&src).unwrap()) else {
            continue;
        };
        let code = code_of(&fs::read_to_string(path).unwrap());
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(
            paths(&code)
                .iter()
                .filter_map(|path| named_module(path, &modules))
                .filter(|to| *to != module && !module.starts_with(&format!("{to}::"))),
        );
    }
    graph
}

/// The modules reachable from `from`.
fn reachable(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut next = vec![from.to_owned()];
    while let Some(module) = next.pop() {
        for to in graph.get(&module).into_iter().flatten() {
            if seen.insert(to.clone()) {
                next.push(to.clone());
            }
        }
    }
    seen
}

/// The side a module is on: `page`, `worker`, `contract` or `shared`.
fn side(module: &str) -> &str {
    module.split("::").next().unwrap_or_default()
}

/// The feature a module belongs to, if any.
fn feature(module: &str) -> Option<&'static str> {
    FEATURES
        .into_iter()
        .find(|feature| module == *feature || module.starts_with(&format!("{feature}::")))
}

/// The edges of `graph` that break the rule `allowed`.
fn breaking(
    graph: &BTreeMap<String, BTreeSet<String>>,
    allowed: impl Fn(&str, &str) -> bool,
) -> Vec<String> {
    graph
        .iter()
        .flat_map(|(from, edges)| edges.iter().map(move |to| (from, to)))
        .filter(|(from, to)| !allowed(from, to))
        .map(|(from, to)| format!("{from} -> {to}"))
        .collect()
}

#[test]
fn no_module_of_src_reaches_itself() {
    let graph = graph();
    assert!(graph.len() > 40, "the graph was read: {graph:?}");
    let knotted: Vec<String> = graph
        .keys()
        .filter(|module| reachable(&graph, module).contains(*module))
        .cloned()
        .collect();
    assert!(
        knotted.is_empty(),
        "modules in an import cycle: {knotted:?}; their edges: {:?}",
        knotted
            .iter()
            .map(|module| (module, &graph[module]))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_sides_depend_one_way() {
    let graph = graph();
    let wrong = breaking(&graph, |from, to| match (side(from), side(to)) {
        (same, other) if same == other => true,
        ("page" | "worker", "contract" | "shared") => true,
        ("contract", "shared") => true,
        _ => false,
    });
    assert!(wrong.is_empty(), "against the layout: {wrong:?}");
}

#[test]
fn the_worker_s_features_do_not_name_each_other() {
    let graph = graph();
    assert!(
        FEATURES.iter().all(|feature| graph.contains_key(*feature)),
        "every feature is a module: {FEATURES:?}"
    );
    let wrong = breaking(&graph, |from, to| match (feature(from), feature(to)) {
        (Some(from), Some(to)) => from == to,
        _ => true,
    });
    assert!(wrong.is_empty(), "features that name each other: {wrong:?}");
}

#[test]
fn the_reader_sees_plain_and_grouped_paths() {
    let modules: BTreeSet<String> = ["shared", "shared::draft", "page", "page::state", "worker"]
        .map(str::to_owned)
        .into();
    let code = "use crate::shared::draft::Draft;\nuse crate::page::{state::Action, nope};\nlet x = crate::worker::gone::y;";
    let named: BTreeSet<String> = paths(code)
        .iter()
        .filter_map(|path| named_module(path, &modules))
        .collect();
    let expected: BTreeSet<String> = ["shared::draft", "page::state", "page", "worker"]
        .map(str::to_owned)
        .into();
    assert_eq!(named, expected);
    assert_eq!(
        module_of(Path::new("page/components/mod.rs")).as_deref(),
        Some("page::components")
    );
    assert_eq!(module_of(Path::new("lib.rs")), None);
}
