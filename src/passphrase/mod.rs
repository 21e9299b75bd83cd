//! Passphrase strength and the floor below which a new passphrase is refused: small pure
//! functions the UI calls.
//!
//! The estimate follows zxcvbn's idea in miniature: the passphrase is cut into the cheapest
//! sequence of guessable pieces (a common password, a dictionary word, a common Japanese name in
//! romaji or kana, a date or year, a keyboard run, a sequence like `1234`, a repeated character,
//! a short number) and plain characters, and the bits of those pieces are added. Words and names
//! are found whatever their capitals and leet (`H4nak0`); names whatever their romanisation
//! (`shouta`, `syota`, `ショウタ`). The word list is small, so a word it lacks counts as random
//! letters: the estimate can be too kind to a long rare word, never too harsh to random words.

mod names;
mod romaji;

/// Shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The floor: a new passphrase must be estimated at this many bits or more. With Argon2id as
/// set up here each guess costs real memory and time, so 2^40 guesses is out of reach; three
/// random words (about 41 bits) reach it, one word or a date never does.
pub const FLOOR_BITS: f64 = 40.0;

/// At or above this a passphrase is called strong: four random words (about 55 bits).
pub const STRONG_BITS: f64 = 50.0;

/// Bits of one word from an attacker's word list (a diceware-sized list of 7,776 words).
const WORD_BITS: f64 = 12.9;
/// Bits of one common Japanese name: the attacker's list holds a few hundred family and given
/// names in each of their usual spellings, a couple of thousand guesses, and tries it early.
const NAME_BITS: f64 = 11.0;
/// Bits of a month and day without a year (`0315`, `3/15`).
const MONTH_DAY_BITS: f64 = 9.0;
/// Bits of one digit of a short number (`7`, `42`, `5821`): ten choices each.
const DIGIT_BITS: f64 = 3.33;
/// Longest run of digits priced as a number rather than as plain characters.
const MAX_NUMBER_DIGITS: usize = 4;
/// Bits of one of the most common passwords.
const COMMON_BITS: f64 = 6.0;
/// Bits of a separator between words (space, hyphen, …): the attacker tries the usual few.
const SEPARATOR_BITS: f64 = 1.0;
/// Longest passphrase analysed piece by piece; characters past it count as plain characters.
const MAX_ANALYSED: usize = 128;

/// How strong a passphrase looks, from an estimate of guessing entropy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Refused: shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort,
    /// Refused: under [`FLOOR_BITS`].
    Weak,
    /// Accepted: [`FLOOR_BITS`] up to [`STRONG_BITS`].
    Fair,
    /// Over [`STRONG_BITS`].
    Strong,
}

/// Why a passphrase is below the floor, in the words the user is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Weakness {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort,
    /// One of the passwords attackers try first (`12345678`, `password1`).
    Common,
    /// A date or a year (birthdays are tried early).
    Date,
    /// Neighbouring keys or a sequence (`qwerty`, `asdf`, `abcd`, `9876`).
    KeyboardRun,
    /// The same character again and again.
    Repeated,
    /// One dictionary word or common name, maybe with a digit or symbol added.
    OneWord,
    /// None of the above alone, but still too short for how predictable it is.
    TooPredictable,
}

/// What the meter shows and the floor decides: the estimate, the verdict and, below the floor,
/// the main reason.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    /// Estimated guessing entropy in bits.
    pub bits: f64,
    /// The verdict.
    pub strength: Strength,
    /// Why it is refused (only when `strength` is `TooShort` or `Weak`).
    pub weakness: Option<Weakness>,
}

impl Assessment {
    /// Whether a new passphrase this strong is accepted.
    pub fn passes(&self) -> bool {
        self.weakness.is_none()
    }
}

/// Passwords attackers try first (lower case; a trailing digit or `!` is stripped before the
/// look-up, so `password1` and `iloveyou!` are found too).
const COMMON: &[&str] = &[
    "password", "passw0rd", "p@ssword", "p@ssw0rd", "123456", "1234567", "12345678", "123456789", "1234567890", "qwerty",
    "qwertyuiop", "qwerty123", "iloveyou", "letmein", "welcome", "admin", "administrator", "monkey", "dragon", "football",
    "baseball", "superman", "batman", "trustno1", "sunshine", "princess", "master", "shadow", "michael", "jennifer",
    "abc123", "abcd1234", "aa123456", "a123456", "111111", "000000", "666666", "888888", "123123", "654321", "112233",
    "asdfghjkl", "zxcvbnm", "1q2w3e4r", "1qaz2wsx", "qazwsx", "starwars", "pokemon", "doraemon", "naruto", "sakura",
    "hello", "hellokitty", "whatever", "freedom", "computer", "internet", "secret", "changeme", "default", "login",
    "passphrase", "mypassword", "yourpassword", "test", "testing", "guest", "google", "apple", "iphone", "samsung",
    "instagram", "twitter", "facebook", "line", "yahoo", "daisuki", "aishiteru", "arigatou", "kawaii", "nihon", "tokyo",
];

/// Common English words and romanised Japanese ones, lower case: a passphrase made of these is
/// only as strong as the number of words in it.
const WORDS: &[&str] = &[
    "the", "and", "you", "that", "was", "for", "are", "with", "his", "they", "one", "have", "this", "from", "had", "not",
    "but", "what", "some", "can", "out", "other", "were", "all", "there", "when", "your", "how", "said", "each", "she",
    "which", "their", "time", "will", "way", "about", "many", "then", "them", "write", "would", "like", "these", "her",
    "long", "make", "thing", "see", "him", "two", "has", "look", "more", "day", "could", "come", "did", "number", "sound",
    "most", "people", "over", "know", "water", "than", "call", "first", "who", "may", "down", "side", "been", "now",
    "find", "any", "new", "work", "part", "take", "get", "place", "made", "live", "where", "after", "back", "little",
    "only", "round", "man", "year", "came", "show", "every", "good", "give", "our", "under", "name", "very", "through",
    "just", "form", "great", "think", "say", "help", "low", "line", "before", "turn", "cause", "same", "mean", "move",
    "right", "boy", "old", "too", "does", "tell", "sentence", "set", "three", "want", "air", "well", "also", "play",
    "small", "end", "put", "home", "read", "hand", "port", "large", "spell", "add", "even", "land", "here", "must", "big",
    "high", "such", "follow", "act", "why", "ask", "men", "change", "went", "light", "kind", "off", "need", "house",
    "picture", "try", "again", "animal", "point", "mother", "world", "near", "build", "self", "earth", "father", "head",
    "stand", "own", "page", "should", "country", "found", "answer", "school", "grow", "study", "still", "learn", "plant",
    "cover", "food", "sun", "four", "thought", "let", "keep", "eye", "never", "last", "door", "between", "city", "tree",
    "cross", "since", "hard", "start", "might", "story", "saw", "far", "sea", "draw", "left", "late", "run", "while",
    "press", "close", "night", "real", "life", "few", "stop", "open", "seem", "together", "next", "white", "children",
    "begin", "got", "walk", "example", "ease", "paper", "often", "always", "music", "those", "both", "mark", "book",
    "letter", "until", "mile", "river", "car", "feet", "care", "second", "group", "carry", "took", "rain", "eat", "room",
    "friend", "began", "idea", "fish", "mountain", "north", "once", "base", "hear", "horse", "cut", "sure", "watch",
    "color", "colour", "face", "wood", "main", "enough", "plain", "girl", "usual", "young", "ready", "above", "ever",
    "red", "list", "though", "feel", "talk", "bird", "soon", "body", "dog", "family", "direct", "pose", "leave", "song",
    "measure", "state", "product", "black", "short", "numeral", "class", "wind", "question", "happen", "complete", "ship",
    "area", "half", "rock", "order", "fire", "south", "problem", "piece", "told", "knew", "pass", "farm", "top", "whole",
    "king", "size", "heard", "best", "hour", "better", "true", "during", "hundred", "am", "remember", "step", "early",
    "hold", "west", "ground", "interest", "reach", "fast", "five", "sing", "listen", "six", "table", "travel", "less",
    "morning", "ten", "simple", "several", "vowel", "toward", "war", "lay", "against", "pattern", "slow", "center",
    "love", "person", "money", "serve", "appear", "road", "map", "science", "rule", "govern", "pull", "cold", "notice",
    "voice", "fall", "power", "town", "fine", "certain", "fly", "unit", "lead", "cry", "dark", "machine", "note", "wait",
    "plan", "figure", "star", "box", "noun", "field", "rest", "correct", "able", "pound", "done", "beauty", "drive",
    "stood", "contain", "front", "teach", "week", "final", "gave", "green", "quick", "develop", "sleep", "warm", "free",
    "minute", "strong", "special", "mind", "behind", "clear", "tail", "produce", "fact", "street", "inch", "lot",
    "nothing", "course", "stay", "wheel", "full", "force", "blue", "object", "decide", "surface", "deep", "moon",
    "island", "foot", "yet", "busy", "test", "record", "boat", "common", "gold", "possible", "plane", "age", "dry",
    "wonder", "laugh", "thousand", "ago", "ran", "check", "game", "shape", "yes", "hot", "miss", "brought", "heat",
    "snow", "bed", "bring", "sit", "perhaps", "fill", "east", "weight", "language", "among", "battery", "staple",
    "apple", "orange", "banana", "summer", "winter", "spring", "autumn", "flower", "sunflower", "garden", "coffee",
    "dragon", "tiger", "monkey", "cat", "kitten", "puppy", "chocolate", "cookie", "pizza", "purple", "yellow", "silver",
    "happy", "lucky", "smile", "dream", "heart", "angel", "baby", "sweet", "honey", "secret", "magic", "ocean", "forest",
    "sky", "cloud", "storm", "thunder", "rainbow", "window", "mirror", "bridge", "castle", "island", "planet", "rocket",
    "pass", "word", "phrase", "key", "lock", "safe", "admin", "user", "login", "hello", "welcome", "master", "letmein",
    "sakura", "tokyo", "osaka", "kyoto", "nihon", "nippon", "sushi", "ramen", "neko", "inu", "hana", "yuki", "sora",
    "umi", "yama", "kawa", "tanaka", "suzuki", "sato", "takahashi", "watanabe", "ito", "yamamoto", "nakamura",
    "kobayashi", "kato", "daisuki", "aishiteru", "arigatou", "kawaii", "genki", "ohayou", "konnichiwa", "sayonara",
    "pokemon", "doraemon", "naruto", "pikachu", "totoro", "anpanman", "gundam", "mario", "zelda",
];

/// Keyboard rows (and the digit row) whose neighbouring keys make a "run".
const ROWS: &[&str] = &["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"];

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '_' | '.' | ',' | '/' | '+' | '　' | '・')
}

/// The alphabet a brute-force attacker would need for this passphrase, in bits per character.
fn bits_per_char(chars: &[char]) -> f64 {
    let mut pool = 0u32;
    if chars.iter().any(char::is_ascii_lowercase) {
        pool += 26;
    }
    if chars.iter().any(char::is_ascii_uppercase) {
        pool += 26;
    }
    if chars.iter().any(char::is_ascii_digit) {
        pool += 10;
    }
    if chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' ') {
        pool += 33;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        // Kana, kanji and other scripts: a large alphabet.
        pool += 100;
    }
    f64::from(pool.max(2)).log2()
}

/// A guessable piece the estimate found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    Common,
    Word,
    Name,
    Date,
    Run,
    Repeat,
    Number,
    Plain,
    Separator,
}

fn lower(chars: &[char]) -> String {
    chars.iter().flat_map(|c| c.to_lowercase()).collect()
}

/// Digits only, as a number.
fn digits_value(chars: &[char]) -> Option<u32> {
    if chars.is_empty() || chars.len() > 8 || !chars.iter().all(char::is_ascii_digit) {
        return None;
    }
    chars.iter().collect::<String>().parse().ok()
}

fn is_year(chars: &[char]) -> bool {
    chars.len() == 4 && digits_value(chars).is_some_and(|y| (1900..=2099).contains(&y))
}

fn is_month_day(m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// A date: `19900101`, `010190`, `1990-01-01`, `1/1/1990`, `2024.3.15` (any order of year, month
/// and day), or a month and day alone: `0315`, `3/15`, `15.3`.
fn is_date(chars: &[char]) -> bool {
    let s: String = chars.iter().collect();
    let parts: Vec<&str> = s.split(['-', '/', '.', ' ']).collect();
    let nums: Option<Vec<(u32, usize)>> = parts.iter().map(|p| p.parse::<u32>().ok().filter(|_| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_digit())).map(|n| (n, p.len()))).collect();
    let Some(nums) = nums else { return false };
    let year_ok = |(n, len): (u32, usize)| (len == 4 && (1900..=2099).contains(&n)) || len == 2;
    match nums.as_slice() {
        [(a, 1..=2), (b, 1..=2)] => is_month_day(*a, *b) || is_month_day(*b, *a),
        [(n, 4)] => is_month_day(n / 100, n % 100) || is_month_day(n % 100, n / 100),
        [a, b, c] => (year_ok(*a) && is_month_day(b.0, c.0)) || (year_ok(*c) && (is_month_day(a.0, b.0) || is_month_day(b.0, a.0))),
        [(n, len)] if *len == 8 => {
            let (y, m, d) = (n / 10_000, n / 100 % 100, n % 100);
            ((1900..=2099).contains(&y) && is_month_day(m, d)) || {
                let (a, b, y) = (n / 1_000_000, n / 10_000 % 100, n % 10_000);
                (1900..=2099).contains(&y) && (is_month_day(a, b) || is_month_day(b, a))
            }
        }
        [(n, len)] if *len == 6 => is_month_day(n / 100 % 100, n % 100) || is_month_day(n / 10_000, n / 100 % 100),
        _ => false,
    }
}

/// Neighbouring keys on a keyboard row, or a straight sequence (`abcd`, `4321`, `あいう`).
fn is_run(chars: &[char]) -> bool {
    if chars.len() < 3 {
        return false;
    }
    let l = lower(chars);
    let rev: String = l.chars().rev().collect();
    if chars.len() >= 4 && ROWS.iter().any(|r| r.contains(l.as_str()) || r.contains(rev.as_str())) {
        return true;
    }
    let d = chars[1] as i64 - chars[0] as i64;
    (d == 1 || d == -1) && chars.windows(2).all(|w| w[1] as i64 - w[0] as i64 == d)
}

fn is_repeat(chars: &[char]) -> bool {
    chars.len() >= 3 && chars.iter().all(|c| *c == chars[0])
}

/// The cheapest way to say `chars[i..j]` as one piece, if it is one.
fn piece_bits(chars: &[char], per_char: f64) -> Option<(Piece, f64)> {
    let n = chars.len();
    let caps = if chars.iter().any(|c| c.is_uppercase()) { 1.0 } else { 0.0 };
    let l = lower(chars);
    let mut best: Option<(Piece, f64)> = None;
    let mut consider = |p: Piece, b: f64| {
        if best.is_none_or(|(_, x)| b < x) {
            best = Some((p, b));
        }
    };
    if n >= 4 && COMMON.contains(&l.as_str()) {
        consider(Piece::Common, COMMON_BITS + caps);
    }
    if let Some((p, b)) = word_or_name(chars) {
        consider(p, b + caps);
    }
    if is_year(chars) {
        consider(Piece::Date, 7.0);
    } else if n >= 6 && is_date(chars) {
        consider(Piece::Date, 15.0);
    } else if n >= 3 && is_date(chars) {
        consider(Piece::Date, MONTH_DAY_BITS);
    }
    if n <= MAX_NUMBER_DIGITS && chars.iter().all(char::is_ascii_digit) {
        consider(Piece::Number, DIGIT_BITS * n as f64);
    }
    if is_run(chars) {
        consider(Piece::Run, 5.0 + (n as f64).log2());
    }
    if is_repeat(chars) {
        consider(Piece::Repeat, per_char + (n as f64).log2());
    }
    best
}

/// A dictionary word or a common Japanese name as typed (any case, romaji or kana), or read back
/// from leet at one more bit per swapped character; the cheaper when it is both.
fn word_or_name(chars: &[char]) -> Option<(Piece, f64)> {
    // No word or name in either list is this long, even spelled out (`syouitirou`).
    if chars.len() > 16 || !chars.iter().any(|c| c.is_alphabetic()) {
        return None;
    }
    let as_typed = lower(chars);
    let readings = std::iter::once((as_typed, 0)).chain(romaji::unleet(chars));
    let mut best: Option<(Piece, f64)> = None;
    for (text, swapped) in readings {
        let extra = swapped as f64;
        let found = if (swapped == 0 && romaji::is_name(chars)) || (swapped > 0 && romaji::is_name_romaji(&text)) {
            Some((Piece::Name, NAME_BITS + extra))
        } else if text.chars().count() >= 3 && WORDS.contains(&text.as_str()) {
            Some((Piece::Word, WORD_BITS + extra))
        } else {
            None
        };
        if let Some((p, b)) = found {
            if best.is_none_or(|(_, x)| b < x) {
                best = Some((p, b));
            }
        }
    }
    best
}

/// The verdict on a passphrase shorter than [`MIN_PASSPHRASE_CHARS`], the same as
/// [`assess`] gives it, without the word lists (the first screen says it while they load).
pub fn too_short(passphrase: &str) -> Option<Assessment> {
    (passphrase.chars().count() < MIN_PASSPHRASE_CHARS).then_some(Assessment { bits: 0.0, strength: Strength::TooShort, weakness: Some(Weakness::TooShort) })
}

/// Estimates a passphrase's strength and, below the floor, says why.
pub fn assess(passphrase: &str) -> Assessment {
    let chars: Vec<char> = passphrase.chars().collect();
    let per_char = bits_per_char(&chars);
    let analysed = chars.len().min(MAX_ANALYSED);
    // cost[i]: cheapest bits for chars[..i]; via[i]: the piece that ends there and where it starts.
    let mut cost = vec![f64::INFINITY; analysed + 1];
    let mut via = vec![(Piece::Plain, 0usize); analysed + 1];
    cost[0] = 0.0;
    for j in 1..=analysed {
        let c = chars[j - 1];
        let single = if is_separator(c) && j > 1 { (Piece::Separator, SEPARATOR_BITS) } else { (Piece::Plain, per_char) };
        cost[j] = cost[j - 1] + single.1;
        via[j] = (single.0, j - 1);
        for i in j.saturating_sub(32)..j.saturating_sub(1) {
            if let Some((p, b)) = piece_bits(&chars[i..j], per_char) {
                if cost[i] + b < cost[j] {
                    cost[j] = cost[i] + b;
                    via[j] = (p, i);
                }
            }
        }
    }
    let bits = cost[analysed] + (chars.len() - analysed) as f64 * per_char;
    let strength = if chars.len() < MIN_PASSPHRASE_CHARS {
        Strength::TooShort
    } else if bits < FLOOR_BITS {
        Strength::Weak
    } else if bits < STRONG_BITS {
        Strength::Fair
    } else {
        Strength::Strong
    };
    let weakness = match strength {
        Strength::TooShort => Some(Weakness::TooShort),
        Strength::Weak => Some(reason(&chars, &via, analysed)),
        _ => None,
    };
    Assessment { bits, strength, weakness }
}

/// The main reason a passphrase below the floor is weak: the whole thing (or all but a few
/// added digits and symbols) is one guessable piece, else the kind of piece covering most of it.
fn reason(chars: &[char], via: &[(Piece, usize)], end: usize) -> Weakness {
    let core: Vec<char> = {
        let mut c = chars.to_vec();
        while c.len() > 4 && c.last().is_some_and(|x| x.is_ascii_digit() || x.is_ascii_punctuation()) {
            c.pop();
        }
        c
    };
    if COMMON.contains(&lower(chars).as_str()) || COMMON.contains(&lower(&core).as_str()) {
        return Weakness::Common;
    }
    let mut covered: Vec<(Piece, usize)> = Vec::new();
    let mut j = end;
    while j > 0 {
        let (p, i) = via[j];
        match covered.iter_mut().find(|(q, _)| *q == p) {
            Some((_, n)) => *n += j - i,
            None => covered.push((p, j - i)),
        }
        j = i;
    }
    let words: usize = covered.iter().filter(|(p, _)| matches!(p, Piece::Word | Piece::Name)).map(|(_, n)| *n).sum();
    // Only the kinds that are a reason of their own; a word or name as long as a date leaves the
    // date as the reason.
    let guessable = covered.iter().filter(|(p, _)| matches!(p, Piece::Date | Piece::Run | Piece::Repeat | Piece::Common)).max_by_key(|(_, n)| *n);
    match guessable {
        Some((Piece::Date, n)) if *n * 2 >= chars.len() => Weakness::Date,
        Some((Piece::Run, n)) if *n * 2 >= chars.len() => Weakness::KeyboardRun,
        Some((Piece::Repeat, n)) if *n * 2 >= chars.len() => Weakness::Repeated,
        Some((Piece::Common, n)) if *n * 2 >= chars.len() => Weakness::Common,
        _ if words * 2 >= chars.len() && WORDS.iter().any(|w| lower(&core) == *w) => Weakness::OneWord,
        _ if is_one_word(chars) => Weakness::OneWord,
        _ => Weakness::TooPredictable,
    }
}

/// Whether the passphrase is one word or name with only digits, symbols and separators before
/// or after it (`taro_2000`, `Hanako0315`, `1985hanako`): what [`Weakness::OneWord`] tells the user.
fn is_one_word(chars: &[char]) -> bool {
    let added = |c: &char| c.is_ascii_digit() || c.is_ascii_punctuation() || is_separator(*c);
    let start = chars.iter().take_while(|c| added(c)).count();
    let end = chars.len() - chars.iter().rev().take_while(|c| added(c)).count();
    start < end && end - start < chars.len() && word_or_name(&chars[start..end]).is_some()
}

/// The verdict shown under the passphrase field.
pub fn strength(passphrase: &str) -> Strength {
    assess(passphrase).strength
}

/// Why a new passphrase was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NewPassphraseError {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort,
    /// Long enough but below [`FLOOR_BITS`], for this reason.
    TooWeak(Weakness),
    /// The confirmation differs.
    Mismatch,
}

/// Developer text; the UI shows `i18n::new_passphrase_error`'s message instead.
impl std::fmt::Display for NewPassphraseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewPassphraseError::TooShort => write!(f, "the passphrase is shorter than {MIN_PASSPHRASE_CHARS} characters"),
            NewPassphraseError::TooWeak(w) => write!(f, "the passphrase is below the strength floor ({w:?})"),
            NewPassphraseError::Mismatch => f.write_str("the confirmation differs from the passphrase"),
        }
    }
}

impl std::error::Error for NewPassphraseError {}

/// Checks a new passphrase and its confirmation, in the order the user should fix them: long
/// enough, strong enough, then the same twice.
pub fn check_new(passphrase: &str, confirmation: &str) -> Result<(), NewPassphraseError> {
    match assess(passphrase).weakness {
        Some(Weakness::TooShort) => Err(NewPassphraseError::TooShort),
        Some(w) => Err(NewPassphraseError::TooWeak(w)),
        None if passphrase != confirmation => Err(NewPassphraseError::Mismatch),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
