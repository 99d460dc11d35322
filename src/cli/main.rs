//! `newsroom`: makes and grows Newsroom bundles from what a company's website
//! already publishes (RSS, Atom, JSON Feed, a WordPress export, Markdown), and
//! checks bundles as the page reads them. A thin shell over the same core as
//! the page; its own crates are native-only.

#[cfg(not(target_arch = "wasm32"))]
mod build;
#[cfg(not(target_arch = "wasm32"))]
mod check;
#[cfg(not(target_arch = "wasm32"))]
mod dates;
#[cfg(not(target_arch = "wasm32"))]
mod draft;
#[cfg(not(target_arch = "wasm32"))]
mod escape;
#[cfg(not(target_arch = "wasm32"))]
mod formats;
#[cfg(not(target_arch = "wasm32"))]
mod html;
#[cfg(not(target_arch = "wasm32"))]
mod import;
#[cfg(not(target_arch = "wasm32"))]
mod map;
#[cfg(not(target_arch = "wasm32"))]
mod messages;
#[cfg(not(target_arch = "wasm32"))]
mod site;
#[cfg(not(target_arch = "wasm32"))]
mod source;

/// How a command prints what it did: sentences, or one JSON object for scripts.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::PathBuf;
    use std::time::Duration;

    use clap::{Parser, Subcommand};

    use crate::{build, check, formats, import, map::MapRules, source::ReadOptions, Format};

    #[derive(Parser)]
    #[command(name = "newsroom", version, about = "Make and check Newsroom bundles (JSON Feed 1.1) from what a website publishes.")]
    pub struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Add the items of RSS, Atom, JSON Feed, WordPress exports or Markdown folders to an archive.
        Import {
            /// Files, folders (of Markdown) or http(s) addresses; the format is read from the content.
            #[arg(required = true)]
            sources: Vec<String>,
            /// The archive to create or grow (a JSON Feed 1.1 file).
            #[arg(long, value_name = "ARCHIVE.json")]
            into: PathBuf,
            /// Follow `next` links (JSON Feed `next_url`, RFC 5005 `rel="next"`) up to this many pages per source.
            #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
            max_pages: u32,
            /// Seconds an http(s) source may take to arrive in full.
            #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
            timeout: u64,
            /// Every imported item's category, instead of its first category.
            #[arg(long)]
            category: Option<String>,
            /// The archive's title (default: the first source's, or the archive's own).
            #[arg(long)]
            title: Option<String>,
            /// Import a WordPress export's published pages as articles too (by default only its published posts).
            #[arg(long)]
            wordpress_pages: bool,
            /// What it did as sentences, or as one JSON object (counts, and what was not imported by kind).
            #[arg(long, value_enum, default_value = "text")]
            format: Format,
        },
        /// Write an archive as a folder for any static host: feed.json with the newest items, older pages linked by next_url; with --base-url, also a static HTML site (a page per article).
        Build {
            archive: PathBuf,
            /// The folder to write (created if missing).
            #[arg(long)]
            out: PathBuf,
            /// Items per page.
            #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
            per_page: u32,
            /// The address the folder will be served from: absolute next_url links, and the static HTML site (its canonical and preview addresses are absolute).
            #[arg(long, value_name = "URL")]
            base_url: Option<url::Url>,
            /// Where the app's newsroom.js and newsroom.css are: an http(s) address, a path from the host's root (/…), or one relative to the site's root. Default: the site's root.
            #[arg(long, value_name = "URL", requires = "base_url", value_parser = app_address)]
            app: Option<String>,
            /// The site's own page around every page: an HTML file with one <!-- newsroom:head --> in <head> and one <!-- newsroom:content --> in <body>. Default: the look of the app's index.html.
            #[arg(long, value_name = "FILE", requires = "base_url")]
            template: Option<PathBuf>,
        },
        /// Read a bundle as the page does: what it shows, what it skips and why.
        Check {
            bundle: String,
            #[arg(long, value_enum, default_value = "text")]
            format: Format,
        },
    }

    /// `--app`: an address a page can load a script from; another scheme is refused.
    fn app_address(value: &str) -> Result<String, String> {
        match url::Url::parse(value) {
            Ok(url) if !matches!(url.scheme(), "http" | "https") => Err(crate::messages::app_not_web(value)),
            _ => Ok(value.trim().to_string()),
        }
    }

    pub fn run() -> i32 {
        match Cli::parse().command {
            Command::Import { sources, into, max_pages, timeout, category, title, wordpress_pages, format } => import::run(import::ImportArgs {
                sources: &sources,
                into: &into,
                limits: ReadOptions {
                    max_pages: max_pages as usize,
                    timeout: Duration::from_secs(timeout),
                    formats: formats::Options { wordpress_pages },
                },
                title: title.as_deref(),
                rules: MapRules { category },
                format,
            }),
            Command::Build { archive, out, per_page, base_url, app, template } => build::run(build::BuildArgs {
                archive: &archive,
                out: &out,
                per_page: per_page as usize,
                base_url: base_url.as_ref(),
                app: app.as_deref(),
                template: template.as_deref(),
            }),
            Command::Check { bundle, format } => check::run(&bundle, format),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run());
}

// The page's build compiles every binary of the crate; this one has nothing to do there.
#[cfg(target_arch = "wasm32")]
fn main() {}
