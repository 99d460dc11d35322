//! What the reader makes of an item's missing parts, so that an item the
//! JSON Feed spec allows (no title, no date) or a generator got wrong (an
//! empty or repeated `id`) is still shown: a title from the start of its
//! text, an id from its address or its content. The page and the command
//! share these, so both recover the same ids.

use crate::cut::{after_last, cut, last};
use crate::decimal::hex16;
use crate::fold::is_cjk;
use crate::html_text::{paragraphs, single_spaced};

/// Longest title made from text, in characters (before the ellipsis).
const TITLE_CHARS: usize = 80;

/// A title from the start of `text`: its first sentence when that is short
/// enough, else about 80 characters cut at a word (Latin) or character
/// (Chinese) boundary, with an ellipsis.
pub fn title_from_text(text: &str) -> Option<String> {
    let first = paragraphs(text).map(str::trim).find(|p| !p.is_empty())?;
    let first = single_spaced(first);
    let mut end = None;
    for (n, (i, c)) in first.char_indices().enumerate() {
        if n >= TITLE_CHARS {
            break;
        }
        // (`c` is one byte here.)
        let ends_latin = matches!(c, '.' | '!' | '?')
            && first.as_bytes().get(i + 1) == Some(&b' ')
            && !(c == '.' && is_abbreviation(cut(&first, ..i)));
        if matches!(c, '。' | '！' | '？') || ends_latin {
            end = Some(i + c.len_utf8());
            break;
        }
    }
    // A sentence that is only its full stop ("…", ". x") is no title.
    if let Some(title) = end.map(|end| cut(&first, ..end).trim_end_matches(['.', '。']).trim()).filter(|t| !t.is_empty()) {
        return Some(title.to_string());
    }
    let Some((limit, _)) = first.char_indices().nth(TITLE_CHARS) else {
        // One short sentence: a title has no full stop.
        let trimmed = first.trim_end_matches(['.', '。']);
        return Some(if trimmed.is_empty() || trimmed.ends_with('.') { first.clone() } else { trimmed.to_string() });
    };
    let head = cut(&first, ..limit);
    // Between two Latin letters is no place to cut; after a space or a Chinese character is.
    let head = match head.chars().last() {
        Some(c) if is_cjk(c) => head,
        _ => last(head, b' ').filter(|&at| at > limit / 2).map_or(head, |at| cut(head, ..at)),
    };
    Some(head.trim_end().to_string() + "…")
}

/// Whether the word before a full stop is an abbreviation ("No.", "Mr.",
/// "Co.", "Éd."): a short word capitalised in a Western European alphabet,
/// which rarely ends a sentence. (Those capitals only: all of Unicode's
/// would bring a table of its own into both entries' wasm, 0.6 KB gzip each,
/// for a rule written for English and its neighbours.)
fn is_abbreviation(before: &str) -> bool {
    let word = after_last(before, b' ');
    word.chars().nth(3).is_none() && word.chars().next().is_some_and(|c| matches!(c, 'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ'))
}

/// FNV-1a (64 bits) of `bytes` as `h` and 16 hex digits: names files by
/// their content, the same on every machine.
pub fn content_hash(bytes: &[u8]) -> String {
    "h".to_string() + &hex16(fnv64(bytes))
}

/// FNV-1a (64 bits) of `bytes`.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A stable id from an item's content: the same parts give the same id on
/// every machine and in every version (FNV-1a, 64 bits).
pub fn content_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (n, part) in parts.iter().enumerate() {
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        for &b in (n as u32).to_le_bytes().iter().chain(part.as_bytes()) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    "h".to_string() + &hex16(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_the_first_sentence_or_a_cut() {
        assert_eq!(title_from_text("\n\nJust posted. More text here.").as_deref(), Some("Just posted"));
        assert_eq!(title_from_text("Version 2.5 is out! Details follow.").as_deref(), Some("Version 2.5 is out!"));
        assert_eq!(title_from_text("公司铬盐生产线投产。详情如下。").as_deref(), Some("公司铬盐生产线投产"));
        let long = "word ".repeat(40);
        let t = title_from_text(&long).unwrap();
        assert!(t.ends_with("word…") && t.chars().count() <= 81, "{t}");
        let zh = "铬".repeat(200);
        assert_eq!(title_from_text(&zh).unwrap().chars().count(), 81);
        assert_eq!(title_from_text("  \n\n "), None);
        assert_eq!(title_from_text("Short note").as_deref(), Some("Short note"));
        assert_eq!(title_from_text("One sentence only.").as_deref(), Some("One sentence only"));
        assert_eq!(title_from_text("... and more text here").as_deref(), Some("... and more text here"));
        assert_eq!(title_from_text("。").as_deref(), Some("。"));
        assert_eq!(title_from_text("Kiln No. 3 is back in service. Output resumes.").as_deref(), Some("Kiln No. 3 is back in service"));
        assert_eq!(title_from_text("Visite de M. Éd. Roux à l'usine. Suite.").as_deref(), Some("Visite de M. Éd. Roux à l'usine"));
        // A short lower-case word ends a sentence.
        assert_eq!(title_from_text("It is on. Output resumes.").as_deref(), Some("It is on"));
    }

    #[test]
    fn content_ids_are_stable_and_separate_their_parts() {
        assert_eq!(content_id(&["a", "b"]), content_id(&["a", "b"]));
        assert_ne!(content_id(&["ab", "c"]), content_id(&["a", "bc"]));
        // Fixed forever: ids in published links depend on it.
        assert_eq!(content_id(&[]), "hcbf29ce484222325");
        assert_eq!(content_id(&["x"]).len(), 17);
    }
}
