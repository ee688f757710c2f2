//! Writing interactions and their choices: every attribute the model
//! keeps, defaults left out where the reader assumes them.

use super::body::{show_hide, write_nodes, write_object};
use super::declaration::shape_attrs;
use super::{Tag, Writer};
use crate::model::content::{
    Choice, ContentNode, Hotspot, Interaction, InteractionKind, Orientation, PortableCustom,
    TextEntry, TextFormat,
};
use crate::value::format_float;

pub(crate) fn write_interaction(w: &mut Writer, i: &Interaction) {
    if let InteractionKind::PortableCustom(p) = &i.kind
        && !w.v3()
    {
        w.warn(format!(
            "portable custom interaction '{}' for '{}' left out: QTI 2.2 has no \
             qti-portable-custom-interaction",
            p.type_identifier, i.response_identifier
        ));
        return;
    }
    let tag = w
        .qti(i.element_name())
        .attr("responseIdentifier", &i.response_identifier);
    let tag = kind_attrs(tag, &i.kind, &i.attrs).attrs(&i.attrs);
    w.loose(tag, |w| {
        if !i.prompt.is_empty() {
            let prompt = w.qti("prompt");
            w.mixed(prompt, |w| write_nodes(w, &i.prompt));
        }
        write_kind_children(w, &i.kind);
    });
}

fn orientation(o: Option<Orientation>) -> Option<&'static str> {
    o.map(|o| match o {
        Orientation::Horizontal => "horizontal",
        Orientation::Vertical => "vertical",
    })
}

/// The attributes of each kind of interaction. `attrs` are the ones
/// written after: a typed attribute they already hold is not repeated.
fn kind_attrs(tag: Tag, kind: &InteractionKind, attrs: &[(String, String)]) -> Tag {
    use InteractionKind::*;
    match kind {
        Choice {
            shuffle,
            max_choices,
            min_choices,
            orientation: o,
            ..
        } => tag
            .attr("shuffle", shuffle)
            .attr("maxChoices", max_choices)
            .unless("minChoices", *min_choices, 0)
            .opt("orientation", orientation(*o)),
        Order {
            shuffle,
            max_choices,
            min_choices,
            orientation: o,
            ..
        } => tag
            .attr("shuffle", shuffle)
            .opt("maxChoices", *max_choices)
            .opt("minChoices", *min_choices)
            .opt("orientation", orientation(*o)),
        Associate {
            shuffle,
            max_associations,
            min_associations,
            ..
        }
        | Match {
            shuffle,
            max_associations,
            min_associations,
            ..
        } => tag
            .attr("shuffle", shuffle)
            .attr("maxAssociations", max_associations)
            .unless("minAssociations", *min_associations, 0),
        GapMatch {
            shuffle,
            min_associations,
            max_associations,
            ..
        } => tag
            .attr("shuffle", shuffle)
            .unless("maxAssociations", *max_associations, 0)
            .unless("minAssociations", *min_associations, 0),
        InlineChoice {
            shuffle, required, ..
        } => tag
            .attr("shuffle", shuffle)
            .unless("required", *required, false),
        TextEntry(t) => text_attrs(tag, t),
        ExtendedText {
            text,
            max_strings,
            min_strings,
            expected_lines,
            format,
        } => text_attrs(tag, text)
            .unless("maxStrings", *max_strings, 0)
            .unless("minStrings", *min_strings, 0)
            .opt("expectedLines", *expected_lines)
            .opt("format", text_format(*format)),
        Hottext {
            max_choices,
            min_choices,
            ..
        }
        | Hotspot {
            max_choices,
            min_choices,
            ..
        }
        | SelectPoint {
            max_choices,
            min_choices,
            ..
        } => tag
            .attr("maxChoices", max_choices)
            .unless("minChoices", *min_choices, 0),
        GraphicOrder {
            max_choices,
            min_choices,
            ..
        } => tag
            .opt("maxChoices", *max_choices)
            .opt("minChoices", *min_choices),
        GraphicAssociate {
            max_associations,
            min_associations,
            ..
        } => tag.attr("maxAssociations", max_associations).unless(
            "minAssociations",
            *min_associations,
            0,
        ),
        GraphicGapMatch {
            max_associations,
            min_associations,
            ..
        } => tag.unless("maxAssociations", *max_associations, 0).unless(
            "minAssociations",
            *min_associations,
            0,
        ),
        PositionObject {
            center_point,
            max_choices,
            min_choices,
            ..
        } => tag
            .opt("centerPoint", center_point.map(|(x, y)| format!("{x} {y}")))
            .attr("maxChoices", max_choices)
            .unless("minChoices", *min_choices, 0),
        Slider {
            lower_bound,
            upper_bound,
            step,
            step_label,
            orientation: o,
            reverse,
        } => tag
            .attr("lowerBound", format_float(*lower_bound))
            .attr("upperBound", format_float(*upper_bound))
            .opt("step", step.map(format_float))
            .unless("stepLabel", *step_label, false)
            .opt("orientation", orientation(*o))
            .unless("reverse", *reverse, false),
        Media {
            autostart,
            min_plays,
            max_plays,
            loop_,
            ..
        } => tag
            .attr("autostart", autostart)
            .unless("minPlays", *min_plays, 0)
            .unless("maxPlays", *max_plays, 0)
            .unless("loop", *loop_, false),
        Drawing { .. } => tag,
        Upload { types } => tag.list("type", types),
        EndAttempt {
            title,
            count_attempt,
        } => tag
            .attr("title", title)
            .unless("countAttempt", *count_attempt, true),
        // `class` is also a presentation attribute: written once, in its place.
        Custom { class } => tag.opt(
            "class",
            class
                .as_ref()
                .filter(|_| !attrs.iter().any(|(k, _)| k == "class")),
        ),
        PortableCustom(p) => pci_attrs(tag, p, attrs),
    }
}

fn text_format(f: TextFormat) -> Option<&'static str> {
    match f {
        TextFormat::Plain => None,
        TextFormat::Preformatted => Some("preformatted"),
        TextFormat::Xhtml => Some("xhtml"),
    }
}

fn text_attrs(tag: Tag, t: &TextEntry) -> Tag {
    tag.unless("base", t.base, 10)
        .opt("stringIdentifier", t.string_identifier.as_ref())
        .opt("expectedLength", t.expected_length)
        .opt("patternMask", t.pattern_mask.as_ref())
        .opt("placeholderText", t.placeholder_text.as_ref())
}

/// A PCI's properties are its `data-*` attributes, which `attrs` holds too.
fn pci_attrs(tag: Tag, p: &PortableCustom, attrs: &[(String, String)]) -> Tag {
    let tag = tag
        .opt(
            "customInteractionTypeIdentifier",
            (!p.type_identifier.is_empty()).then_some(&p.type_identifier),
        )
        .opt("module", (!p.module.is_empty()).then_some(&p.module));
    p.properties
        .iter()
        .filter(|(k, _)| !attrs.iter().any(|(a, _)| a == k))
        .fold(tag, |tag, (k, v)| tag.attr(k, v))
}

/// The choices, hotspots, images and content below an interaction.
fn write_kind_children(w: &mut Writer, kind: &InteractionKind) {
    use InteractionKind::*;
    match kind {
        Choice { choices, .. } | Order { choices, .. } => {
            write_choices(w, "simpleChoice", choices, false)
        }
        Associate { choices, .. } => write_choices(w, "simpleAssociableChoice", choices, true),
        Match {
            sources, targets, ..
        } => {
            for set in [sources, targets] {
                let tag = w.qti("simpleMatchSet");
                w.loose(tag, |w| {
                    write_choices(w, "simpleAssociableChoice", set, true)
                });
            }
        }
        GapMatch {
            choices, content, ..
        } => {
            write_gap_choices(w, choices);
            write_nodes(w, content);
        }
        InlineChoice { choices, .. } => write_choices(w, "inlineChoice", choices, false),
        Hottext { content, .. } => write_nodes(w, content),
        Hotspot {
            image, hotspots, ..
        }
        | GraphicOrder {
            image, hotspots, ..
        } => {
            write_object(w, image, true);
            write_hotspots(w, "hotspotChoice", hotspots, false);
        }
        GraphicAssociate {
            image, hotspots, ..
        } => {
            write_object(w, image, true);
            write_hotspots(w, "associableHotspot", hotspots, true);
        }
        GraphicGapMatch {
            image,
            choices,
            hotspots,
            ..
        } => {
            write_object(w, image, true);
            write_gap_choices(w, choices);
            write_hotspots(w, "associableHotspot", hotspots, true);
        }
        SelectPoint { image, .. } | Drawing { image } => write_object(w, image, true),
        PositionObject { object, .. } | Media { object, .. } => write_object(w, object, true),
        PortableCustom(p) => write_pci_children(w, p),
        TextEntry(_)
        | ExtendedText { .. }
        | Slider { .. }
        | Upload { .. }
        | EndAttempt { .. }
        | Custom { .. } => {}
    }
}

fn write_choices(w: &mut Writer, name: &str, choices: &[Choice], associable: bool) {
    for c in choices {
        write_choice(w, name, c, associable);
    }
}

/// Any choice. Associable choices always say `matchMax`, which QTI 2
/// requires of them.
pub(crate) fn write_choice(w: &mut Writer, name: &str, c: &Choice, associable: bool) {
    let tag = choice_attrs(w.qti(name), c, associable);
    w.mixed(tag, |w| write_nodes(w, &c.content));
}

fn choice_attrs(tag: Tag, c: &Choice, associable: bool) -> Tag {
    let tag = tag
        .attr("identifier", &c.identifier)
        .unless("fixed", c.fixed, false)
        .opt("templateIdentifier", c.template_identifier.as_ref())
        .unless("showHide", show_hide(c.show_hide), "show");
    let tag = if associable {
        tag.attr("matchMax", c.match_max)
    } else {
        tag.unless("matchMax", c.match_max, 0)
    };
    tag.unless("matchMin", c.match_min, 0)
        .list("matchGroup", &c.match_group)
        .attrs(&c.attrs)
}

/// `gapText` and `gapImg` choices: a choice whose content is one object
/// is a `gapImg` (whose `objectLabel` is the object's label).
fn write_gap_choices(w: &mut Writer, choices: &[Choice]) {
    for c in choices {
        match c.content.as_slice() {
            [ContentNode::Object(o)] => {
                let tag =
                    choice_attrs(w.qti("gapImg"), c, true).opt("objectLabel", o.label.as_ref());
                w.loose(tag, |w| write_object(w, o, false));
            }
            _ => write_choice(w, "gapText", c, true),
        }
    }
}

fn write_hotspots(w: &mut Writer, name: &str, hotspots: &[Hotspot], associable: bool) {
    for h in hotspots {
        let tag = shape_attrs(w.qti(name).attr("identifier", &h.identifier), &h.shape)
            .opt("hotspotLabel", h.label.as_ref())
            .unless("fixed", h.fixed, false)
            .opt("templateIdentifier", h.template_identifier.as_ref())
            .unless("showHide", show_hide(h.show_hide), "show");
        let tag = if associable {
            tag.attr("matchMax", h.match_max)
        } else {
            tag.unless("matchMax", h.match_max, 0)
        };
        let tag = tag
            .unless("matchMin", h.match_min, 0)
            .list("matchGroup", &h.match_group);
        w.empty(tag);
    }
}

fn write_pci_children(w: &mut Writer, p: &PortableCustom) {
    if !p.modules.is_empty() {
        let tag = w.qti("interactionModules");
        w.loose(tag, |w| {
            for (id, primary, fallback) in &p.modules {
                let tag = w
                    .qti("interactionModule")
                    .attr("id", id)
                    .attr("primaryPath", primary)
                    .opt("fallbackPath", fallback.as_ref());
                w.empty(tag);
            }
        });
    }
    if !p.markup.is_empty() {
        let tag = w.qti("interactionMarkup");
        w.mixed(tag, |w| write_nodes(w, &p.markup));
    }
}
