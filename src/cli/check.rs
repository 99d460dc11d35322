//! `newsroom check`: the page's own reading of a bundle, for CI. Exit 0
//! when the page shows every item, 1 when it skips any or cannot read it.

use newsroom::bundle::BundleReader;
use serde_json::json;

use crate::messages;
use crate::Format;

pub fn run(path: &str, format: Format) -> i32 {
    // The page's own reader, bytes and all: it names the place of invalid UTF-8 too.
    let result = std::fs::read(path).map_err(|e| e.to_string()).and_then(|bytes| {
        let mut reader = BundleReader::default();
        reader.push(&bytes);
        reader.finish().map_err(|e| messages::bundle_error(&e))
    });
    let bundle = match result {
        Ok(bundle) => bundle,
        Err(error) => {
            match format {
                Format::Text => eprintln!("{}", messages::check_unreadable(path, &error)),
                Format::Json => println!("{}", json!({ "file": path, "ok": false, "error": error })),
            }
            return 1;
        }
    };
    let undated = bundle.articles.iter().filter(|a| a.date.is_none()).count();
    let ok = bundle.skipped.is_empty();
    match format {
        Format::Json => {
            let skipped: Vec<_> = bundle.skipped.iter().map(|e| json!({ "reason": messages::item_error(e) })).collect();
            println!("{}", json!({
                "file": path, "ok": ok, "articles": bundle.articles.len(), "skipped": skipped,
                "recovered_ids": bundle.recovered_ids, "undated": undated,
            }));
        }
        Format::Text if ok => println!("{}", messages::check_ok(path, bundle.articles.len())),
        Format::Text => {
            println!("{}", messages::check_skipped(path, bundle.articles.len(), bundle.skipped.len()));
            for e in &bundle.skipped {
                println!("  {}", messages::item_error(e));
            }
        }
    }
    if format == Format::Text {
        if let Some(notes) = messages::check_notes(bundle.recovered_ids, undated) {
            println!("{notes}");
        }
    }
    i32::from(!ok)
}
