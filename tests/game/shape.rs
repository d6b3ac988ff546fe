//! The code's shape, checked from its `use` lines: no circle of imports between the game's
//! files, and the layers of the binary kept (the game and the web page never reach into the
//! command line). CI prints the summary (`.ci/run`).

use super::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A file's module path under `game`: `map/labels.rs` is `["map", "labels"]`, `map/mod.rs`
/// is `["map"]`, `mod.rs` is `[]`.
fn module_of(game: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(game).expect("under the game's folder");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without its comments (a doc link is not an import).
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .filter(|l| !l.trim().is_empty())
}

/// The game's modules that a file's code names, by `super::` or `crate::game::` paths.
fn imports(
    module: &[String],
    text: &str,
    modules: &BTreeSet<Vec<String>>,
) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    for line in code_lines(text) {
        for (at, _) in line
            .match_indices("super::")
            .chain(line.match_indices("crate::game::"))
        {
            // Skip a `super::` that continues an earlier match (`super::super::x`).
            if line[..at].ends_with("super::") {
                continue;
            }
            let path: Vec<&str> = line[at..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let (mut base, rest): (Vec<String>, &[&str]) = if path.first() == Some(&"crate") {
                (Vec::new(), &path[2..])
            } else {
                // `super` in `a/b.rs` (module a::b) is `a`; each further `super` goes up one.
                let ups = path.iter().take_while(|s| **s == "super").count();
                let keep = module.len().saturating_sub(ups);
                (module[..keep].to_vec(), &path[ups..])
            };
            // The longest module the path names (the rest are items in it).
            let mut named = None;
            for part in rest {
                base.push((*part).to_owned());
                if modules.contains(&base) {
                    named = Some(base.clone());
                } else {
                    break;
                }
            }
            if let Some(m) = named.filter(|m| m.as_slice() != module) {
                found.insert(m);
            }
        }
    }
    found
}

/// The circles of a graph (its strongly connected parts with more than one member).
fn circles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iterative enough for a few dozen files.
    struct Walk<'a> {
        graph: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a Vec<String>) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            for w in &self.graph[v] {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.stack.contains(&w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut part = Vec::new();
                while let Some(w) = self.stack.pop() {
                    part.push(w.join("/"));
                    if w == v {
                        break;
                    }
                }
                if part.len() > 1 {
                    part.sort();
                    self.found.push(part);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn no_circle_of_imports_among_the_games_files() {
    let game = root().join("src/game");
    let files = rust_files(&game);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&game, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let module = module_of(&game, file);
        let text = std::fs::read_to_string(file).expect("a readable source file");
        graph.insert(module.clone(), imports(&module, &text, &modules));
    }
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    let found = circles(&graph);
    assert!(
        found.is_empty(),
        "circles of imports among the game's files (each list imports itself round): {found:?}"
    );
    println!(
        "shape: {} files of the game, {edges} imports between them, no circle",
        files.len()
    );
}

#[test]
fn the_checker_finds_a_circle_and_ignores_comments() {
    let modules: BTreeSet<Vec<String>> = [vec!["a".into()], vec!["b".into()], vec!["c".into()]]
        .into_iter()
        .collect();
    let a = imports(
        &["a".into()],
        "use super::b::Thing;\n// see super::c",
        &modules,
    );
    assert_eq!(a, [vec!["b".to_owned()]].into_iter().collect());
    let graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = [
        (vec!["a".into()], a),
        (
            vec!["b".into()],
            imports(&["b".into()], "use crate::game::a::X;", &modules),
        ),
        (vec!["c".into()], BTreeSet::new()),
    ]
    .into_iter()
    .collect();
    assert_eq!(circles(&graph), vec![vec!["a".to_owned(), "b".to_owned()]]);
}

#[test]
fn the_game_and_the_page_never_reach_into_the_command_line() {
    let mut files = rust_files(&root().join("src/game"));
    files.extend(rust_files(&root().join("src/files")));
    files.push(root().join("src/web.rs"));
    files.push(root().join("src/transcript.rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        for line in code_lines(&text) {
            assert!(
                !line.contains("crate::cli"),
                "{}: `{}` reaches into the command line",
                file.display(),
                line.trim()
            );
        }
    }
}
