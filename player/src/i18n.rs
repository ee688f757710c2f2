//! The player's own words (buttons, hints, announcements) in the
//! candidate's language. Item content keeps its own language; only what
//! the player adds around it is translated. Each language is one
//! [`Strings`] value, so a missing translation does not compile.
//! `{0}`, `{1}`, ... in a text are filled with [`fill`].

use std::fmt::Display;

use qti_engine::processing::validation::{Counted, Problem};

/// A language of the player's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Es,
    Fr,
}

impl Locale {
    /// From a BCP 47 tag (`es`, `fr-CA`, `en-US`): the primary language.
    pub fn parse(tag: &str) -> Result<Locale, String> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Ok(Locale::En),
            "es" => Ok(Locale::Es),
            "fr" => Ok(Locale::Fr),
            _ => Err(format!(
                "locale '{tag}' is not one the player speaks (en, es, fr)"
            )),
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Fr => "fr",
        }
    }

    /// The writing direction of the player's own words in this language.
    pub fn dir(self) -> &'static str {
        "ltr"
    }

    pub fn t(self) -> &'static Strings {
        match self {
            Locale::En => &EN,
            Locale::Es => &ES,
            Locale::Fr => &FR,
        }
    }
}

/// `tr!(t.question_n_of, 2, 5)`: a text with its `{0}`, `{1}`, ... filled.
macro_rules! tr {
    ($template:expr $(, $arg:expr)* $(,)?) => {
        $crate::i18n::fill($template, &[$(&$arg as &dyn std::fmt::Display),*])
    };
}

/// Put `args` in place of `{0}`, `{1}`, ... in `template`.
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = template.to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &a.to_string());
    }
    out
}

/// What an interaction asks the candidate to choose, for its hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Answer,
    Match,
    Passage,
    Position,
    Point,
    Area,
    Placement,
    Pair,
}

/// A message with a count in it, in its singular and plural forms.
#[derive(Clone, Copy)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

/// Every text the player shows or announces, in one language.
pub struct Strings {
    /// Whether a count takes the singular form (English and Spanish: 1;
    /// French: 0 and 1).
    pub singular: fn(u64) -> bool,
    // The item player.
    pub submit: &'static str,
    pub scored: &'static str,
    pub no_speech: &'static str,
    pub item_unreadable: &'static str,
    pub read_aloud: &'static str,
    pub stop_reading: &'static str,
    pub not_submitted: Plural,
    pub attempt_submitted: &'static str,
    pub attempt_submitted_for_scoring: &'static str,
    pub feedback: &'static str,
    pub close: &'static str,
    pub showing_solution: &'static str,
    pub shared_material: &'static str,
    /// The name of a slider without a prompt.
    pub value: &'static str,
    // Catalog supports.
    pub glossary: &'static str,
    pub translation: &'static str,
    pub sign_language: &'static str,
    pub braille: &'static str,
    // Interactions.
    /// (one, several) for each [`Noun`], in its order.
    pub nouns: [(&'static str, &'static str); 8],
    pub choose_one: &'static str,
    pub choose_any: &'static str,
    pub choose_up_to: &'static str,
    pub choose_at_least: &'static str,
    pub choose_exactly: &'static str,
    pub choose_between: &'static str,
    pub show_option: &'static str,
    pub pci_no_resolver: &'static str,
    pub custom_unsupported: &'static str,
    pub pci_title: &'static str,
    pub pci_hint: &'static str,
    pub pci_failed: &'static str,
    pub drawing_area: &'static str,
    pub pen_down: &'static str,
    pub pen_up: &'static str,
    pub draw_hint: &'static str,
    pub clear: &'static str,
    pub start_again: &'static str,
    pub answer: &'static str,
    pub answer_n: &'static str,
    pub write_one: &'static str,
    pub write_up_to: &'static str,
    pub write_between: &'static str,
    pub characters: &'static str,
    pub characters_of: &'static str,
    pub gap_n: &'static str,
    pub gap_hint: &'static str,
    pub no_order: &'static str,
    pub order_is: &'static str,
    pub order_hint: &'static str,
    pub missing_word: &'static str,
    pub select_placeholder: &'static str,
    pub choose_placeholder: &'static str,
    pub media: &'static str,
    pub played: Plural,
    pub play_at_least: Plural,
    pub play_at_most: Plural,
    pub plays_used: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub order_items_hint: &'static str,
    pub point_cursor: &'static str,
    pub point_at: &'static str,
    pub remove_point: &'static str,
    /// Beside a positionObject stage: the object the candidate places.
    pub object_to_place: &'static str,
    pub remove: &'static str,
    pub slider_hint: &'static str,
    pub upload_any: &'static str,
    pub upload_types: &'static str,
    pub file: &'static str,
    pub uploaded: &'static str,
    pub no_file: &'static str,
    pub first: &'static str,
    pub second: &'static str,
    pub add_pair: &'static str,
    pub pairs_made: &'static str,
    pub pair_of: &'static str,
    pub remove_pair: &'static str,
    pub gap_choices: &'static str,
    pub choices_to_place: &'static str,
    pub points_placed: &'static str,
    pub matches: &'static str,
    pub moved_to: &'static str,
    pub moved_near: &'static str,
    pub not_set: &'static str,
    pub file_info: &'static str,
    // Response validation (validateResponses).
    /// (one, several) for choice, point, pair, answer.
    pub counted: [(&'static str, &'static str); 4],
    pub select_at_least: &'static str,
    pub select_at_most: &'static str,
    pub write_at_least: &'static str,
    pub used_too_often: Plural,
    pub used_too_rarely: Plural,
    pub bad_format: &'static str,
    pub choose_an_answer: &'static str,
    pub play_media_at_least: Plural,
    pub fill_gap: &'static str,
    // The test runner.
    pub answer_submitted: &'static str,
    pub part_submitted: &'static str,
    pub test_paused_status: &'static str,
    pub test_resumed: &'static str,
    pub test_unreadable: &'static str,
    pub test_paused: &'static str,
    pub clock_stopped: &'static str,
    pub resume_test: &'static str,
    pub question_n: &'static str,
    pub question_n_title: &'static str,
    pub question_n_of: &'static str,
    pub submit_answer: &'static str,
    pub previous: &'static str,
    pub flag: &'static str,
    pub next: &'static str,
    pub finish_part: &'static str,
    pub show_solution: &'static str,
    pub pause: &'static str,
    pub review_and_end: &'static str,
    pub questions: &'static str,
    pub answered: &'static str,
    pub not_answered: &'static str,
    pub flagged: &'static str,
    pub review_heading: &'static str,
    pub review_summary: &'static str,
    pub back_to_questions: &'static str,
    pub submit_test: &'static str,
    pub test_submitted: &'static str,
    pub time_left: &'static str,
    pub time_warning: &'static str,
    pub time_up: &'static str,
    // Tools.
    pub tools: &'static str,
    pub calculator: &'static str,
    pub close_calculator: &'static str,
    pub expression: &'static str,
    pub degrees: &'static str,
    /// Spoken names of the keys ÷ × − + √ x^y % ( ) π . ⌫ =, in that order.
    pub keys: [&'static str; 13],
    pub calc_incomplete: &'static str,
    pub calc_unexpected: &'static str,
    pub calc_divide_by_zero: &'static str,
    pub calc_no_result: &'static str,
    pub calc_too_long: &'static str,
    pub rule: &'static str,
    pub rule_of: &'static str,
    pub protractor: &'static str,
    pub protractor_label: &'static str,
    pub movable_help: &'static str,
    pub reference: &'static str,
    pub line_reader: &'static str,
    pub line_reader_help: &'static str,
    pub line_n: &'static str,
}

impl Strings {
    /// The form of `message` for `n`, in this language.
    pub fn plural(&self, message: Plural, n: impl Into<u64>) -> &'static str {
        if (self.singular)(n.into()) {
            message.one
        } else {
            message.other
        }
    }

    /// What the candidate must change, for a response validation problem.
    pub fn problem(&self, p: &Problem) -> String {
        let counted = |n: u32, of: Counted| {
            let (one, many) = self.counted[of as usize];
            (n, if (self.singular)(n.into()) { one } else { many })
        };
        match p {
            Problem::TooFew {
                min,
                of: Counted::Answer,
            } => {
                let (n, what) = counted(*min, Counted::Answer);
                tr!(self.write_at_least, n, what)
            }
            Problem::TooFew { min, of } => {
                let (n, what) = counted(*min, *of);
                tr!(self.select_at_least, n, what)
            }
            Problem::TooMany { max, of } => {
                let (n, what) = counted(*max, *of);
                tr!(self.select_at_most, n, what)
            }
            Problem::UsedTooOften { choice, max } => {
                tr!(self.plural(self.used_too_often, *max), choice, max)
            }
            Problem::UsedTooRarely { choice, min } => {
                tr!(self.plural(self.used_too_rarely, *min), choice, min)
            }
            Problem::Format { text } => tr!(self.bad_format, text),
            // A broken pattern is the author's problem: said as the engine says it.
            Problem::BadPattern { message } => message.clone(),
            Problem::ChooseAnAnswer => self.choose_an_answer.into(),
            Problem::PlayAtLeast { min } => tr!(self.plural(self.play_media_at_least, *min), min),
            Problem::FillGap { gap } => tr!(self.fill_gap, gap),
        }
    }

    /// "Choose one answer.", "Choose up to 3 areas.", ...
    pub fn choose_hint(&self, min: u32, max: u32, noun: Noun) -> String {
        let (one, many) = self.nouns[noun as usize];
        match (min, max) {
            (_, 1) => fill(self.choose_one, &[&one]),
            (0 | 1, 0) => fill(self.choose_any, &[&many]),
            (0 | 1, m) => fill(self.choose_up_to, &[&m, &many]),
            (n, 0) => fill(self.choose_at_least, &[&n, &many]),
            (n, m) if n == m => fill(self.choose_exactly, &[&n, &many]),
            (n, m) => fill(self.choose_between, &[&n, &m, &many]),
        }
    }
}

static EN: Strings = Strings {
    singular: |n| n == 1,
    submit: "Submit",
    scored: "Scored.",
    no_speech: "Reading aloud is not available in this browser.",
    item_unreadable: "This item cannot be shown: ",
    read_aloud: "Read aloud",
    stop_reading: "Stop reading",
    not_submitted: Plural {
        one: "Not submitted: {0} answer needs attention.",
        other: "Not submitted: {0} answers need attention.",
    },
    attempt_submitted: "Attempt {0} submitted.",
    attempt_submitted_for_scoring: "Attempt {0} submitted for scoring.",
    feedback: "Feedback",
    close: "Close",
    showing_solution: "Showing the correct answers.",
    shared_material: "Shared material",
    value: "Value",
    glossary: "Glossary",
    translation: "Translation",
    sign_language: "Sign language",
    braille: "Braille",
    nouns: [
        ("answer", "answers"),
        ("match", "matches"),
        ("highlighted passage", "highlighted passages"),
        ("position", "positions"),
        ("point", "points"),
        ("area", "areas"),
        ("placement", "placements"),
        ("pair", "pairs"),
    ],
    choose_one: "Choose one {0}.",
    choose_any: "Choose any number of {0}.",
    choose_up_to: "Choose up to {0} {1}.",
    choose_at_least: "Choose at least {0} {1}.",
    choose_exactly: "Choose {0} {1}.",
    choose_between: "Choose between {0} and {1} {2}.",
    show_option: "Show answer option {0}",
    pci_no_resolver: "This question uses a portable custom interaction ({0}) that this player cannot load: no module resolver was provided.",
    custom_unsupported: "This question uses a custom interaction that this player does not support.",
    pci_title: "Interaction: {0}",
    pci_hint: "Answer in the interaction below.",
    pci_failed: "The interaction could not start: {0}",
    drawing_area: "Drawing area. Pen at {0}, {1}, {2}. Arrow keys move the pen, Space lifts or lowers it.",
    pen_down: "down",
    pen_up: "up",
    draw_hint: "Draw your answer on the image.",
    clear: "Clear",
    start_again: "Start again",
    answer: "Answer",
    answer_n: "Answer {0}",
    write_one: "Write your answer.",
    write_up_to: "Write up to {0} answers.",
    write_between: "Write at least {0} and up to {1} answers.",
    characters: "{0} characters",
    characters_of: "{0} of about {1} characters",
    gap_n: "Gap {0}",
    gap_hint: "Fill each gap by choosing from its list.",
    no_order: "No order yet.",
    order_is: "Order: {0}",
    order_hint: "Select the areas in order (up to {0}).",
    missing_word: "Choose the missing word",
    select_placeholder: "Select…",
    choose_placeholder: "Choose…",
    media: "Media",
    played: Plural {
        one: "Played {0} time.",
        other: "Played {0} times.",
    },
    play_at_least: Plural {
        one: "Play it at least {0} time.",
        other: "Play it at least {0} times.",
    },
    play_at_most: Plural {
        one: "It can be played {0} time at most.",
        other: "It can be played {0} times at most.",
    },
    plays_used: "You have played this the maximum number of times.",
    move_up: "Move {0} up",
    move_down: "Move {0} down",
    order_items_hint: "Put the items in order with the move buttons, or drag them.",
    point_cursor: "Point cursor at {0}, {1}. Arrow keys move it, Enter places a point.",
    point_at: "Point at {0}, {1}",
    remove_point: "Remove point at {0}, {1}",
    object_to_place: "To place:",
    remove: "Remove",
    slider_hint: "Choose a value from {0} to {1}.",
    upload_any: "Choose a file to upload.",
    upload_types: "Choose a file of type {0}.",
    file: "File",
    uploaded: "Uploaded: {0}",
    no_file: "No file yet.",
    first: "First",
    second: "Second",
    add_pair: "Add pair",
    pairs_made: "Pairs made",
    pair_of: "{0} and {1}",
    remove_pair: "Remove pair {0}",
    gap_choices: "Choices for the gaps",
    choices_to_place: "Choices to place",
    points_placed: "Points placed",
    matches: "{0} matches {1}",
    moved_to: "{0} moved to position {1} of {2}",
    moved_near: "moved before or after {0}",
    not_set: "not set",
    file_info: "{0} ({1} bytes, {2})",
    counted: [
        ("choice", "choices"),
        ("point", "points"),
        ("pair", "pairs"),
        ("answer", "answers"),
    ],
    select_at_least: "Select at least {0} {1}.",
    select_at_most: "Select at most {0} {1}.",
    write_at_least: "Write at least {0} {1}.",
    used_too_often: Plural {
        one: "'{0}' may be used at most {1} time.",
        other: "'{0}' may be used at most {1} times.",
    },
    used_too_rarely: Plural {
        one: "'{0}' must be used at least {1} time.",
        other: "'{0}' must be used at least {1} times.",
    },
    bad_format: "'{0}' is not in the expected format.",
    choose_an_answer: "Choose an answer.",
    play_media_at_least: Plural {
        one: "Play the media at least {0} time.",
        other: "Play the media at least {0} times.",
    },
    fill_gap: "Fill the gap '{0}'.",
    answer_submitted: "Answer submitted.",
    part_submitted: "All answers in this part submitted.",
    test_paused_status: "Test paused.",
    test_resumed: "Test resumed.",
    test_unreadable: "This test cannot be shown: ",
    test_paused: "Test paused",
    clock_stopped: "The clock is stopped. Your answers are kept.",
    resume_test: "Resume the test",
    question_n: "Question {0}",
    question_n_title: "Question {0}: {1}",
    question_n_of: "Question {0} of {1}",
    submit_answer: "Submit answer",
    previous: "Previous",
    flag: "Flag for review",
    next: "Next",
    finish_part: "Finish part",
    show_solution: "Show solution",
    pause: "Pause",
    review_and_end: "Review and end test",
    questions: "Questions",
    answered: "answered",
    not_answered: "not answered",
    flagged: "flagged",
    review_heading: "Review your answers",
    review_summary: "{0} of {1} questions answered; {2} flagged.",
    back_to_questions: "Back to the questions",
    submit_test: "Submit the test",
    test_submitted: "Test submitted",
    time_left: "Time left {0}",
    time_warning: "{0} left.",
    time_up: "Time is up: the test was submitted.",
    tools: "Tools",
    calculator: "Calculator ({0})",
    close_calculator: "Close the calculator",
    expression: "Expression",
    degrees: "Degrees",
    keys: [
        "divide",
        "times",
        "minus",
        "plus",
        "square root",
        "power",
        "percent",
        "open bracket",
        "close bracket",
        "pi",
        "decimal point",
        "delete",
        "equals",
    ],
    calc_incomplete: "Incomplete expression",
    calc_unexpected: "Unexpected “{0}”",
    calc_divide_by_zero: "Cannot divide by zero",
    calc_no_result: "No real result",
    calc_too_long: "Expression too long",
    rule: "Rule",
    rule_of: "Rule, {0} {1}",
    protractor: "Protractor",
    protractor_label: "Protractor, 0 to 180 degrees",
    movable_help: "{0}. Arrow keys move it, Shift for small steps; R turns it; Escape puts it away.",
    reference: "Reference: {0}",
    line_reader: "Line reader",
    line_reader_help: "Line reader: arrow keys move it, plus and minus resize it, Escape closes it",
    line_n: "line {0}",
};

static ES: Strings = Strings {
    singular: |n| n == 1,
    submit: "Enviar",
    scored: "Calificado.",
    no_speech: "La lectura en voz alta no está disponible en este navegador.",
    item_unreadable: "No se puede mostrar esta pregunta: ",
    read_aloud: "Leer en voz alta",
    stop_reading: "Dejar de leer",
    not_submitted: Plural {
        one: "No enviado: {0} respuesta requiere atención.",
        other: "No enviado: {0} respuestas requieren atención.",
    },
    attempt_submitted: "Intento {0} enviado.",
    attempt_submitted_for_scoring: "Intento {0} enviado para calificar.",
    feedback: "Comentarios",
    close: "Cerrar",
    showing_solution: "Se muestran las respuestas correctas.",
    shared_material: "Material compartido",
    value: "Valor",
    glossary: "Glosario",
    translation: "Traducción",
    sign_language: "Lengua de señas",
    braille: "Braille",
    nouns: [
        ("respuesta", "respuestas"),
        ("pareja", "parejas"),
        ("pasaje resaltado", "pasajes resaltados"),
        ("posición", "posiciones"),
        ("punto", "puntos"),
        ("zona", "zonas"),
        ("colocación", "colocaciones"),
        ("par", "pares"),
    ],
    choose_one: "Elige una sola opción ({0}).",
    choose_any: "Elige tantas {0} como quieras.",
    choose_up_to: "Elige hasta {0} ({1}).",
    choose_at_least: "Elige al menos {0} ({1}).",
    choose_exactly: "Elige {0} ({1}).",
    choose_between: "Elige entre {0} y {1} ({2}).",
    show_option: "Mostrar la opción de respuesta {0}",
    pci_no_resolver: "Esta pregunta usa una interacción personalizada portátil ({0}) que este reproductor no puede cargar: no se proporcionó un resolvedor de módulos.",
    custom_unsupported: "Esta pregunta usa una interacción personalizada que este reproductor no admite.",
    pci_title: "Interacción: {0}",
    pci_hint: "Responde en la interacción de abajo.",
    pci_failed: "La interacción no pudo iniciarse: {0}",
    drawing_area: "Área de dibujo. Lápiz en {0}, {1}, {2}. Las flechas mueven el lápiz; la barra espaciadora lo levanta o lo baja.",
    pen_down: "abajo",
    pen_up: "arriba",
    draw_hint: "Dibuja tu respuesta sobre la imagen.",
    clear: "Borrar",
    start_again: "Empezar de nuevo",
    answer: "Respuesta",
    answer_n: "Respuesta {0}",
    write_one: "Escribe tu respuesta.",
    write_up_to: "Escribe hasta {0} respuestas.",
    write_between: "Escribe entre {0} y {1} respuestas.",
    characters: "{0} caracteres",
    characters_of: "{0} de unos {1} caracteres",
    gap_n: "Espacio {0}",
    gap_hint: "Completa cada espacio eligiendo de su lista.",
    no_order: "Todavía no hay orden.",
    order_is: "Orden: {0}",
    order_hint: "Selecciona las zonas en orden (hasta {0}).",
    missing_word: "Elige la palabra que falta",
    select_placeholder: "Selecciona…",
    choose_placeholder: "Elige…",
    media: "Medio",
    played: Plural {
        one: "Reproducido {0} vez.",
        other: "Reproducido {0} veces.",
    },
    play_at_least: Plural {
        one: "Reprodúcelo al menos {0} vez.",
        other: "Reprodúcelo al menos {0} veces.",
    },
    play_at_most: Plural {
        one: "Se puede reproducir {0} vez como máximo.",
        other: "Se puede reproducir {0} veces como máximo.",
    },
    plays_used: "Ya lo has reproducido el número máximo de veces.",
    move_up: "Subir {0}",
    move_down: "Bajar {0}",
    order_items_hint: "Ordena los elementos con los botones de mover o arrastrándolos.",
    point_cursor: "Cursor en {0}, {1}. Las flechas lo mueven; Intro coloca un punto.",
    point_at: "Punto en {0}, {1}",
    remove_point: "Quitar el punto en {0}, {1}",
    object_to_place: "Para colocar:",
    remove: "Quitar",
    slider_hint: "Elige un valor de {0} a {1}.",
    upload_any: "Elige un archivo para subir.",
    upload_types: "Elige un archivo de tipo {0}.",
    file: "Archivo",
    uploaded: "Subido: {0}",
    no_file: "Todavía no hay archivo.",
    first: "Primero",
    second: "Segundo",
    add_pair: "Añadir par",
    pairs_made: "Pares hechos",
    pair_of: "{0} y {1}",
    remove_pair: "Quitar el par {0}",
    gap_choices: "Opciones para los espacios",
    choices_to_place: "Opciones para colocar",
    points_placed: "Puntos colocados",
    matches: "{0} corresponde a {1}",
    moved_to: "{0} movido a la posición {1} de {2}",
    moved_near: "movido antes o después de {0}",
    not_set: "sin valor",
    file_info: "{0} ({1} bytes, {2})",
    counted: [
        ("opción", "opciones"),
        ("punto", "puntos"),
        ("par", "pares"),
        ("respuesta", "respuestas"),
    ],
    select_at_least: "Selecciona al menos {0} ({1}).",
    select_at_most: "Selecciona como máximo {0} ({1}).",
    write_at_least: "Escribe al menos {0} ({1}).",
    used_too_often: Plural {
        one: "«{0}» se puede usar como máximo {1} vez.",
        other: "«{0}» se puede usar como máximo {1} veces.",
    },
    used_too_rarely: Plural {
        one: "«{0}» se debe usar al menos {1} vez.",
        other: "«{0}» se debe usar al menos {1} veces.",
    },
    bad_format: "«{0}» no tiene el formato esperado.",
    choose_an_answer: "Elige una respuesta.",
    play_media_at_least: Plural {
        one: "Reproduce el medio al menos {0} vez.",
        other: "Reproduce el medio al menos {0} veces.",
    },
    fill_gap: "Completa el espacio «{0}».",
    answer_submitted: "Respuesta enviada.",
    part_submitted: "Se enviaron todas las respuestas de esta parte.",
    test_paused_status: "Prueba en pausa.",
    test_resumed: "Prueba reanudada.",
    test_unreadable: "No se puede mostrar esta prueba: ",
    test_paused: "Prueba en pausa",
    clock_stopped: "El reloj está detenido. Tus respuestas se conservan.",
    resume_test: "Reanudar la prueba",
    question_n: "Pregunta {0}",
    question_n_title: "Pregunta {0}: {1}",
    question_n_of: "Pregunta {0} de {1}",
    submit_answer: "Enviar respuesta",
    previous: "Anterior",
    flag: "Marcar para revisar",
    next: "Siguiente",
    finish_part: "Terminar la parte",
    show_solution: "Mostrar la solución",
    pause: "Pausa",
    review_and_end: "Revisar y terminar la prueba",
    questions: "Preguntas",
    answered: "respondida",
    not_answered: "sin responder",
    flagged: "marcada",
    review_heading: "Revisa tus respuestas",
    review_summary: "{0} de {1} preguntas respondidas; {2} marcadas.",
    back_to_questions: "Volver a las preguntas",
    submit_test: "Enviar la prueba",
    test_submitted: "Prueba enviada",
    time_left: "Tiempo restante {0}",
    time_warning: "Quedan {0}.",
    time_up: "Se acabó el tiempo: la prueba se envió.",
    tools: "Herramientas",
    calculator: "Calculadora ({0})",
    close_calculator: "Cerrar la calculadora",
    expression: "Expresión",
    degrees: "Grados",
    keys: [
        "dividir",
        "por",
        "menos",
        "más",
        "raíz cuadrada",
        "potencia",
        "por ciento",
        "abrir paréntesis",
        "cerrar paréntesis",
        "pi",
        "coma decimal",
        "borrar",
        "igual",
    ],
    calc_incomplete: "Expresión incompleta",
    calc_unexpected: "«{0}» inesperado",
    calc_divide_by_zero: "No se puede dividir entre cero",
    calc_no_result: "Sin resultado real",
    calc_too_long: "Expresión demasiado larga",
    rule: "Regla",
    rule_of: "Regla, {0} {1}",
    protractor: "Transportador",
    protractor_label: "Transportador, de 0 a 180 grados",
    movable_help: "{0}. Las flechas la mueven, con Mayús en pasos pequeños; R la gira; Escape la guarda.",
    reference: "Referencia: {0}",
    line_reader: "Guía de lectura",
    line_reader_help: "Guía de lectura: las flechas la mueven, más y menos cambian su tamaño, Escape la cierra",
    line_n: "línea {0}",
};

static FR: Strings = Strings {
    singular: |n| n <= 1,
    submit: "Valider",
    scored: "Noté.",
    no_speech: "La lecture à voix haute n'est pas disponible dans ce navigateur.",
    item_unreadable: "Cette question ne peut pas être affichée : ",
    read_aloud: "Lire à voix haute",
    stop_reading: "Arrêter la lecture",
    not_submitted: Plural {
        one: "Non validé : {0} réponse à revoir.",
        other: "Non validé : {0} réponses à revoir.",
    },
    attempt_submitted: "Tentative {0} validée.",
    attempt_submitted_for_scoring: "Tentative {0} envoyée pour notation.",
    feedback: "Retour",
    close: "Fermer",
    showing_solution: "Les bonnes réponses sont affichées.",
    shared_material: "Document commun",
    value: "Valeur",
    glossary: "Glossaire",
    translation: "Traduction",
    sign_language: "Langue des signes",
    braille: "Braille",
    nouns: [
        ("réponse", "réponses"),
        ("association", "associations"),
        ("passage surligné", "passages surlignés"),
        ("position", "positions"),
        ("point", "points"),
        ("zone", "zones"),
        ("placement", "placements"),
        ("paire", "paires"),
    ],
    choose_one: "Choisissez une seule option ({0}).",
    choose_any: "Choisissez autant de {0} que vous voulez.",
    choose_up_to: "Choisissez jusqu'à {0} {1}.",
    choose_at_least: "Choisissez au moins {0} {1}.",
    choose_exactly: "Choisissez {0} {1}.",
    choose_between: "Choisissez entre {0} et {1} {2}.",
    show_option: "Afficher l'option de réponse {0}",
    pci_no_resolver: "Cette question utilise une interaction personnalisée portable ({0}) que ce lecteur ne peut pas charger : aucun résolveur de modules n'a été fourni.",
    custom_unsupported: "Cette question utilise une interaction personnalisée que ce lecteur ne prend pas en charge.",
    pci_title: "Interaction : {0}",
    pci_hint: "Répondez dans l'interaction ci-dessous.",
    pci_failed: "L'interaction n'a pas pu démarrer : {0}",
    drawing_area: "Zone de dessin. Crayon en {0}, {1}, {2}. Les flèches déplacent le crayon, Espace le lève ou le pose.",
    pen_down: "posé",
    pen_up: "levé",
    draw_hint: "Dessinez votre réponse sur l'image.",
    clear: "Effacer",
    start_again: "Recommencer",
    answer: "Réponse",
    answer_n: "Réponse {0}",
    write_one: "Écrivez votre réponse.",
    write_up_to: "Écrivez jusqu'à {0} réponses.",
    write_between: "Écrivez entre {0} et {1} réponses.",
    characters: "{0} caractères",
    characters_of: "{0} sur environ {1} caractères",
    gap_n: "Trou {0}",
    gap_hint: "Complétez chaque trou en choisissant dans sa liste.",
    no_order: "Pas encore d'ordre.",
    order_is: "Ordre : {0}",
    order_hint: "Sélectionnez les zones dans l'ordre (jusqu'à {0}).",
    missing_word: "Choisissez le mot manquant",
    select_placeholder: "Sélectionnez…",
    choose_placeholder: "Choisissez…",
    media: "Média",
    played: Plural {
        one: "Lu {0} fois.",
        other: "Lu {0} fois.",
    },
    play_at_least: Plural {
        one: "Lisez-le au moins {0} fois.",
        other: "Lisez-le au moins {0} fois.",
    },
    play_at_most: Plural {
        one: "Il peut être lu {0} fois au plus.",
        other: "Il peut être lu {0} fois au plus.",
    },
    plays_used: "Vous l'avez lu le nombre maximal de fois.",
    move_up: "Monter {0}",
    move_down: "Descendre {0}",
    order_items_hint: "Mettez les éléments dans l'ordre avec les boutons ou en les faisant glisser.",
    point_cursor: "Curseur en {0}, {1}. Les flèches le déplacent, Entrée place un point.",
    point_at: "Point en {0}, {1}",
    remove_point: "Retirer le point en {0}, {1}",
    object_to_place: "À placer :",
    remove: "Retirer",
    slider_hint: "Choisissez une valeur de {0} à {1}.",
    upload_any: "Choisissez un fichier à déposer.",
    upload_types: "Choisissez un fichier de type {0}.",
    file: "Fichier",
    uploaded: "Déposé : {0}",
    no_file: "Pas encore de fichier.",
    first: "Premier",
    second: "Second",
    add_pair: "Ajouter la paire",
    pairs_made: "Paires formées",
    pair_of: "{0} et {1}",
    remove_pair: "Retirer la paire {0}",
    gap_choices: "Choix pour les trous",
    choices_to_place: "Choix à placer",
    points_placed: "Points placés",
    matches: "{0} correspond à {1}",
    moved_to: "{0} déplacé en position {1} sur {2}",
    moved_near: "déplacé avant ou après {0}",
    not_set: "non défini",
    file_info: "{0} ({1} octets, {2})",
    counted: [
        ("choix", "choix"),
        ("point", "points"),
        ("paire", "paires"),
        ("réponse", "réponses"),
    ],
    select_at_least: "Sélectionnez au moins {0} {1}.",
    select_at_most: "Sélectionnez au plus {0} {1}.",
    write_at_least: "Écrivez au moins {0} {1}.",
    used_too_often: Plural {
        one: "« {0} » peut être utilisé {1} fois au plus.",
        other: "« {0} » peut être utilisé {1} fois au plus.",
    },
    used_too_rarely: Plural {
        one: "« {0} » doit être utilisé au moins {1} fois.",
        other: "« {0} » doit être utilisé au moins {1} fois.",
    },
    bad_format: "« {0} » n'a pas le format attendu.",
    choose_an_answer: "Choisissez une réponse.",
    play_media_at_least: Plural {
        one: "Lisez le média au moins {0} fois.",
        other: "Lisez le média au moins {0} fois.",
    },
    fill_gap: "Complétez le trou « {0} ».",
    answer_submitted: "Réponse validée.",
    part_submitted: "Toutes les réponses de cette partie sont validées.",
    test_paused_status: "Test en pause.",
    test_resumed: "Test repris.",
    test_unreadable: "Ce test ne peut pas être affiché : ",
    test_paused: "Test en pause",
    clock_stopped: "Le chronomètre est arrêté. Vos réponses sont conservées.",
    resume_test: "Reprendre le test",
    question_n: "Question {0}",
    question_n_title: "Question {0} : {1}",
    question_n_of: "Question {0} sur {1}",
    submit_answer: "Valider la réponse",
    previous: "Précédente",
    flag: "Marquer pour relecture",
    next: "Suivante",
    finish_part: "Terminer la partie",
    show_solution: "Afficher la solution",
    pause: "Pause",
    review_and_end: "Relire et terminer le test",
    questions: "Questions",
    answered: "répondue",
    not_answered: "sans réponse",
    flagged: "marquée",
    review_heading: "Relisez vos réponses",
    review_summary: "{0} questions sur {1} répondues ; {2} marquées.",
    back_to_questions: "Retour aux questions",
    submit_test: "Rendre le test",
    test_submitted: "Test rendu",
    time_left: "Temps restant {0}",
    time_warning: "Plus que {0}.",
    time_up: "Temps écoulé : le test a été rendu.",
    tools: "Outils",
    calculator: "Calculatrice ({0})",
    close_calculator: "Fermer la calculatrice",
    expression: "Expression",
    degrees: "Degrés",
    keys: [
        "diviser",
        "multiplier",
        "moins",
        "plus",
        "racine carrée",
        "puissance",
        "pour cent",
        "parenthèse ouvrante",
        "parenthèse fermante",
        "pi",
        "virgule",
        "effacer",
        "égal",
    ],
    calc_incomplete: "Expression incomplète",
    calc_unexpected: "« {0} » inattendu",
    calc_divide_by_zero: "Division par zéro impossible",
    calc_no_result: "Pas de résultat réel",
    calc_too_long: "Expression trop longue",
    rule: "Règle",
    rule_of: "Règle, {0} {1}",
    protractor: "Rapporteur",
    protractor_label: "Rapporteur, de 0 à 180 degrés",
    movable_help: "{0}. Les flèches la déplacent, Maj pour de petits pas ; R la tourne ; Échap la range.",
    reference: "Référence : {0}",
    line_reader: "Guide de lecture",
    line_reader_help: "Guide de lecture : les flèches le déplacent, plus et moins le redimensionnent, Échap le ferme",
    line_n: "ligne {0}",
};

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn locales_parse_and_fill() {
        assert_eq!(Locale::parse("fr-CA").unwrap(), Locale::Fr);
        assert_eq!(Locale::parse("ES").unwrap(), Locale::Es);
        assert!(Locale::parse("tlh").unwrap_err().contains("tlh"));
        assert_eq!(fill(EN.question_n_of, &[&2, &5]), "Question 2 of 5");
        assert_eq!(EN.choose_hint(0, 3, Noun::Area), "Choose up to 3 areas.");
        assert_eq!(EN.choose_hint(1, 1, Noun::Answer), "Choose one answer.");
        assert_eq!(ES.choose_hint(2, 2, Noun::Pair), "Elige 2 (pares).");
        assert_eq!(
            FR.choose_hint(2, 4, Noun::Point),
            "Choisissez entre 2 et 4 points."
        );
    }

    #[wasm_bindgen_test]
    fn counts_take_the_language_s_plural_form() {
        assert_eq!(tr!(EN.plural(EN.played, 1u64), 1), "Played 1 time.");
        assert_eq!(tr!(EN.plural(EN.played, 0u64), 0), "Played 0 times.");
        assert_eq!(tr!(ES.plural(ES.played, 2u64), 2), "Reproducido 2 veces.");
        // French counts 0 as singular.
        assert_eq!(
            tr!(FR.plural(FR.not_submitted, 0u64), 0),
            "Non validé : 0 réponse à revoir."
        );
        assert_eq!(
            EN.problem(&Problem::PlayAtLeast { min: 2 }),
            "Play the media at least 2 times."
        );
        assert_eq!(
            EN.problem(&Problem::UsedTooOften {
                choice: "up".into(),
                max: 1
            }),
            "'up' may be used at most 1 time."
        );
    }

    #[wasm_bindgen_test]
    fn every_placeholder_is_kept_in_translations() {
        // A translation must use the same {n} as the English text.
        let holes = |s: &str| {
            (0..4)
                .filter(|i| s.contains(&format!("{{{i}}}")))
                .collect::<Vec<_>>()
        };
        let pairs = [
            (
                EN.not_submitted.one,
                ES.not_submitted.one,
                FR.not_submitted.one,
            ),
            (
                EN.not_submitted.other,
                ES.not_submitted.other,
                FR.not_submitted.other,
            ),
            (EN.review_summary, ES.review_summary, FR.review_summary),
            (EN.drawing_area, ES.drawing_area, FR.drawing_area),
            (EN.choose_between, ES.choose_between, FR.choose_between),
            (EN.point_cursor, ES.point_cursor, FR.point_cursor),
            (EN.characters_of, ES.characters_of, FR.characters_of),
            (EN.movable_help, ES.movable_help, FR.movable_help),
            (EN.rule_of, ES.rule_of, FR.rule_of),
        ];
        for (en, es, fr) in pairs {
            assert_eq!(holes(en), holes(es), "{es}");
            assert_eq!(holes(en), holes(fr), "{fr}");
        }
    }
}
