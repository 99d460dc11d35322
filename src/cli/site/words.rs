//! What the static site writes in words besides the page's own messages
//! (`newsroom::messages`, which both use, so a page reads the same before
//! and after the app takes it over): dates and lists as the page's `Intl`
//! writes them.

use newsroom::date::PublishedDate;
use newsroom::messages::Messages;

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// "November 4, 2023" or "2023年11月4日": what the page's
/// `Intl.DateTimeFormat` (year numeric, month long, day numeric) gives for
/// `m`'s language, so the date does not change when the app takes over.
pub fn long_date(m: &Messages, d: &PublishedDate) -> String {
    match m.locale {
        "zh-CN" => format!("{}年{}月{}日", d.year, d.month, d.day),
        _ => format!("{} {}, {}", MONTHS[(d.month as usize).clamp(1, 12) - 1], d.day, d.year),
    }
}

/// "A, B, and C" or "A、B和C": what the page's `Intl.ListFormat`
/// (conjunction) gives for `m`'s language, so "By …" does not change when
/// the app takes over.
pub fn list(m: &Messages, items: &[String]) -> String {
    let (comma, and, last_and) = match m.locale {
        "zh-CN" => ("、", "和", "和"),
        _ => (", ", " and ", ", and "),
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a}{and}{b}"),
        [init @ .., last] => format!("{}{last_and}{last}", init.join(comma)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsroom::date::parse_date;
    use newsroom::messages::{EN, ZH_CN};

    #[test]
    fn dates_read_as_the_page_writes_them() {
        let d = parse_date("2023-11-04T09:00:00+08:00").unwrap();
        assert_eq!(long_date(&EN, &d), "November 4, 2023");
        assert_eq!(long_date(&ZH_CN, &d), "2023年11月4日");
    }

    #[test]
    fn lists_read_as_the_page_writes_them() {
        let names = |n: usize| ["A", "B", "C", "D"][..n].iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let en: Vec<String> = (0..=4).map(|n| list(&EN, &names(n))).collect();
        assert_eq!(en, ["", "A", "A and B", "A, B, and C", "A, B, C, and D"]);
        let zh: Vec<String> = (0..=4).map(|n| list(&ZH_CN, &names(n))).collect();
        assert_eq!(zh, ["", "A", "A和B", "A、B和C", "A、B、C和D"]);
    }
}
