//! Search text folding (width, case, kana), shared by the list's search and the catalogue. Pure.

/// Folds text for search: full-width ASCII to ASCII (`ＧｏｏＧｌｅ` → `google`), half-width
/// katakana to katakana with its voicing marks joined (`ｲﾝｽﾀｸﾞﾗﾑ` → `インスタグラム`, as Unicode's
/// NFKC does), the ideographic space to a space, hiragana to katakana (`ぐーぐる` finds `グーグル`),
/// then lower case. Characters that are not drawn ([`crate::account::visible_text`]: bidi
/// controls, zero-width characters) are dropped first, so what matches is what is shown
/// (`Goo\u{200D}gle` is `google`, and no invisible character splits a word).
pub fn fold(text: &str) -> String {
    let text = crate::account::visible_text(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{FF61}'..='\u{FF9D}' => {
                let kana = HALF_WIDTH_KANA.chars().nth(c as usize - 0xFF61).unwrap_or(c);
                match chars.peek() {
                    Some('\u{FF9E}') if kana == 'ウ' => {
                        chars.next();
                        'ヴ'
                    }
                    Some('\u{FF9E}') if VOICED.contains(kana) => {
                        chars.next();
                        char::from_u32(kana as u32 + 1).unwrap_or(kana)
                    }
                    Some('\u{FF9F}') if SEMI_VOICED.contains(kana) => {
                        chars.next();
                        char::from_u32(kana as u32 + 2).unwrap_or(kana)
                    }
                    _ => kana,
                }
            }
            '\u{FF9E}' => '゛',
            '\u{FF9F}' => '゜',
            '\u{3000}' => ' ',
            '\u{3041}'..='\u{3096}' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        };
        out.extend(c.to_lowercase());
    }
    out
}

/// U+FF61 to U+FF9D, in order, as full-width characters.
const HALF_WIDTH_KANA: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
/// The kana a following voiced mark (ﾞ) joins: the next code point is the voiced one (カ → ガ).
const VOICED: &str = "カキクケコサシスセソタチツテトハヒフヘホ";
/// The kana a following semi-voiced mark (ﾟ) joins: two code points on (ハ → パ).
const SEMI_VOICED: &str = "ハヒフヘホ";
