//! What the bot sends to Discord, as one typed value for both transports: the gateway hands it to
//! serenity's HTTP client, the HTTP endpoint returns it as the response body. Discord's size
//! limits and the no-ping rule are enforced here, once, by construction: every message leaves
//! through [`Reply::finish`].

use serde::Serialize;

/// Discord's limits (characters unless said otherwise).
pub mod limits {
    /// Message content.
    pub const CONTENT: usize = 2000;
    /// Embed title.
    pub const EMBED_TITLE: usize = 256;
    /// Embed description.
    pub const EMBED_DESCRIPTION: usize = 4096;
    /// Fields per embed.
    pub const EMBED_FIELDS: usize = 25;
    /// Field name.
    pub const FIELD_NAME: usize = 256;
    /// Field value.
    pub const FIELD_VALUE: usize = 1024;
    /// Embed footer text.
    pub const FOOTER: usize = 2048;
    /// All text of all embeds of one message.
    pub const EMBEDS_TOTAL: usize = 6000;
    /// Embeds per message.
    pub const EMBEDS: usize = 10;
    /// Action rows per message.
    pub const ROWS: usize = 5;
    /// Buttons per action row.
    pub const BUTTONS_PER_ROW: usize = 5;
    /// A component's `custom_id`.
    pub const CUSTOM_ID: usize = 100;
    /// A button label.
    pub const BUTTON_LABEL: usize = 80;
    /// Options of a select menu.
    pub const SELECT_OPTIONS: usize = 25;
    /// A select option's label, value and description.
    pub const SELECT_OPTION: usize = 100;
    /// A select menu's placeholder.
    pub const PLACEHOLDER: usize = 150;
    /// Autocomplete choices.
    pub const CHOICES: usize = 25;
    /// An autocomplete choice's name and value.
    pub const CHOICE: usize = 100;
    /// An attachment's description (its alt text).
    pub const ATTACHMENT_DESCRIPTION: usize = 1024;
}

/// Cuts `text` to at most `max` characters, ending with "…" when cut; never splits a character.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    // Prefer a word boundary when one is near.
    if let Some(space) = out.rfind(char::is_whitespace)
        && out[space..].chars().count() < 20
    {
        out.truncate(space);
    }
    out.truncate(out.trim_end().len());
    // A cut must not leave half a citation marker ("[12" of "[12]"): drop the open bracket
    // and its digits.
    if let Some(open) = out.rfind('[')
        && !out[open..].contains(']')
        && out[open + 1..].chars().all(|c| c.is_ascii_digit())
    {
        out.truncate(open);
        out.truncate(out.trim_end().len());
    }
    // A cut must not leave a dangling escape or half a `**` pair open, and the "**" that closes
    // it and the "…" must fit `max` too (they once made a message 2 characters too long).
    loop {
        while out.ends_with('\\') {
            out.pop();
        }
        let open = out.matches("**").count() % 2 == 1;
        let need = if open { 3 } else { 1 };
        if out.chars().count() + need <= max || out.is_empty() {
            if open {
                out.push_str("**");
            }
            break;
        }
        out.pop();
    }
    out.push('…');
    out
}

/// Interaction response types (Discord's `type` numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    /// Answer to a PING.
    Pong = 1,
    /// A message in reply.
    Message = 4,
    /// "Thinking…": the message comes later through the followup routes.
    Deferred = 5,
    /// Acknowledge a component without changing its message yet.
    DeferredUpdate = 6,
    /// Replace the message the component is on.
    UpdateMessage = 7,
    /// Autocomplete choices.
    Autocomplete = 8,
    /// A modal (a form) for the member to fill in.
    Modal = 9,
}

/// A modal with one text input: what a "Follow up" button opens. Discord's limits (title and
/// label ≤ 45 characters, placeholder ≤ 100, custom ids ≤ 100, length ≤ 4,000)
/// are applied when it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modal {
    /// Sent back with the submitted form.
    pub custom_id: String,
    /// Shown at its top.
    pub title: String,
    /// The text input's own id.
    pub input_id: String,
    /// The input's label.
    pub label: String,
    /// Shown in the empty input.
    pub placeholder: Option<String>,
    /// Most characters the member may type.
    pub max_length: usize,
}

impl Modal {
    /// A modal of one required text input (a paragraph, up to `max_length` characters).
    pub fn text_input(
        custom_id: &str,
        title: &str,
        input_id: &str,
        label: &str,
        max_length: usize,
    ) -> Modal {
        Modal {
            custom_id: custom_id.chars().take(limits::CUSTOM_ID).collect(),
            title: truncate(title, 45),
            input_id: input_id.chars().take(limits::CUSTOM_ID).collect(),
            label: truncate(label, 45),
            placeholder: None,
            max_length: max_length.clamp(1, 4000),
        }
    }

    /// With a placeholder.
    #[must_use]
    pub fn placeholder(mut self, text: &str) -> Modal {
        self.placeholder = Some(truncate(text, 100));
        self
    }
}

/// One action row holding the text input (its label on the input): the form serenity 0.12.5
/// reads back from a submitted modal (it drops a Label component's contents), and one Discord
/// accepts (`ActionRowComponentForModalRequest`).
impl Serialize for Modal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut input = serde_json::json!({
            "type": 4,
            "custom_id": self.input_id,
            "style": 2,
            "label": self.label,
            "required": true,
            "min_length": 1,
            "max_length": self.max_length,
        });
        if let Some(p) = &self.placeholder {
            input["placeholder"] = p.as_str().into();
        }
        serde_json::json!({
            "custom_id": self.custom_id,
            "title": self.title,
            "components": [{ "type": 1, "components": [input] }],
        })
        .serialize(s)
    }
}

/// A file sent with a message (multipart); referenced by `attachment://name` in embeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// File name shown in Discord.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
    /// What it shows, in the member's language: the alt text Discord shows and screen readers
    /// read (cut to [`limits::ATTACHMENT_DESCRIPTION`] when sent).
    pub description: Option<String>,
}

/// An interaction response: a kind and, for most kinds, data.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// What kind of response.
    pub kind: ResponseKind,
    /// The message (for `Message`, `UpdateMessage`; flags only for `Deferred`).
    pub reply: Option<Reply>,
    /// Choices (for `Autocomplete`).
    pub choices: Vec<Choice>,
    /// The form (for `Modal`).
    pub modal: Option<Modal>,
}

impl Response {
    /// PONG.
    pub fn pong() -> Response {
        Response {
            kind: ResponseKind::Pong,
            reply: None,
            choices: Vec::new(),
            modal: None,
        }
    }

    /// A message.
    pub fn message(reply: Reply) -> Response {
        Response {
            kind: ResponseKind::Message,
            reply: Some(reply.finish()),
            choices: Vec::new(),
            modal: None,
        }
    }

    /// Replace the message a component sits on.
    pub fn update(reply: Reply) -> Response {
        Response {
            kind: ResponseKind::UpdateMessage,
            reply: Some(reply.finish()),
            choices: Vec::new(),
            modal: None,
        }
    }

    /// "Thinking…"; ephemeral when `ephemeral`.
    pub fn deferred(ephemeral: bool) -> Response {
        let reply = Reply {
            ephemeral,
            ..Reply::default()
        };
        Response {
            kind: ResponseKind::Deferred,
            reply: Some(reply),
            choices: Vec::new(),
            modal: None,
        }
    }

    /// Acknowledge a component, change nothing yet.
    pub fn deferred_update() -> Response {
        Response {
            kind: ResponseKind::DeferredUpdate,
            reply: None,
            choices: Vec::new(),
            modal: None,
        }
    }

    /// Autocomplete choices (cut to Discord's limits).
    pub fn autocomplete(choices: Vec<Choice>) -> Response {
        let choices = choices
            .into_iter()
            .filter_map(Choice::finish)
            .take(limits::CHOICES)
            .collect();
        Response {
            kind: ResponseKind::Autocomplete,
            reply: None,
            choices,
            modal: None,
        }
    }

    /// Opens a modal.
    pub fn modal(modal: Modal) -> Response {
        Response {
            kind: ResponseKind::Modal,
            reply: None,
            choices: Vec::new(),
            modal: Some(modal),
        }
    }

    /// Files to send with the response (multipart).
    pub fn files(&self) -> &[File] {
        self.reply.as_ref().map_or(&[], |r| &r.files)
    }

    /// The JSON body Discord expects for this response, as a value (tests, logs). To send it,
    /// serialise the response itself: it implements `Serialize` without building a tree.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a response serialises")
    }
}

impl Serialize for Response {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        #[derive(Serialize)]
        struct Choices<'a> {
            choices: &'a [Choice],
        }
        #[derive(Serialize)]
        struct Flags {
            flags: u64,
        }
        let kind = self.kind as u8;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", &kind)?;
        match self.kind {
            ResponseKind::Pong | ResponseKind::DeferredUpdate => {}
            ResponseKind::Autocomplete => m.serialize_entry(
                "data",
                &Choices {
                    choices: &self.choices,
                },
            )?,
            ResponseKind::Deferred => {
                m.serialize_entry(
                    "data",
                    &Flags {
                        flags: self.reply.as_ref().map_or(0, Reply::flags),
                    },
                )?;
            }
            ResponseKind::Modal => match &self.modal {
                Some(modal) => m.serialize_entry("data", modal)?,
                None => m.serialize_entry("data", &serde_json::Map::new())?,
            },
            ResponseKind::Message | ResponseKind::UpdateMessage => match &self.reply {
                Some(r) => m.serialize_entry("data", r)?,
                None => m.serialize_entry("data", &serde_json::Map::new())?,
            },
        }
        m.end()
    }
}

/// An autocomplete choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// What the user sees.
    pub name: String,
    /// What the option receives.
    pub value: String,
}

impl Choice {
    /// A choice whose name and value are the same text.
    pub fn same(text: &str) -> Choice {
        Choice {
            name: text.to_string(),
            value: text.to_string(),
        }
    }

    /// Cut to 1–100 characters; `None` when empty.
    fn finish(self) -> Option<Choice> {
        let name = truncate(self.name.trim(), limits::CHOICE);
        let value: String = self.value.chars().take(limits::CHOICE).collect();
        (!name.is_empty() && !value.is_empty()).then_some(Choice { name, value })
    }
}

/// Button styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonStyle {
    /// Blurple.
    Primary = 1,
    /// Grey.
    Secondary = 2,
    /// Green.
    Success = 3,
    /// Red.
    Danger = 4,
}

/// A button that sends a component interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// Label (≤ 80 characters).
    pub label: String,
    /// What the click carries back (≤ 100 characters).
    pub custom_id: String,
    /// Colour.
    pub style: ButtonStyle,
    /// Greyed out.
    pub disabled: bool,
}

impl Button {
    /// A button.
    pub fn new(label: &str, custom_id: impl Into<String>, style: ButtonStyle) -> Button {
        Button {
            label: label.to_string(),
            custom_id: custom_id.into(),
            style,
            disabled: false,
        }
    }
}

impl Serialize for Button {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            #[serde(rename = "type")]
            kind: u8,
            style: u8,
            label: String,
            custom_id: &'a str,
            disabled: bool,
        }
        View {
            kind: 2,
            style: self.style as u8,
            label: truncate(&self.label, limits::BUTTON_LABEL),
            custom_id: &self.custom_id,
            disabled: self.disabled,
        }
        .serialize(s)
    }
}

/// One option of a select menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelectOption {
    /// What the member sees (≤ 100 characters).
    pub label: String,
    /// What the choice carries back (≤ 100 characters).
    pub value: String,
    /// A line under the label (≤ 100 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Shown as chosen.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
}

/// A string select menu, one choice at a time; it fills an action row of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    /// What a choice carries back with its value (≤ 100 characters).
    pub custom_id: String,
    /// Shown before anything is chosen (≤ 150 characters).
    pub placeholder: String,
    /// The options (1–25).
    pub options: Vec<SelectOption>,
}

impl Select {
    /// Cut to Discord's limits: options past 25 dropped, texts cut; `None` when it would carry a
    /// wrong id (too long or empty), a value would be cut, or nothing is left to choose.
    fn finish(mut self) -> Option<Select> {
        if self.custom_id.is_empty() || self.custom_id.chars().count() > limits::CUSTOM_ID {
            return None;
        }
        self.placeholder = truncate(&self.placeholder, limits::PLACEHOLDER);
        self.options.retain(|o| {
            !o.label.trim().is_empty()
                && !o.value.is_empty()
                && o.value.chars().count() <= limits::SELECT_OPTION
        });
        self.options.truncate(limits::SELECT_OPTIONS);
        for o in &mut self.options {
            o.label = truncate(o.label.trim(), limits::SELECT_OPTION);
            o.description = o
                .description
                .take()
                .map(|d| truncate(&d, limits::SELECT_OPTION))
                .filter(|d| !d.trim().is_empty());
        }
        (!self.options.is_empty()).then_some(self)
    }
}

impl Serialize for Select {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            #[serde(rename = "type")]
            kind: u8,
            custom_id: &'a str,
            placeholder: &'a str,
            min_values: u8,
            max_values: u8,
            options: &'a [SelectOption],
        }
        View {
            kind: 3,
            custom_id: &self.custom_id,
            placeholder: &self.placeholder,
            min_values: 1,
            max_values: 1,
            options: &self.options,
        }
        .serialize(s)
    }
}

/// A field of an embed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// Name (≤ 256).
    pub name: String,
    /// Value (≤ 1024).
    pub value: String,
    /// Side by side with its neighbours.
    pub inline: bool,
}

/// An embed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Embed {
    /// Title (≤ 256).
    pub title: Option<String>,
    /// Body text (≤ 4096).
    pub description: Option<String>,
    /// Side colour.
    pub color: Option<u32>,
    /// Fields (≤ 25).
    pub fields: Vec<Field>,
    /// Footer (≤ 2048).
    pub footer: Option<String>,
    /// An image, e.g. `attachment://chart.png`.
    pub image_url: Option<String>,
}

impl Embed {
    /// Total characters Discord counts towards the 6,000 limit.
    pub fn size(&self) -> usize {
        let len = |s: &Option<String>| s.as_ref().map_or(0, |s| s.chars().count());
        len(&self.title)
            + len(&self.description)
            + len(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| f.name.chars().count() + f.value.chars().count())
                .sum::<usize>()
    }

    /// Cuts every part to its limit.
    fn enforce_limits(&mut self) {
        if let Some(t) = &mut self.title {
            *t = truncate(t, limits::EMBED_TITLE);
        }
        if let Some(d) = &mut self.description {
            *d = truncate(d, limits::EMBED_DESCRIPTION);
        }
        if let Some(f) = &mut self.footer {
            *f = truncate(f, limits::FOOTER);
        }
        self.fields.truncate(limits::EMBED_FIELDS);
        for f in &mut self.fields {
            f.name = truncate(
                if f.name.trim().is_empty() {
                    "\u{200b}"
                } else {
                    &f.name
                },
                limits::FIELD_NAME,
            );
            f.value = truncate(
                if f.value.trim().is_empty() {
                    "\u{200b}"
                } else {
                    &f.value
                },
                limits::FIELD_VALUE,
            );
        }
    }
}

impl Serialize for Embed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Text<'a> {
            text: &'a str,
        }
        #[derive(Serialize)]
        struct Url<'a> {
            url: &'a str,
        }
        #[derive(Serialize)]
        struct View<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            #[serde(skip_serializing_if = "Option::is_none")]
            title: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            description: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            color: Option<u32>,
            #[serde(skip_serializing_if = "<[Field]>::is_empty")]
            fields: &'a [Field],
            #[serde(skip_serializing_if = "Option::is_none")]
            footer: Option<Text<'a>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            image: Option<Url<'a>>,
        }
        View {
            kind: "rich",
            title: self.title.as_deref(),
            description: self.description.as_deref(),
            color: self.color,
            fields: &self.fields,
            footer: self.footer.as_deref().map(|text| Text { text }),
            image: self.image_url.as_deref().map(|url| Url { url }),
        }
        .serialize(s)
    }
}

/// A message: content, embeds, buttons, files; ephemeral or not; who may be pinged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    /// Plain text (≤ 2000).
    pub content: Option<String>,
    /// Embeds (≤ 10, ≤ 6000 characters together).
    pub embeds: Vec<Embed>,
    /// Rows of buttons (≤ 5 rows of ≤ 5).
    pub rows: Vec<Vec<Button>>,
    /// Select menus, each in an action row of its own after the buttons' (all rows ≤ 5).
    pub selects: Vec<Select>,
    /// Files attached.
    pub files: Vec<File>,
    /// Only the user who asked sees it.
    pub ephemeral: bool,
    /// The one user this message may ping (the `/ask mention:` target). Nobody else, ever.
    pub ping_user: Option<u64>,
}

/// The ephemeral message flag.
pub const EPHEMERAL: u64 = 1 << 6;

impl Reply {
    /// A short text message.
    pub fn text(content: impl Into<String>) -> Reply {
        Reply {
            content: Some(content.into()),
            ..Reply::default()
        }
    }

    /// A short text message only the user sees.
    pub fn ephemeral(content: impl Into<String>) -> Reply {
        Reply {
            content: Some(content.into()),
            ephemeral: true,
            ..Reply::default()
        }
    }

    /// One embed.
    pub fn embed(embed: Embed) -> Reply {
        Reply {
            embeds: vec![embed],
            ..Reply::default()
        }
    }

    fn flags(&self) -> u64 {
        if self.ephemeral { EPHEMERAL } else { 0 }
    }

    /// Applies every Discord limit: content, embed parts, the 6,000-character total (cutting the
    /// longest descriptions and fields first), rows and buttons, `custom_id` length. Called by
    /// every constructor of a [`Response`] and by the followup paths.
    #[must_use]
    pub fn finish(mut self) -> Reply {
        if let Some(c) = &mut self.content {
            *c = truncate(c, limits::CONTENT);
        }
        self.embeds.truncate(limits::EMBEDS);
        for e in &mut self.embeds {
            e.enforce_limits();
        }
        // The shared 6,000-character budget: shrink the biggest parts until it fits; when every
        // part is down to almost nothing, drop the last field.
        let mut guard = 0;
        loop {
            let total: usize = self.embeds.iter().map(Embed::size).sum();
            if total <= limits::EMBEDS_TOTAL || guard > 500 {
                break;
            }
            guard += 1;
            let over = total - limits::EMBEDS_TOTAL;
            match self.largest_part() {
                Some(part) if part.chars().count() > 20 => {
                    let len = part.chars().count();
                    let keep = len.saturating_sub(over.max(len / 4)).max(10);
                    *part = truncate(part, keep);
                }
                _ => {
                    if let Some(e) = self.embeds.iter_mut().rev().find(|e| !e.fields.is_empty()) {
                        e.fields.pop();
                    } else {
                        break;
                    }
                }
            }
        }
        self.rows.truncate(limits::ROWS);
        for row in &mut self.rows {
            row.truncate(limits::BUTTONS_PER_ROW);
            // A button whose id would be cut would carry a wrong id: drop it instead.
            row.retain(|b| {
                !b.custom_id.is_empty() && b.custom_id.chars().count() <= limits::CUSTOM_ID
            });
        }
        self.rows.retain(|r| !r.is_empty());
        // A select fills a row of its own: the rows left after the buttons'.
        let room = limits::ROWS.saturating_sub(self.rows.len());
        self.selects = std::mem::take(&mut self.selects)
            .into_iter()
            .filter_map(Select::finish)
            .take(room)
            .collect();
        self
    }

    fn largest_part(&mut self) -> Option<&mut String> {
        let mut best: Option<&mut String> = None;
        let mut best_len = 0;
        for e in &mut self.embeds {
            let parts = e
                .description
                .iter_mut()
                .chain(e.title.iter_mut())
                .chain(e.footer.iter_mut())
                .chain(
                    e.fields
                        .iter_mut()
                        .flat_map(|f| [&mut f.value, &mut f.name]),
                );
            for s in parts {
                let n = s.chars().count();
                if n > best_len {
                    best_len = n;
                    best = Some(s);
                }
            }
        }
        best
    }

    /// The JSON of this message (for a response's `data`, a followup or an edit), as a value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a message serialises")
    }
}

impl Serialize for Reply {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Components<'a> {
            Buttons(&'a [Button]),
            Select([&'a Select; 1]),
        }
        #[derive(Serialize)]
        struct Row<'a> {
            #[serde(rename = "type")]
            kind: u8,
            components: Components<'a>,
        }
        #[derive(Serialize)]
        struct Mentions {
            parse: [&'static str; 0],
            users: Vec<String>,
            roles: [&'static str; 0],
            replied_user: bool,
        }
        #[derive(Serialize)]
        struct FileRef<'a> {
            id: usize,
            filename: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            description: Option<String>,
        }
        #[derive(Serialize)]
        struct View<'a> {
            content: &'a str,
            embeds: &'a [Embed],
            components: Vec<Row<'a>>,
            allowed_mentions: Mentions,
            flags: u64,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            attachments: Vec<FileRef<'a>>,
        }
        View {
            content: self.content.as_deref().unwrap_or_default(),
            embeds: &self.embeds,
            components: self
                .rows
                .iter()
                .map(|row| Row {
                    kind: 1,
                    components: Components::Buttons(row),
                })
                .chain(self.selects.iter().map(|select| Row {
                    kind: 1,
                    components: Components::Select([select]),
                }))
                .collect(),
            allowed_mentions: Mentions {
                parse: [],
                users: self
                    .ping_user
                    .map(|u| vec![u.to_string()])
                    .unwrap_or_default(),
                roles: [],
                replied_user: false,
            },
            flags: self.flags(),
            attachments: self
                .files
                .iter()
                .enumerate()
                .map(|(id, f)| FileRef {
                    id,
                    filename: &f.name,
                    description: f
                        .description
                        .as_deref()
                        .map(|d| truncate(d, limits::ATTACHMENT_DESCRIPTION)),
                })
                .collect(),
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_marker_is_never_cut_in_half() {
        // "… [11][12]" cut inside the second marker keeps "[11]" whole and drops "[12".
        let text = format!("{}[11][12]", "x".repeat(30));
        let cut = truncate(&text, text.chars().count() - 1);
        assert!(cut.ends_with("[11]…"), "{cut}");
        let cut = truncate("see [123456] here", 8);
        assert!(!cut.contains('['), "{cut}");
    }

    #[test]
    fn truncate_is_char_safe_and_marks_cuts() {
        assert_eq!(truncate("short", 10), "short");
        let cut = truncate(&"é".repeat(50), 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate("anything", 0), "");
        let bold = truncate("see **important words here** and more", 18);
        assert_eq!(bold.matches("**").count() % 2, 0, "{bold}");
        assert!(
            !truncate("ends with \\* escape", 11)
                .trim_end_matches('…')
                .ends_with('\\')
        );
    }

    /// A cut inside bold text closes the bold within `max`: it once ran 2 characters over, and
    /// a message of cards and passages came to 6,002 characters.
    #[test]
    fn truncate_closing_bold_stays_within_max() {
        for text in [
            "**boldwordwithoutanyspaceatallforaverylongwhile** tail",
            "a **b** **cccccccccccccccccccccccccccccccc",
            "**\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*",
        ] {
            for max in 1..text.chars().count() {
                let cut = truncate(text, max);
                assert!(cut.chars().count() <= max, "{max}: {cut}");
                assert_eq!(cut.matches("**").count() % 2, 0, "{max}: {cut}");
                assert!(cut.ends_with('…'), "{max}: {cut}");
            }
        }
    }

    #[test]
    fn limits_hold_for_oversized_messages() {
        let long = "word ".repeat(3000);
        let reply = Reply {
            content: Some(long.clone()),
            embeds: vec![Embed {
                title: Some(long.clone()),
                description: Some(long.clone()),
                fields: (0..40)
                    .map(|i| Field {
                        name: long.clone(),
                        value: format!("{i} {long}"),
                        inline: false,
                    })
                    .collect(),
                footer: Some(long.clone()),
                ..Embed::default()
            }],
            rows: (0..7)
                .map(|r| {
                    (0..7)
                        .map(|b| Button::new("x", format!("b{r}{b}"), ButtonStyle::Primary))
                        .collect()
                })
                .collect(),
            ..Reply::default()
        }
        .finish();
        assert!(reply.content.as_ref().unwrap().chars().count() <= limits::CONTENT);
        let e = &reply.embeds[0];
        assert!(e.title.as_ref().unwrap().chars().count() <= limits::EMBED_TITLE);
        assert!(e.fields.len() <= limits::EMBED_FIELDS);
        assert!(
            e.fields
                .iter()
                .all(|f| f.name.chars().count() <= limits::FIELD_NAME
                    && f.value.chars().count() <= limits::FIELD_VALUE)
        );
        assert!(reply.embeds.iter().map(Embed::size).sum::<usize>() <= limits::EMBEDS_TOTAL);
        assert!(
            reply.rows.len() <= limits::ROWS
                && reply
                    .rows
                    .iter()
                    .all(|r| r.len() <= limits::BUTTONS_PER_ROW)
        );
    }

    #[test]
    fn nobody_is_pinged_but_the_target() {
        let json = Reply::text("@everyone hi").to_json();
        assert_eq!(json["allowed_mentions"]["parse"], serde_json::json!([]));
        assert_eq!(json["allowed_mentions"]["users"], serde_json::json!([]));
        let json = Reply {
            ping_user: Some(42),
            ..Reply::text("hi <@42>")
        }
        .to_json();
        assert_eq!(json["allowed_mentions"]["users"], serde_json::json!(["42"]));
    }

    #[test]
    fn long_custom_ids_are_dropped_not_cut() {
        let reply = Reply {
            rows: vec![vec![Button::new(
                "x",
                "y".repeat(101),
                ButtonStyle::Primary,
            )]],
            ..Reply::default()
        }
        .finish();
        assert!(reply.rows.is_empty());
    }

    fn select(custom_id: &str, options: usize) -> Select {
        Select {
            custom_id: custom_id.into(),
            placeholder: "p".repeat(200),
            options: (0..options)
                .map(|i| SelectOption {
                    label: format!("{i} {}", "l".repeat(150)),
                    value: format!("v{i}"),
                    description: Some("d".repeat(150)),
                    default: i == 0,
                })
                .collect(),
        }
    }

    #[test]
    fn selects_fit_discord_in_rows_of_their_own() {
        let reply = Reply {
            rows: (0..4)
                .map(|r| vec![Button::new("x", format!("b{r}"), ButtonStyle::Primary)])
                .collect(),
            selects: vec![select("s1", 30), select("s2", 3)],
            ..Reply::default()
        }
        .finish();
        // Four rows of buttons leave room for one select.
        assert_eq!(reply.selects.len(), 1);
        let s = &reply.selects[0];
        assert_eq!(s.options.len(), limits::SELECT_OPTIONS);
        assert!(s.placeholder.chars().count() <= limits::PLACEHOLDER);
        assert!(s.options.iter().all(|o| {
            o.label.chars().count() <= 100
                && o.description
                    .as_ref()
                    .is_some_and(|d| d.chars().count() <= 100)
        }));
        let json = reply.to_json();
        let rows = json["components"].as_array().unwrap();
        assert_eq!(rows.len(), limits::ROWS);
        let last = &rows[4];
        assert_eq!(last["type"], 1);
        assert_eq!(
            last["components"].as_array().unwrap().len(),
            1,
            "a select is alone in its row"
        );
        let menu = &last["components"][0];
        assert_eq!(menu["type"], 3);
        assert_eq!(menu["custom_id"], "s1");
        assert_eq!(
            (menu["min_values"].as_u64(), menu["max_values"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(menu["options"][0]["value"], "v0");
        assert_eq!(menu["options"][0]["default"], true);
        assert!(menu["options"][1].get("default").is_none());
        assert_eq!(rows[0]["components"][0]["type"], 2);

        // An id that would be cut, or a select left without options, is dropped.
        for bad in [select(&"y".repeat(101), 3), select("", 3), select("ok", 0)] {
            let reply = Reply {
                selects: vec![bad],
                ..Reply::default()
            }
            .finish();
            assert!(reply.selects.is_empty());
        }
    }

    #[test]
    fn autocomplete_choices_are_bounded() {
        let many: Vec<Choice> = (0..40)
            .map(|i| Choice::same(&format!("{i} {}", "q".repeat(150))))
            .chain([Choice::same("  ")])
            .collect();
        let r = Response::autocomplete(many);
        assert_eq!(r.choices.len(), limits::CHOICES);
        assert!(
            r.choices
                .iter()
                .all(|c| (1..=100).contains(&c.name.chars().count())
                    && (1..=100).contains(&c.value.chars().count()))
        );
    }

    #[test]
    fn response_json_shapes() {
        assert_eq!(Response::pong().to_json(), serde_json::json!({"type": 1}));
        assert_eq!(
            Response::deferred(true).to_json(),
            serde_json::json!({"type": 5, "data": {"flags": 64}})
        );
        let m = Response::message(Reply::ephemeral("hi")).to_json();
        assert_eq!(m["type"], 4);
        assert_eq!(m["data"]["flags"], 64);
        let with_file = Reply {
            files: vec![
                File {
                    name: "chart.png".into(),
                    bytes: vec![1],
                    description: Some("é".repeat(2000)),
                },
                File {
                    name: "other.png".into(),
                    bytes: vec![2],
                    description: None,
                },
            ],
            ..Reply::text("x")
        };
        let json = with_file.to_json();
        assert_eq!(json["attachments"][0]["filename"], "chart.png");
        // The alt text is cut to Discord's limit; a file without one sends none.
        let alt = json["attachments"][0]["description"].as_str().unwrap();
        assert_eq!(alt.chars().count(), limits::ATTACHMENT_DESCRIPTION);
        assert!(alt.ends_with('…'));
        assert!(json["attachments"][1].get("description").is_none());
    }
}
