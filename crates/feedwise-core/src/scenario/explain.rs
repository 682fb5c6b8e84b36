//! ron's complaints in an author's words, each with the fix. ron says what it expected
//! ("expected integer"); the author needs to know what to write instead ("minutes are whole
//! numbers: write 7 or 8"). The words come from the text around the place ron stopped: the
//! field being written, the word found there, and the brackets still open.

use ron::error::Error;

use super::outline;

/// What went wrong and, when it is known, the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub message: String,
    pub help: Option<String>,
}

impl Explained {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Explained {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

/// Explains `error`, found at byte `at` of `text`, in a document of the kind `document`
/// ("scenario", "session plan").
pub fn explain(text: &str, error: &Error, at: usize, document: &str) -> Explained {
    let here = Here::new(text, at);
    let found = here.found.as_str();
    let field = here.field();
    let named = field.map_or("this value".to_owned(), |f| format!("`{f}`"));
    match error {
        Error::Eof => Explained {
            message: format!("the file ends before the {document} is complete"),
            help: here.never_closed(),
        },
        Error::ExceededRecursionLimit => Explained {
            message: "brackets are nested too deeply (more than 128 levels)".to_owned(),
            help: None,
        },
        Error::ExpectedBoolean => {
            let word = found.trim_matches('"');
            let help = if word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false") {
                format!(
                    "write `{}` in small letters, without quotes",
                    word.to_lowercase()
                )
            } else {
                "write `true` for yes or `false` for no".to_owned()
            };
            Explained::new(format!("{named} is yes or no, not {found}"), help)
        }
        Error::ExpectedInteger | Error::InvalidIntegerDigit { .. } => whole_number(&here, &named),
        Error::IntegerOutOfBounds if found.starts_with('-') || here.before() == Some('-') => {
            Explained::new(
                format!("{named} cannot be below zero"),
                "write a whole number from 0 up",
            )
        }
        Error::IntegerOutOfBounds => Explained::new(
            format!("{found} is too large for {named}"),
            "write a smaller whole number",
        ),
        Error::ExpectedComma => expected_comma(&here, &named),
        Error::ExpectedMapColon if found == "=" => Explained::new(
            "a name is followed by a colon, not `=`",
            "write `name: value`, as in `title: \"Night shift\"`",
        ),
        Error::ExpectedMapColon => Explained::new(
            "a colon `:` is missing after a name",
            match here.word_before() {
                Some(name) => format!("write `{name}: {found}`"),
                None => "write `name: value`, as in `title: \"Night shift\"`".to_owned(),
            },
        ),
        Error::ExpectedString => expected_string(&here, &named),
        Error::ExpectedStringEnd => Explained::new(
            "this text has no closing quote",
            "end the text with a straight double quote `\"`",
        ),
        Error::ExpectedIdentifier => expected_name(&here),
        Error::TrailingCharacters => Explained::new(
            format!("there is more after the end of the {document}"),
            format!(
                "the {document} ends with the `)` before line {}; remove what follows it, or \
                 look above for a bracket closed too early",
                here.line()
            ),
        ),
        Error::ExpectedArray => Explained::new(
            format!("{named} is a list"),
            format!(
                "write it in square brackets, as in `{}: [{found}]`",
                field.unwrap_or("tags")
            ),
        ),
        Error::ExpectedStructLike
        | Error::ExpectedNamedStructLike(_)
        | Error::ExpectedDifferentStructName { .. }
            if here.open.is_empty() =>
        {
            Explained::new(
                format!("expected a {document}: one pair of round brackets holding its fields"),
                "start the file with `(` and end it with `)`, as in `(id: \"night-shift\", title: \"...\", ...)`",
            )
        }
        Error::ExpectedStructLike
        | Error::ExpectedNamedStructLike(_)
        | Error::ExpectedDifferentStructName { .. } => {
            let item = here.item().unwrap_or("item");
            Explained::new(
                format!("each {item} is written in round brackets"),
                format!("put `(` before `{found}` and `)` after the {item}'s last field"),
            )
        }
        Error::ExpectedArrayEnd | Error::ExpectedMapEnd | Error::ExpectedStructLikeEnd => {
            Explained::new(
                format!("expected a closing bracket, found {found}"),
                "look for a missing comma or bracket just before this place",
            )
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().map_or("name", type_word);
            Explained::new(
                format!("`{found}` is not {} feedwise knows", a(what)),
                choose_from(found, expected),
            )
        }
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().map_or("value of this kind", type_word);
            Explained::new(
                format!("`{found}` is not a field of {}", a(what)),
                choose_from(found, expected),
            )
        }
        Error::MissingStructField { field, outer } => {
            let what = outer.as_deref().map_or("value of this kind", type_word);
            Explained::new(
                format!("{} needs `{field}`, and this one has none", a(what)),
                format!(
                    "add `{field}: ...` inside its brackets (see the reference in docs/authoring.md)"
                ),
            )
        }
        Error::DuplicateStructField { field, outer } => {
            let what = outer.as_deref().map_or("value", type_word);
            Explained::new(
                format!("`{field}` is written twice in one {what}"),
                "keep one of them",
            )
        }
        Error::InvalidEscape(_) => Explained::new(
            "a backslash `\\` in text starts an escape it cannot finish",
            "write `\\\\` for a backslash and `\\\"` for a double quote inside text",
        ),
        Error::UnclosedBlockComment => Explained::new(
            "a comment opened with `/*` is never closed",
            "end it with `*/`, or start each comment line with `//`",
        ),
        other => Explained {
            message: lowercase_first(&other.to_string()),
            help: None,
        },
    }
}

/// `minutes: 7.5`, `at: "0:10"`, `minutes: "3"`, `minutes: five`.
fn whole_number(here: &Here<'_>, named: &str) -> Explained {
    let found = &here.found;
    let inner = found.trim_matches('"');
    if here.is_time()
        && let Some(seconds) = clock_seconds(inner)
    {
        return Explained::new(
            format!("{named} is seconds, not a clock time"),
            format!("write `{seconds}`, not `{found}`"),
        );
    }
    if found.starts_with('"') && inner.trim().parse::<u32>().is_ok() {
        return Explained::new(
            format!("{named} is a number, written without quotes"),
            format!("write `{}`", inner.trim()),
        );
    }
    Explained::new(
        format!("{named} is a whole number, not {found}"),
        format!(
            "write digits, as in `{}: 5`",
            here.field().unwrap_or("minutes")
        ),
    )
}

fn expected_comma(here: &Here<'_>, named: &str) -> Explained {
    let found = &here.found;
    let number_before = here.number_before();
    if let Some(number) = number_before
        && found.starts_with('.')
        && let Ok(decimal) = format!("{number}{found}").parse::<f64>()
    {
        let (low, high) = (decimal.floor(), decimal.ceil());
        let unit = if here.is_time() { "seconds" } else { "numbers" };
        return Explained::new(
            format!("{named} takes whole {unit}, not {number}{found}"),
            format!("write `{low}` or `{high}`"),
        );
    }
    if let Some(number) = number_before
        && found == ":"
    {
        let time = format!("{number}{}", here.rest_of_word_after_colon());
        let help = match clock_seconds(&time) {
            Some(seconds) => format!("write `{seconds}`, not `{time}`"),
            None => "write the number of seconds, as in `at: 10`".to_owned(),
        };
        return Explained::new(format!("{named} is seconds, not a clock time"), help);
    }
    if found == ";" {
        return Explained::new(
            "values are separated by commas, not semicolons",
            "write `,` in place of `;`",
        );
    }
    if here.before() == Some('"')
        && here.line_before().is_none()
        && found.starts_with(|c: char| c.is_alphanumeric())
    {
        return Explained::new(
            "a double quote inside text ends the text early",
            "inside text, write a double quote as `\\\"`, or use curly quotes “ ” or single ones",
        );
    }
    if let Some(line) = here.line_before() {
        return Explained::new(
            format!("a comma is missing at the end of line {line}"),
            "every field, list item and option ends with a comma: add `,` after the value on that line",
        );
    }
    Explained::new(
        format!("expected a comma before {found}"),
        "separate fields and list items with commas",
    )
}

fn expected_string(here: &Here<'_>, named: &str) -> Explained {
    let found = &here.found;
    let innermost = here.open.last();
    if found.starts_with(['\'', '\u{2018}', '\u{2019}']) {
        let words = here.rest_of_value();
        return Explained::new(
            "text goes between double quotes, not single ones",
            format!(
                "write `\"{}\"`",
                words.trim_matches(['\'', '\u{2018}', '\u{2019}'])
            ),
        );
    }
    if innermost.is_some_and(|f| f.open == b'{') {
        let key = found.trim_end_matches(':');
        return Explained::new(
            format!("the names in {named} are written in double quotes"),
            format!("write `\"{key}\"`, as in `{{\"boundaries\": 2}}`"),
        );
    }
    if innermost.is_some_and(|f| f.field.as_deref() == Some("cite")) {
        return Explained::new(
            "a citation's document and paragraph are both in double quotes",
            format!("write `\"{found}\"`, as in `(\"SM24\", \"18\")`"),
        );
    }
    let words = here.rest_of_value();
    Explained::new(
        format!("the text of {named} is written in double quotes"),
        format!("write `\"{words}\"`"),
    )
}

/// ron wanted a field's name: a `#` comment, or a beat pasted inside the one before.
fn expected_name(here: &Here<'_>) -> Explained {
    let found = &here.found;
    if found.starts_with('#') {
        return Explained::new(
            "a comment starts with `//`, not `#`",
            "write `//` at the start of the comment",
        );
    }
    if found.starts_with('"') {
        return Explained::new(
            "a field's name is written without quotes",
            format!("write `{}: ...`", found.trim_matches('"')),
        );
    }
    // `(` where a field name should be: the item before this one was never closed.
    if found == "("
        && let Some(open) = here.open.last().filter(|f| f.open == b'(')
        && let Some(item) = open.field.as_deref().and_then(item_word)
    {
        return Explained::new(
            format!("this {item} starts inside the {item} before it"),
            format!(
                "the {item} that starts on line {} is not closed: close it with `),` before this line",
                here.line_of(open.start)
            ),
        );
    }
    Explained::new(
        format!("expected the name of a field, found {found}"),
        "fields are written `name: value`; look for a missing bracket or comma just before",
    )
}

/// A time written as minutes and seconds (`0:10`, `1:30`), in seconds.
fn clock_seconds(text: &str) -> Option<u32> {
    let (minutes, seconds) = text.trim().split_once(':')?;
    let minutes: u32 = minutes.trim().parse().ok()?;
    let seconds: u32 = seconds.trim().parse().ok()?;
    (seconds < 60).then(|| minutes * 60 + seconds)
}

/// The help for a name that is not one of `expected`: the same name in other letters, a near
/// spelling, or the list.
fn choose_from(found: &str, expected: &[&str]) -> String {
    if let Some(same) = expected.iter().find(|e| e.eq_ignore_ascii_case(found)) {
        return format!("write `{same}`, with its capital letters as shown");
    }
    let list = expected
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match crate::check::suggest::closest(found, expected.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? the choices are {list}"),
        None => format!("write one of {list}"),
    }
}

/// What a list field holds one of, for "this beat starts inside the beat before it".
fn item_word(field: &str) -> Option<&'static str> {
    Some(match field {
        "beats" => "beat",
        "endings" => "ending",
        "options" => "option",
        "cast" => "persona",
        "events" => "event",
        "then" => "route",
        _ => return None,
    })
}

/// The model's type names as an author calls them.
fn type_word(name: &str) -> &'static str {
    match name {
        "Scenario" => "scenario",
        "Persona" => "persona",
        "Beat" => "beat",
        "Ending" => "ending",
        "Decision" => "decision",
        "DecisionOption" => "option",
        "DecisionKind" => "kind of decision",
        "Event" | "Happening" => "kind of event",
        "Route" => "route",
        "Timeout" => "timeout",
        "Grade" => "grade",
        "Audience" => "audience",
        "Role" => "role",
        "Tone" => "tone",
        "Condition" => "condition",
        "Plan" => "session plan",
        "Post" => "post",
        "Reply" => "reply",
        "Message" => "message",
        "Notification" => "notification",
        "Engagement" => "engagement",
        "Deleted" => "deletion",
        "Resurfaced" => "resurfacing",
        "Rank" => "ranking",
        "ChooseSeveral" => "selection",
        _ => "value of this kind",
    }
}

/// `word` with its article: "a grade", "an audience".
pub(crate) fn a(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The place ron stopped, and the text around it.
struct Here<'t> {
    text: &'t str,
    at: usize,
    /// The token at the place: a string with its quotes, a word or number, or one character.
    found: String,
    /// The brackets open at the place.
    open: Vec<outline::Frame>,
}

impl<'t> Here<'t> {
    fn new(text: &'t str, at: usize) -> Self {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        Here {
            text,
            at,
            found: token_at(text, at),
            open: outline::open_at(text, at),
        }
    }

    /// The character just before the place, white space skipped.
    fn before(&self) -> Option<char> {
        self.text[..self.at].trim_end().chars().next_back()
    }

    /// The field whose value is at the place: the name before `name:`, else the list's field.
    fn field(&self) -> Option<&str> {
        let before = self.text[..self.at].trim_end();
        let before = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
        if let Some(name) = before.trim_end().strip_suffix(':').and_then(last_word) {
            return Some(name);
        }
        self.open.last()?.field.as_deref()
    }

    fn is_time(&self) -> bool {
        matches!(self.field(), Some("at" | "seconds"))
    }

    /// The whole number written just before the place (`7` of `7.5`, `0` of `0:10`).
    fn number_before(&self) -> Option<&'t str> {
        let before = &self.text[..self.at];
        let start = before
            .rfind(|c: char| !c.is_ascii_digit())
            .map_or(0, |i| i + 1);
        (start < before.len()).then(|| &before[start..])
    }

    /// After a `:` at the place, the digits that follow (`:10`).
    fn rest_of_word_after_colon(&self) -> &'t str {
        let rest = &self.text[self.at..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |i| i + 1);
        &rest[..end]
    }

    /// The value written from the place to the end of its line or the next comma.
    fn rest_of_value(&self) -> &'t str {
        let rest = &self.text[self.at..];
        let end = rest.find([',', '\n', ')', ']']).unwrap_or(rest.len());
        rest[..end].trim_end()
    }

    /// The word just before the place (`title` of `title "x"`).
    fn word_before(&self) -> Option<&'t str> {
        last_word(&self.text[..self.at])
    }

    /// The line of the last thing written before the place, when it is an earlier line.
    fn line_before(&self) -> Option<usize> {
        let before = self.text[..self.at].trim_end();
        let line = self.line_of(before.len());
        (line < self.line()).then_some(line)
    }

    fn line(&self) -> usize {
        self.line_of(self.at)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    /// What the innermost list holds one of ("beat", "option").
    fn item(&self) -> Option<&'static str> {
        self.open
            .iter()
            .rev()
            .find_map(|f| f.field.as_deref().and_then(item_word))
    }

    /// At the end of the text: the innermost bracket never closed, and where it opened.
    fn never_closed(&self) -> Option<String> {
        let frames = outline::open_at(self.text, self.text.len());
        let open = frames.last()?;
        let close = match open.open {
            b'(' => ')',
            b'[' => ']',
            _ => '}',
        };
        let what = match open.field.as_deref().and_then(item_word) {
            Some(item) if open.open == b'(' => format!("the {item} that starts"),
            _ => format!("the `{}` opened", open.open as char),
        };
        Some(format!(
            "{what} on line {} is never closed: add `{close}` where it ends",
            self.line_of(open.start)
        ))
    }
}

/// The last word of `text` (letters, digits and `_`), white space after it skipped.
fn last_word(text: &str) -> Option<&str> {
    let text = text.trim_end();
    let start = text
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    (start < text.len()).then(|| &text[start..])
}

/// The token at `at`: a string with its quotes (to the end of its line), a word or number, or
/// one character.
fn token_at(text: &str, at: usize) -> String {
    let rest = &text[at..];
    if let Some(quote) = outline::opening_quote(rest) {
        let (end, _, _) = outline::string_end(text, at, quote);
        let literal = &text[at..end];
        return literal.lines().next().unwrap_or(literal).to_owned();
    }
    let word = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .unwrap_or(rest.len());
    match word {
        0 => rest
            .chars()
            .next()
            .map_or("the end".to_owned(), String::from),
        n => rest[..n].to_owned(),
    }
}
