//! The player's files (settings, notebook, endings gallery, the unfinished night, saved
//! records): RON in the platform's data folder, written atomically with a backup of what each
//! write replaces, and read back with recovery, so a corrupted file never crashes the game and
//! is never silently lost.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Files larger than this are not the game's and are not read.
const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// Where the player's files live: a folder on the desktop, the page's local storage in the
/// browser. Without either (a machine with no data folder, a browser that refuses storage)
/// nothing persists and nothing fails.
#[derive(Clone, Debug)]
pub struct Store {
    place: Place,
}

#[derive(Clone, Debug)]
enum Place {
    Folder(PathBuf),
    /// The browser's `localStorage`, each file under a key `miracle-mile/NAME`.
    #[cfg(target_arch = "wasm32")]
    Browser,
    Nowhere,
}

/// What was read, and what the player should be told about how.
#[derive(Debug)]
pub struct Loaded<T> {
    pub value: T,
    /// Set when the file could not be used as it was: what happened and where the old file is.
    pub notice: Option<String>,
}

impl Store {
    /// The folder named on the command line, else `$MIRACLE_MILE_DATA`, else the platform's
    /// data folder (`~/.local/share/miracle-mile` on Linux); in the browser, its storage.
    pub fn locate(chosen: Option<PathBuf>) -> Store {
        #[cfg(target_arch = "wasm32")]
        if chosen.is_none() && web::storage().is_some() {
            return Store {
                place: Place::Browser,
            };
        }
        let root = chosen
            .or_else(|| std::env::var_os("MIRACLE_MILE_DATA").map(PathBuf::from))
            .or_else(platform_data_dir);
        Store {
            place: root.map_or(Place::Nowhere, Place::Folder),
        }
    }

    /// A store in this folder (tests).
    pub fn at(root: impl Into<PathBuf>) -> Store {
        Store {
            place: Place::Folder(root.into()),
        }
    }

    /// A store that keeps nothing.
    pub fn nowhere() -> Store {
        Store {
            place: Place::Nowhere,
        }
    }

    /// The folder, when the files are in one.
    pub fn root(&self) -> Option<&Path> {
        match &self.place {
            Place::Folder(root) => Some(root),
            _ => None,
        }
    }

    /// Where the player's files are, for the player.
    pub fn describe(&self) -> String {
        match &self.place {
            Place::Folder(root) => root.display().to_string(),
            #[cfg(target_arch = "wasm32")]
            Place::Browser => "this browser's storage for the page".into(),
            Place::Nowhere => "nowhere (nothing is saved on this platform)".into(),
        }
    }

    /// Where `name` is, for the player.
    pub fn where_is(&self, name: &str) -> String {
        match &self.place {
            Place::Folder(root) => root.join(name).display().to_string(),
            #[cfg(target_arch = "wasm32")]
            Place::Browser => format!("the browser's {}", web::key(name)),
            Place::Nowhere => name.into(),
        }
    }

    /// The text of `name`: `None` if there is no such file; what is wrong if it cannot be read.
    fn read_text(&self, name: &str) -> Result<Option<String>, String> {
        match &self.place {
            Place::Folder(root) => read_text(&root.join(name)),
            #[cfg(target_arch = "wasm32")]
            Place::Browser => web::read(name),
            Place::Nowhere => Ok(None),
        }
    }

    /// Writes `name` whole or not at all, first keeping the version it replaces as
    /// `name.bak` when `keep_backup`.
    fn write_text(&self, name: &str, text: &str, keep_backup: bool) -> Result<(), String> {
        match &self.place {
            Place::Folder(root) => write_atomically(&root.join(name), text, keep_backup),
            #[cfg(target_arch = "wasm32")]
            Place::Browser => web::write(name, text, keep_backup),
            Place::Nowhere => Ok(()),
        }
    }

    fn exists(&self, name: &str) -> bool {
        match &self.place {
            Place::Folder(root) => root.join(name).exists(),
            #[cfg(target_arch = "wasm32")]
            Place::Browser => matches!(web::read(name), Ok(Some(_))),
            Place::Nowhere => false,
        }
    }

    /// Moves the bad file `name` aside under a name no other file has; says where it went.
    fn move_aside(&self, name: &str) -> Result<String, String> {
        let stamp = seconds_since_1970();
        let free = |n: u32| {
            let suffix = if n == 0 {
                String::new()
            } else {
                format!("-{n}")
            };
            let aside = format!("{name}.corrupt-{stamp}{suffix}");
            (!self.exists(&aside)).then_some(aside)
        };
        let aside = (0..).find_map(free).unwrap_or_default();
        match &self.place {
            Place::Folder(root) => {
                std::fs::rename(root.join(name), root.join(&aside)).map_err(|e| e.to_string())?
            }
            #[cfg(target_arch = "wasm32")]
            Place::Browser => web::rename(name, &aside)?,
            Place::Nowhere => {}
        }
        Ok(self.where_is(&aside))
    }

    /// Reads `name`. A missing file gives the default; an unreadable one is moved aside (never
    /// deleted) and the backup of the last good version is used instead, if there is one.
    pub fn load<T: DeserializeOwned + Default>(&self, name: &str) -> Loaded<T> {
        let backup = backup_name(name);
        // A missing file is a first start, or one removed on purpose (a finished night): the
        // default, whatever backup there is. Writes never leave the file missing.
        let fault = match self.read_text(name).and_then(|t| parse_ron::<T>(t)) {
            Ok(Some(value)) => {
                return Loaded {
                    value,
                    notice: None,
                };
            }
            Ok(None) => {
                return Loaded {
                    value: T::default(),
                    notice: None,
                };
            }
            Err(fault) => fault,
        };
        // A file that cannot even be opened (a permission) is not corrupt: it is the player's
        // business. It is left alone, and `save` will not replace it either.
        if let Place::Folder(root) = &self.place
            && let Some(why) = unopenable(&root.join(name))
        {
            return Loaded {
                value: T::default(),
                notice: Some(format!(
                    "{} cannot be opened ({why}); it was left as it is, and will not be written over.",
                    self.where_is(name)
                )),
            };
        }
        // The file is bad: keep it aside, and fall back on the version it replaced.
        let kept = match self.move_aside(name) {
            Ok(aside) => format!(
                "{} could not be read ({fault}); it was kept as {aside}",
                self.where_is(name)
            ),
            Err(e) => format!(
                "{} could not be read ({fault}) nor moved aside ({e}); it was left as it is",
                self.where_is(name)
            ),
        };
        let notice = match self.read_text(&backup).and_then(|t| parse_ron::<T>(t)) {
            Ok(Some(value)) => {
                return Loaded {
                    value,
                    notice: Some(format!(
                        "{kept}; restored the backup {}.",
                        self.where_is(&backup)
                    )),
                };
            }
            Ok(None) => format!("{kept}; there was no backup, so it starts afresh."),
            Err(bad_backup) => format!(
                "{kept}; the backup {} could not be read either ({bad_backup}), so it starts afresh.",
                self.where_is(&backup)
            ),
        };
        Loaded {
            value: T::default(),
            notice: Some(notice),
        }
    }

    /// Writes `name` atomically (a temporary file renamed over it), first copying the version
    /// it replaces to `name.bak`.
    pub fn save<T: Serialize>(&self, name: &str, value: &T) -> Result<(), String> {
        let text = to_ron(value)?;
        self.write_text(name, &text, true)
    }

    /// Removes `name` (its backup stays).
    pub fn remove(&self, name: &str) -> Result<(), String> {
        match &self.place {
            Place::Folder(root) => {
                let path = root.join(name);
                let backup = backup_path(&path);
                if path.exists() {
                    std::fs::copy(&path, &backup)
                        .and_then(|_| std::fs::remove_file(&path))
                        .map_err(|e| format!("{}: cannot remove: {e}", path.display()))?;
                }
                Ok(())
            }
            #[cfg(target_arch = "wasm32")]
            Place::Browser => web::remove(name),
            Place::Nowhere => Ok(()),
        }
    }

    /// Writes a new file in the folder `dir`, named from `stem`, never replacing one that is
    /// there; says where it is.
    pub fn save_new<T: Serialize>(
        &self,
        dir: &str,
        stem: &str,
        value: &T,
    ) -> Result<String, String> {
        if let Place::Nowhere = self.place {
            return Err("this platform has nowhere to save files".into());
        }
        let text = to_ron(value)?;
        let stem: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        for n in 0..10_000u32 {
            let name = if n == 0 {
                format!("{dir}/{stem}.ron")
            } else {
                format!("{dir}/{stem}-{n}.ron")
            };
            if !self.exists(&name) {
                self.write_text(&name, &text, false)?;
                return Ok(self.where_is(&name));
            }
        }
        Err(format!(
            "{}: too many files named {stem}",
            self.where_is(dir)
        ))
    }
}

/// The clock for naming files kept aside (std has none in the browser).
fn seconds_since_1970() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }
}

/// The player's files in the browser's `localStorage`: one key per file. A write of one key
/// is whole or nothing there, so no temporary file is needed; the backup is a key of its own.
#[cfg(target_arch = "wasm32")]
mod web {
    pub fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn key(name: &str) -> String {
        format!("miracle-mile/{name}")
    }

    fn fail(what: &str, name: &str, e: wasm_bindgen::JsValue) -> String {
        format!("{}: cannot {what}: {e:?}", key(name))
    }

    fn store() -> Result<web_sys::Storage, String> {
        storage().ok_or_else(|| "the browser's storage is not available".to_owned())
    }

    pub fn read(name: &str) -> Result<Option<String>, String> {
        store()?
            .get_item(&key(name))
            .map_err(|e| fail("read", name, e))
    }

    pub fn write(name: &str, text: &str, keep_backup: bool) -> Result<(), String> {
        let storage = store()?;
        if keep_backup && let Some(old) = read(name)? {
            storage
                .set_item(&key(&super::backup_name(name)), &old)
                .map_err(|e| fail("back up", name, e))?;
        }
        // A full storage refuses the write and keeps the old value.
        storage
            .set_item(&key(name), text)
            .map_err(|e| fail("write", name, e))
    }

    pub fn rename(from: &str, to: &str) -> Result<(), String> {
        let storage = store()?;
        let Some(text) = read(from)? else {
            return Ok(());
        };
        storage
            .set_item(&key(to), &text)
            .map_err(|e| fail("keep", to, e))?;
        storage
            .remove_item(&key(from))
            .map_err(|e| fail("remove", from, e))
    }

    pub fn remove(name: &str) -> Result<(), String> {
        let storage = store()?;
        if let Some(text) = read(name)? {
            storage
                .set_item(&key(&super::backup_name(name)), &text)
                .map_err(|e| fail("back up", name, e))?;
            storage
                .remove_item(&key(name))
                .map_err(|e| fail("remove", name, e))?;
        }
        Ok(())
    }
}

fn platform_data_dir() -> Option<PathBuf> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        dirs::data_dir().map(|d| d.join("miracle-mile"))
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

fn backup_path(path: &Path) -> PathBuf {
    path.with_file_name(backup_name(
        &path.file_name().unwrap_or_default().to_string_lossy(),
    ))
}

fn backup_name(name: &str) -> String {
    format!("{name}.bak")
}

fn to_ron<T: Serialize>(value: &T) -> Result<String, String> {
    ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
        .map_err(|e| format!("cannot write the data: {e}"))
}

/// Reads a RON file: `None` if it does not exist, what is wrong (with line and column) if it
/// cannot be read.
pub fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, String> {
    read_text(path).and_then(parse_ron)
}

/// The text of a file: `None` if it does not exist, what is wrong if it cannot be read.
fn read_text(path: &Path) -> Result<Option<String>, String> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!("larger than {MAX_BYTES} bytes"));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| format!("not UTF-8 text: {}", e.utf8_error()))
}

/// Parses RON text, if there is any; what is wrong says its line and column.
fn parse_ron<T: DeserializeOwned>(text: Option<String>) -> Result<Option<T>, String> {
    let Some(text) = text else { return Ok(None) };
    ron::from_str(&text).map(Some).map_err(|e| {
        format!(
            "line {}, column {}: {}",
            e.span.start.line, e.span.start.col, e.code
        )
    })
}

/// Why an existing file cannot be opened for reading, if it cannot (a missing file can).
fn unopenable(path: &Path) -> Option<String> {
    match std::fs::File::open(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Some(e.to_string()),
        _ => None,
    }
}

fn write_atomically(path: &Path, text: &str, keep_backup: bool) -> Result<(), String> {
    use std::io::Write;
    let fail = |what: &str, e: std::io::Error| format!("{}: cannot {what}: {e}", path.display());
    // Renaming over a file needs only its folder to be writable: a file the player made
    // read-only, or one that cannot be read, is refused here rather than silently replaced.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().readonly() {
            return Err(format!(
                "{}: read-only, so it was not replaced (make it writable to save)",
                path.display()
            ));
        }
        if let Some(why) = unopenable(path) {
            return Err(format!(
                "{}: cannot be opened ({why}), so it was not replaced",
                path.display()
            ));
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| fail("create its folder", e))?;
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    let mut file = std::fs::File::create(&tmp).map_err(|e| fail("write", e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| fail("write", e))?;
    // Closed before the rename (std's file in the browser is a stub with nothing to close).
    #[allow(clippy::drop_non_drop)]
    drop(file);
    if keep_backup && path.exists() {
        std::fs::copy(path, backup_path(path)).map_err(|e| fail("back up", e))?;
    }
    std::fs::rename(&tmp, path).map_err(|e| fail("replace", e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct Thing {
        n: u32,
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mm-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn missing_file_is_the_default_without_a_notice() {
        let store = Store::at(scratch("missing"));
        let loaded: Loaded<Thing> = store.load("thing.ron");
        assert_eq!(loaded.value, Thing::default());
        assert!(loaded.notice.is_none());
    }

    #[test]
    fn saves_read_back_and_keep_the_replaced_version() {
        let dir = scratch("roundtrip");
        let store = Store::at(&dir);
        store.save("thing.ron", &Thing { n: 1 }).unwrap();
        store.save("thing.ron", &Thing { n: 2 }).unwrap();
        assert_eq!(store.load::<Thing>("thing.ron").value, Thing { n: 2 });
        let backup = std::fs::read_to_string(dir.join("thing.ron.bak")).unwrap();
        assert_eq!(ron::from_str::<Thing>(&backup).unwrap(), Thing { n: 1 });
        assert!(!dir.join("thing.ron.tmp").exists());
    }

    #[test]
    fn a_read_only_file_is_read_but_never_replaced() {
        let dir = scratch("read_only");
        let store = Store::at(&dir);
        store.save("thing.ron", &Thing { n: 1 }).unwrap();
        let path = dir.join("thing.ron");
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        assert_eq!(store.load::<Thing>("thing.ron").value, Thing { n: 1 });
        let refused = store.save("thing.ron", &Thing { n: 2 }).unwrap_err();
        assert!(refused.contains("read-only"), "{refused}");
        assert_eq!(store.load::<Thing>("thing.ron").value, Thing { n: 1 });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_the_backup_restored() {
        let dir = scratch("corrupt");
        let store = Store::at(&dir);
        store.save("thing.ron", &Thing { n: 1 }).unwrap();
        store.save("thing.ron", &Thing { n: 2 }).unwrap();
        std::fs::write(dir.join("thing.ron"), "(n: 3, garbage").unwrap();
        let loaded: Loaded<Thing> = store.load("thing.ron");
        assert_eq!(loaded.value, Thing { n: 1 });
        let notice = loaded.notice.expect("the player is told");
        assert!(notice.contains("line 1"), "{notice}");
        assert!(notice.contains("restored the backup"), "{notice}");
        let aside: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read_to_string(aside[0].path()).unwrap(),
            "(n: 3, garbage"
        );
    }

    #[test]
    fn a_corrupt_file_without_backup_starts_afresh_and_says_so() {
        let dir = scratch("nobackup");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("thing.ron"), [0xff, 0xfe, 0x00]).unwrap();
        let loaded: Loaded<Thing> = Store::at(&dir).load("thing.ron");
        assert_eq!(loaded.value, Thing::default());
        assert!(loaded.notice.unwrap().contains("starts afresh"));
    }

    #[test]
    fn a_removed_file_stays_removed_though_its_backup_remains() {
        let dir = scratch("removed");
        let store = Store::at(&dir);
        store.save("thing.ron", &Thing { n: 1 }).unwrap();
        store.remove("thing.ron").unwrap();
        assert!(dir.join("thing.ron.bak").exists());
        let loaded: Loaded<Thing> = store.load("thing.ron");
        assert_eq!(loaded.value, Thing::default());
        assert!(loaded.notice.is_none());
    }

    #[test]
    fn new_files_never_replace_old_ones() {
        let store = Store::at(scratch("new"));
        let a = store
            .save_new("records", "night 1", &Thing { n: 1 })
            .unwrap();
        let b = store
            .save_new("records", "night 1", &Thing { n: 2 })
            .unwrap();
        assert_ne!(a, b);
        assert!(a.ends_with("night_1.ron"), "{a}");
        assert!(b.ends_with("night_1-1.ron"), "{b}");
    }
}
