//! Reading a colour as the browser reports it, to tell light backgrounds
//! from dark ones (the shell picks readable text colours by it).

use crate::decimal::decimal;

/// Whether a computed colour (`rgb(r, g, b)` or `rgba(r, g, b, a)`) is light:
/// black text reads better on it than white. `None` for anything else, or a
/// colour too transparent to say.
///
/// Integer arithmetic only (floats would add kilobytes of parsing and
/// formatting to the wasm): the channels are linearised as squares (a gamma
/// of 2 for sRGB's 2.4 curve), and the threshold is the luminance 0.179 at
/// which black and white text have equal contrast.
pub fn is_light(css: &str) -> Option<bool> {
    let css = css.trim();
    let inner = css.strip_prefix("rgba(").or_else(|| css.strip_prefix("rgb("))?.strip_suffix(')')?;
    let parts: Vec<&str> = inner.split([',', ' ', '/']).filter(|p| !p.is_empty()).collect();
    let (channels, alpha) = match parts.as_slice() {
        [r, g, b] => ([*r, *g, *b], None),
        [r, g, b, a] => ([*r, *g, *b], Some(*a)),
        _ => return None,
    };
    if alpha.is_some_and(mostly_transparent) {
        return None;
    }
    let mut sum: u64 = 0;
    for (channel, weight) in channels.iter().zip([2126u64, 7152, 722]) {
        // "12" or "12.5": the whole part is enough here.
        let value = decimal(channel.split('.').next()?).filter(|&v| v <= 255)?;
        sum += weight * value * value;
    }
    // 0.179 × 255² × 10,000
    Some(sum > 116_394_000)
}

/// An alpha under one half ("0", "0.3", ".2"); "1", "0.5" and "0.75" are not.
fn mostly_transparent(alpha: &str) -> bool {
    let (whole, fraction) = alpha.split_once('.').unwrap_or((alpha, ""));
    whole.trim_start_matches('0').is_empty() && fraction.bytes().next().is_none_or(|d| d < b'5')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_light_from_dark() {
        assert_eq!(is_light("rgb(255, 255, 255)"), Some(true));
        assert_eq!(is_light("rgb(0, 0, 0)"), Some(false));
        assert_eq!(is_light("rgb(250, 250, 240)"), Some(true), "the host fixture's background");
        assert_eq!(is_light("rgba(21, 27, 33, 1)"), Some(false), "our dark background");
        assert_eq!(is_light("rgb(21 27 33 / 0.9)"), Some(false));
        assert_eq!(is_light("rgb(128, 0, 128)"), Some(false), "purple: white text reads better");
        assert_eq!(is_light("rgb(255, 240, 179)"), Some(true), "our light mark colour");
        assert_eq!(is_light("rgba(0, 0, 0, 0)"), None, "transparent says nothing");
        assert_eq!(is_light("rgba(255, 255, 255, 0.3)"), None);
        assert_eq!(is_light("rgba(255, 255, 255, 0.5)"), Some(true));
        assert_eq!(is_light("transparent"), None);
        assert_eq!(is_light("rgb(1, 2)"), None);
        assert_eq!(is_light("rgb(300, 0, 0)"), None);
    }
}
