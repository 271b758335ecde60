//! `diptych tags list`: the tag sets on disk with their documents and
//! counts. Reads only: creates no directory, takes no lock.

use super::{Failure, emit};
use crate::cli::Cli;
use crate::config::{LoadedConfig, Paths};
use crate::tags::store::Store;

pub fn list(cli: &Cli, paths: &Paths) -> Result<u8, Failure> {
    let loaded = match cli.config.as_deref() {
        Some(path) => LoadedConfig::load_explicit(path).map_err(Failure::bad_input)?,
        None => LoadedConfig::load(&paths.config_file()),
    };
    let dir = loaded.config.tagset_dir_or_default(paths);
    let summaries = Store::existing(&dir).list().map_err(Failure::other)?;
    if summaries.is_empty() {
        emit(&format!("no tag sets in {}\n", dir.display()))?;
    } else {
        emit(&crate::tags::view::list_table(&summaries))?;
    }
    Ok(0)
}
