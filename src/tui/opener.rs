//! Opening a URL with `$BROWSER`, else `xdg-open`, else `open`: started without waiting and
//! with its input and output away from the terminal the app draws on.

use std::process::{Command, Stdio};
use std::thread;

/// The program and arguments that open `url`: the first command of `$BROWSER` (a `:`-separated
/// list; `%s` stands for the URL, else it goes last), else the first installed opener.
pub fn opener_command(
    url: &str,
    var: impl Fn(&str) -> Option<String>,
    installed: impl Fn(&str) -> bool,
) -> Option<(String, Vec<String>)> {
    let browser = var("BROWSER").unwrap_or_default();
    if let Some(spec) = browser.split(':').map(str::trim).find(|s| !s.is_empty()) {
        let mut words = shell_words::split(spec).ok()?.into_iter();
        let program = words.next()?;
        let mut args: Vec<String> = words.collect();
        if args.iter().any(|a| a.contains("%s")) {
            for a in &mut args {
                *a = a.replace("%s", url);
            }
        } else {
            args.push(url.to_owned());
        }
        return Some((program, args));
    }
    ["xdg-open", "open"]
        .into_iter()
        .find(|p| installed(p))
        .map(|p| (p.to_owned(), vec![url.to_owned()]))
}

/// Opens `url`; returns what the status line says and whether it is an error.
pub fn open(url: &str) -> (String, bool) {
    let Some((program, args)) =
        opener_command(url, |v| std::env::var(v).ok(), super::clipboard::on_path)
    else {
        return (
            "no program to open URLs: set $BROWSER or install xdg-open".into(),
            true,
        );
    };
    let started = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match started {
        Ok(mut child) => {
            // Reaped off the UI thread; a browser may run for hours.
            thread::spawn(move || child.wait());
            (format!("opened {url} with {program}"), false)
        }
        Err(e) => (format!("could not run `{program}`: {e}"), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.org/a?b=1";

    #[test]
    fn browser_comes_first_and_may_place_the_url() {
        let browser = |spec: &'static str| move |v: &str| (v == "BROWSER").then(|| spec.to_owned());
        let (p, args) = opener_command(URL, browser("firefox --new-tab"), |_| true).unwrap();
        assert_eq!(
            (p.as_str(), args),
            ("firefox", vec!["--new-tab".into(), URL.into()])
        );
        let (p, args) = opener_command(URL, browser(":w3m %s:lynx"), |_| true).unwrap();
        assert_eq!((p.as_str(), args), ("w3m", vec![URL.to_owned()]));
    }

    #[test]
    fn without_browser_the_first_installed_opener() {
        let none = |_: &str| None;
        let (p, _) = opener_command(URL, none, |_| true).unwrap();
        assert_eq!(p, "xdg-open");
        let (p, _) = opener_command(URL, none, |p| p == "open").unwrap();
        assert_eq!(p, "open");
        assert!(opener_command(URL, none, |_| false).is_none());
    }
}
