//! The stretch of a text around a search match that a result shows in place
//! of its teaser, as search pages do, so that the reader sees why it was
//! found: context before the match, the match, and more after; cut between
//! words in Latin text and between characters in Chinese, and only where
//! something was left out.

use crate::cut::cut;
use crate::fold::is_cjk;

/// The window's width in columns. A CJK character (or full-width sign) takes
/// two: it is set about twice as wide and says about as much as a short
/// word, so a window holds about 160 Latin characters or 80 Chinese ones,
/// and mixed text in proportion.
pub const WIDTH: usize = 160;
/// About a third of the window comes before the match: enough to read what
/// leads to it, with the match still near the start of a clamped teaser.
const LEAD: usize = WIDTH / 3;

/// A window of a text, in byte offsets into it. It is cut between words, so
/// the words in it, the match's too, are whole and are marked as anywhere
/// (a CJK phrase across a cut is left unmarked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub start: usize,
    pub end: usize,
    /// Text was left out before the window, or after it.
    pub cut_start: bool,
    pub cut_end: bool,
}

/// What a window needs to know of a character: whether it is wide (CJK,
/// two columns) and whether it is a space.
const WIDE: u8 = 1;
const SPACE: u8 = 2;

fn kind(c: char) -> u8 {
    // CJK symbols and punctuation (、。「」) and full-width forms (，！) are wide too.
    let wide = is_cjk(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF60);
    u8::from(wide) | u8::from(c.is_whitespace()) << 1
}

/// The window of `text` around a match starting at byte `at` (any `at`:
/// inside a character, past the end).
#[cfg_attr(newsroom_speed, optimize(speed))]
pub fn excerpt(text: &str, at: usize) -> Excerpt {
    let floor = |i: usize| text.floor_char_boundary(i);
    let at = floor(at);
    // The characters a window can use (4 bytes each at most), each with its
    // kind, by index: walking both ways is arithmetic.
    let lo = floor(at.saturating_sub(4 * WIDTH));
    let hi = floor(text.len().min(at + 4 * WIDTH));
    let cs: Vec<(usize, u8)> = cut(text, lo..hi).char_indices().map(|(i, c)| (lo + i, kind(c))).collect();
    let n = cs.len();
    let cols = |k: usize| 1 + usize::from(cs[k].1 & WIDE);
    let space = |k: usize| cs[k].1 & SPACE != 0;
    // A window may begin or end at a space or beside a CJK character
    // (Chinese has no spaces: any character is a boundary); at the ends of
    // the text, but not at the ends of this stretch short of them.
    let breaks = |k: usize| match (k.checked_sub(1).map(|j| cs[j].1), cs.get(k)) {
        (Some(b), Some(a)) => b | a.1 != 0,
        (None, _) => lo == 0,
        (_, None) => hi == text.len(),
    };
    let m = cs.partition_point(|c| c.0 < at);

    // The lead before the match, the rest after it; what the end of the
    // text leaves unused goes back before the match.
    let (mut start, mut end, mut used) = (m, m, 0);
    while start > 0 && used + cols(start - 1) <= LEAD {
        start -= 1;
        used += cols(start);
    }
    while end < n && used + cols(end) <= WIDTH {
        used += cols(end);
        end += 1;
    }
    while start > 0 && used + cols(start - 1) <= WIDTH {
        start -= 1;
        used += cols(start);
    }
    // Between words: the start moves towards the match, the end back
    // towards it (but past the match's word). Only a run without a space
    // longer than the window is cut at a character.
    if !breaks(start) {
        start = (start..m).find(|&k| breaks(k)).unwrap_or(m);
    }
    if !breaks(end) {
        end = (m + 1..end).rev().find(|&k| breaks(k)).unwrap_or(end);
    }
    while start < end && space(start) {
        start += 1;
    }
    while end > start && space(end - 1) {
        end -= 1;
    }
    let byte = |k: usize| cs.get(k).map_or(hi, |c| c.0);
    let (start, end) = (byte(start), byte(end));
    Excerpt { start, end, cut_start: !cut(text, ..start).trim().is_empty(), cut_end: !cut(text, end..).trim().is_empty() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    /// Every occurrence of each needle in `text`, as the index marks phrases.
    fn find(text: &str, needles: &[&str]) -> Vec<(usize, usize)> {
        let mut marks = Vec::new();
        for needle in needles {
            for (at, _) in text.char_indices().filter(|&(at, _)| text[at..].starts_with(needle)) {
                marks.push((at, at + needle.len()));
            }
        }
        marks
    }

    /// The excerpt as a reader sees it: cuts as "…", the needle's
    /// occurrences in the window (as the shell marks them) in brackets.
    fn shown(text: &str, needle: &str) -> String {
        let at = find(text, &[needle]).first().map_or(0, |m| m.0);
        let e = excerpt(text, at);
        let window = &text[e.start..e.end];
        let mut out = String::from(if e.cut_start { "…" } else { "" });
        let mut pos = 0;
        for (s, t) in find(window, &[needle]) {
            out.push_str(&window[pos..s]);
            out.push('[');
            out.push_str(&window[s..t]);
            out.push(']');
            pos = t;
        }
        out.push_str(&window[pos..]);
        out.push_str(if e.cut_end { "…" } else { "" });
        out
    }

    fn breaks_at(text: &str, at: usize) -> bool {
        match (text[..at].chars().next_back(), text[at..].chars().next()) {
            (Some(b), Some(a)) => kind(b) | kind(a) != 0,
            _ => true,
        }
    }

    fn width(s: &str) -> usize {
        s.chars().map(|c| 1 + usize::from(kind(c) & WIDE)).sum()
    }

    const LATIN: &str = "In 2021 the company kept all main units running safely and steadily. Output of sodium \
        dichromate and chromic acid anhydride met the annual plan, and the slag treatment line passed its \
        acceptance inspection ahead of schedule. The conference approved the plan for 2022 and thanked the \
        staff for a year without serious accidents.";

    #[test]
    fn latin_is_cut_between_words_around_the_first_match_with_a_third_before_it() {
        let s = shown(LATIN, "dichromate");
        assert_eq!(
            s,
            "…units running safely and steadily. Output of sodium [dichromate] and chromic acid anhydride met \
             the annual plan, and the slag treatment line passed its…"
        );
        let before = s.find('[').unwrap() - "…".len();
        let inside = s.trim_matches('…').replace(['[', ']'], "");
        assert!((40..=60).contains(&before), "{before} characters before the match");
        assert!(inside.chars().count() <= WIDTH && inside.chars().count() > WIDTH - 20, "{inside:?}");
        assert!(LATIN.contains(&inside));
    }

    #[test]
    fn chinese_is_cut_between_characters_with_half_as_many() {
        let text = "公司召开年度工作会议。会议总结了过去一年的生产经营情况，全年各主要装置安全平稳运行，\
            重铬酸钠和铬酸酐产量完成年度计划，铬渣处理线提前通过验收。会议审议通过了新一年的工作计划，\
            并表彰了全年无重大事故的各个班组和先进个人。新的一年，公司将继续推进铬盐清洁生产和铬渣综合利用，\
            建设绿色工厂。";
        let s = shown(text, "铬渣");
        let inside = s.trim_matches('…').replace(['[', ']'], "");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert_eq!(inside.chars().count(), WIDTH / 2, "{s}");
        assert!(text.contains(&inside));
        let before = inside.find("铬渣").unwrap();
        assert_eq!(inside[..before].chars().count(), LEAD / 2, "{s}");
    }

    #[test]
    fn mixed_text_counts_chinese_double_and_never_cuts_a_latin_word() {
        let text = "铬盐生产线 Chromium salts 年产十万吨 production line 通过 ISO 14001 环境管理体系认证 and the \
            sodium dichromate plant 重铬酸钠装置 passed its acceptance inspection 验收 ahead of schedule in the \
            spring 春季 of 2024 with the support of the city 市政府 and its environment bureau 环保局 inspectors.";
        let s = shown(text, "dichromate");
        assert_eq!(s, "…line 通过 ISO 14001 环境管理体系认证 and the sodium [dichromate] plant 重铬酸钠装置 passed its \
            acceptance inspection 验收 ahead of schedule in the spring 春季 of…");
        let inside = s.trim_matches('…').replace(['[', ']'], "");
        assert!(width(&inside) <= WIDTH && width(&inside) > WIDTH - 20, "{s}");
        assert!(inside.chars().count() < WIDTH - 20, "fewer characters than pure Latin: {s}");
    }

    #[test]
    fn a_match_at_the_start_has_no_leading_ellipsis() {
        let s = shown(LATIN, "In 2021");
        assert!(s.starts_with("[In 2021] the company") && s.ends_with('…'), "{s}");
        assert_eq!(shown("铬盐".repeat(100).as_str(), "铬盐").chars().next(), Some('['));
    }

    #[test]
    fn a_match_at_the_end_has_no_trailing_ellipsis_and_the_window_reaches_back() {
        let s = shown(LATIN, "accidents");
        assert!(s.starts_with('…') && s.ends_with("serious [accidents]."), "{s}");
        let inside = s.trim_matches('…').replace(['[', ']'], "");
        assert!(inside.chars().count() > WIDTH - 20, "the lead grows when nothing follows: {s}");
    }

    #[test]
    fn text_shorter_than_the_window_is_whole_without_ellipses() {
        assert_eq!(shown("  Sodium dichromate output grew.\n", "dichromate"), "Sodium [dichromate] output grew.");
        assert_eq!(shown("重铬酸钠产量增长", "铬酸"), "重[铬酸]钠产量增长");
        assert_eq!(shown("", "x"), "");
    }

    #[test]
    fn no_match_gives_the_start_of_the_text() {
        let s = shown(LATIN, "vanadium");
        assert!(s.starts_with("In 2021 the company") && s.ends_with('…') && !s.contains('['), "{s}");
    }

    #[test]
    fn a_run_without_spaces_longer_than_the_window_is_cut_at_a_character() {
        let text = format!("start {} end", "x".repeat(500));
        let e = excerpt(&text, 300);
        assert!(e.cut_start && e.cut_end && e.start == 300 && e.end - e.start == WIDTH - LEAD, "{e:?}");
        // A match inside a long address, far from its start: the window starts at the match.
        let text = format!("{} See https://example.com/{}/sodium-dichromate-line in the news, and more words after it, \
            many more words after it to fill the window to its end and beyond.", "word ".repeat(40), "news/2024/03/18".repeat(6));
        assert!(shown(&text, "dichromate").starts_with("…[dichromate]-line in the news"), "{}", shown(&text, "dichromate"));
    }

    const PIECES: &[&str] = &["chromium", "slag", "Société", "Müller", "铬", "盐", "生产", "。", "，", "🙂", "a", "Z9",
        " ", " ", "  ", "\n", "\n\n", "-", ".", "\u{3000}", "e\u{301}", "ß"];

    #[test]
    fn property_any_text_and_offset_give_a_window_on_character_boundaries_holding_the_match() {
        for seed in 1..=400u64 {
            let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            // Some long enough that the window is far from both ends.
            let pieces = rng.below(if seed % 4 == 0 { 900 } else { 120 });
            let text: String = (0..pieces).map(|_| rng.pick(PIECES)).collect();
            let at = rng.below(text.len() + 3);
            let e = excerpt(&text, at);
            let ctx = format!("seed {seed}, at {at}, {text:?}: {e:?}");
            assert!(e.start <= e.end && e.end <= text.len(), "{ctx}");
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end), "{ctx}");
            let window = &text[e.start..e.end];
            assert_eq!(window, window.trim(), "{ctx}");
            assert_eq!(e.cut_start, !text[..e.start].trim().is_empty(), "{ctx}");
            assert_eq!(e.cut_end, !text[e.end..].trim().is_empty(), "{ctx}");
            // Every piece is short: the window keeps to its width, between words or beside CJK.
            assert!(width(window) <= WIDTH, "{ctx}");
            assert!(!e.cut_start || breaks_at(&text, e.start), "{ctx}");
            assert!(!e.cut_end || breaks_at(&text, e.end), "{ctx}");
            // The match's character is in the window, unless it is a space trimmed off.
            let mut snapped = at.min(text.len());
            while !text.is_char_boundary(snapped) {
                snapped -= 1;
            }
            if text[snapped..].chars().next().is_some_and(|c| !c.is_whitespace()) {
                assert!(e.start <= snapped && snapped < e.end, "{ctx}");
                // And so is the rest of its word.
                let word_end = text[snapped..].find(char::is_whitespace).map_or(text.len(), |i| snapped + i);
                assert!(word_end <= e.end || breaks_at(&text, e.end), "{ctx}");
            }
        }
    }
}
