//! The on-screen calculator a QTI 3 item offers (`qti-calculator`, type
//! `basic`, `standard`, `scientific`; `graphing` gets the scientific one).
//! The candidate types an expression or presses keys; Enter or "=" shows
//! the result, announced politely. The arithmetic is our own small parser:
//! nothing is ever handed to JavaScript's `eval`.

use std::f64::consts::{E, PI};

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Why an expression has no value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CalcError {
    #[error("Incomplete expression")]
    Incomplete,
    #[error("Unexpected \u{201c}{0}\u{201d}")]
    Unexpected(String),
    #[error("Cannot divide by zero")]
    DivideByZero,
    #[error("No real result")]
    NoRealResult,
    #[error("Expression too long")]
    TooLong,
}

/// The most characters and nesting an expression may have: an on-screen
/// calculator never needs more, and the parser's recursion stays bounded.
const MAX_LEN: usize = 256;
const MAX_DEPTH: usize = 32;

/// Evaluate a calculator expression: numbers, `+ - * / × ÷ − ^ %`,
/// parentheses, `π`/`pi`, `e`, `√x` and the functions `sqrt sin cos tan
/// asin acos atan log ln` (angles in degrees when `degrees`).
pub fn evaluate(expr: &str, degrees: bool) -> Result<f64, CalcError> {
    if expr.chars().count() > MAX_LEN {
        return Err(CalcError::TooLong);
    }
    let mut p = Parser {
        chars: expr.chars().filter(|c| !c.is_whitespace()).collect(),
        pos: 0,
        depth: 0,
        degrees,
    };
    let v = p.sum()?;
    match p.peek() {
        None if v.is_finite() => Ok(v),
        None => Err(CalcError::NoRealResult),
        Some(c) => Err(CalcError::Unexpected(c.to_string())),
    }
}

/// A result as the display shows it: at most 10 significant digits, no
/// trailing zeros, `-0` as `0`.
pub fn format(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let magnitude = v.abs().log10().floor() as i32;
    if !(-6..=12).contains(&magnitude) {
        return format!("{v:.6e}");
    }
    let decimals = (9 - magnitude).clamp(0, 15) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
    degrees: bool,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, options: &[char]) -> Option<char> {
        let c = self.peek().filter(|c| options.contains(c))?;
        self.pos += 1;
        Some(c)
    }

    fn sum(&mut self) -> Result<f64, CalcError> {
        let mut v = self.product()?;
        while let Some(op) = self.eat(&['+', '-', '−']) {
            let rhs = self.product()?;
            v = if op == '+' { v + rhs } else { v - rhs };
        }
        Ok(v)
    }

    fn product(&mut self) -> Result<f64, CalcError> {
        let mut v = self.unary()?;
        while let Some(op) = self.eat(&['*', '×', '/', '÷']) {
            let rhs = self.unary()?;
            v = match op {
                '*' | '×' => v * rhs,
                _ if rhs == 0.0 => return Err(CalcError::DivideByZero),
                _ => v / rhs,
            };
        }
        Ok(v)
    }

    fn unary(&mut self) -> Result<f64, CalcError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CalcError::TooLong);
        }
        let v = match self.eat(&['-', '−', '+']) {
            Some('+') => self.unary(),
            Some(_) => self.unary().map(|v| -v),
            None => self.power(),
        };
        self.depth -= 1;
        v
    }

    /// `^` binds tighter than a leading minus and to the right: `-2^2` is
    /// -4 and `2^3^2` is 512, as on scientific calculators.
    fn power(&mut self) -> Result<f64, CalcError> {
        let base = self.postfix()?;
        if self.eat(&['^']).is_some() {
            let exp = self.unary()?;
            return real(base.powf(exp));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> Result<f64, CalcError> {
        let mut v = self.primary()?;
        while self.eat(&['%']).is_some() {
            v /= 100.0;
        }
        Ok(v)
    }

    fn primary(&mut self) -> Result<f64, CalcError> {
        let Some(c) = self.peek() else {
            return Err(CalcError::Incomplete);
        };
        if c.is_ascii_digit() || c == '.' {
            return self.number();
        }
        if self.eat(&['(']).is_some() {
            let v = self.sum()?;
            return match self.eat(&[')']) {
                Some(_) => Ok(v),
                None => Err(CalcError::Incomplete),
            };
        }
        if self.eat(&['√']).is_some() {
            let v = self.unary()?;
            return real(v.sqrt());
        }
        if self.eat(&['π']).is_some() {
            return Ok(PI);
        }
        let name: String = self.chars[self.pos..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if name.is_empty() {
            return Err(CalcError::Unexpected(c.to_string()));
        }
        self.pos += name.len();
        match name.as_str() {
            "pi" => Ok(PI),
            "e" => Ok(E),
            _ => {
                let arg = self.primary()?;
                self.function(&name, arg)
            }
        }
    }

    fn number(&mut self) -> Result<f64, CalcError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse()
            .map_err(|_| CalcError::Unexpected(text.clone()))
    }

    fn function(&self, name: &str, x: f64) -> Result<f64, CalcError> {
        let to_rad = if self.degrees { PI / 180.0 } else { 1.0 };
        let v = match name {
            "sqrt" => x.sqrt(),
            // Exact zeros where degrees make them exact (sin 180° is 0).
            "sin" => snap((x * to_rad).sin()),
            "cos" => snap((x * to_rad).cos()),
            "tan" => {
                let c = snap((x * to_rad).cos());
                if c == 0.0 {
                    return Err(CalcError::NoRealResult);
                }
                snap((x * to_rad).sin()) / c
            }
            "asin" => x.asin() / to_rad,
            "acos" => x.acos() / to_rad,
            "atan" => x.atan() / to_rad,
            "log" => x.log10(),
            "ln" => x.ln(),
            other => return Err(CalcError::Unexpected(other.to_string())),
        };
        real(v)
    }
}

fn real(v: f64) -> Result<f64, CalcError> {
    if v.is_nan() {
        Err(CalcError::NoRealResult)
    } else {
        Ok(v)
    }
}

fn snap(v: f64) -> f64 {
    if v.abs() < 1e-12 { 0.0 } else { v }
}

/// The keys each kind of calculator shows, row by row: (label, inserted text).
fn keys(kind: &str) -> Vec<Vec<(&'static str, &'static str)>> {
    let mut rows = Vec::new();
    if kind == "scientific" || kind == "graphing" {
        rows.push(vec![
            ("sin", "sin("),
            ("cos", "cos("),
            ("tan", "tan("),
            ("log", "log("),
            ("ln", "ln("),
        ]);
        rows.push(vec![
            ("x^y", "^"),
            ("π", "π"),
            ("e", "e"),
            ("asin", "asin("),
            ("acos", "acos("),
        ]);
    }
    if kind != "basic" {
        rows.push(vec![("(", "("), (")", ")"), ("√", "√"), ("%", "%")]);
    }
    rows.push(vec![("7", "7"), ("8", "8"), ("9", "9"), ("÷", "÷")]);
    rows.push(vec![("4", "4"), ("5", "5"), ("6", "6"), ("×", "×")]);
    rows.push(vec![("1", "1"), ("2", "2"), ("3", "3"), ("−", "−")]);
    rows.push(vec![("0", "0"), (".", "."), ("+", "+")]);
    rows
}

/// Keys whose symbols screen readers say poorly, in the order of
/// [`Strings::keys`](crate::i18n::Strings::keys), which names them.
const NAMED_KEYS: [&str; 13] = [
    "÷", "×", "−", "+", "√", "x^y", "%", "(", ")", "π", ".", "⌫", "=",
];

/// The spoken name of a key, in the candidate's language.
fn key_name(label: &str, t: &crate::i18n::Strings) -> Option<&'static str> {
    NAMED_KEYS
        .iter()
        .position(|k| *k == label)
        .map(|i| t.keys[i])
}

impl CalcError {
    /// The message in the candidate's language.
    pub fn message(&self, t: &crate::i18n::Strings) -> String {
        match self {
            CalcError::Incomplete => t.calc_incomplete.into(),
            CalcError::Unexpected(s) => tr!(t.calc_unexpected, s),
            CalcError::DivideByZero => t.calc_divide_by_zero.into(),
            CalcError::NoRealResult => t.calc_no_result.into(),
            CalcError::TooLong => t.calc_too_long.into(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CalculatorProps {
    pub id: AttrValue,
    #[prop_or_default]
    pub locale: crate::i18n::Locale,
    /// `basic`, `standard`, `scientific` or `graphing`.
    pub kind: AttrValue,
    pub on_close: Callback<()>,
}

#[function_component(Calculator)]
pub fn calculator(props: &CalculatorProps) -> Html {
    let expr = use_state(String::new);
    let result = use_state(String::new);
    let degrees = use_state(|| true);
    let input = use_node_ref();
    let scientific = matches!(props.kind.as_str(), "scientific" | "graphing");

    let t = props.locale.t();
    let run = {
        let (expr, result, degrees) = (expr.clone(), result.clone(), degrees.clone());
        move || {
            let text = match evaluate(&expr, *degrees) {
                Ok(v) => format!("= {}", format(v)),
                Err(e) => e.message(t),
            };
            result.set(text);
        }
    };
    let press = {
        let (expr, run, input) = (expr.clone(), run.clone(), input.clone());
        Callback::from(move |key: &'static str| {
            match key {
                "=" => run(),
                "C" => expr.set(String::new()),
                "⌫" => {
                    let mut s = (*expr).clone();
                    s.pop();
                    expr.set(s);
                }
                k => expr.set(format!("{}{k}", *expr)),
            }
            if let Some(i) = input.cast::<HtmlInputElement>() {
                let _ = i.focus();
            }
        })
    };
    let oninput = {
        let expr = expr.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                expr.set(i.value());
            }
        })
    };
    let onkeydown = {
        let (run, on_close) = (run.clone(), props.on_close.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                run();
            }
            "Escape" => on_close.emit(()),
            _ => {}
        })
    };
    let key_button = |label: &'static str, text: &'static str| {
        let press = press.clone();
        html! {
            <button type="button" class="qti-calc-key" aria-label={key_name(label, t)}
                onclick={Callback::from(move |_: MouseEvent| press.emit(text))}>{ label }</button>
        }
    };
    let title = tr!(t.calculator, props.kind);
    html! {
        <section class="qti-tool qti-calculator" role="dialog" aria-modal="false"
            aria-label={title.clone()} id={props.id.clone()}>
            <header class="qti-tool-header">
                <h3>{ title }</h3>
                <button type="button" class="qti-tool-close" aria-label={t.close_calculator}
                    onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "×" }</button>
            </header>
            <input ref={input} type="text" class="qti-calc-input" aria-label={t.expression}
                autocomplete="off" spellcheck="false" value={(*expr).clone()} {oninput} {onkeydown} />
            <output class="qti-calc-result" aria-live="polite">{ (*result).clone() }</output>
            if scientific {
                <label class="qti-calc-mode">
                    <input type="checkbox" checked={*degrees}
                        onchange={let d = degrees.clone(); Callback::from(move |_: Event| d.set(!*d))} />
                    { " " }{ t.degrees }
                </label>
            }
            <div class="qti-calc-keys">
                { for keys(&props.kind).into_iter().map(|row| html! {
                    <div class="qti-calc-row">{ for row.into_iter().map(|(l, t)| key_button(l, t)) }</div>
                }) }
                <div class="qti-calc-row">
                    { key_button("C", "C") }
                    <button type="button" class="qti-calc-key" aria-label={key_name("⌫", t)}
                        onclick={let p = press.clone(); Callback::from(move |_: MouseEvent| p.emit("⌫"))}>{ "⌫" }</button>
                    <button type="button" class="qti-calc-key qti-calc-equals" aria-label={key_name("=", t)}
                        onclick={let p = press.clone(); Callback::from(move |_: MouseEvent| p.emit("="))}>{ "=" }</button>
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn eval(s: &str) -> Result<String, CalcError> {
        evaluate(s, true).map(format)
    }

    #[wasm_bindgen_test]
    fn arithmetic_follows_precedence() {
        assert_eq!(eval("7.5×4.2").unwrap(), "31.5");
        assert_eq!(eval("1+2*3").unwrap(), "7");
        assert_eq!(eval("(1+2)*3").unwrap(), "9");
        assert_eq!(eval("10−4−3").unwrap(), "3");
        assert_eq!(eval("8÷2÷2").unwrap(), "2");
        assert_eq!(eval("-2^2").unwrap(), "-4");
        assert_eq!(eval("2^3^2").unwrap(), "512");
        assert_eq!(eval("50%").unwrap(), "0.5");
        assert_eq!(eval("0.1+0.2").unwrap(), "0.3");
        assert_eq!(eval("√16+1").unwrap(), "5");
        assert_eq!(eval("2π").unwrap_err(), CalcError::Unexpected("π".into()));
    }

    #[wasm_bindgen_test]
    fn functions_in_degrees_and_radians() {
        assert_eq!(eval("sin(30)").unwrap(), "0.5");
        assert_eq!(eval("sin(180)").unwrap(), "0");
        assert_eq!(eval("cos(60)").unwrap(), "0.5");
        assert_eq!(eval("tan(45)").unwrap(), "1");
        assert_eq!(eval("tan(90)").unwrap_err(), CalcError::NoRealResult);
        assert_eq!(eval("asin(1)").unwrap(), "90");
        assert_eq!(format(evaluate("cos(pi)", false).unwrap()), "-1");
        assert_eq!(eval("log(1000)").unwrap(), "3");
        assert_eq!(eval("ln(e)").unwrap(), "1");
        assert_eq!(eval("sqrt(2)").unwrap(), "1.414213562");
    }

    #[wasm_bindgen_test]
    fn bad_input_gets_a_message_not_a_panic() {
        assert_eq!(eval("1/0").unwrap_err(), CalcError::DivideByZero);
        assert_eq!(eval("√-1").unwrap_err(), CalcError::NoRealResult);
        assert_eq!(eval("1+").unwrap_err(), CalcError::Incomplete);
        assert_eq!(eval("(1+2").unwrap_err(), CalcError::Incomplete);
        assert_eq!(eval("").unwrap_err(), CalcError::Incomplete);
        assert_eq!(
            eval("1..2").unwrap_err(),
            CalcError::Unexpected("1..2".into())
        );
        assert_eq!(
            eval("alert(1)").unwrap_err(),
            CalcError::Unexpected("alert".into())
        );
        assert_eq!(eval("10^400").unwrap_err(), CalcError::NoRealResult);
        assert_eq!(eval(&"(".repeat(200)).unwrap_err(), CalcError::TooLong);
        assert_eq!(eval(&"-".repeat(100)).unwrap_err(), CalcError::TooLong);
        assert_eq!(eval(&"1".repeat(300)).unwrap_err(), CalcError::TooLong);
    }

    #[wasm_bindgen_test]
    fn results_are_readable() {
        assert_eq!(format(1.0 / 3.0), "0.3333333333");
        assert_eq!(format(-0.0), "0");
        assert_eq!(format(1e20), "1.000000e20");
        assert_eq!(format(123456.5), "123456.5");
    }
}
