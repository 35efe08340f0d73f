"""Understanding item texts: which cases they name, hearing dates, the detainee's own words.

Modules: `names` (case matching and /follow lookup), `dates` (ru/en/kk dates and times),
`hearings`, `statements`, `pipeline` (`Understander`), `docs` (reading files), `extract_cli`.
Import from the modules; this package imports nothing heavy on its own.
"""
