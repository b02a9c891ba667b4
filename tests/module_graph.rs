//! The app's modules depend on each other one way: no module of `src/` reaches, through the
//! `crate::` paths its code names, a module that reaches it back. (A cycle ties the page's and
//! the worker's code into one knot that no one can change a part of alone.)
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The top-level module a file of `src/` belongs to (`components/finder.rs` is `components`).
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "bin")).then(|| name.to_owned())
}

/// The code of a file without its comments and its test module.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let text = text
        .split("#[cfg(all(test, not(target_arch = \"wasm32\")))]")
        .next()
        .unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules named by `crate::` paths in `code`, grouped `use crate::{a, b}` too.
fn named(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            group
                .split(',')
                .map(|item| item.trim().split("::").next().unwrap_or_default())
                .collect()
        } else {
            vec![
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or_default(),
            ]
        };
        found.extend(
            names
                .into_iter()
                .filter(|name| modules.contains(*name))
                .map(str::to_owned),
        );
    }
    found
}

fn files(folder: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

/// The graph of `src/`: each top-level module and the modules it names.
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
            named(&code, &modules)
                .into_iter()
                .filter(|to| *to != module),
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

#[test]
fn no_module_of_src_reaches_itself() {
    let graph = graph();
    assert!(graph.len() > 10, "the graph was read: {graph:?}");
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
fn the_reader_sees_plain_and_grouped_paths() {
    let modules: BTreeSet<String> = ["draft", "state", "html"].map(str::to_owned).into();
    let code = "use crate::shared::draft::Draft;\nuse crate::{html, state::Action};\nlet x = crate::nope::y;";
    assert_eq!(named(code, &modules), modules);
}
